"""A story page built from several outlets shows what each adds and where they disagree;
the story's feed carries the same in each entry's summary (invented fixtures, tests/fixtures/compare)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from storysites import build, use_fixtures

pytestmark = pytest.mark.build


def build_compare_site(site: Path) -> Path:
    """The sample site with the comparison fixtures as its only raw texts, built; returns output/."""
    use_fixtures(site, "compare")
    build(site)
    return site / "output"


def test_story_page_compares_the_outlets_and_the_feed_says_it_too(site):
    output = build_compare_site(site)
    (page,) = [p for p in (output / "stories").glob("2025-05-*.html")]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    compare = soup.select_one("section.compare")
    disagree = " ".join(compare.select_one(".disagree li").get_text().split())
    assert "diplomats" in disagree
    assert disagree == "The number of diplomats: eight (Harbour Wire, Northern Courier) vs six (The Daily Ledger)"
    adds = {li.select_one(".source").get_text(): li.get_text(" ", strip=True) for li in compare.select(".adds > li")}
    assert "Tomas Reyl" in adds["The Daily Ledger"] and "invented charges" in adds["The Daily Ledger"]
    assert "Karvik" in adds["The Daily Ledger"]
    assert "Lena Marek" in adds["Harbour Wire"] and "Our patience has limits" in adds["Harbour Wire"]
    assert "Brenholm" in adds["Northern Courier"] and "Pavel Dorn" in adds["Northern Courier"]
    # no editor title: the most central headline, and a two-sentence summary from the coverage
    assert soup.h1.get_text() in {
        "Valdoria expels eight Ostrian diplomats over spying claims",
        "Velmora throws out Ostrian envoys in spying row",
        "Valdoria orders eight Ostrian diplomats out",
    }
    standfirst = soup.select_one("p.standfirst").get_text()
    assert standfirst.count(". ") + standfirst.endswith(".") >= 2
    feed = feedparser.parse((output / "feeds" / "stories" / f"{page.stem}.atom.xml").read_bytes())
    summaries = {e.title: e.summary for e in feed.entries}
    ledger = summaries["Velmora throws out Ostrian envoys in spying row"]
    assert "The Daily Ledger adds quotes Reyl: “These are invented charges" in ledger and "places Karvik" in ledger
    assert "Outlets differ on the number of diplomats: eight (Harbour Wire, Northern Courier) vs six (The Daily Ledger)" in ledger
