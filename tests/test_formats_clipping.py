"""E-paper clippings: masthead, headline, subheadline, separator, byline, dateline, captions, footers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from formats_support import detect, extract
from newsdesk import pipeline
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


# Layouts no profile describes (tests/fixtures/raw/clipping-unknown/, invented papers).

UNKNOWN = ROOT / "tests" / "fixtures" / "raw" / "clipping-unknown"


def unknown(*names: str) -> list:
    raws = [RawText(path=UNKNOWN / n, text=(UNKNOWN / n).read_text(encoding="utf-8"), encoding="utf-8", sha256="") for n in names]
    assert all(clipping.score(r) > 1.0 for r in raws)
    return clipping.parse_group(raws, PROFILES)


@pytest.mark.unit
def test_masthead_with_date_section_label_byline_caption_and_sign_off():
    (article,) = unknown("gazette_world.txt")
    assert (article.source, article.date, article.section) == ("The Harbour Gazette", date(1987, 3, 5), "WORLD NEWS")
    assert article.title == "Grain ships wait as river ice holds"
    assert article.subtitle == "Barges stranded upstream of the locks for a third week"
    assert (article.byline, article.dateline, article.credit) == (("Tomas Lind",), "RIVERTON", "Reuters")
    assert article.captions == ("Barges frozen in at the upper locks on Tuesday.",)
    assert article.body[-1].endswith("if it lasted into April.")
    assert not any("Reuters" in p or "Photo" in p for p in article.body)
    assert article.language == "en"


@pytest.mark.unit
def test_masthead_seen_on_two_clippings_is_known_and_a_profile_is_suggested():
    world, rates = unknown("gazette_world.txt", "gazette_rates.txt")
    assert rates.source == "The Harbour Gazette" and rates.section == "Business"
    assert rates.title == "Savings bank cuts its mortgage rate"
    assert rates.credit == "Reuters" and rates.body[-1] == "It was the second cut this year, the bank said."
    suggestion = [w for a in (world, rates) for w in a.warnings if "save this as" in w]
    assert len(suggestion) == 1
    profile = yaml.safe_load(suggestion[0].split("\n", 1)[1])
    assert profile == {"name": "The Harbour Gazette", "mastheads": ["The Harbour Gazette"], "language": "en"}
    assert "content/sources/the-harbour-gazette.yaml" in suggestion[0]


@pytest.mark.unit
def test_german_clipping_date_page_dateline_hyphenation_and_agency():
    (article,) = unknown("rheinbote_de.txt")
    assert (article.source, article.date, article.page) == ("Der Rheinbote", date(2023, 8, 9), 3)
    assert (article.section, article.byline, article.dateline) == ("Wirtschaft", ("Anna Berger",), "Altenburg")
    assert (article.language, article.credit) == ("de", "dpa")
    text = " ".join(article.body)
    assert "Die CDU-Fraktion" in text and "Einkaufspreise" in text and "Geschäftsführer" in text
    assert "Nord- und Südstadt" in text and not text.endswith("dpa")


@pytest.mark.unit
def test_french_clipping_drop_capital_full_stop_dateline_and_date():
    (article,) = unknown("courrier_fr.txt")
    assert (article.source, article.date, article.language) == ("Le Courrier de l'Aa", date(2023, 1, 1), "fr")
    assert article.title == "Un entrepôt vide ravagé par les flammes"
    assert article.dateline == "BERQUIN-LES-PRÉS"
    assert article.body[0].startswith("Il est 11 heures, ce dimanche, et une épaisse fumée")
    assert article.captions == ("Les pompiers devant l'entrepôt en fin de matinée.",)


@pytest.mark.unit
def test_page_text_drop_capital_crosshead_end_mark_and_glued_numbers():
    text = (
        "Un entrepôt vide détruit par le feu L\n"
        "ENS. Il est 9heures, ce lundi 2janvier, et une fumée noire monte au-dessus\n"
        "du quartier. Un feu vient de prendre dans un entrepôt de la rue du\n"
        "Port. Personne ne s'y trouvait.\n"
        "Longues opérations\n"
        "Les pompiers ont lutté pendant six heures avant de maîtriser les\n"
        "flammes, selon la préfecture.Th. D. ■\n"
    )
    raw = RawText(path=Path("p01.txt"), text=text, encoding="utf-8", sha256="")
    assert clipping.score(raw) == 1.0
    (article,) = clipping.parse([raw], Context(PROFILES))
    assert (article.title, article.dateline, article.language) == ("Un entrepôt vide détruit par le feu", "LENS", "fr")
    assert article.body[0].startswith("Il est 9 heures, ce lundi 2 janvier, et une fumée")
    assert article.body[0].endswith("rue du Port. Personne ne s'y trouvait.")
    assert article.body[1:] == (
        "Longues opérations",
        "Les pompiers ont lutté pendant six heures avant de maîtriser les flammes, selon la préfecture.",
    )
    assert article.byline == ("Th. D.",)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("ending", "credit"),
    [("— Reuters", "Reuters"), ("(Reuters)", "Reuters"), ("REUTERS", "Reuters"), ("— AP", "AP"), ("- AFP", "AFP")],
)
def test_agency_sign_off_goes_to_credit(ending, credit):
    body = "The pier reopened on Saturday after a winter of repairs.\n\nIt had been shut since October."
    text = f"Pier reopens after storm repairs\n\n{body}\n\n{ending}\n"
    raw = RawText(path=Path("pier.txt"), text=text, encoding="utf-8", sha256="")
    assert clipping.score(raw) > 0
    (article,) = clipping.parse([raw], Context(PROFILES))
    assert article.credit == credit
    assert article.body == ("The pier reopened on Saturday after a winter of repairs.", "It had been shut since October.")


@pytest.mark.unit
def test_a_headline_in_capitals_is_not_a_section_label():
    text = "SANDOZ PLANS WEEDKILLER VENTURE\n\nBASLE, March 3 - Sandoz said it planned a venture.\n\nNewspapers in English\n"
    raw = RawText(path=Path("caps.txt"), text=text, encoding="utf-8", sha256="")
    (article,) = clipping.parse([raw], Context(PROFILES))
    assert (article.title, article.section, article.dateline) == ("SANDOZ PLANS WEEDKILLER VENTURE", None, "BASLE")


@pytest.mark.unit
def test_the_profile_suggestion_is_said_in_the_summary(tmp_path):
    for name in ("gazette_world.txt", "gazette_rates.txt"):
        (tmp_path / name).write_text((UNKNOWN / name).read_text(encoding="utf-8"), encoding="utf-8")
    rep = pipeline.Report()
    extract(sorted(tmp_path.glob("*.txt")), rep)
    summary = rep.summary()
    assert "content/sources/the-harbour-gazette.yaml" in summary and "name: The Harbour Gazette" in summary


@pytest.mark.unit
def test_a_capital_ending_a_headline_set_apart_is_no_drop_capital():
    text = "Evening Ledger\n\nJEFFERIES MAKING MARKET IN USAIR U\n\nNEW YORK: Jefferies said it made a market.\n\n— Reuters\n"
    raw = RawText(path=Path("usair.txt"), text=text, encoding="utf-8", sha256="")
    (article,) = clipping.parse([raw], Context(PROFILES))
    assert (article.title, article.dateline, article.credit) == ("JEFFERIES MAKING MARKET IN USAIR U", "NEW YORK", "Reuters")
