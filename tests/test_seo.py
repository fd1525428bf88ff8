"""News metadata and crawler files: JSON-LD that no headline can break out of, sitemaps,
the Google News sitemap window, robots.txt from publishconf, pagination links."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from browser import copy_site, crawl, make
from bs4 import BeautifulSoup
from conftest import ROOT

ORIGINAL = "https://www.bangkokpost.com/world/2200001/kremlin-breaks-ties"
NASTY_TITLE = 'Kremlin </script><script>alert("x")</script> & <!-- ties'
CLIPPING = "articles/bangkok-post-kremlin-breaks-diplomatic-ties-with-nato.html"
REPORT = "articles/bne-intellinews-russia-breaks-of-diplomatic-ties-with-nato.html"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """The sample site with one page per article and a headline full of markup."""
    site = copy_site(tmp_path_factory.mktemp("seo-site"))
    sidecar = site / "content" / "raw" / "002_a289e56eff527252.txt.yaml"
    sidecar.write_text(json.dumps({"title": NASTY_TITLE, "byline": ["Jane Doe"], "original_url": ORIGINAL}), encoding="utf-8")
    (site / "content" / "raw" / "newsdesk-fixture-harbour.txt").write_text(HARBOUR_TEXT, encoding="utf-8")  # no date: a draft
    make(site, "html", opts="-e DEFAULT_PAGINATION=1")
    (clipping,) = (site / "output" / "articles").glob("bangkok-post-*.html")
    return site, site / "output", f"articles/{clipping.name}"


# A short text written for this test (not from any outlet).
HARBOUR_TEXT = """Bangkok Post

Harbour pilots test new tide gauges

-

BANGKOK: Harbour pilots began testing a new set of tide gauges on Tuesday, the port authority said.

