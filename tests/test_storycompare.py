"""Comparing coverage, on invented texts: quotes with speakers, figures, disagreements, central sentences."""

from __future__ import annotations

import pytest
from newsdesk import storycompare as C

pytestmark = pytest.mark.unit


def item(key: str, source: str, title: str, text: str) -> C.Item:
    return C.Item(key, source, "2025-05-12", title, text)


def test_quotes_need_a_named_speaker_before_or_after():
    text = (
        '"We will answer this in a measured way," said deputy foreign minister Pavel Dorn. '
        '"It is a mistake," he said. Marek told reporters: "We are not afraid of anyone." '
        '"The port stays open," Jan Visser said.'
    )
    assert C.quotes(text) == [
        C.Quote("Pavel Dorn", "We will answer this in a measured way"),
        C.Quote("Marek", "We are not afraid of anyone."),
        C.Quote("Jan Visser", "The port stays open"),
    ]


def test_figures_read_number_words_and_digits_not_years_or_time():
    found = C.figures("It expelled eight Ostrian diplomats in 2025 after 3 days; 1,200 workers and 6.5 tonnes.")
    assert found == {"diplomat": {8.0: "eight diplomats"}, "worker": {1200.0: "1,200 workers"}, "tonne": {6.5: "6.5 tonnes"}}


def test_a_figure_given_differently_is_shown_with_its_sources_unless_one_outlet_gives_both():
    items = [
        item("a", "Wire", "t", "Valdoria expelled eight diplomats on Monday."),
        item("b", "Ledger", "t", "Valdoria expelled six diplomats on Monday."),
        item("c", "Courier", "t", "Valdoria expelled eight diplomats; 40 ships and eight ships were held."),
        item("d", "Times", "t", "About 30 ships were held."),
    ]
    comparison = C.compare(items)
    assert [d.sentence() for d in comparison.disagreements] == [
        "Outlets differ on the number of diplomats: eight (Wire, Courier) vs six (Ledger)"
    ]  # ships: Courier gives two counts, so only Times is left and nothing is compared


COURIER = 'Dockers struck in Rotterdam. "We want a fair offer," said Marleen Dekker. Ships waited near Antwerp.'
FERRY = [
    "Ferry crews in Helsinki went on strike on Tuesday, stopping all crossings to Tallinn. "
    "The weather was mild for the season and cafes were full.",
    "The ferry strike in Helsinki stopped crossings to Tallinn for a second day. "
    "Union leader Jussi Koskinen said crews would stay out until Friday.",
    "A strike by ferry crews halted crossings between Helsinki and Tallinn, stranding travellers at the harbour.",
]


def test_each_outlet_adds_only_what_the_others_do_not_print():
    items = [
        item("a", "Wire", "Strike", 'Dockers struck in Rotterdam. "We want a fair offer," said Marleen Dekker.'),
        item("b", "Courier", "Strike", COURIER),
    ]
    adds = {a.source: a for a in C.compare(items).adds}
    assert adds["Wire"].empty
    assert adds["Courier"].places[0] == "Antwerp" and not adds["Courier"].quotes  # (and its country, as the tagger rolls up)
    assert C.compare(items).for_entry("b").startswith("Courier adds places Antwerp")


def test_title_and_summary_are_the_most_central_headline_and_two_sentences_in_print_order():
    items = [
        item("a", "Wire", "Ferry strike stops Helsinki crossings", FERRY[0]),
        item("b", "Ledger", "Helsinki ferry strike enters second day", FERRY[1]),
        item("c", "Courier", "Strike halts ferries", FERRY[2]),
    ]
    comparison = C.compare(items)
    assert comparison.title == "Ferry strike stops Helsinki crossings"  # every word of it is in two or more articles
    assert len(comparison.summary) == 2
    assert all("strike" in s or "crossings" in s for s in comparison.summary)
    assert not any("weather" in s for s in comparison.summary)


def test_plain_text_keeps_paragraphs_and_datelines_leave_sentences():
    assert C.plain("<p>One &amp; two.</p><p>Three</p>") == " One & two.\n\n Three\n\n"
    assert C.sentences("VELMORA, May 12 - Valdoria ordered eight Ostrian diplomats to leave the country.") == [
        "Valdoria ordered eight Ostrian diplomats to leave the country."
    ]
