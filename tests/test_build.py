"""The real Pelican build of the sample site, into a temporary folder."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from building import pelican


def build(site: Path, conf: str = "pelicanconf.py", env: dict | None = None) -> subprocess.CompletedProcess:
    return pelican(site, conf=conf, env=env)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(sample_build):
    return sample_build


def page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / "output" / rel).read_text(encoding="utf-8"), "html.parser")


def test_pages_exist(built):
    site, result = built
    out = site / "output"
    for rel in ("index.html", "archives.html", "about.html", "topics/index.html", "stories/index.html",
                "topics/nato.html", "topics/russia.html", "topics/sergei-lavrov.html"):  # fmt: skip
        assert (out / rel).is_file(), rel
    articles = sorted(p.name for p in (out / "articles").glob("*.html"))
    assert articles == [
        "bangkok-post-kremlin-breaks-diplomatic-ties-with-nato.html",
        "bne-intellinews-russia-breaks-of-diplomatic-ties-with-nato.html",
    ]
    assert "Processed 2 articles" in result.stdout + result.stderr


def test_topic_pages_list_both_articles(built):
    site, _ = built
    for topic in ("nato", "russia", "sergei-lavrov"):
        links = {a["href"].rsplit("/", 1)[-1] for a in page(site, f"topics/{topic}.html").select("ul.articles a")}
        assert len(links) == 2, topic
    names = [a.get_text() for a in page(site, "topics/index.html").select("ul.topics a")]
    assert "NATO" in names and "Nato" not in names


def test_story_page_lists_both_articles_in_date_order(built):
    site, _ = built
    (story_file,) = (site / "output" / "stories").glob("2021-*.html")
    soup = page(site, f"stories/{story_file.name}")
    items = soup.select("ol.timeline li")
    assert [li.select_one(".source").get_text() for li in items] == ["Bangkok Post", "bne IntelliNews"]
    assert [li.time["datetime"] for li in items] == ["2021-10-18", "2021-11"]
    assert "inferred" in items[0].get_text() and "November 2021" in items[1].get_text()
    assert soup.find("link", rel="alternate", type="application/atom+xml", href=lambda h: "stories/" in h)


def test_feeds_parse_with_entries_newest_first(built):
    site, _ = built
    out = site / "output" / "feeds"
    (story_atom,) = (out / "stories").glob("*.atom.xml")
    (story_rss,) = (out / "stories").glob("*.rss.xml")
    for path in (out / "all.atom.xml", out / "all.rss.xml", story_atom, story_rss):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        titles = [e.title for e in feed.entries]
        assert titles == ["Russia breaks of diplomatic ties with Nato", "Kremlin breaks diplomatic ties with Nato"]
        for entry in feed.entries:
            assert entry.id.startswith("urn:uuid:")
            assert entry.published_parsed is not None
            assert entry.link.startswith("http://localhost:8000/articles/")
            assert entry.source.title in ("bne IntelliNews", "Bangkok Post")
        assert feed.entries[0].published.startswith(("2021-11-01", "Mon, 01 Nov 2021"))
        assert feed.entries[1].published.startswith(("2021-10-18", "Mon, 18 Oct 2021"))


def test_rebuild_is_byte_identical_and_publish_links_are_absolute(built, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built[0], site, symlinks=True)
    # Pagefind's index is not part of this comparison: Pagefind itself names its files differently
    # on every run over the same pages, and a build without it (as here) removes the old index.
    before = {k: v for k, v in tree_digest(site / "output").items() if not k.startswith("pagefind/")}
    build(site)
    assert tree_digest(site / "output") == before

    build(site, "publishconf.py", env={"SITEURL": "https://news.example.net", "PATH": "/usr/bin:/bin"})
    feed = feedparser.parse((site / "output" / "feeds" / "all.atom.xml").read_bytes())
    assert all(e.link.startswith("https://news.example.net/articles/") for e in feed.entries)
    index = page(site, "index.html")
    assert all(a["href"].startswith("https://news.example.net/") for a in index.select("ul.stories a"))


def test_not_found_page_for_static_hosts(built):
    site, _ = built
    soup = page(site, "404.html")
    assert soup.h1.get_text() == "Page not found"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "404.html" not in (site / "output" / "sitemap.xml").read_text(encoding="utf-8")
