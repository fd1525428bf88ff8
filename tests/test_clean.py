"""The shared cleaning rules, each on a short case in the shape of the real texts."""

from __future__ import annotations

from newsdesk.clean import (
    is_page_number_run,
    learn_repeated_lines,
    mask_digits,
    readable_title,
    reflow,
    rejoin_hyphenated,
    restore_dropped_dashes,
    split_dateline,
)


def test_page_number_runs_with_and_without_non_breaking_spaces():
    assert is_page_number_run("25 26 27 28 29")
    assert is_page_number_run("\u00a0\u00a0 25\u00a0 \u00a0 26\u00a0 27 28 29\u00a0")
    assert not is_page_number_run("Russia exported 25 26 mln tonnes")
    assert not is_page_number_run("2021")


def test_hyphenation_rejoined_unless_the_text_spells_the_word_with_a_hyphen():
    assert rejoin_hyphenated(["the regu-", "lator said"]) == ["the regulator said"]
    assert rejoin_hyphenated(["a long-", "term deal, a long-term view"]) == ["a long-term deal, a long-term view"]
    assert rejoin_hyphenated(["ends with a dash -", "Next line"]) == ["ends with a dash -", "Next line"]


def test_hard_wrapped_lines_reflowed_into_paragraphs():
    lines = [
        "The energy regulator raised gas tariffs for industrial users by 15% from",
        "April 1, saying the state supplier could no longer cover its costs at the",
        "old rates.",
        "Households are not affected until the heating season ends, it said.",
    ]
    assert reflow(lines) == [
        "The energy regulator raised gas tariffs for industrial users by 15% from April 1, saying the state "
        "supplier could no longer cover its costs at the old rates.",
        "Households are not affected until the heating season ends, it said.",
    ]


def test_blank_line_debris_is_not_a_paragraph():
    assert reflow(["One.", "", "", "   ", "Two."]) == ["One.", "Two."]


def test_dropped_dash_restored():
    text = "the NatoRussia Council; Nato and Russia met. Watched on YouTube."
    assert restore_dropped_dashes(text) == "the Nato-Russia Council; Nato and Russia met. Watched on YouTube."


def test_datelines():
    assert split_dateline("MOSCOW: Russia said.") == ("MOSCOW", None, "Russia said.")
    assert split_dateline("WASHINGTON (AP) - The Senate voted.") == ("WASHINGTON", "AP", "The Senate voted.")
    assert split_dateline("VALENCIA - 3D Systems said.") == ("VALENCIA", None, "3D Systems said.")
    assert split_dateline("Nato said: no.") == (None, None, "Nato said: no.")


def test_running_heads_learned_from_other_pages():
    pages = [
        ["NORDIC GRID MONITOR | Issue 14", "Wind output rose.", "Nordic Grid Monitor 5"],
        ["NORDIC GRID MONITOR | Issue 14", "Cable back.", "Nordic Grid Monitor 6"],
        ["NORDIC GRID MONITOR | Issue 14", "Prices fell.", "Nordic Grid Monitor 7"],
    ]
    learned = learn_repeated_lines(pages)
    assert mask_digits("Nordic Grid Monitor 9") in learned
    assert mask_digits("NORDIC GRID MONITOR | Issue 14") in learned
    assert "Prices fell." not in learned
    assert learn_repeated_lines(pages[:1]) == set()


def test_readable_title_keeps_acronyms_and_the_text_s_spelling():
    assert readable_title("OPEC MEETS IN VIENNA ON OUTPUT", "") == "OPEC Meets in Vienna on Output"
    assert readable_title("IBM SEES GROWTH", "International Business Machines, IBM, said") == "IBM Sees Growth"
    assert readable_title("Sandoz plans venture", "") == "Sandoz plans venture"
