"""Saved web pages: the article text and its metadata from pages written for these tests,
one page per rule or trap (tests/fixtures/web/)."""

from __future__ import annotations

import gzip
import json
import shutil

import markdown
import pytest
from conftest import ROOT
from formats_support import detect, extract
from newsdesk import formats, frontmatter, pipeline, reading
from newsdesk.formats import web, webtext
from newsdesk.profiles import Profiles
from newsdesk.records import Article, Markdown, RawText, SourceProfile
from newsdesk.webmeta import page_meta, url_date
from newsdesk.webpage import canonical_url, decode_page, parse_html

WEB = ROOT / "tests" / "fixtures" / "web"
pytestmark = pytest.mark.unit


def read(name: str, **kw) -> web.ReadPage:
    path = WEB / name
    return web.read_page(path.read_bytes(), path.name, **kw)


def text_of(page: web.ReadPage) -> str:
    return "\n".join(page.plain)


def test_json_ld_graph_gives_every_field_with_its_provenance():
    meta = read("article.html").meta
    assert meta.kind == "NewsArticle"
    assert meta.title == "Harbour bridge reopens after repairs"
    assert (meta.date.isoformat(), meta.updated.isoformat()) == ("2024-03-14", "2024-03-15")
    assert meta.byline == ("Mara Quill", "Tom Brandt")
    assert meta.source == "The Riverside Courier"
    assert meta.section == "Local news"
    assert meta.language == "en"
    assert meta.keywords == ("Bridges", "Transport")
    assert meta.original_url == "https://www.riverside-courier.example/news/2024/03/14/harbour-bridge-reopens"
    assert meta.provenance["date"] == meta.provenance["title"] == "json-ld"


def test_body_is_the_article_only():
    page = read("article.html")
    text = text_of(page)
    assert text.startswith("The old harbour bridge in Riverside carried traffic again")
    assert text.endswith("will stop at the end of the month.")
    for chrome in (
        "We use cookies",
        "Home",
        "Share on Twitter",
        "Sign up for our free daily newsletter",
        "Related stories",
        "Ferry service extended",
        "About time they opened it",
        "All rights reserved",
    ):
        assert chrome not in text, chrome
    assert "Harbour bridge reopens after repairs" not in text  # the headline is the title, not the text


def test_structure_kept_as_markdown_and_captions_apart():
    page = read("article.html")
    paragraphs = page.body.paragraphs
    assert "## What changed on the bridge" in paragraphs
    assert "- A separate lane for bicycles on the northern side\n- New lighting along the whole span" in "\n\n".join(paragraphs)
    assert "> We built it to last another hundred years, and we tested every cable twice before opening it." in paragraphs
    assert "| Year | Vehicles per day |\n| --- | --- |\n| 2022 | 21,400 |\n| 2023 | 19,800 |" in paragraphs
    assert page.body.captions == ("Cars cross the harbour bridge on Thursday morning. Photo: Lena Ortiz",)
    assert not any("Cars cross the harbour bridge" in p for p in paragraphs)
    assert all(isinstance(p, Markdown) for p in paragraphs if p.startswith(("##", "-", ">", "|")))


def test_only_http_links_survive_and_no_markup_reaches_the_site():
    page = read("article.html")
    linked = next(p for p in page.body.paragraphs if "engineers' report" in p)
    assert "[engineers' report](https://www.riverside-council.example/bridge-report)" in linked
    assert "a map of the new lanes is here." in linked  # javascript: and data: links become their text
    written = "\n\n".join(frontmatter.escape_markdown(p) for p in page.body.paragraphs)
    for banned in ("javascript:", "data:", "<script", "onclick", "onload", "<iframe", "<form", "<style", "position:fixed"):
        assert banned not in written, banned


def test_page_text_that_looks_like_markup_is_escaped():
    html = (
        "<html><head><title>Markup in text</title></head><body><article><h1>Markup in text</h1>"
        "<p>The council wrote &lt;script&gt;alert(1)&lt;/script&gt; in its notice by mistake, and the printers "
        "set it exactly as written in every copy of the weekly bulletin, which residents found very funny.</p>"
        "<p>A second paragraph says that [this](javascript:alert(1)) is only text and * stars * stay stars "
        "<a href='https://example.org/x'>with a link</a> to the bulletin itself for anyone who doubts it.</p>"
        "</article></body></html>"
    )
    page = web.read_page(html.encode(), "markup.html")
    written = "\n\n".join(frontmatter.escape_markdown(p) for p in page.body.paragraphs)
    assert "<script>" not in written and "&lt;script&gt;" in written
    shown = markdown.markdown(written, extensions=["extra"])
    assert "<script" not in shown and 'href="javascript' not in shown
    assert '<a href="https://example.org/x">with a link</a>' in shown and "[this](javascript:alert(1))" in shown