The gauges report the water level every minute, which pilots say will make night arrivals safer.
"""


def wait_for(condition, seconds: float = 120, touch: Path | None = None) -> bool:
    """Poll until `condition()` is true; the build runs in another process.

    `touch` is saved again every few seconds, as a user would: a change saved while
    Pelican is still building, before it watches again, is not seen.
    """
    deadline = time.monotonic() + seconds
    next_touch = time.monotonic() + 5
    while time.monotonic() < deadline:
        if touch is not None and time.monotonic() > next_touch:
            touch.touch()
            next_touch = time.monotonic() + 5
        try:
            if condition():
                return True
        except FileNotFoundError:
            pass
        time.sleep(0.5)
    return False


def page_count(output) -> int:
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def soup(output, rel):
    return BeautifulSoup((output / rel).read_text(encoding="utf-8"), "html.parser")


def json_ld(output, rel) -> dict:
    scripts = soup(output, rel).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_json_ld_survives_markup_in_the_headline(variant):
    _, output, clipping = variant
    html = (output / clipping).read_text(encoding="utf-8")
    assert html.count("<script") == 1, "the headline opened a script element"
    page = BeautifulSoup(html, "html.parser")
    assert page.h1.get_text() == NASTY_TITLE
    data = json_ld(output, clipping)
    assert data["headline"] == NASTY_TITLE
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert data["dateline"] == "MOSCOW"
    assert data["datePublished"] == "2021-10-18"
    assert data["publisher"]["name"] == "Bangkok Post"
    assert data["isBasedOn"] == ORIGINAL
    assert page.select_one("p.original a")["href"] == ORIGINAL
    assert "isBasedOn" not in json_ld(output, REPORT)  # the report gives no original address


def test_open_graph_twitter_and_canonical(variant):
    _, output, clipping = variant
    page = soup(output, clipping)
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == f"http://localhost:8000/{clipping}"
    assert page.find("meta", property="og:url")["content"] == canonical
    assert page.find("meta", property="og:type")["content"] == "article"
    assert page.find("meta", property="og:title")["content"].startswith(NASTY_TITLE)
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert page.find("meta", property="article:published_time")["content"] == "2021-10-18"
    for rel in ("index.html", "index.2.html", "topics/nato.2.html", "archives/2021/11/index.html", "about.html"):
        assert soup(output, rel).find("link", rel="canonical")["href"] == f"http://localhost:8000/{rel}"
    assert soup(output, "about.html").select_one("nav.sections [aria-current=page]").get_text() == "About"
    assert soup(output, "topics/nato.html").select_one("nav.sections a.current").get_text() == "Topics"


def test_pagination_pages_link_up(variant):
    _, output, _ = variant
    for rel in ("index.2.html", "topics/nato.2.html", "sources/index.html", "archives.html"):
        assert (output / rel).is_file(), rel
    assert soup(output, "index.html").select_one('.pager a[rel="next"]')["href"] == "./index.2.html"
    assert soup(output, "index.2.html").select_one('.pager a[rel="prev"]')["href"] == "./index.html"
    checked, broken = crawl(output, "http://localhost:8000")
    assert broken == [] and checked > 200


def test_sitemap_lists_every_page_once(variant):
    _, output, clipping = variant
    urls = [u.findtext(f"{SM}loc") for u in ElementTree.parse(output / "sitemap.xml").getroot()]
    assert len(urls) == len(set(urls))
    rels = {u.removeprefix("http://localhost:8000/") for u in urls}
    for rel in (clipping, REPORT, "index.html", "topics/nato.html", "sources/bangkok-post.html",
                "stories/2021-11-nato-russia-sergei-lavrov.html", "archives/2021/10/index.html", "about.html"):  # fmt: skip
        assert rel in rels, rel
    assert all((output / rel).is_file() for rel in rels)


def test_news_sitemap_holds_the_last_two_days_before_the_newest_article(variant):
    _, output, _ = variant
    root = ElementTree.parse(output / "news-sitemap.xml").getroot()
    entries = [(u.findtext(f"{SM}loc"), u.find(f"{NEWS}news")) for u in root]
    # newest is the report (November 2021, read as 1 November); the clipping is 14 days older
    assert [loc for loc, _ in entries] == [f"http://localhost:8000/{REPORT}"]
    news = entries[0][1]
    assert news.findtext(f"{NEWS}publication_date") == "2021-11"
    assert news.findtext(f"{NEWS}title") == "Russia breaks of diplomatic ties with Nato"


def test_publish_robots_txt_follows_publishconf(tmp_path):
    site = copy_site(tmp_path)
    env = {**os.environ, "SITEURL": "https://news.example.net", "NEWSDESK_ROBOTS_ALLOW": "0"}
    make(site, "publish", conf="publishconf.py", env=env)
    robots = (site / "output" / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines()[:2] == ["User-agent: *", "Disallow: /"]
    assert "Sitemap: https://news.example.net/sitemap.xml" in robots
    page = soup(site / "output", CLIPPING)
    assert page.find("link", rel="canonical")["href"] == f"https://news.example.net/{CLIPPING}"
    assert (site / "output" / "pagefind" / "pagefind.js").is_file()
    env["NEWSDESK_ROBOTS_ALLOW"] = "1"
    make(site, "publish", conf="publishconf.py", env=env)
    robots = (site / "output" / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /drafts/" in robots and "Disallow: /\n" not in robots


def test_regenerate_rebuilds_when_a_raw_text_arrives(tmp_path):
    """`make regenerate` (and devserver) watch content/, raw texts included, and re-index search."""
    site = copy_site(tmp_path)
    variables = [f"INPUTDIR={site / 'content'}", f"OUTPUTDIR={site / 'output'}", f"CONFFILE={site / 'pelicanconf.py'}"]
    watcher = subprocess.Popen(
        ["make", "--no-print-directory", "-C", str(ROOT), "regenerate", *variables],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        assert wait_for(lambda: list((site / "output" / "pagefind").glob("pagefind-entry.json")))
        raw = site / "content" / "raw" / "newsdesk-fixture-harbour.txt"
        raw.write_text(HARBOUR_TEXT, encoding="utf-8")
        raw.with_name(raw.name + ".yaml").write_text("date: 2021-11-02\n", encoding="utf-8")
        assert wait_for(lambda: list((site / "output" / "articles").glob("*harbour*.html")), touch=raw)
        assert wait_for(lambda: page_count(site / "output") == 3)
    finally:
        os.killpg(watcher.pid, signal.SIGTERM)
        watcher.wait()


def test_drafts_are_neither_indexed_nor_searchable(variant):
    _, output, _ = variant
    (draft,) = (output / "drafts").glob("*harbour*.html")
    page = soup(output, f"drafts/{draft.name}")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find(attrs={"data-pagefind-body": True}) is None
    assert page_count(output) == 2
    assert "drafts/" not in (output / "sitemap.xml").read_text(encoding="utf-8")
