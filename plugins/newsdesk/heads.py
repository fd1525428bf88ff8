"""The parts of an article's head as papers print them: masthead, section label, byline, caption.

Clippings and report pages of publishers no profile describes still set their head in
the same few ways; each recogniser reads one line (or block) by its layout and its
words and says what it is, so the format parsers only decide the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import agencies, languages
from .clean import split_dateline, squeeze_spaces
from .dates import FoundDate, parse_date
from .formats.wire import read_dateline as wire_dateline

# What separates a masthead's parts: "Taipei Times · Thursday, March 5, 1987 · Page 4".
MASTHEAD_SEPARATORS = re.compile(r"\s*(?:[·•|/\\,]|(?<=\s)[-–—](?=\s))\s*")
PAGE_MENTION = re.compile(r"(?i)^(?:page|p\.|seite|s\.|pagina|página|pag\.|blz\.)\s*[A-Z]?\d{1,3}$|^[A-Z]\d{1,2}$|^\d{1,3}$")
MASTHEAD_SMALL_WORDS = frozenset(
    {"of", "the", "and", "de", "la", "le", "du", "des", "di", "del", "der", "die", "das", "am", "für", "van", "het", "&"}
)
CAPTION_MARK = re.compile(
    r"^\s*(?:\(?(?:Photo|PHOTO|Picture|Foto|FOTO|Bild|Bildunterschrift|Caption|CAPTION|Légende)\s?:\s*)(?P<text>.+)$"
)
BYLINE_ROLE = re.compile(r",\s*(?:Staff|Special|Chief|Senior|Our|Foreign)?\s*(?:Writer|Reporter|Correspondent|Editor)s?$")
ELISION = re.compile(r"^(?:l|d|dell|dall|nell)['’]", re.IGNORECASE)  # "Courrier de l'Aa", "Gazzetta dell'Isola"
# "NOYELLES-GODAULT. Il est", "Berlin (dpa) – Die Regierung", "LONDON — The"
FULL_STOP_DATELINE = re.compile(r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ'’ -]{2,40})\.\s+(?=[A-ZÀ-Þ«\"])")
DASH_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\wÀ-ÿ.'’-]{1,30}(?: [A-ZÀ-Þ][\wÀ-ÿ.'’-]{1,30}){0,2})"
    r"(?:/[A-ZÀ-Þ][\wÀ-ÿ.-]{1,30})?\s+(?:\((?P<agency>[^()]{1,20})\)\s*)?[–—]\s+(?=\S)"
)
NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.-]*|[A-Z]\.|de|van|von|der|da|di|le|la|al|bin|ibn)$")


@cache
def _photo_credit() -> re.Pattern:
    """ "... on Monday. REUTERS/Jo Doe", "(AP Photo/Jo Doe)", "Photo: AFP", "— AFP PHOTO" at a caption's end."""
    return re.compile(
        rf"""(?:^|\s)(?:\(|[-–—]\s*)?(?:(?:Photo|PHOTO|Foto|FOTO|Picture)\s?:\s*)?
            (?P<agency>{agencies.pattern()})(?:\s(?:Photo|PHOTO|FOTO))?(?:\s?/\s?(?P<who>[A-Z][\w.'’ -]{{1,40}}))?\)?\s*$""",
        re.VERBOSE,
    )


@dataclass(frozen=True)
class Masthead:
    """A masthead line read apart: the paper's name, the date it gives, a page number."""

    name: str | None
    date: FoundDate | None
    page: int | None


def _weekday_or_filler(part: str) -> bool:
    words = part.casefold().strip(" ,.").split()
    return bool(words) and all(w.strip(",.") in languages.all_weekdays() or w in ("edition", "ausgabe", "édition") for w in words)


def read_masthead(line: str) -> Masthead | None:
    """A first line holding a paper's name and a date, or either alone; None for anything else.

    >>> m = read_masthead("Taipei Times · Thursday, March 5, 1987")
    >>> m.name, m.date.value, m.page
    ('Taipei Times', datetime.date(1987, 3, 5), None)
    >>> read_masthead("DIE RHEINPOST | Donnerstag, 5. März 1987 | Seite 4").page
    4
    >>> read_masthead("Dock workers returned to work on Tuesday, March 3, 1987 after a pay deal") is None
    True
    """
    text = squeeze_spaces(line)
    if not text or len(text.split()) > 14 or text.endswith((".", ";", ":", "?", "!")):
        return None
    found = parse_date(text)
    rest = text.replace(found.text, " · ") if found else text
    name_parts, page = [], None
    for part in MASTHEAD_SEPARATORS.split(rest):
        part = part.strip(" ,·")
        if not part or _weekday_or_filler(part):
            continue
        if PAGE_MENTION.match(part):
            digits = re.sub(r"\D", "", part)
            page = int(digits) if digits else None
            continue
        name_parts.append(part)
    name = " ".join(name_parts) or None
    if name and not looks_like_name_of_paper(name):
        return None
    if name is None and found is None:
        return None
    return Masthead(name, found, page)


def looks_like_name_of_paper(text: str) -> bool:
    """A newspaper's name: a few words, each capitalised ("The Highland Courier"), no sentence."""
    words = squeeze_spaces(text).split()
    if not 0 < len(words) <= 6:
        return False
    return all(ELISION.sub("", w)[:1].isupper() or w.casefold() in MASTHEAD_SMALL_WORDS or not w[:1].isalpha() for w in words)