def test_opengraph_and_meta_when_there_is_no_json_ld():
    meta = read("opengraph.html").meta
    assert (meta.title, meta.source, meta.section, meta.byline) == (
        "Neue Buslinie für das Tal",
        "Talbote",
        "Lokales",
        ("Jana Fichte",),
    )
    assert meta.date.isoformat() == "2023-09-02"
    assert meta.provenance["date"] == "opengraph"
    assert meta.original_url == "https://talbote.example/lokales/neue-buslinie"  # fbclid dropped
    assert meta.description == "Ab Oktober fährt ein Bus stündlich bis zum letzten Dorf im Tal."
    assert meta.language == "de"


def test_date_from_the_address_path_then_the_visible_dateline():
    meta = read("url-date.html").meta
    assert (meta.date.isoformat(), meta.provenance["date"]) == ("2022-05-09", "address date path")
    meta = read("dateline.html").meta
    assert (meta.date.isoformat(), meta.provenance["date"]) == ("2021-10-19", "htmldate (page markup and text)")
    assert meta.title == "Orchard festival returns"  # the site's name after " - " is not the title
    assert url_date("https://example.com/news/story-20240101") is None


def test_time_element_when_metadata_has_no_date():
    html = (
        "<html><body><article><h1>Pool opens</h1><time datetime='2020-06-01T09:00'>Monday</time>"
        "<p>The pool opened.</p></article></body></html>"
    )
    meta = page_meta(parse_html(html))
    assert (meta.date.isoformat(), meta.provenance["date"]) == ("2020-06-01", "time element")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("empty-body.html", "empty web page"),
        ("paywall.html", "paywall"),
        ("consent.html", "cookie consent wall"),
        ("not-found.html", "error page"),
    ],
)
def test_pages_without_an_article_are_refused_with_what_to_do(name, says):
    with pytest.raises(web.PageError, match=says) as info:
        read(name)
    assert "save" in str(info.value) or "check" in str(info.value)


def test_a_wrong_meta_charset_is_believed_less_than_the_bytes():
    page = read("wrong-charset.html")
    assert page.encoding == "cp1252"
    assert page.meta.title == "Fête du village à Saint-Étienne"
    assert "élèves de l'école" in text_of(page)
    assert any("declares charset utf-8" in w for w in page.warnings)


def test_a_page_declaring_latin1_over_utf8_bytes_reads_as_utf8():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Grüße aus Köln</p></body></html>'.encode()
    page = decode_page(data)
    assert "Grüße aus Köln" in page.html and page.encoding == "utf-8" and page.warnings


def test_megabytes_of_inline_script_are_not_read_and_cost_little():
    article = (WEB / "article.html").read_text(encoding="utf-8")
    script = "<script>var blob = '" + "x" * 20_000_000 + "';</script>"
    page = web.read_page(article.replace("</body>", script + "</body>").encode(), "heavy.html")
    assert text_of(page).startswith("The old harbour bridge")
    assert any("MB of inline script" in w for w in page.warnings)


def test_single_file_web_archive_mhtml():
    page = read("ferry.mhtml", kind="mhtml")
    assert page.meta.title == "Ferry timetable changes"
    assert page.meta.source == "Island Times"
    assert page.meta.original_url == "https://island-times.example/news/ferry-timetable"
    assert "six o’clock" in text_of(page)


def test_gzip_compressed_page_reads_like_the_page(tmp_path):
    data = (WEB / "opengraph.html").read_bytes()
    assert web.read_page(gzip.decompress(gzip.compress(data)), "x.html.gz").meta == read("opengraph.html").meta


def test_same_page_saved_twice_has_one_canonical_address():
    a, b = read("dup-a.html").meta, read("dup-b.html").meta
    assert a.original_url == b.original_url == "https://hillside-herald.example/news/choir-prize"
    assert canonical_url("https://x.example/a?id=1&utm_campaign=z&gclid=q#p") == "https://x.example/a?id=1"


def test_article_from_a_page_with_a_profile_for_its_domain():
    profiles = Profiles(
        (SourceProfile(key="courier", name="Riverside Courier", domain="riverside-courier.example", country="GB"),)
    )
    article = web.to_article(read("article.html"), ("raw/article.html",), profiles, _Vocabulary({"Bridges": "Bridges"}))
    assert isinstance(article, Article)
    assert (article.format, article.source, article.country, article.source_domain) == (
        "web-page",
        "Riverside Courier",
        "GB",
        "riverside-courier.example",
    )
    assert article.original_url == article.accession
    assert article.captions and article.byline == ("Mara Quill", "Tom Brandt")
    assert article.topics == ("Bridges",)
    assert ("date", "json-ld") in article.provenance
    assert not article.warnings


def test_article_without_a_profile_names_its_site_and_says_so():
    article = web.to_article(read("opengraph.html"), ("raw/opengraph.html",), Profiles(), _Vocabulary({}))
    assert article.source == "Talbote" and article.source_domain == "talbote.example"
    assert any("no source profile" in w for w in article.warnings)


