"""How Nexis prints field values, in every interface language: date lines, bylines, word counts,
languages, index terms, headlines with Nexis's notes, and paragraphs an export glued together.

The words (months, weekdays, labels, languages) come from rules/nexis.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from ..clean import squeeze_spaces

RULES = Path(__file__).resolve().parent.parent / "rules" / "nexis.yaml"
PAGE = re.compile(r"(?:^|;\s*)(?:Pg\.|Page|S\.)\s*(\d{1,4})\b")
NUMBER = re.compile(r"\d[\d,.]*")
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[AP]\.?M\.?)?(?:\s+(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?))?", re.IGNORECASE)
DAY_FIRST = re.compile(r"\b(\d{1,2})\.?\s+([^\W\d_]{3,12})\.?,?\s+(\d{4})\b")
MONTH_FIRST = re.compile(r"\b([^\W\d_]{3,12})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
# A sentence end glued to the next sentence ("the night.The next day"): the export lost a paragraph break.
GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][\"”’])(?=[A-Z][a-z])")
BY = re.compile(r"^(?:by|from|von|par)\s+", re.IGNORECASE)
PARENTHESES = re.compile(r"\s*\(([^()]{0,60})\)")
NAME_SPLIT = re.compile(r",\s*|\s+(?:and|und|et|&)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    labels: dict[str, str]  # casefolded label word -> field key
    head: frozenset[str]
    months: dict[str, int]
    weekdays: frozenset[str]
    languages: dict[str, str]
    words: tuple[str, ...]
    lists: dict  # the other word lists of rules/nexis.yaml, as written


@cache
def rules() -> Rules:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    labels = {word.casefold(): key for key, words in data["fields"].items() for word in words}
    months = {word: int(n) for n, words in data["months"].items() for word in words}
    languages = {word: code for code, words in data["languages"].items() for word in words}
    return Rules(
        labels=labels,
        head=frozenset(data["head"]),
        months=months,
        weekdays=frozenset(data["weekdays"]),
        languages=languages,
        words=tuple(data["words"]),
        lists=data,
    )


def parse_date_line(text: str) -> tuple[date | None, str, str | None]:
    """(date, the date's words, the rest as edition) from a Nexis date line.

    >>> parse_date_line("December 19, 1991, Sunday, Late Edition - Final")
    (datetime.date(1991, 12, 19), 'December 19, 1991', 'Late Edition - Final')
    >>> parse_date_line("27. Februar 2012 Montag 9:50 PM GMT+1")
    (datetime.date(2012, 2, 27), '27. Februar 2012', None)
    """
    r = rules()
    for pattern, order in ((MONTH_FIRST, (2, 1, 3)), (DAY_FIRST, (1, 2, 3))):
        for m in pattern.finditer(text):
            day, month, year = (m.group(i) for i in order)
            number = r.months.get(month.casefold().rstrip("."))
            if number is None:
                continue
            try:
                value = date(int(year), number, int(day))
            except ValueError:
                continue
            rest = TIME.sub(" ", text[: m.start()] + " " + text[m.end() :])
            words = [w for w in re.split(r"[\s,]+", rest) if w and w.casefold() not in r.weekdays]
            edition = squeeze_spaces(" ".join(words).strip(" ,;-")) or None
            if edition and not re.search(r"[^\W\d_]", edition):
                edition = None
            return value, m.group(0), edition
    return None, "", None


def word_count(value: str | None) -> int | None:
    """ "2,968 words" -> 2968."""
    m = NUMBER.search(value or "")
    if not m:
        return None
    digits = re.sub(r"[,.]", "", m.group(0))
    return int(digits) if digits.isdigit() else None


def names(byline: str | None) -> tuple[str, ...]:
    """The writers a byline names: "By ANA SWANSON and IAN AUSTEN; Ana Swanson reported…" -> two names.

    >>> names("By ANA SWANSON and IAN AUSTEN; Ana Swanson reported from Washington")
    ('ANA SWANSON', 'IAN AUSTEN')
    >>> names("Mattha Busby (now), Andrew Sparrow (earlier)")
    ('Mattha Busby', 'Andrew Sparrow')
    >>> names("By KURT SCHORK, --(Reuter)")
    ('KURT SCHORK',)
    """
    if not byline:
        return ()
    first = BY.sub("", byline.split(";", 1)[0].strip())
    first = PARENTHESES.sub("", first)
    parts = (n.strip(" .-–—") for n in NAME_SPLIT.split(first))
    return tuple(n for n in parts if re.search(r"[^\W\d_]", n))


def credit(byline: str | None) -> str | None:
    """The agency a byline credits in parentheses: "--(Reuter)" -> "Reuter"; "(now)" is not one.

    >>> credit("By KURT SCHORK, --(Reuter)"), credit("Mattha Busby (now)")
    ('Reuter', None)
    """
    found = [m[1].strip() for m in PARENTHESES.finditer(byline or "")]
    return next((c for c in found if c[:1].isupper()), None)


def language_code(value: str | None) -> str | None:
    if not value:
        return None
    word = value.split(";", 1)[0].strip().casefold()
    return rules().languages.get(word, word[:2] if len(word) == 2 else None)


def unglue(paragraph: str) -> list[str]:
    """Split where the export glued two paragraphs ("…that night.The next day…").

    >>> unglue("He left that night.The next day he was back.")
    ['He left that night.', 'The next day he was back.']
    >>> unglue("It cost $1.5 million, U.S. officials said.")
    ['It cost $1.5 million, U.S. officials said.']
    """
    parts = [p.strip() for p in GLUED.split(paragraph)]
    return [p for p in parts if p]


def tidy_headline(text: str | None) -> tuple[str | None, bool]:
    r"""The headline on one line without Nexis's "- Correction Appended" note; and whether the note was there.

    >>> tidy_headline("THE REPUBLICANS;\nExcerpts From the Platform - Correction Appended")
    ('THE REPUBLICANS; Excerpts From the Platform', True)
    """
    if not text:
        return None, False
    line = squeeze_spaces(text.replace("\n", " "))
    for note in rules().lists["correction_appended"]:
        if line.casefold().endswith(note.casefold()):
            return line[: -len(note)].rstrip(" -–—"), True
    return line, False


def split_source(source: str | None) -> tuple[str | None, str | None]:
    """(source, edition) from "The Guardian (London) - Final Edition".

    >>> split_source("The Guardian (London) - Final Edition")
    ('The Guardian (London)', 'Final Edition')
    """
    if not source or " - " not in source:
        return source, None
    name, _, rest = source.rpartition(" - ")
    words = {w.casefold() for w in rules().lists["edition_words"]}
    if any(w.casefold() in words for w in rest.split()):
        return name.strip(), rest.strip()
    return source, None


def subjects(value: str | None) -> tuple[str, ...]:
    """Index terms as Nexis prints them, "ENERGY (90%); EURO (88%)", without the relevance figures."""
    if not value:
        return ()
    terms = (re.sub(r"\s*\(\d{1,3}%\)\s*$", "", squeeze_spaces(t.replace("\n", " "))) for t in value.split(";"))
    return tuple(dict.fromkeys(t for t in terms if t))


@cache
def counter() -> re.Pattern:
    """The line that opens each document of a classic export: "3 of 10 DOCUMENTS" (group 1 is the 3)."""
    of = "|".join(re.escape(w) for w in rules().lists["of_words"])
    docs = "|".join(re.escape(w) for w in rules().lists["documents_words"])
    return re.compile(rf"^\s{{0,80}}(\d{{1,6}}) (?:{of}) (\d{{1,7}}) (?:{docs})\s*$")
