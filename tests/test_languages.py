"""Languages, agencies and dates in other languages: the shared rules the parsers read."""

from __future__ import annotations

from datetime import date

import pytest
from newsdesk import agencies, languages
from newsdesk.clean import rejoin_hyphenated
from newsdesk.dates import month_day, parse_date

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Der Stadtrat hat am Donnerstag beschlossen, die Gebühren für das Parken zu erhöhen.", "de"),
        ("Le conseil municipal a décidé jeudi d'augmenter le prix du stationnement en ville.", "fr"),
        ("El ayuntamiento decidió el jueves subir el precio del aparcamiento en el centro.", "es"),
        ("Il consiglio comunale ha deciso giovedì di aumentare il prezzo dei parcheggi in centro.", "it"),
        ("A câmara municipal decidiu na quinta-feira aumentar o preço do estacionamento no centro.", "pt"),
        ("De gemeenteraad heeft donderdag besloten de prijs van het parkeren in het centrum te verhogen.", "nl"),
        ("The city council decided on Thursday to raise the price of parking in the centre.", "en"),
    ],
)
def test_language_detected_from_the_words(text, code):
    assert languages.detect(text) == code


def test_too_little_text_says_nothing():
    assert languages.detect("Berlin") is None


def test_language_names_as_texts_print_them():
    assert [languages.code_of(n) for n in ("English", "Deutsch", "Français", "Español", "Nederlands")] == [
        "en",
        "de",
        "fr",
        "es",
        "nl",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frankfurt, 9. August 2023", date(2023, 8, 9)),
        ("dimanche 1er janvier 2023", date(2023, 1, 1)),
        ("Madrid, 5 de marzo de 1987", date(1987, 3, 5)),
        ("Roma, 12 settembre 2021", date(2021, 9, 12)),
        ("Lisboa, 3 de março de 2020", date(2020, 3, 3)),
        ("Amsterdam, 9 maart 2023", date(2023, 3, 9)),
        ("FAZ.NET, 15.07.2023", date(2023, 7, 15)),
    ],
)
def test_dates_in_other_languages(text, expected):
    assert parse_date(text).value == expected


def test_a_day_without_year_in_french_but_not_english_words():
    assert month_day("ce dimanche 1er janvier, et") == (1, 1, "1er janvier")
    assert month_day("The 12 may be late") is None


def test_german_hyphenation_keeps_compounds_and_suspended_hyphens():
    assert rejoin_hyphenated(
        ["Die CDU-", "Fraktion und die Ost-", "und Westbezirke, die Einkaufs-", "preise"], language="de"
    ) == ["Die CDU-Fraktion und die Ost- und Westbezirke, die Einkaufspreise"]


@pytest.mark.parametrize(
    ("line", "agency"),
    [("— Reuters", "Reuters"), ("(Reuters)", "Reuters"), ("REUTERS", "Reuters"), ("— AP", "AP"), ("(dpa)", "dpa")],
)
def test_sign_offs_name_one_agency(line, agency):
    assert agencies.sign_off(line) == agency


def test_one_agency_list_for_every_printed_form():
    assert agencies.canonical("The Associated Press") == agencies.canonical("AP") == "AP"
    assert agencies.trailing_sign_off("Pay April 17 (Reuters)") == ("Pay April 17", "Reuters")
    assert agencies.sign_off("Reuters said on Monday.") is None
