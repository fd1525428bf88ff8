"""Dates in the forms the texts use, and where each article's date came from (`date_source`)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ROOT
from newsdesk import pipeline
from newsdesk.dates import date_from_filename, format_date, month_number, parse_date, with_year


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("RUSSIA Country Report November 2021", "2021-11", "month"),
        ("shares fell on Oct 19, 2021 in Moscow", "2021-10-19", "day"),
        ("Published 19 October 2021", "2021-10-19", "day"),
        ("updated 2021-10-19 at noon", "2021-10-19", "day"),
        ("Sept. 8, 2004", "2004-09-08", "day"),
        ("9 October 2003", "2003-10-09", "day"),
    ],
)
def test_date_forms(text, value, precision):
    found = parse_date(text)
    assert (format_date(found.value, found.precision), found.precision) == (value, precision)


def test_day_without_year_needs_a_year_from_elsewhere():
    assert parse_date("BASLE, March 3 - Sandoz said") is None
    assert with_year("BASLE, March 3 - Sandoz said", 1987).value == date(1987, 3, 3)
    assert with_year("on 6 Oct the alliance", 2021).value == date(2021, 10, 6)
    assert with_year("no day here", 2021) is None


def test_wire_month_typos():
    assert [month_number(w) for w in ("MARCH", "MArch", "Mach", "march", "Sept", "Dec.")] == [3, 3, 3, 3, 9, 12]
    assert month_number("Monday") is None


def test_date_in_file_name():
    assert date_from_filename("2021-10-19-nato.txt").value == date(2021, 10, 19)
    assert date_from_filename("bkp_20211019.txt").value == date(2021, 10, 19)
    assert date_from_filename("20211399.txt") is None


def run(tmp_path, name: str, text: str, sidecar: str | None = None, sources=None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / f"{name}.yaml").write_text(sidecar, encoding="utf-8")
    settings = pipeline.Settings(
        raw_dir=tmp_path, articles_dir=tmp_path / "_articles", sources_dir=sources or ROOT / "content" / "sources"
    )
    (article,) = pipeline.extract([path], settings)
    return article


PLAIN = "Ferry fares rise\n\nThe ferry company raised fares by a tenth, it said on Tuesday.\n"


def test_date_source_filename(tmp_path):
    article = run(tmp_path, "2023-05-02_ferry.txt", PLAIN)
    assert (article.date, article.date_source) == (date(2023, 5, 2), "filename")
    assert "2023-05-02_ferry.txt" in article.date_note


def test_date_source_sidecar_wins_over_the_file_name(tmp_path):
    article = run(tmp_path, "2023-05-02_ferry.txt", PLAIN, sidecar="date: 2023-05-03\n")
    assert (article.date, article.date_source, article.date_precision) == (date(2023, 5, 3), "sidecar", "day")


def test_date_source_text(tmp_path):
    article = run(tmp_path, "ferry.txt", "Ferry fares rise\n\nFares rose on 2 May 2023, the company said.\n")
    assert (article.date, article.date_source) == (date(2023, 5, 2), "text")


def test_date_source_profile(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "islandnews.yaml").write_text(
        "name: Island News\nmastheads: [Island News]\ndate_patterns:\n  - '^Printed edition: (?P<date>.+)$'\n"
        "boilerplate:\n  - '^Printed edition: '\n",
        encoding="utf-8",
    )
    clipping = (
        "Island News\n\nFerry fares rise\n\n-\n\nThe ferry company raised fares by a tenth, it said on Tuesday.\n\n"
        "Printed edition: 2 May 2023\n\nNewspapers in English\n"
    )
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    article = run(raw_dir, "ferry.txt", clipping, sources=tmp_path / "sources")
    assert article.source == "Island News"
    assert (article.date, article.date_source) == (date(2023, 5, 2), "profile")
    assert article.body == ("The ferry company raised fares by a tenth, it said on Tuesday.",)


def test_no_date_leaves_a_draft_and_no_source(tmp_path):
    article = run(tmp_path, "ferry.txt", PLAIN)
    assert (article.date, article.date_source, article.status) == (None, None, "draft")
