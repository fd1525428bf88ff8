"""Word files: one article or several, titles from styles, tables kept, broken files named."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx_support import ole_file, save
from formats_support import extract
from newsdesk import pipeline
from newsdesk.docx_text import DocxError, iter_blocks
from newsdesk.formats import base, word
from newsdesk.records import Preformatted, RawText

pytestmark = pytest.mark.unit

CTX = base.Context()


def read(data: bytes, name: str = "story.docx") -> list:
    raw = RawText(path=Path(name), text="", encoding="", sha256="", kind="docx", data=data)
    assert word.score(raw) == 0.5
    return word.parse([raw], CTX)


def one_article() -> bytes:
    document = docx.Document()
    document.add_paragraph("Ferries back on time after the strike", style="Title")
    document.add_paragraph("The harbour union and the city agreed on pay", style="Heading 2")
    document.add_paragraph("By Lena Ortiz")
    document.add_paragraph("PORTSMOUTH: Ferries ran to the timetable on 14 March 2024 for the first time in three weeks.")
    document.add_paragraph("The union said the deal would hold.The city said so too.")
    document.add_paragraph("What changes", style="Heading 2")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Route", "Boats"), ("North", "3")), strict=True):
        row.cells[0].text, row.cells[1].text = cells
    return save(document)


def test_one_article_title_from_title_style_and_cleanup():
    (article,) = read(one_article())
    assert article.origin == ("story.docx",)
    assert (article.format, article.title) == ("word", "Ferries back on time after the strike")
    assert article.subtitle == "The harbour union and the city agreed on pay"
    assert (article.byline, article.dateline) == (("Lena Ortiz",), "PORTSMOUTH")
    assert (article.date, article.date_source) == (date(2024, 3, 14), "text")
    assert article.body[:4] == (
        "Ferries ran to the timetable on 14 March 2024 for the first time in three weeks.",
        "The union said the deal would hold.",
        "The city said so too.",
        "What changes",
    )
    assert article.body[4] == "Route | Boats\nNorth | 3" and isinstance(article.body[4], Preformatted)


def test_title_from_first_line_when_no_style():
    document = docx.Document()
    document.add_paragraph("Quay reopens")
    document.add_paragraph("The north quay reopened on 3 June 2025.")
    (article,) = read(save(document))
    assert (article.title, article.body) == ("Quay reopens", ("The north quay reopened on 3 June 2025.",))


def test_many_articles_split_at_page_breaks():
    document = docx.Document()
    for n, title in enumerate(("Quay reopens", "Fares rise", "Second boat ordered")):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(title)
        document.add_paragraph(f"Story number {n + 1} was filed on 3 June 2025.")
    articles = read(save(document), "clippings.docx")
    assert [a.title for a in articles] == ["Quay reopens", "Fares rise", "Second boat ordered"]
    assert [a.origin for a in articles] == [(f"clippings.docx#{n}",) for n in (1, 2, 3)]
    assert articles[2].body == ("Story number 3 was filed on 3 June 2025.",)


def test_many_articles_split_at_first_level_headings():
    document = docx.Document()
    for title in ("Quay reopens", "Fares rise"):
        document.add_heading(title, level=1)
        document.add_paragraph("Filed on 3 June 2025.")
        document.add_heading("A crosshead stays in the body", level=2)
        document.add_paragraph("More text.")
    articles = read(save(document))
    assert [a.title for a in articles] == ["Quay reopens", "Fares rise"]
    assert articles[0].body == ("Filed on 3 June 2025.", "A crosshead stays in the body", "More text.")


def test_headings_under_one_title_are_crossheads():
    document = docx.Document()
    document.add_paragraph("One long report", style="Title")
    for head in ("First part", "Second part"):
        document.add_heading(head, level=1)
        document.add_paragraph("Text of the part, 3 June 2025.")
    (article,) = read(save(document))
    assert article.title == "One long report" and "Second part" in article.body


def test_empty_word_file_named():
    with pytest.raises(base.FormatError, match="no text"):
        read(save(docx.Document()))


def test_zip_without_a_document_named():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "not a Word file")
    with pytest.raises(DocxError, match=r"no word/document\.xml"):
        list(iter_blocks(out.getvalue()))


def test_styles_and_page_breaks_reported_by_docx_text():
    document = docx.Document()
    document.add_heading("Heading", level=1)
    document.add_paragraph("Body text")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Next page")
    blocks = [b for b in iter_blocks(save(document)) if b.text]
    assert [(b.text, b.style, b.level, b.page_break) for b in blocks] == [
        ("Heading", "Heading 1", 1, False),
        ("Body text", "Normal", None, False),
        ("Next page", "Normal", None, True),
    ]


@pytest.mark.parametrize(
    ("name", "streams", "says"),
    [
        ("story.docx", {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x93" * 5000},
         "is an encrypted Word document: save it without a password"),
        ("figures.xlsx", {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x93" * 5000},
         "is an encrypted Office document (Excel, PowerPoint): save it without a password"),
        ("story.docx", {"WordDocument": b"\xec\xa5" * 100}, "is an old Word/Excel document (.doc/.xls): save it as .docx"),
    ],
)  # fmt: skip
def test_an_encrypted_docx_is_named_apart_from_an_old_doc(tmp_path, name, streams, says):
    """Word saves a password-protected .docx as an OLE compound file, like an old .doc: its directory tells them apart."""
    (tmp_path / name).write_bytes(ole_file(streams))
    rep = pipeline.Report(quiet=True)
    assert extract([tmp_path / name], rep) == []
    ((where, why),) = rep.skipped
    assert where == str(tmp_path / name) and why.startswith(says)
