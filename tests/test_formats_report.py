"""Report pages: running heads and feet, page runs, headings, two articles a page, pages joined."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from formats_support import extract
from newsdesk import pipeline
from newsdesk.formats import report
from newsdesk.profiles import load_profiles
from newsdesk.records import RawText

FIXTURES = ROOT / "tests" / "fixtures" / "raw"
PROFILES = load_profiles(ROOT / "content" / "sources")


def by_title(articles: list) -> dict:
    return {a.title: a for a in articles}


def raw(text: str, name: str = "page.txt") -> RawText:
    return RawText(path=Path(name), text=text, encoding="utf-8", sha256="")


def test_page_debris_goes_and_headings_give_title_and_section():
    articles = extract([FIXTURES / "report" / "ukr_p14.txt"])
    (steel,) = articles
    assert (steel.title, steel.section, steel.page) == ("Steel output falls by a third", "3.4", 14)
    assert steel.source == "bne IntelliNews"
    assert steel.publication == "Ukraine Country Report, March 2022"
    assert (steel.date.isoformat(), steel.date_precision, steel.date_source) == ("2022-03-01", "month", "text")
    text = "\n".join(steel.body)
    for debris in ("Page 14", "UkrRPTMar22", "P. 14", "www.intellinews.com", "Country Report", "12", "\u00a0"):
        assert debris not in text
    assert steel.body == ("Steel output fell by a third in February as two plants in the east halted production.",)


def test_page_number_run_with_non_breaking_spaces_is_debris():
    page = "P. 3\n 1.1 Title of it\nBody text of the article.\n\u00a0\u00a0 1\u00a0 2\u00a0 \u00a03 4 5\n"
    (article,) = report.parse_page(raw(page), PROFILES)
    assert article.body == ("Body text of the article.",)


def test_two_articles_on_one_page_and_a_page_that_runs_on():
    articles = extract([FIXTURES / "report" / f"ukr_p{n}.txt" for n in (12, 13)])
    titles = [a.title for a in articles]
    assert titles == ["Kyiv raises gas tariffs for industry", "Grain corridor talks resume", "Central bank holds key rate"]
    tariffs, grain, rate = articles
    # hyphenated line end rejoined, hard-wrapped lines reflowed into paragraphs
    assert tariffs.body == (
        "The energy regulator raised gas tariffs for industrial users by 15% from April 1, saying the state "
        "supplier could no longer cover its costs at the old rates.",
        "Households are not affected until the heating season ends, the regulator said in a statement on March 14.",
    )
    # the article cut mid-sentence at the foot of page 12 goes on at the top of page 13
    assert [Path(o).name for o in grain.origin] == ["ukr_p12.txt", "ukr_p13.txt"]
    assert grain.body[0].endswith("for the first time since the ports of Odesa were closed to commercial traffic.")
    assert grain.body[1] == "Shipping companies said insurance costs remained too high for most vessels."
    assert [Path(o).name for o in rate.origin] == ["ukr_p13.txt"]


def test_consecutive_pages_that_do_not_continue_stay_apart():
    articles = extract([FIXTURES / "report" / f"ukr_p{n}.txt" for n in (13, 14, 16)])
    steel = by_title(articles)["Steel output falls by a third"]
    assert [Path(o).name for o in steel.origin] == ["ukr_p14.txt"]
    fragment = next(a for a in articles if Path(a.origin[0]).name == "ukr_p16.txt")
    assert len(fragment.origin) == 1
    assert fragment.body == ("and the ministry expects exports to recover by the summer.",)
    assert any("page 15 of this report was not given" in w for w in fragment.warnings)


def test_a_page_without_its_previous_page_is_not_joined_to_another_report():
    other = FIXTURES / "report-unknown" / "ngm_p6.txt"
    articles = extract([FIXTURES / "report" / "ukr_p13.txt", other])
    assert all(len(a.origin) == 1 for a in articles)


def test_unknown_publisher_running_head_learned_from_its_other_pages():
    pages = sorted((FIXTURES / "report-unknown").glob("*.txt"))
    articles = extract(pages)
    titles = ["Wind output sets a record", "Cable to Estonia back in service", "Prices fall in the south"]
    assert [a.title for a in articles] == titles
    for article in articles:
        assert article.source == "nordicgrid.example"
        assert any("no source profile matched" in w for w in article.warnings)
        text = "\n".join(article.body)
        assert "NORDIC GRID MONITOR" not in text and "Issue 14" not in text and "nordicgrid" not in text
    reflowed = "Day-ahead prices in the southern zone fell to their lowest level since 2020 as hydro reservoirs filled."
    assert articles[2].body == (reflowed,)


def test_running_foot_from_a_profile_pattern(tmp_path):
    (tmp_path / "gridwatch.yaml").write_text(
        "name: Grid Watch\ndomain: gridwatch.example\nboilerplate:\n  - '^\\s*For subscribers only - do not forward\\s*$'\n",
        encoding="utf-8",
    )
    page = (
        "P. 4\n 1.2 Hydro levels recover\nReservoirs filled in April.\n"
        "For subscribers only - do not forward\n   4 Grid Watch April 2023 www.gridwatch.example\n"
    )
    (article,) = report.parse_page(raw(page), load_profiles(tmp_path))
    assert article.body == ("Reservoirs filled in April.",)
    assert article.source == "Grid Watch" and not article.warnings
    (kept,) = report.parse_page(raw(page), PROFILES)
    assert "For subscribers only - do not forward" in kept.body


def test_lines_ending_in_web_addresses_do_not_make_a_report_page():
    text = (
        "Eurovision hosts get ready\n\nTickets go on sale on 28 February, see www.eurovision.example\n"
        "Visas are handled in Stuttgart, www.consulate.example\nMore at www.singers.example\n"
    )
    from formats_support import detect

    assert detect(text) is not report


def test_a_line_repeated_mid_page_is_text_not_a_running_head(tmp_path):
    words = {5: ("Wind", "rose", "north"), 6: ("Hydro", "fell", "south")}
    for n, (what, how, where) in words.items():
        (tmp_path / f"p{n}.txt").write_text(
            f"Grid Review | Issue 2\n\n {n}.1 Output item {n}\n{what} output {how} in the {where}.\n"
            f"{what} plants ran at full load.\nSource: Nordic Statistics Office\n{what} prices {how} too.\n"
            f"Traders in the {where} expect more.\n{what} demand is steady.\nNo change is seen in {where} grids.\n"
            f"{n - 2} {n - 1} {n} {n + 1}\nGrid Review May 2023 www.gridreview.example {n}\n",
            encoding="utf-8",
        )
    articles = extract(sorted(tmp_path.glob("p*.txt")))
    assert [a.title for a in articles] == ["Output item 5", "Output item 6"]
    for article in articles:
        assert "Source: Nordic Statistics Office" in " ".join(article.body)
        assert not any("Grid Review" in p for p in article.body)


def test_word_hyphenated_across_the_page_break_rejoined(tmp_path):
    foot = "   {n} BALTIC Country Report June 2022 www.intellinews.com\n"
    (tmp_path / "b1.txt").write_text(
        "Page 8 - BalRPTJun22\nP. 8\n\n 1.4 Vilnius recalls its envoy\n"
        "    Lithuania recalled its ambassador on June 2 and broke off diplo-\n" + foot.format(n=8) + "6 7 8 9 10\n",
        encoding="utf-8",
    )
    (tmp_path / "b2.txt").write_text(
        "Page 9 - BalRPTJun22\nP. 9\n\nmatic contacts at the level of ministers.\n" + foot.format(n=9) + "7 8 9 10 11\n",
        encoding="utf-8",
    )
    (article,) = extract(sorted(tmp_path.glob("b*.txt")))
    assert article.body == (
        "Lithuania recalled its ambassador on June 2 and broke off diplomatic contacts at the level of ministers.",
    )


# An invented bulletin no profile knows (tests/fixtures/raw/report-bulletin/): the file names
# are not in page order, headings carry no numbers, page 7 comes without pages 3-6.


def bulletin() -> dict:
    return by_title(extract(sorted((FIXTURES / "report-bulletin").glob("*.txt"))))


def test_bulletin_running_head_gives_source_date_and_page():
    grain = bulletin()["Grain barges stranded above the locks"]
    assert (grain.source, grain.date.isoformat(), grain.date_precision, grain.page) == (
        "Harbour Markets Weekly",
        "1987-03-05",
        "day",
        1,
    )
    assert grain.dateline == "RIVERTON" and grain.body[0].startswith("More than sixty grain barges")
    assert not any("Harbour Markets Weekly" in p or "www." in p for p in grain.body)


def test_bulletin_plain_headings_split_articles_and_pages_join_in_page_order():
    articles = bulletin()
    dues, bank = articles["PORT AUTHORITY RAISES DUES"], articles["Savings bank cuts mortgage rate"]
    assert [Path(o).name for o in dues.origin] == ["zz-first.txt", "mm-second.txt"]
    assert dues.body[0].endswith("so that shippers could see how it was spent.")
    assert dues.body[-1] == "Dues for ferries are not affected, it said."
    assert bank.body[0].startswith("The Harbour Savings Bank said on Monday") and len(bank.origin) == 1


def test_a_page_that_cannot_be_placed_keeps_its_text_with_a_warning():
    (stray,) = [a for a in bulletin().values() if a.page == 7]
    assert stray.body == ("tonnes in the week to Friday, the ministry said.", "Stocks were expected to fall further in April.")
    assert any("page 6 of this report was not given" in w for w in stray.warnings)


def test_a_wrapped_line_starting_with_a_decimal_is_no_numbered_heading():
    page = "P. 4\n 2.1 Bank results\nProfits rose to\n3.81 billion stg from 3.2 billion, the bank said.\n   3  4  5 \n"
    (article,) = report.parse_page(raw(page), PROFILES)
    assert article.title == "Bank results"
    assert article.body == ("Profits rose to 3.81 billion stg from 3.2 billion, the bank said.",)


def _two_pages(tmp_path: Path, foot_of_page_one: str, top_of_page_two: str) -> list:
    """Page 1 ends with `foot_of_page_one`; page 2 (file named so it sorts first) starts with `top_of_page_two`."""
    head = "Quay Freight Letter · 5 March 1987 · Page {n}\n\n"
    foot = "\nQuay Freight Letter March 1987 www.quayfreight.example {n}\n"
    (tmp_path / "b-one.txt").write_text(
        head.format(n=1) + "1.1 Tug crews agree pay deal\nTug crews at the inner harbour accepted a pay offer on"
        " Wednesday.\nThe deal runs for two years.\n\n" + foot_of_page_one + foot.format(n=1),
        encoding="utf-8",
    )
    (tmp_path / "a-two.txt").write_text(
        head.format(n=2) + top_of_page_two + "\nTwo more are planned for 1989.\n" + foot.format(n=2), encoding="utf-8"
    )
    return extract(sorted(tmp_path.glob("*.txt")))


@pytest.mark.parametrize("heading", ["1.2 Ferry line orders two vessels", "Ferry line orders two vessels"])
def test_a_heading_at_the_foot_of_a_page_gets_the_dateline_of_its_story_overleaf(tmp_path, heading):
    overleaf = "HAVENPORT, March 5 - The ferry line ordered two vessels from a Baltic yard."
    articles = _two_pages(tmp_path, f"{heading}\n", overleaf)
    tugs, ferry = by_title(articles)["Tug crews agree pay deal"], by_title(articles)["Ferry line orders two vessels"]
    assert tugs.dateline is None and len(tugs.origin) == 1
    assert [Path(o).name for o in ferry.origin] == ["b-one.txt", "a-two.txt"]
    assert ferry.dateline == "HAVENPORT"
    assert ferry.body == ("The ferry line ordered two vessels from a Baltic yard.", "Two more are planned for 1989.")


def test_a_story_running_on_overleaf_keeps_a_dateline_like_start_in_its_text(tmp_path):
    cut = "1.2 Ferry line orders two vessels\nThe order was placed with a yard in\n"
    articles = _two_pages(tmp_path, cut, "LUBECK, March 5 - its chairman said.")
    ferry = by_title(articles)["Ferry line orders two vessels"]
    assert ferry.dateline is None
    assert ferry.body[0] == "The order was placed with a yard in LUBECK, March 5 - its chairman said."


def test_one_headline_of_one_bulletin_on_one_day_in_two_issues_is_one_article(tmp_path):
    for issue, words in (("am", "rose by a tenth"), ("pm", "rose by a tenth from April")):
        (tmp_path / issue).mkdir()
        (tmp_path / issue / "p1.txt").write_text(
            f"Quay Freight Letter · 5 March 1987 · Page 1\n\n1.1 Port dues rise\nPort dues {words}, the authority said.\n"
            f"\n1.2 Issue {issue} notes\nNothing else moved.\n\nQuay Freight Letter March 1987 www.quayfreight.example 1\n",
            encoding="utf-8",
        )
    rep = pipeline.Report(quiet=True)
    articles = extract([tmp_path / "am" / "p1.txt", tmp_path / "pm" / "p1.txt"], rep)
    assert sorted(a.title for a in articles) == ["Issue am notes", "Issue pm notes", "Port dues rise"]
    dues = by_title(articles)["Port dues rise"]
    assert [Path(o).parent.name for o in dues.origin] == ["am", "pm"]
    assert dues.body == ("Port dues rose by a tenth, the authority said.",)
    assert any("same id, source, date and headline" in why for _, why in rep.warnings)