def names_a_paper(text: str) -> bool:
    """A paper's name by its words as well as its shape ("The Valley Times", "Der Rheinbote" is
    not told by its words, "Lakeside Tribune" is).

    >>> names_a_paper("Lakeside Tribune"), names_a_paper("Walgreen Sales Rise")
    (True, False)
    """
    words = re.findall(r"[\wÀ-ÿ]+", text)
    return looks_like_name_of_paper(text) and any(w in languages.all_masthead_words() for w in words)


def is_section_label(text: str, *, before_heading: bool) -> bool:
    """A section label above the headline: a known name ("Business", "WORLD NEWS", "Wirtschaft"),
    or a short line in capitals when a headline follows it.

    >>> is_section_label("WORLD NEWS", before_heading=False), is_section_label("Business", before_heading=True)
    (True, True)
    >>> is_section_label("Port strike ends", before_heading=True)
    False
    """
    label = squeeze_spaces(re.sub(r"\s*[|·•]\s*\d{1,3}\s*$", "", text))
    if not label or label.endswith((".", ",", ";", ":", "?", "!")) or len(label.split()) > 4:
        return False
    if label.casefold() in languages.all_sections():
        return True
    letters = [c for c in label if c.isalpha()]
    return before_heading and len(label.split()) <= 3 and bool(letters) and all(c.isupper() for c in letters)


def read_byline(text: str) -> tuple[str, ...] | None:
    """The names of a byline ("By Jane Doe and Li Wei", "Von Anna Schmidt", "Par Jean Dupont"), or None.

    >>> read_byline("By Somchai Rattanakul and Jane Morrow")
    ('Somchai Rattanakul', 'Jane Morrow')
    >>> read_byline("Von Anna Schmidt, Berlin"), read_byline("Par JEAN DUPONT")
    (('Anna Schmidt',), ('Jean Dupont',))
    >>> read_byline("By the end of the year prices rose") is None
    True
    """
    text = squeeze_spaces(text)
    for word in languages.all_byline_words():
        if text.startswith(word + " "):
            rest = BYLINE_ROLE.sub("", text[len(word) + 1 :])
            names = [n.strip(" .") for n in re.split(r",\s*|\s+(?:and|und|et|y|e|en|AND)\s+|\s*&\s*", rest) if n.strip(" .")]
            # a one-word part after a name is where the reporter is ("Von Anna Schmidt, Berlin")
            people = [n for i, n in enumerate(names) if _is_name(n) and (i == 0 or len(n.split()) > 1)]
            if not people or not _is_name(names[0]):
                return None
            return tuple(" ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in n.split()) for n in people)
    return None


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(NAME_WORD.match(w) for w in words) and words[0][:1].isupper()


def read_caption(text: str) -> tuple[str, str | None] | None:
    """A photo caption: (caption, agency credited) for "Photo: ..." blocks and captions ending in
    a photo credit ("... on Monday. REUTERS/Jo Doe", "(AP Photo/Jo Doe)"); None for anything else.

    >>> read_caption("Traders on the floor on Tuesday. REUTERS/Jo Doe")
    ('Traders on the floor on Tuesday.', 'Reuters')
    >>> read_caption("Photo: Cranes stand idle.")
    ('Cranes stand idle.', None)
    >>> read_caption("The company said profits rose. Reuters") is None
    True
    """
    text = squeeze_spaces(text)
    if m := CAPTION_MARK.match(text):
        body = m["text"].rstrip(")")
        credited = _photo_credit().search(body)
        agency = agencies.canonical(credited["agency"]) if credited else None
        if agency and credited:
            body = body[: credited.start()].rstrip()
        return body, agency
    m = _photo_credit().search(text)
    if not m or not (agency := agencies.canonical(m["agency"])):
        return None
    tail = text[m.start() :]
    if not (m["who"] or re.search(r"(?i)photo|foto|picture", tail)):
        return None
    return text[: m.start()].rstrip(), agency


def read_dateline(paragraph: str, language: str | None) -> tuple[str | None, str | None, str | None, str]:
    """(place, agency, the day it names, rest) from a first paragraph, by the conventions
    of its language: "TAIPEI, March 5 (Reuters) -", "MOSCOW:", "PARIS. Il", "Berlin (dpa) –"."""
    if found := wire_dateline(paragraph):
        return found.place, found.agency, found.when, found.rest
    place, agency, rest = split_dateline(paragraph)
    if place:
        return place, agency, None, rest
    rules = languages.rules_for(language)
    if rules and rules.dateline_full_stop and (m := FULL_STOP_DATELINE.match(paragraph)):
        return m["place"].strip(), None, None, paragraph[m.end() :]
    if (m := DASH_DATELINE.match(paragraph)) and (language not in (None, "en") or m["agency"]):
        return m["place"], m["agency"], None, paragraph[m.end() :]
    return None, None, None, paragraph


def unglue_numbers(paragraph: str, language: str | None) -> str:
    """A number glued to the word after it by the e-paper's text layer ("11heures", "1erjanvier").

    >>> unglue_numbers("Il est 11heures, ce dimanche 1erjanvier.", "fr")
    'Il est 11 heures, ce dimanche 1er janvier.'
    """
    rules = languages.rules_for(language)
    if not rules or not rules.glued_after_numbers:
        return paragraph
    return _glued(language).sub(lambda m: f"{m[1]} {m[2]}", paragraph)


@cache
def _glued(language: str) -> re.Pattern:
    rules = languages.rules_for(language)
    words = [w for forms in rules.months for w in forms] + list(rules.glued_after_numbers)
    return re.compile(rf"\b(\d{{1,2}}(?:er|e)?)({'|'.join(re.escape(w) for w in words)})\b")