class _Vocabulary:
    """A vocabulary that knows some keywords: the topics module's interface, label_for()."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels

    def label_for(self, name: str) -> str | None:
        return self.labels.get(name)


def test_text_copied_from_a_page_address_first():
    text = (WEB / "address-first.txt").read_text(encoding="utf-8")
    assert webtext.looks_like(text)
    assert not webtext.looks_like("Lighthouse keeper retires\n\nhttps://example.com/\n")
    article = webtext.parse_text(text, "raw/address-first.txt", Profiles())
    assert article.title == "Lighthouse keeper retires after forty years"
    assert article.original_url == "https://www.coastal-chronicle.example/news/2020/07/08/lighthouse-keeper-retires.html"
    assert (article.source, article.source_domain) == ("coastal-chronicle.example", "coastal-chronicle.example")
    assert article.date.isoformat() == "2020-07-08" and article.date_note == "date line: July 8, 2020"
    assert article.body[0].startswith("The last keeper of the Gull Point lighthouse")
    assert all("http" not in p for p in article.body)


def test_text_copied_from_a_page_takes_its_source_from_a_profile_by_domain():
    text = (WEB / "address-first.txt").read_text(encoding="utf-8")
    profiles = Profiles((SourceProfile(key="cc", name="Coastal Chronicle", domain="coastal-chronicle.example"),))
    article = webtext.parse_text(text, "raw/address-first.txt", profiles)
    assert article.source == "Coastal Chronicle" and not article.warnings


def _raw_folder(tmp_path, names: dict[str, bytes]):
    for name, data in names.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_pages_through_the_pipeline_gzip_mhtml_and_two_saves_of_one_page(tmp_path):
    folder = _raw_folder(
        tmp_path,
        {
            "bridge.html.gz": gzip.compress((WEB / "article.html").read_bytes()),
            "ferry.mht": (WEB / "ferry.mhtml").read_bytes(),
            "choir.html": (WEB / "dup-a.html").read_bytes(),
            "choir (1).htm": (WEB / "dup-b.html").read_bytes(),
        },
    )
    rep = pipeline.Report()
    found = {a.title: a for a in extract(sorted(p for p in folder.iterdir() if p.is_file()), rep)}
    assert set(found) == {"Harbour bridge reopens after repairs", "Ferry timetable changes", "School choir wins regional prize"}
    assert {a.format for a in found.values()} == {"web-page"}
    choir = found["School choir wins regional prize"]
    assert [p.rsplit("/", 1)[-1] for p in choir.origin] == ["choir (1).htm", "choir.html"]  # equal text: the first
    assert any("saved more than once" in w for w in choir.warnings)
    assert not rep.skipped


def test_bad_pages_are_skipped_naming_the_file_and_the_build_goes_on(tmp_path):
    names = ("empty-body.html", "paywall.html", "consent.html", "not-found.html", "opengraph.html")
    folder = _raw_folder(tmp_path, {n: (WEB / n).read_bytes() for n in names})
    rep = pipeline.Report()
    articles = extract(sorted(folder.iterdir()), rep)
    assert [a.title for a in articles] == ["Neue Buslinie für das Tal"]
    skipped = dict((p.rsplit("/", 1)[-1], why) for p, why in rep.skipped)
    assert set(skipped) == set(names) - {"opengraph.html"}
    assert "paywall" in skipped["paywall.html"] and "error page" in skipped["not-found.html"]


def test_a_saved_pages_files_folder_is_named_not_read(tmp_path):
    shutil.copytree(WEB / "complete", tmp_path, dirs_exist_ok=True)
    listing = reading.list_raw(tmp_path)
    assert [p.name for p in listing.paths] == ["page.html"]
    assert [(p.rsplit("/", 1)[-1], "page.html" in why) for p, why in listing.ignored] == [("page_files", True)]


def test_the_registry_gives_pages_and_address_first_text_their_formats():
    page = RawText(path=WEB / "article.html", text="", encoding="binary", sha256="", kind="html", data=b"<html></html>")
    text = (WEB / "address-first.txt").read_text(encoding="utf-8")
    assert formats.detect(page) is web
    assert detect(text) is webtext
    assert detect("Lighthouse keeper retires\n\nThe keeper of the lighthouse retired.\n") is not webtext


def test_json_ld_is_read_within_bounds():
    """A script of 20,000 nested lists is looked at only so far: metadata, not a workload."""
    items = [[1, 2, 3]] * 20_000 + [{"@type": "NewsArticle", "headline": "Too far down"}]
    html = (
        f'<html><head><title>Page title</title><script type="application/ld+json">{json.dumps(items)}</script>'
        "</head><body><p>Text.</p></body></html>"
    )
    assert page_meta(parse_html(html)).title == "Page title"
    near = json.dumps([{"@type": "NewsArticle", "headline": "Near the top"}, *items[:10]])
    assert page_meta(parse_html(html.replace(json.dumps(items), near))).title == "Near the top"
