"""Languages: which one an article is written in, and what the rules know of each.

Detection is py3langid's model, shipped inside the package (nothing is downloaded);
the names, months, weekdays, byline words, section labels, stop words and hyphenation
rules are data in `rules/languages.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES = Path(__file__).with_name("rules") / "languages.yaml"
MONTHS = Path(__file__).with_name("rules") / "months.yaml"  # one list of month names, for dates.py too
# Below this many letters a guess is noise (a headline alone says little).
MIN_LETTERS = 40
# How much of a text is read: the language shows in its first paragraphs.
SAMPLE_CHARS = 2000
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Language:
    """What the rules know of one language."""

    code: str
    names: tuple[str, ...]
    months: tuple[tuple[str, ...], ...] = ()
    weekdays: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    stop_words: frozenset[str] = frozenset()
    hyphen_kept_before_capital: bool = False
    hyphen_kept_before: frozenset[str] = frozenset()
    dateline_full_stop: bool = False
    glued_after_numbers: tuple[str, ...] = ()  # words an e-paper glues to the number before them
    masthead_words: frozenset[str] = frozenset()  # words papers' names are made of ("Times", "Zeitung")
    capitalised_nouns: bool = False  # German writes every noun with a capital


@cache
def _months() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Month names by language ("de" gathers "de", "de-short", "de-at"), January first."""
    out: dict[str, list[list[str]]] = {}
    for key, names in yaml.safe_load(MONTHS.read_text(encoding="utf-8")).items():
        months = out.setdefault(key.split("-")[0], [[] for _ in range(12)])
        for number, spellings in enumerate(names):
            months[number].extend(str(n) for n in (spellings if isinstance(spellings, list) else [spellings]))
    return {code: tuple(tuple(m) for m in months) for code, months in out.items()}


@cache
def table() -> dict[str, Language]:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))["languages"]
    return {
        code: Language(
            code=code,
            names=tuple(v["names"]),
            months=_months().get(code, ()),
            weekdays=tuple(v.get("weekdays", ())),
            byline=tuple(v.get("byline", ())),
            sections=tuple(v.get("sections", ())),
            stop_words=frozenset(v.get("stop_words", ())),
            hyphen_kept_before_capital=bool(v.get("hyphen_kept_before_capital")),
            hyphen_kept_before=frozenset(v.get("hyphen_kept_before", ())),
            dateline_full_stop=bool(v.get("dateline_full_stop")),
            glued_after_numbers=tuple(v.get("glued_after_numbers", ())),
            masthead_words=frozenset(v.get("masthead_words", ())),
            capitalised_nouns=bool(v.get("capitalised_nouns")),
        )
        for code, v in data.items()
    }


@cache
def _by_name() -> dict[str, str]:
    return {name.casefold(): code for code, lang in table().items() for name in (*lang.names, code)}


def code_of(name: str | None) -> str | None:
    """The code for a language as a text names it ("German", "Deutsch", "Français") or None.

    >>> code_of("Deutsch"), code_of("French"), code_of("fr"), code_of("Klingon")
    ('de', 'fr', 'fr', None)
    """
    return _by_name().get(name.strip().casefold()) if name else None


def rules_for(code: str | None) -> Language | None:
    return table().get(code) if code else None


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The language of a text (ISO 639-1), or None when the text is too short to tell.

    >>> detect("Der Bundestag hat am Donnerstag ein Gesetz beschlossen, das die Mieten begrenzt.")
    'de'
    >>> detect("Fire") is None
    True
    """
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else None


def all_months() -> dict[str, int]:
    """Every month name the rules know, in any language, lower case -> month number."""
    return _all_months()


@cache
def _all_months() -> dict[str, int]:
    out: dict[str, int] = {}
    for lang in table().values():
        for number, forms in enumerate(lang.months, 1):
            for form in forms:
                out.setdefault(form.casefold(), number)
    return out


@cache
def all_weekdays() -> frozenset[str]:
    return frozenset(w.casefold() for lang in table().values() for w in lang.weekdays)


@cache
def all_sections() -> frozenset[str]:
    return frozenset(s.casefold() for lang in table().values() for s in lang.sections)


@cache
def all_masthead_words() -> frozenset[str]:
    return frozenset(w for lang in table().values() for w in lang.masthead_words)


@cache
def all_byline_words() -> tuple[str, ...]:
    return tuple(sorted({w for lang in table().values() for w in lang.byline}, key=len, reverse=True))
