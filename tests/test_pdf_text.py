"""PDF files read page by page: the text keeps the layout the report and Factiva parsers read.

Every PDF here is made by the test with reportlab from a text the project owns
(the sample report page, the invented Factiva fixture), so what the PDF holds is known.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from building import pelican
from conftest import REPORT_SEED, ROOT
from newsdesk import formats, frontmatter, pdf_text
from newsdesk.formats import Context, factiva_pdf, report
from newsdesk.profiles import load_profiles
from newsdesk.records import Article, RawText
from pdf_support import render
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FACTIVA = sorted((ROOT / "tests" / "fixtures" / "raw" / "factiva").glob("7.p*.txt"))
CONTEXT = Context(profiles=load_profiles(ROOT / "content" / "sources"))


def page_texts(texts: list[str], name: str) -> list[RawText]:
    """Page texts as a user gives them today: `<name>.p01.txt`, `<name>.p02.txt`..."""
    return [RawText(path=Path(f"{name}.p{n:02d}.txt"), text=t, encoding="utf-8", sha256="") for n, t in enumerate(texts, 1)]


def pdf_pages(data: bytes, name: str) -> list[RawText]:
    texts, blank = pdf_text.expand(
        RawText(path=Path(f"{name}.pdf"), text="", encoding="binary", sha256="", kind="pdf", data=data), max_pages=10
    )
    assert not blank
    return texts


def same(a: Article, b: Article) -> bool:
    """Equal but for the origin and the spaces inside a line."""

    def fields(x: Article) -> tuple:
        return (x.title, x.date, x.source, x.byline, x.section, x.dateline, [(type(p), " ".join(p.split())) for p in x.body])

    return fields(a) == fields(b)


def test_lines_columns_and_blank_lines_kept():
    text = "REPORT TITLE\n\n  2.1 A heading\nFirst line of text.\n\n\nRegion        2021     2020\nNorth          1.2      1.1\n"
    (page,) = pdf_text.pages(render([text]), max_pages=10)
    assert page == text


def test_report_page_from_a_pdf_is_the_article_of_its_text():
    text = REPORT_SEED.read_text(encoding="utf-8")
    data = render([text], size=6, width=1700)  # the seed's paragraphs are single lines of up to 440 characters
    pages = pdf_pages(data, "report")
    assert formats.detect(pages[0]) is report
    from_pdf = report.parse(pages, CONTEXT)
    from_text = report.parse(page_texts([text], "report"), CONTEXT)
    assert [a.origin for a in from_pdf] == [("report.pdf#p1",)]
    assert [a.title for a in from_pdf] == ["Russia breaks of diplomatic ties with Nato"]
    assert [a.body for a in from_pdf] == [a.body for a in from_text]
    assert [(a.page, a.publication, a.source, a.date) for a in from_pdf] == [
        (a.page, a.publication, a.source, a.date) for a in from_text
    ]


@pytest.mark.parametrize("font", ["Courier", "Helvetica"])
def test_factiva_pdf_pages_give_the_article_of_the_page_texts(font):
    texts = [p.read_text(encoding="utf-8") for p in FACTIVA]
    pages = pdf_pages(render(texts, font=font), "7")
    assert [p.part for p in pages] == [1, 2] and all("\f" not in p.text for p in pages)
    (group,) = factiva_pdf.group(pages)
    (from_pdf,) = factiva_pdf.parse(group, CONTEXT)
    (from_text,) = factiva_pdf.parse(page_texts(texts, "7"), CONTEXT)
    assert from_pdf.origin == ("7.pdf#p1", "7.pdf#p2")
    assert from_pdf.title.startswith("Harbour authority sells bonds")
    assert same(from_pdf, from_text)
    if font == "Courier":
        assert from_pdf.body == from_text.body  # on an exact grid the table keeps its very spacing


def test_a_scan_without_text_is_named_with_what_to_do():
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(612, 792), invariant=1)
    pdf.drawImage(ImageReader(Image.new("L", (200, 100), 200)), 72, 600, 200, 100)
    pdf.showPage()
    pdf.save()
    with pytest.raises(pdf_text.PdfError, match=r"no text layer.*ocrmypdf"):
        list(pdf_text.pages(out.getvalue(), max_pages=10))


def test_a_page_without_text_between_pages_with_text_keeps_the_numbering():
    pages = list(pdf_text.pages(render(["One\n", "", "Three\n"]), max_pages=10))
    assert pages == ["One\n", "", "Three\n"]


def test_an_encrypted_pdf_is_named():
    data = render(["Secret text\n"], encrypt=StandardEncryption("reader", ownerPassword="owner", strength=128))
    with pytest.raises(pdf_text.PdfError, match="encrypted"):
        list(pdf_text.pages(data, max_pages=10))


def test_a_pdf_that_only_restricts_editing_is_read():
    data = render(["Open to read\n"], encrypt=StandardEncryption("", ownerPassword="owner", canModify=0))
    assert list(pdf_text.pages(data, max_pages=10)) == ["Open to read\n"]


@pytest.mark.parametrize("cut", [0.1, 0.6, 0.95])
def test_a_truncated_pdf_is_named(cut):
    data = render([f"Page {n} text\n" for n in range(1, 6)])
    with pytest.raises(pdf_text.PdfError, match=r"not a readable PDF \(damaged or cut short\)"):
        list(pdf_text.pages(data[: int(len(data) * cut)], max_pages=10))


def test_not_a_pdf_at_all_is_named():
    with pytest.raises(pdf_text.PdfError, match="not a readable PDF"):
        list(pdf_text.pages(b"%PDF-1.4\nthis is no PDF body", max_pages=10))
    with pytest.raises(pdf_text.PdfError, match="does not start like a PDF"):
        list(pdf_text.pages(b"plain words", max_pages=10))


def test_too_many_pages_are_refused_before_any_is_read():
    with pytest.raises(pdf_text.PdfError, match="has 3 pages, more than the 2"):
        next(pdf_text.pages(render(["a\n", "b\n", "c\n"]), max_pages=2))


def test_typographic_quotes_survive():
    data = render(["\u201cQuoted\u201d \u2019s\n"], font="Helvetica")
    assert list(pdf_text.pages(data, max_pages=1)) == ["\u201cQuoted\u201d \u2019s\n"]


@pytest.mark.build
def test_a_pdf_report_page_in_the_raw_folder_is_built_as_the_article_of_its_text(site):
    """The sample report page given as a PDF instead of its text: the same article as the one committed from the text."""
    raw = site / "content" / "raw"
    (raw / REPORT_SEED.name).unlink()
    (raw / "report-p27.pdf").write_bytes(render([REPORT_SEED.read_text(encoding="utf-8")], size=6, width=1700))
    pelican(site)
    built = {}
    for path in (site / "content" / "articles").glob("*.md"):
        meta, body = frontmatter.load(path.read_text(encoding="utf-8"))
        built[str(meta["origin"])] = (path.stem, meta, body)
    slug, from_pdf, body_pdf = built["raw/report-p27.pdf#p1"]
    from_text, body_text = frontmatter.load((ROOT / "content" / "articles" / f"{slug}.md").read_text(encoding="utf-8"))
    assert str(from_text["origin"]) == f"raw/{REPORT_SEED.name}"
    assert body_pdf == body_text
    for field in ("title", "date", "source", "publication", "page", "section", "format", "story"):
        assert from_pdf.get(field) == from_text.get(field), field
    assert (site / "output" / "articles" / f"{slug}.html").is_file()


def test_a_pdf_no_other_format_reads_is_one_plain_article_of_all_its_pages(tmp_path):
    from formats_support import extract

    pages = ["Harbour opens its new quay\n\nThe harbour opened its new quay on 3 March 2021, two years after work began.\n",
             "The council said more berths would follow next year.\n"]  # fmt: skip
    (tmp_path / "story.pdf").write_bytes(render(pages))
    (article,) = extract([tmp_path / "story.pdf"])
    assert (article.format, article.title) == ("plain", "Harbour opens its new quay")
    assert article.origin == (f"{tmp_path}/story.pdf#p1", f"{tmp_path}/story.pdf#p2")
    assert article.body[-1] == "The council said more berths would follow next year."
