"""The article text of a saved page (webbody.py): what is taken out before trafilatura reads
the page, and links made absolute against the page's address. Invented pages."""

from __future__ import annotations

import pytest
from lxml import etree
from newsdesk.webbody import extract_body, without_code
from newsdesk.webmeta import page_meta
from newsdesk.webpage import parse_html

pytestmark = pytest.mark.unit

STORY = " ".join(["The ferry from the north shore ran on time all winter, the harbour office said."] * 6)


def test_scripts_styles_menus_and_footers_go_but_json_ld_and_the_text_after_them_stay():
    tree = parse_html(
        "<html><head><style>p{color:red}</style>"
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
        "<body><p>Before<script>var tracker = 1;</script> after</p><svg><text>logo</text></svg>"
        "<noscript>Turn on scripts</noscript><template><p>later</p></template>"
        "<nav>Home World Sport</nav><footer>Contact the desk</footer><button>Subscribe</button></body></html>"
    )
    without_code(tree)
    html = etree.tostring(tree, encoding="unicode")
    assert "NewsArticle" in html
    for gone in ("color:red", "tracker", "logo", "Turn on scripts", "later", "World Sport", "Contact", "Subscribe"):
        assert gone not in html
    assert tree.find(".//p").text_content() == "Before after"


def test_links_in_the_text_are_made_absolute_against_the_pages_address():
    tree = parse_html(
        f"<html><body><article><h1>Ferry on time</h1><p>{STORY} See the "
        '<a href="/timetable/winter">winter timetable</a> and <a href="mailto:desk@example.org">the desk</a>.</p>'
        "</article></body></html>"
    )
    body = extract_body(tree, "https://www.harbour.example/news/ferry", "Ferry on time")
    text = "\n".join(body.paragraphs)
    assert "[winter timetable](https://www.harbour.example/timetable/winter)" in text
    assert "mailto:" not in text and "the desk" in text


def test_a_page_is_read_the_same_twice_trafilatura_works_on_a_copy():
    html = f"<html><body><article><h1>Ferry on time</h1><p>{STORY}</p></article></body></html>"
    tree = parse_html(html)
    first = extract_body(tree, None, "Ferry on time")
    assert first.plain and first == extract_body(tree, None, "Ferry on time")


def test_a_date_written_out_in_words_is_still_found_when_the_quick_search_finds_none():
    html = "<html><head><title>Le bac</title></head><body><article><p>Le 5 mars 2021, le bac est reparti.</p></article>"
    meta = page_meta(parse_html(html))
    assert (meta.date.isoformat(), meta.provenance["date"]) == ("2021-03-05", "htmldate (page markup and text)")
    marked = html.replace("<title>", '<meta property="article:published_time" content="2021-03-04T09:00:00+01:00"><title>')
    assert page_meta(parse_html(marked)).date.isoformat() == "2021-03-04"  # the markup's date, found by the quick search
