"""A folder mixing saved pages, page text and an image builds into the site: each page an
article page in its story, topic and source pages and feeds; the image and the page's
`_files` folder named, not read."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

WEB = ROOT / "tests" / "fixtures" / "web"
CANONICAL = "https://www.riverside-courier.example/news/2024/03/14/harbour-bridge-reopens"
pytestmark = pytest.mark.build


def _json_ld(page) -> dict:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return next(b for b in blocks if b.get("@type") == "NewsArticle")


def test_saved_pages_build_into_the_site(site):
    raw = site / "content" / "raw"
    for name in ("article.html", "dup-a.html", "dup-b.html", "address-first.txt"):
        shutil.copy(WEB / name, raw / name)
    shutil.copytree(WEB / "complete", raw, dirs_exist_ok=True)
    (raw / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (site / "content" / "sources" / "riverside.yaml").write_text(
        "name: Riverside Courier\ndomain: riverside-courier.example\ncountry: GB\n", encoding="utf-8"
    )
    with (site / "content" / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("- label: Transport\n  kind: subject\n  aliases: [Transport]\n")
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True,
    )  # fmt: skip
    log = " ".join((done.stdout + done.stderr).split())
    assert "photo.jpg: is a JPEG image" in log
    assert "page_files: the saved files" in log

    out = site / "output"
    page = out / "articles" / "riverside-courier-harbour-bridge-reopens-after-repairs.html"
    data = _json_ld(page)
    assert data["isBasedOn"] == CANONICAL
    assert data["headline"] == "Harbour bridge reopens after repairs"
    shown = page.read_text(encoding="utf-8")
    assert "<table" in shown and "What changed on the bridge</h2>" in shown
    assert "javascript:" not in shown and "<iframe" not in shown and "evil.example" not in shown

    link = page.name
    (story,) = [p for p in (out / "stories").glob("*.html") if link in p.read_text(encoding="utf-8") and p.name != "index.html"]
    assert link in (out / "topics" / "transport.html").read_text(encoding="utf-8")
    assert link in (out / "sources" / "riverside-courier.html").read_text(encoding="utf-8")
    for feed in (out / "feeds" / "topics" / "transport.atom.xml", out / "feeds" / "sources" / "riverside-courier.atom.xml"):
        assert "Harbour bridge reopens after repairs" in feed.read_text(encoding="utf-8")
    assert (out / "feeds" / "stories" / f"{story.stem}.atom.xml").is_file()

    articles = site / "content" / "articles"
    (choir,) = articles.glob("*school-choir*.md")  # the page saved twice is one article
    assert "raw/dup-a.html" in choir.read_text(encoding="utf-8") and "raw/dup-b.html" in choir.read_text(encoding="utf-8")
    assert not [p for p in articles.glob("*.md") if "sofa" in p.read_text(encoding="utf-8").lower()]  # page_files unread
    (roof,) = articles.glob("*market-hall*.md")
    assert "original_url: https://eastbury-news.example/2024/02/02/market-hall-roof" in roof.read_text(encoding="utf-8")
    (lighthouse,) = articles.glob("*lighthouse*.md")
    text = lighthouse.read_text(encoding="utf-8")
    assert "title: Lighthouse keeper retires after forty years" in text and "format: web-text" in text
