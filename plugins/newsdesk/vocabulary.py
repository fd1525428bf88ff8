"""Stage 5 rules: the topic vocabulary (content/topics.yaml) and the gazetteer (rules/*.yaml).

What a name is (its label and kind) is data: the site's vocabulary first, then the
gazetteer of places, organisations and their countries. topics.py finds and ranks names.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from . import guard, rulefiles
from .records import Topic

RULES_DIR = Path(__file__).with_name("rules")
KINDS = ("person", "organisation", "place", "subject")


class VocabularyError(ValueError):
    """A topics.yaml that cannot be used; the message names the entry."""


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    topics: tuple[Topic, ...] = ()
    min_cues: tuple[int, ...] = ()

    def label_for(self, name: str) -> str | None:
        return _vocabulary_table(self).get(_key(name), (None, None))[0]


@dataclasses.dataclass(frozen=True)
class Entity:
    """A topic found in one article: its label, what it is, and how salient it is there."""

    label: str
    kind: str
    score: float


def load_vocabulary(path: Path | None, problems: list | None = None) -> Vocabulary:
    """The site's vocabulary. A file that cannot be read raises VocabularyError (re-tagging without it
    would lose topics); a field of the wrong type is left out and added to `problems` (guard.Problem)."""
    if path is None or not path.is_file():
        return Vocabulary()
    try:
        data = guard.load_yaml(path) or []
    except guard.GuardError as exc:
        raise VocabularyError(f"{path}: {exc}") from exc
    if not isinstance(data, list):
        raise VocabularyError(f"{path}: expected a list of topics (- label: ...)")
    topics, cues = [], []
    for i, item in enumerate(data, 1):
        fields, found = guard.check_mapping(item, "topic", f"{path}")
        if "label" not in fields:
            raise VocabularyError(f"{path}: entry {i} needs a `label:` (text)")
        if problems is not None:
            problems.extend(dataclasses.replace(p, field=f"{fields['label']}: {p.field}") for p in found)
        topics.append(
            Topic(
                label=fields["label"],
                kind=fields.get("kind", "subject"),
                aliases=fields.get("aliases", ()),
                cues=fields.get("cues", ()),
                requires=fields.get("requires", ()),
                iptc=fields.get("iptc"),
            )
        )
        cues.append(fields.get("min_cues", 2))
    return Vocabulary(tuple(topics), tuple(cues))


@lru_cache(maxsize=1)
def stop_rules() -> dict[str, frozenset[str]]:
    data = rulefiles.load(RULES_DIR / "entities.yaml")
    return {key: frozenset(values) for key, values in data.items()}


def _key(name: str) -> str:
    """How names are compared: dots, curly quotes and spacing do not count ("U.S." is "US")."""
    return " ".join(name.replace(".", "").replace("’", "'").split())


@dataclasses.dataclass(frozen=True)
class Gazetteer:
    """Places and organisations known by name, and the words that tell an unknown name's kind."""

    names: dict[str, tuple[str, str]]  # key -> (label, kind)
    qualifiers: dict[str, str]  # dateline qualifier ("Ill") -> place label ("Illinois")
    folded: dict[str, tuple[str, str]]  # casefolded key -> (label, kind), for ALL-CAPS text
    country_of: dict[str, str]  # place label -> its country
    demonyms: frozenset[str]
    org_suffixes: frozenset[str]
    org_prefixes: frozenset[str]
    place_words: frozenset[str]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    places = rulefiles.load(RULES_DIR / "places.yaml")
    rules = rulefiles.load(RULES_DIR / "gazetteer.yaml")
    rename = rules["rename"]
    skip = set(rules["not_places"])
    names: dict[str, tuple[str, str]] = {}
    country_of: dict[str, str] = {}

    def add(name: str, label: str, kind: str) -> None:
        names.setdefault(_key(name), (label, kind))

    for label, aliases in rules["organisations"].items():
        for name in (label, *(aliases or ())):
            add(name, label, "organisation")
    for region in rules["regions"]:
        add(region, region, "place")
    countries = [rename.get(c, c) for c in places["countries"]] + rules["historic"]
    for label, aliases in rules["place_aliases"].items():
        for name in aliases or ():
            add(name, label, "place")
    for country in countries:
        if country not in skip:
            add(country, country, "place")
        country_of[country] = country
    for table in (rules["cities"], places["states"], places["cities"]):
        for city, country in table.items():
            if city not in skip and _key(city) not in names:
                add(city, city, "place")
                country_of[city] = rename.get(country, country)
    for label in rules["place_aliases"]:
        country_of.setdefault(label, label)
    return Gazetteer(
        names=names,
        qualifiers={_key(k): v for k, v in rules["dateline_qualifiers"].items()},
        folded={k.casefold(): v for k, v in reversed(names.items())},
        country_of=country_of,
        demonyms=frozenset(rules["demonyms"]),
        org_suffixes=frozenset(rules["org_suffixes"]),
        org_prefixes=frozenset(rules["org_prefixes"]),
        place_words=frozenset(rules["place_words"]),
    )


@lru_cache(maxsize=8)
def _vocabulary_table(vocabulary: Vocabulary) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for topic in vocabulary.topics:
        for name in (topic.label, *topic.aliases):
            table.setdefault(_key(name), (topic.label, topic.kind))
    return table


def country_of(label: str) -> str | None:
    """The country a known place lies in (a country is its own)."""
    return gazetteer().country_of.get(label)
