"""E-paper clippings: masthead, headline, subheadline, separator, byline, dateline, captions, footers."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from formats_support import detect
from newsdesk.formats import Context, clipping
from newsdesk.profiles import load_profiles
from newsdesk.records import RawText

FIXTURES = ROOT / "tests" / "fixtures" / "raw" / "clipping"
PROFILES = load_profiles(ROOT / "content" / "sources")


def parse(name: str):
    path = FIXTURES / name
    raw = RawText(path=path, text=path.read_text(encoding="utf-8"), encoding="utf-8", sha256="")
    assert detect(raw.text) is clipping
    (article,) = clipping.parse([raw], Context(PROFILES))
    return article


def test_known_masthead_without_separator_subheadline_byline_and_ap_dateline():
    article = parse("bkp_no_separator.txt")
    assert article.source == "Bangkok Post" and not article.warnings
    assert article.title == "Senate passes budget after late-night session"
    assert article.subtitle == "Spending on rural roads doubles as opposition walks out"
    assert article.byline == ("Somchai Rattanakul", "Jane Morrow")
    assert (article.dateline, article.credit) == ("WASHINGTON", "AP")
    assert article.body[0] == "The US Senate passed the spending bill early on Friday after a session that ran past midnight."
    assert (article.language, article.country) == ("en", "Thailand")


def test_reuters_caption_and_its_repeat_leave_the_body():
    article = parse("bkp_no_separator.txt")
    assert article.captions == ("Senators leave the chamber after the vote on Friday.",)
    text = "\n".join(article.body)
    assert "Senators leave the chamber" not in text and "??" not in text and "REUTERS" not in text
    assert "Newspapers" not in text


def test_dropped_dash_restored_only_where_both_halves_are_words_of_the_text():
    article = parse("bkp_no_separator.txt")
    assert "the Asia-Pacific trade clause" in article.body[2]


def test_unknown_masthead_with_separator_becomes_the_source():
    article = parse("gulf_unknown_masthead.txt")
    assert article.source == "Gulf Daily Tribune"
    assert article.title == "Port strike ends after pay deal" and article.subtitle is None
    assert (article.dateline, article.credit) == ("DUBAI", "AFP")
    assert article.captions == ("Cranes stand idle at the container terminal on Monday.",)
    assert article.body == (
        "Dock workers returned to work on Tuesday after the port authority agreed to raise wages by 8 per cent.",
        "The strike had stranded more than 40 ships at anchor.",
    )
    assert article.country == "United Arab Emirates" and article.language == "en"
    assert any("no source profile matched" in w and "Gulf Daily Tribune" in w for w in article.warnings)


def test_unknown_masthead_without_separator():
    article = parse("courier_no_separator.txt")
    assert article.source == "The Highland Courier"
    assert article.title == "Ferry service to the islands cut for winter"
    assert article.byline == ("Morag Dunn",)
    assert article.dateline == "INVERNESS"
    assert article.body[0].startswith("The ferry operator will run")


def test_clipping_without_masthead_keeps_headline_as_title():
    text = "Storm closes schools\n\n-\n\nLONDON: Schools in the north closed on Monday.\n\nNewspapers in English\n"
    raw = RawText(path=Path("storm.txt"), text=text, encoding="utf-8", sha256="")
    (article,) = clipping.parse([raw], Context(PROFILES))
    assert (article.title, article.source, article.dateline) == ("Storm closes schools", None, "LONDON")
    assert article.body == ("Schools in the north closed on Monday.",)
    assert any("no masthead found" in w for w in article.warnings)
