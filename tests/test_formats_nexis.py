"""LexisNexis exports: classic text and HTML (English and German labels) and Nexis Uni DOCX."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from docx_support import NexisDoc, nexis_uni, ole_file
from newsdesk.formats import base, nexis_docx, nexis_fields, nexis_html, nexis_text, word
from newsdesk.identity_keys import one_per_article, same_article_key
from newsdesk.records import Preformatted, RawText

pytestmark = pytest.mark.unit

FIXTURES = ROOT / "tests" / "fixtures" / "nexis"
CTX = base.Context()


def raw_file(path: Path, kind: str, data: bytes | None = None) -> RawText:
    data = path.read_bytes() if data is None else data
    text = data.decode("utf-8-sig") if kind == "text" else ""
    return RawText(path=path, text=text, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(), kind=kind,
                   data=b"" if kind == "text" else data)  # fmt: skip


def text_export() -> list:
    raw = raw_file(FIXTURES / "three.txt", "text")
    assert nexis_text.score(raw) == 1.0
    return nexis_text.parse([raw], CTX)


def test_text_export_split_at_counters_and_cover_dropped():
    articles = text_export()
    assert [a.origin for a in articles] == [(f"{FIXTURES / 'three.txt'}#{n}",) for n in (1, 2, 3)]
    assert [a.title for a in articles] == ["Harbour ferry fares rise for the first time in a decade", "Second boat ordered",
                                           "Letters: the fare rise"]  # fmt: skip
    assert all("Download Request" not in " ".join(a.body) for a in articles)
    assert {a.format for a in articles} == {"nexis-text"}


def test_text_export_fields():
    first, second, third = text_export()
    assert (first.source, first.date, first.date_source, first.edition) == ("The Coastal Ledger", date(2024, 3, 14), "text",
                                                                            "Late Edition; North")  # fmt: skip
    assert first.byline == ("Lena Ortiz", "Tom Reyes")
    assert (first.section, first.page, first.word_count, first.dateline) == ("LOCAL NEWS; Pg. 4", 4, 212, "PORTSMOUTH")
    assert (first.load_date, first.language, first.publication) == (date(2024, 3, 15), "en", "Nexis")
    assert first.graphic == "The morning ferry leaves the north quay"
    assert first.copyright == "Copyright 2024 Coastal Ledger Media All Rights Reserved"
    assert second.byline == () and second.word_count == 98
    assert third.byline == ("MARA LINDQVIST",) and third.copyright is None


def test_text_export_body_unwrapped_and_tail_left_out():
    first, _, third = text_export()
    assert first.body == (
        "The harbour authority raised ferry fares on Thursday, the first rise in ten years, saying fuel and crew costs had "
        "doubled since the last change to the timetable.",
        "Commuters who cross twice a day will pay about 40 dollars more a month. A two-zone ticket stays at its old price "
        "until the autumn.",
        "The authority said the money would pay for a second boat.",
    )
    assert third.body == ("Readers wrote in their dozens about the new fares.",)


def test_plain_text_is_not_a_nexis_export():
    raw = RawText(path=Path("note.txt"), text="A title\n\n1 of the 3 documents we saw.\n", encoding="utf-8", sha256="")
    assert nexis_text.score(raw) == 0.0


def html_export(name: str) -> list:
    raw = raw_file(FIXTURES / name, "html")
    assert nexis_html.score(raw) == 1.0
    return nexis_html.parse([raw], CTX)


def test_html_export_fields_and_broken_document_named():
    first, second = html_export("export_en.html")
    assert first.title == "Quay repairs start / Ferries move to the south berth"
    assert (first.source, first.date, first.edition) == ("The Coastal Ledger", date(2025, 6, 3), "City Edition")
    assert (first.byline, first.credit, first.section, first.page) == (("ANNA BERG",), "Reuter", "CITY; Pg. 2", 2)
    assert (first.word_count, first.dateline, first.graphic) == (1204, "PORTSMOUTH", "A crane on the north quay")
    assert first.copyright == "Copyright 2025 Coastal Ledger Media"
    assert any("document 3" in w and "dropped" in w for w in first.warnings)
    assert second.origin == (f"{FIXTURES / 'export_en.html'}#2",)
    assert second.copyright is None and second.title == "Tide tables for the week are on page 9."
    assert second.body[1] == "Day | High water\nMonday | 06:10" and isinstance(second.body[1], Preformatted)
    assert any("no headline" in w for w in second.warnings)


def test_html_export_glued_paragraphs_split_and_entities_decoded():
    first, _ = html_export("export_en.html")
    assert first.body == (
        "Work on the north quay began on Tuesday.",
        "Ferries will use the south berth until July; the timetable & fares stay the same.",
        "The works were the last step.",
        "The council had waited two years for the money.",
    )


def test_html_export_german_labels():
    (article,) = html_export("export_de.html")
    assert (article.title, article.source) == ("Fähren fahren wieder nach Plan", "Hafenblatt Online")
    assert article.date == date(2024, 3, 4)
    assert (article.byline, article.section, article.word_count) == (("Jana Vogt",), "HAFEN UND STADT", 412)
    assert (article.load_date, article.language) == (date(2024, 3, 5), "de")
    assert article.description == "Nach drei Wochen Streik fahren die Fähren wieder."
    assert article.body == ("Hamburg - Seit Montag fahren die Fähren wieder nach dem alten Fahrplan.",)


def test_html_without_nexis_markers_is_not_claimed():
    raw = RawText(path=Path("page.html"), text="", encoding="utf-8", sha256="", kind="html", data=b"<html><p>Hello</p></html>")
    assert nexis_html.score(raw) == 0.0


DOCS = [
    NexisDoc(
        "Ferry fares rise",
        body=("The harbour authority raised fares on Thursday.", "Commuters will pay more.The rise is the first in a decade."),
        graphic="The morning ferry at the north quay",
        doc_id="urn:contentItem:5ABC-D1E2-F3G4-H5J6-00000-00",
    ),
    NexisDoc(
        "INTERNATIONAL BUSINESS;\nShipyards win orders - Correction Appended",
        date_line="March 15, 2024 Friday, Late Edition - Final",
        fields=(
            ("Section", "Section B; Pg. 1"),
            ("Length", "1,020 words"),
            ("Byline", "By ANNA BERG and TOM REYES; Anna Berg reported from Oslo."),
            ("Dateline", "OSLO"),
        ),
        body=("Two yards won orders for six ferries.", "https://news.example/2024/03/15/shipyards.html"),
        copyright=None,
    ),
    NexisDoc("Letters", source="Harbour Weekly - Final Edition", body=("Readers wrote in.",)),
]


def docx_export(data: bytes) -> list:
    raw = raw_file(Path("export.docx"), "docx", data)
    assert nexis_docx.score(raw) == 1.0 > word.score(raw)
    return nexis_docx.parse([raw], CTX)


def test_docx_export_cover_page_dropped_and_documents_split():
    articles = docx_export(nexis_uni(DOCS))
    assert [a.title for a in articles] == ["Ferry fares rise", "INTERNATIONAL BUSINESS; Shipyards win orders", "Letters"]
    assert [a.origin for a in articles] == [(f"export.docx#{n}",) for n in (1, 2, 3)]
    text = " ".join(p for a in articles for p in a.body)
    for furniture in ("User Name", "Job Number", "Client/Matter", "Narrowed by", "End of Document", "Load-Date", "Body"):
        assert furniture not in text, furniture


def test_docx_export_fields():
    first, second, third = docx_export(nexis_uni(DOCS))
    assert (first.source, first.date, first.section, first.word_count, first.byline) == (
        "The Coastal Ledger", date(2024, 3, 14), "LOCAL; Pg. 4", 120, ("Lena Ortiz",))  # fmt: skip
    assert (first.graphic, first.load_date, first.language) == ("The morning ferry at the north quay", date(2024, 3, 15), "en")
    assert first.copyright == "Copyright 2024 Coastal Ledger Media All Rights Reserved"
    assert (first.accession, second.accession) == ("urn:contentItem:5ABC-D1E2-F3G4-H5J6-00000-00", None)
    assert first.body == (
        "The harbour authority raised fares on Thursday.",
        "Commuters will pay more.",
        "The rise is the first in a decade.",
    )
    assert (second.edition, second.dateline, second.byline) == ("Late Edition - Final", "OSLO", ("ANNA BERG", "TOM REYES"))
    assert second.title_raw == "INTERNATIONAL BUSINESS; Shipyards win orders - Correction Appended"
    assert second.original_url == "https://news.example/2024/03/15/shipyards.html"
    assert second.body == ("Two yards won orders for six ferries.",)
    assert second.copyright is None and second.word_count == 1020
    assert (third.source, third.edition) == ("Harbour Weekly", "Final Edition")


def test_docx_export_without_cover_page():
    articles = docx_export(nexis_uni(DOCS[:1], cover=False))
    assert [a.title for a in articles] == ["Ferry fares rise"]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"PK\x03\x04 this zip stops here", "broken"),
        (ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x93" * 5000}), "without a password"),
        (ole_file({"WordDocument": b"\xec\xa5" * 100}), ".doc"),
    ],
)
def test_broken_and_encrypted_docx_named_with_what_to_do(data, says):
    raw = raw_file(Path("bad.docx"), "docx", data)
    assert nexis_docx.score(raw) == 0.0
    with pytest.raises(base.FormatError, match=says):
        word.parse([raw], CTX)


def test_truncated_docx_export_raises_format_error():
    data = nexis_uni(DOCS)
    raw = raw_file(Path("cut.docx"), "docx", data[: len(data) // 2])
    with pytest.raises(base.FormatError):
        nexis_docx.parse([raw], CTX)


def test_five_thousand_documents_parse_one_at_a_time():
    block = "\n".join([
        "                               {n} of 5000 DOCUMENTS", "", "                              The Coastal Ledger", "",
        "                           March 14, 2024 Thursday", "", "Tide report {n}", "", "LENGTH: 12 words", "",
        "High water at six, low water at noon, for day {n}.", "", "LOAD-DATE: March 15, 2024", "", "LANGUAGE: ENGLISH", "", "",
    ])  # fmt: skip
    text = "".join(block.format(n=n) for n in range(1, 5001))
    raw = RawText(path=Path("big.txt"), text=text, encoding="utf-8", sha256="")
    articles = nexis_text.parse([raw], CTX)
    assert len(articles) == 5000
    assert (articles[-1].title, articles[-1].origin) == ("Tide report 5000", ("big.txt#5000",))
    assert len({same_article_key(a) for a in articles}) == 5000


def test_same_article_key_for_a_re_export():
    (txt,) = [a for a in text_export() if a.title == "Second boat ordered"]
    docx_doc = NexisDoc("SECOND BOAT ORDERED", date_line="March 15, 2024 Friday", body=("Other words.",))
    (again,) = docx_export(nexis_uni([docx_doc]))
    assert same_article_key(txt) == same_article_key(again) is not None


def test_an_article_in_two_exports_is_one_article():
    docs = [NexisDoc("Ferry fares rise", doc_id="urn:contentItem:5ABC-D1E2-F3G4-H5J6-00000-00"), NexisDoc("Second boat")]
    first = docx_export(nexis_uni(docs))
    again = [dataclasses.replace(a, origin=(f"again.docx#{n}",)) for n, a in enumerate(docx_export(nexis_uni(docs[::-1])), 1)]
    merged = one_per_article(first + again)
    assert [(a.title, a.origin) for a in merged] == [
        ("Ferry fares rise", ("export.docx#1", "again.docx#2")),
        ("Second boat", ("export.docx#2", "again.docx#1")),
    ]


def test_label_words_are_data():
    r = nexis_fields.rules()
    assert r.labels["länge"] == "length" and r.labels["rubrique"] == "section" and r.labels["load-date"] == "load_date"
    assert nexis_fields.parse_date_line("12 avril 2013 mardi")[0] == date(2013, 4, 12)


@pytest.mark.build
def test_nexis_export_of_three_documents_builds_three_article_pages(site):
    import shutil
    import subprocess
    import sys

    shutil.copy(FIXTURES / "three.txt", site / "content" / "raw" / "ferry-export.txt")
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True,
    )  # fmt: skip
    headlines = [
        BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").find("h1").get_text(" ", strip=True)
        for p in (site / "output" / "articles").glob("*.html")
    ]
    for title in ("Harbour ferry fares rise for the first time in a decade", "Second boat ordered", "Letters: the fare rise"):
        assert headlines.count(title) == 1, (title, headlines)
    written = [p.read_text(encoding="utf-8") for p in (site / "content" / "articles").glob("*.md")]
    assert sum("ferry-export.txt#" in md for md in written) == 3
