"""Factiva exports: Article Format HTML (English, German, Chinese interface), field-coded HTML and
text, Factiva XML; one export split into its articles, codes mapped to topics, broken files named."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import ROOT
from formats_support import extract
from newsdesk import pipeline
from newsdesk.dates import parse_local_date
from newsdesk.formats import factiva_export, factiva_html, factiva_xml, htmltext, proquest
from newsdesk.formats.base import Context, FormatError
from newsdesk.profiles import Profiles
from newsdesk.records import RawText, Topic
from newsdesk.topics import Vocabulary

pytestmark = pytest.mark.unit

FIXTURES = ROOT / "tests" / "fixtures" / "factiva_export"
CTX = Context(
    profiles=Profiles(),
    vocabulary=Vocabulary((Topic("United States", "place", aliases=("USA",)), Topic("Crime", "subject"))),
)


def raw_of(path: Path, kind: str) -> RawText:
    data = path.read_bytes()
    text = data.decode("utf-8") if kind == "text" else ""
    return RawText(path, text, "utf-8", hashlib.sha256(data).hexdigest(), kind=kind, data=b"" if kind == "text" else data)


def test_article_format_export_splits_into_articles_with_their_fields():
    first, second = factiva_html.parse([raw_of(FIXTURES / "article_format_en.html", "html")], CTX)
    assert first.origin == (f"{FIXTURES / 'article_format_en.html'}#1",)
    assert second.origin == (f"{FIXTURES / 'article_format_en.html'}#2",)
    assert (first.title, first.title_raw) == ("Harbour Bridge to Close for Repairs", "HARBOUR BRIDGE TO CLOSE FOR REPAIRS")
    assert first.section == "City Desk; 3"
    assert first.byline == ("Jane Roe", "John Doe")
    assert first.credit == "Special to the Harbour Gazette"
    assert (first.word_count, first.date.isoformat(), first.source) == (412, "2024-03-05", "Harbour Gazette")
    assert (first.edition, first.page, first.language) == ("Late Edition - Final", 3, "en")
    assert first.copyright == "Copyright 2024 Harbour Gazette Ltd. All Rights Reserved."
    assert first.accession == "HBGZT00020240305ek3500001"
    assert first.dateline == "PORTVILLE"
    assert first.body == (
        "The Harbour Bridge will close for six weeks from Monday while engineers replace its cables, the city said.",
        "Ferries will run every 20 minutes during the closure.",
    )
    assert first.captions == ("Photo: The bridge at dusk.",)  # the publisher line and "Document …" are not text
    assert (second.title, second.byline, second.section, second.edition) == ("Council backs new school", (), None, None)
    assert (second.copyright, second.accession) == ("(c) 2024 Harbour Gazette Ltd", "HBGZT00020240306ek3600002")


def test_german_interface_export_in_cp1252_with_list_numbers():
    first, second = factiva_html.parse([raw_of(FIXTURES / "article_format_de.html", "html")], CTX)
    assert first.title == "Neue Brücke für Oberweiler"  # "1) " is the export's list number
    assert second.title == "3) Grüße aus Übersee"  # only the number that is the article's place goes
    assert (first.word_count, first.date.isoformat(), first.language) == (58, "2017-11-20", "de")
    assert first.page is None  # "R8" names a page, but no page number
    assert (second.date.isoformat(), second.word_count, second.language) == ("1993-01-09", 877, "en")
    assert first.body[0] == "Oberweiler - Die Gemeinde baut eine neue Brücke über den Mühlbach."
    assert second.accession == "LNDBT00020171121edbl00002"  # "Dokument …"


def test_chinese_interface_export_of_a_korean_source():
    (article,) = factiva_html.parse([raw_of(FIXTURES / "article_format_zh.html", "html")], CTX)
    assert article.origin == (str(FIXTURES / "article_format_zh.html"),)  # the export's only article
    assert article.title == "항구 다리 보수 공사 시작"
    assert (article.word_count, article.date.isoformat(), article.language) == (212, "2018-10-07", "ko")
    assert (article.source, article.accession) == ("한반도일보", "HANBD00020181007eea700001")
    assert article.body == ("항구 다리가 다음 주부터 6주 동안 보수 공사에 들어간다.",)


@pytest.mark.parametrize(
    ("name", "kind", "module"), [("field_coded.html", "html", factiva_html), ("field_coded.txt", "text", factiva_export)]
)
def test_field_coded_export_in_html_and_text(name, kind, module):
    first, second = module.parse([raw_of(FIXTURES / name, kind)], CTX)
    assert first.title == "Police arrest two after harbour theft"
    assert first.byline == ("Ann Example",)
    assert (first.date.isoformat(), first.word_count, first.page, first.edition) == ("2023-06-12", 120, 4, "Final")
    assert first.body == (
        "Police arrested two men on Sunday after boats were stolen.",
        "Both will appear in court on Monday.",
        "The boats were found.",
    )
    assert first.accession == "HBGZT00020230612ej6c00005"
    # codes -> labels (rules/factiva_codes.yaml), broad groupings left out, unknown codes by the export's name
    assert first.keywords == ("Crime", "United States", "Zedland", "Harbour Gazette Ltd")
    assert first.topics == ("Crime", "United States")  # the labels the site's vocabulary knows
    assert (second.section, second.language, second.date.isoformat()) == ("Sport", "fr", "2011-12-29")
    assert (second.title, second.keywords, second.word_count) == ("Victoire du club local", ("France",), 40)


def test_factiva_xml_articles():
    first, second = factiva_xml.parse([raw_of(FIXTURES / "factiva.xml", "xml")], CTX)
    assert first.title == "Police arrest two after harbour theft"  # the <hlt> search hit is text
    assert (first.byline, first.date.isoformat(), first.word_count) == (("Ann Example",), "2023-06-12", 120)
    assert first.body[-1] == "The boats were found." and len(first.body) == 3
    assert (first.keywords, first.topics, first.language) == (("Crime", "United States"), ("Crime", "United States"), "en")
    assert (second.title_raw, second.date.isoformat()) == ("PORT STRIKE ENDS AFTER TWO DAYS", "1987-02-26")
    assert second.body == (  # hard-wrapped text: an indented line starts a paragraph
        "Dock workers in Portville went back to work on Thursday, the union said.",
        "The strike had stopped all shipping since Tuesday.",
    )
    assert second.accession == "WIRE00019870226-0002"


def test_xml_that_breaks_off_keeps_what_came_before():
    (article,) = factiva_xml.parse([raw_of(FIXTURES / "broken.xml", "xml")], CTX)
    assert article.accession == "HBGZT00020230612ej6c00005"
    assert "breaks off" in article.warnings[-1]
    with pytest.raises(FormatError, match="not well-formed XML"):
        factiva_xml.parse([raw_of(FIXTURES / "not_xml.xml", "xml")], CTX)


def test_each_shape_scored_by_its_own_format():
    assert factiva_html.score(raw_of(FIXTURES / "article_format_en.html", "html")) == 1.0
    assert factiva_html.score(raw_of(FIXTURES / "field_coded.html", "html")) == 1.0
    assert proquest.score(raw_of(FIXTURES / "article_format_en.html", "html")) == 0.0
    assert factiva_xml.score(raw_of(FIXTURES / "factiva.xml", "xml")) == 1.0
    assert factiva_export.score(raw_of(FIXTURES / "field_coded.txt", "text")) == 1.0
    prose = RawText(Path("note.txt"), "HD  is a code\nA letter about the harbour.\nIN  the end it rained.\n", "utf-8", "0")
    assert factiva_export.score(prose) == 0.0


def test_an_article_without_headline_says_so():
    text = (
        "PD  3 March 2021\nSN  Example\nLA  English\nWC  3 words\nTD\n\nOnly the text.\n\n"
        "AN  Document EXMPL00020210303eh3300001\n"
    )
    (article,) = factiva_export.parse([RawText(Path("x.txt"), text, "utf-8", "0")], CTX)
    assert article.body == ("Only the text.",) and article.accession == "EXMPL00020210303eh3300001"
    assert article.warnings == ("the export gives this article no headline (HD)",)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("9 Januar 1993", "1993-01-09"), ("29 décembre 2011", "2011-12-29"), ("2018 年 10 月 7 日 17:04", "2018-10-07"),
     ("2018년 5월 31일", "2018-05-31"), ("May 8, 2010", "2010-05-08"), ("3. März 2020", "2020-03-03")],
)  # fmt: skip
def test_dates_in_interface_languages(text, iso):
    assert parse_local_date(text).value.isoformat() == iso


def test_a_long_export_is_read_one_article_at_a_time():
    """Each article's markup is freed once read: the tree holds at most the articles of the
    piece being parsed, never the whole export (bench/exports_memory.py measures 5,000 articles)."""
    head, _, rest = (FIXTURES / "article_format_en.html").read_text(encoding="utf-8").partition('<div id="article-')
    one = '<div id="article-' + rest[: rest.index("<br><span></span>")] + "<br><span></span>\n"
    data = (head + one * 3000 + "</div></div></form></body></html>\n").encode("utf-8")
    assert len(data) > 2 * htmltext.CHUNK
    most = htmltext.CHUNK // len(one) + 2
    count = 0
    for count, element in enumerate(factiva_html.article_elements(data), 1):
        if count % 250 == 0:
            tree = element.getroottree().getroot()
            assert len(tree.findall('.//div[@id="hd"]')) <= most  # headlines still in the tree
    assert count == 3000


def test_cut_off_and_empty_exports_are_named():
    first, second = factiva_html.parse([raw_of(FIXTURES / "cut_off.html", "html")], CTX)
    assert first.accession == "HBGZT00020240305ek3500001" and not first.warnings
    assert second.title == "Council backs new school"
    assert second.body == ("The council voted 7-",)
    assert second.warnings == ("no accession number (Document …): the export may be cut off here",)
    with pytest.raises(FormatError, match="holds no article"):
        factiva_html.parse([raw_of(FIXTURES / "no_articles.html", "html")], CTX)


def test_meta_lines_told_apart_by_their_look():
    meta = ["Special to the Gazette", "399 Wörter", "1 April 2017", "bild.de", "BILDE", "BIDE", "00:00:37", "0",
            "Volume 171, Number 9", "Global Edition", "Deutsch", "Copyright 2017 Example GmbH"]  # fmt: skip
    assert factiva_html.meta_fields(meta) == {
        "WC": "399 Wörter", "CR": "Special to the Gazette", "PD": "1 April 2017", "SN": "bild.de", "SC": "BILDE",
        "ET": "00:00:37", "PG": "0", "ED": "Global Edition", "LA": "Deutsch", "CY": "Copyright 2017 Example GmbH",
    }  # fmt: skip
    article = factiva_export.to_article(factiva_html.meta_fields(meta), ("x.html",), CTX)
    assert (article.page, article.edition, article.credit, article.language) == (
        None,
        "Global Edition",
        "Special to the Gazette",
        "de",
    )


def test_region_and_subject_codes_become_topics_through_the_pipeline(tmp_path):
    """The export's indexing, where the site's vocabulary knows it, leads the topics found in the text."""
    path = tmp_path / "field_coded.html"
    path.write_bytes((FIXTURES / "field_coded.html").read_bytes())
    first, second = sorted(extract([path]), key=lambda a: a.origin)
    assert first.format == "factiva-html" and first.origin == (f"{path}#1",)
    assert first.topics[0] == "United States"  # RE usa; the text never names the country
    assert "Crime" in first.keywords and "Zedland" in first.keywords
    assert first.uid != second.uid and first.accession == "HBGZT00020230612ej6c00005"


def test_a_re_export_updates_the_articles_instead_of_adding_them(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "articles"
    raw.mkdir()
    (raw / "export-monday.html").write_bytes((FIXTURES / "field_coded.html").read_bytes())
    settings = pipeline.Settings(raw_dir=raw, articles_dir=out, topics_file=ROOT / "content" / "topics.yaml")
    pipeline.ingest(settings)
    before = sorted(p.name for p in out.glob("*.md"))
    (raw / "export-monday.html").unlink()
    corrected = (
        (FIXTURES / "field_coded.html").read_text(encoding="utf-8").replace("The boats were found.", "Both boats were found.")
    )
    (raw / "export-tuesday.html").write_text(corrected, encoding="utf-8")
    pipeline.ingest(settings)
    assert sorted(p.name for p in out.glob("*.md")) == before and len(before) == 2
    (page,) = [p for p in out.glob("*.md") if "police" in p.name]
    assert "Both boats were found." in page.read_text(encoding="utf-8")


def test_the_accession_number_stops_before_the_text_exports_trailer():
    """A text export prints Factiva's copyright after the last article's AN: it is no part of the number."""
    text = (FIXTURES / "field_coded.txt").read_text(encoding="utf-8") + "\n© 2023 Factiva, Inc. Tous droits réservés.\n"
    raw = RawText(Path("export.txt"), text, "utf-8", "", kind="text")
    _, last = factiva_export.parse([raw], CTX)
    assert last.accession == "PTPRT00020111229e7ct00002"


def test_an_export_and_its_text_version_are_one_article_per_story_named_by_both(tmp_path):
    """The same export saved as HTML and as text: each file yields both articles, the site holds each once."""
    (tmp_path / "export.html").write_bytes((FIXTURES / "field_coded.html").read_bytes())
    (tmp_path / "export-text.txt").write_bytes((FIXTURES / "field_coded.txt").read_bytes())
    rep = pipeline.Report(quiet=True)
    articles = extract(sorted(tmp_path.iterdir()), rep)
    assert len(articles) == 2
    for article in articles:
        assert [Path(o).name.partition("#")[0] for o in article.origin] == ["export-text.txt", "export.html"]
    said = sorted((Path(where).name, message.split(" (")[0]) for where, message in rep.warnings if "kept once" in message)
    assert said == [
        ("export.html#1", f"the same article as {tmp_path / 'export-text.txt'}#1"),
        ("export.html#2", f"the same article as {tmp_path / 'export-text.txt'}#2"),
    ]
