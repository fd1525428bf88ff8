"""Dates as the texts write them, with how precise they are and where they came from.

A date is never made up: what the text does not say is inferred only from
evidence another article of the same story gives, and the inference is recorded.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from dateutil import parser as dateparser

from . import languages

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({MONTHS})\.?,? (\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b({MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b")
MONTH_YEAR = re.compile(rf"\b({MONTHS}),? (\d{{4}})\b")
MONTH_DAY = re.compile(rf"\b({MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?![,:]? ?\d)")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({MONTHS})\b(?!\.?,? ?\d{{4}})")
WEEKDAY_MENTION = re.compile(rf"\bon ({'|'.join(WEEKDAYS)})\b")


@dataclass(frozen=True)
class FoundDate:
    """A date read from text: the value, its precision and the words it came from."""

    value: date
    precision: str
    text: str


def _parse(text: str) -> date | None:
    try:
        return dateparser.parse(text, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def parse_date(text: str) -> FoundDate | None:
    """The first full date in `text`, or a month and year, or None.

    >>> parse_date("Report November 2021")
    FoundDate(value=datetime.date(2021, 11, 1), precision='month', text='November 2021')
    >>> parse_date("on Oct 19, 2021 at noon").value
    datetime.date(2021, 10, 19)
    >>> parse_date("19 October 2021").precision
    'day'
    """
    for pattern in (ISO, DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        m = pattern.search(text)
        if m:
            value = _parse(m.group(0))
            if value:
                return FoundDate(value, "day", m.group(0))
    if found := _other_languages(text):
        return found
    m = MONTH_YEAR.search(text)
    if m:
        value = _parse(f"1 {m.group(1)} {m.group(2)}")
        if value:
            return FoundDate(value, "month", m.group(0))
    return None


@cache
def _month_words() -> str:
    return "|".join(re.escape(m) for m in sorted(languages.all_months(), key=len, reverse=True))


@cache
def _day_month_year() -> re.Pattern:
    """ "9. August 2023", "1er janvier 2023", "5 de marzo de 1987", "jeudi 5 mars 1987"."""
    return re.compile(
        rf"(?<!\w)(\d{{1,2}})(?:er|e|º|°|\.)?\s?(?:de\s)?({_month_words()})\.?,?\s(?:de\s)?(\d{{4}})(?!\d)",
        re.IGNORECASE,
    )


@cache
def _month_year() -> re.Pattern:
    return re.compile(rf"(?<!\w)({_month_words()})\.?,?\s(?:de\s)?(\d{{4}})(?!\d)", re.IGNORECASE)


NUMERIC_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")


def _other_languages(text: str) -> FoundDate | None:
    """A date written with a month name of any language the rules know, or as 16.07.2023.

    >>> _other_languages("Frankfurt, 9. August 2023").value, _other_languages("dimanche 1erjanvier 2023").value
    (datetime.date(2023, 8, 9), datetime.date(2023, 1, 1))
    >>> _other_languages("FAZ.NET, 15.07.2023").value, _other_languages("en mars 1987").precision
    (datetime.date(2023, 7, 15), 'month')
    """
    months = languages.all_months()
    for m in _day_month_year().finditer(text):
        try:
            return FoundDate(date(int(m[3]), months[m[2].casefold()], int(m[1])), "day", m.group(0))
        except ValueError:
            continue
    for m in NUMERIC_DAY_FIRST.finditer(text):
        try:
            return FoundDate(date(int(m[3]), int(m[2]), int(m[1])), "day", m.group(0))
        except ValueError:
            continue
    if m := _month_year().search(text):
        return FoundDate(date(int(m[2]), months[m[1].casefold()], 1), "month", m.group(0))
    return None


FILENAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")  # fmt: skip


def month_number(word: str) -> int | None:
    """The month a word names, forgiving case and the typos wire copy has ("MArch", "Mach").

    >>> [month_number(w) for w in ("MARCH", "Sept", "Mach", "Monday")]
    [3, 9, 3, None]
    """
    key = word.casefold().rstrip(".")
    for number, name in enumerate(MONTH_NAMES, 1):
        if key == name or (len(key) >= 3 and name.startswith(key)) or (key == "sept" and number == 9):
            return number
    close = difflib.get_close_matches(key, MONTH_NAMES, n=1, cutoff=0.85)
    return MONTH_NAMES.index(close[0]) + 1 if close else None


def month_day(text: str) -> tuple[int, int, str] | None:
    """The first day named without a year ("March 3", "3 March"): (month, day, words).

    >>> month_day("BASLE, March 3 - Sandoz said")
    (3, 3, 'March 3')
    >>> month_day("no day here") is None
    True
    >>> month_day("ce dimanche 1er janvier, et")
    (1, 1, '1er janvier')
    """
    found = [m for pattern in (MONTH_DAY, DAY_MONTH) if (m := pattern.search(text))]
    for m in sorted(found, key=lambda m: m.start()):
        parsed = _parse(m.group(0))
        if parsed:
            return parsed.month, parsed.day, m.group(0)
    for m in _day_month().finditer(text):  # "1er janvier", "9. August", "5 de marzo"
        if 1 <= int(m[1]) <= 31:
            return languages.all_months()[m[2].casefold()], int(m[1]), m.group(0)
    return None


@cache
def _day_month() -> re.Pattern:
    """Other languages' month names as they print them (English has its own patterns), so a
    day without a year is not read into English words ("12 may be")."""
    words = {f for lang in languages.table().values() if lang.code != "en" for forms in lang.months for f in forms}
    written = sorted(words | {w[:1].upper() + w[1:] for w in words}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(\d{{1,2}})(?:er|e|º|\.)?\s?(?:de\s)?({'|'.join(map(re.escape, written))})(?!\w)")


def with_year(text: str, year: int) -> FoundDate | None:
    """A day named without a year ("March 3") placed in a year known from elsewhere.

    >>> with_year("BASLE, March 3 -", 1987)
    FoundDate(value=datetime.date(1987, 3, 3), precision='day', text='March 3')
    """
    found = month_day(text)
    if found is None:
        return None
    try:
        return FoundDate(date(int(year), found[0], found[1]), "day", found[2])
    except ValueError:
        return None


def date_from_filename(name: str) -> FoundDate | None:
    """A date written into a file name ("2021-10-19-nato.txt", "20211019_nato.txt").

    >>> date_from_filename("20211019_bangkokpost.txt").value
    datetime.date(2021, 10, 19)
    >>> date_from_filename("000_54e252d81e5c3002.txt") is None
    True
    >>> date_from_filename("a20210315b.txt") is None
    True
    """
    m = FILENAME_DATE.search(name)
    if not m:
        return None
    try:
        return FoundDate(date(int(m[1]), int(m[2]), int(m[3])), "day", m.group(0))
    except ValueError:
        return None


def day_mentions(text: str, around: date) -> list[FoundDate]:
    """Days named without a year ("October 18"), given the year of a nearby date.

    The year is the one that puts the day closest before or at `around`, since
    news reports what has happened.

    >>> [d.value.isoformat() for d in day_mentions("on October 18 and 6 Oct", date(2021, 11, 1))]
    ['2021-10-18', '2021-10-06']
    """
    found = []
    for pattern in (MONTH_DAY, DAY_MONTH):
        for m in pattern.finditer(text):
            parsed = _parse(m.group(0))
            if parsed is None:
                continue
            candidates = []
            for year in (around.year, around.year - 1):
                try:
                    candidates.append(parsed.replace(year=year))
                except ValueError:
                    continue
            before = [c for c in candidates if c <= _month_end(around)]
            if before:
                found.append((m.start(), FoundDate(max(before), "day", m.group(0))))
    return [f for _, f in sorted(found, key=lambda x: x[0])]


def _month_end(value: date) -> date:
    nxt = date(value.year + (value.month == 12), value.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def weekday_mentioned(text: str) -> str | None:
    """The weekday an article says its news happened on ("said on Monday")."""
    m = WEEKDAY_MENTION.search(text)
    return m.group(1) if m else None


def format_date(value: date | None, precision: str | None) -> str | None:
    """ISO 8601 cut to the precision: 2021-11 for a month, 2021 for a year."""
    if value is None:
        return None
    if precision == "month":
        return value.strftime("%Y-%m")
    if precision == "year":
        return value.strftime("%Y")
    return value.isoformat()


RULES_DIR = Path(__file__).with_name("rules")
CJK_DATE = re.compile(r"(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]")
TOKEN = re.compile(r"\d+|[^\W\d_]+")


def local_months() -> dict[str, int]:
    """Month names of every language in rules/months.yaml, folded, -> month number."""
    return languages.all_months()


def _day(year: str, month: int, day: str, words: str) -> FoundDate | None:
    try:
        return FoundDate(date(int(year), month, int(day)), "day", words)
    except ValueError:
        return None


def parse_local_date(text: str) -> FoundDate | None:
    """A full date as a database interface prints it in its language: "9 Januar 1993",
    "29 décembre 2011", "2018 年 10 月 7 日", "May 8, 2010", "2012-01-09".

    >>> parse_local_date("9. Januar 1993").value
    datetime.date(1993, 1, 9)
    >>> parse_local_date("2018 年 10 月 7 日 17:04").value
    datetime.date(2018, 10, 7)
    >>> parse_local_date("Seite 3") is None
    True
    """
    if m := ISO.search(text) or CJK_DATE.search(text):
        return _day(m[1], int(m[2]), m[3], m.group(0))
    months = local_months()
    tokens = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text[:500])]
    for i in range(len(tokens) - 2):
        (a, start, _), (b, _, _), (c, _, end) = tokens[i : i + 3]
        words = text[start:end]
        if a.isdigit() and (month := months.get(b.casefold())) and len(c) == 4 and c.isdigit():
            return _day(c, month, a, words)
        if (month := months.get(a.casefold())) and b.isdigit() and len(c) == 4 and c.isdigit():
            return _day(c, month, b, words)
    return None
