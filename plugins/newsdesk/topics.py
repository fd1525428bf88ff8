"""Stage 5: topics. Vocabulary first, then names found in the text, ranked by salience.

A topic from the vocabulary has one label whatever spelling the text uses
("Nato", "NATO"); names beyond it are kept only when they look like names and
not like weekdays, honorifics or the first word of a sentence.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from .records import Article, Topic

RULES = Path(__file__).with_name("rules") / "entities.yaml"
WORD = r"[A-Z][\w'’.-]*[\w]|[A-Z]"
NAME_RUN = re.compile(rf"(?:{WORD})(?:[ \t]+(?:(?:of|de|du|der|van|von|al|bin|da|di|&)[ \t]+)?(?:{WORD}))*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


class VocabularyError(ValueError):
    """A topics.yaml that cannot be used; the message names the entry."""


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    topics: tuple[Topic, ...] = ()
    min_cues: tuple[int, ...] = ()

    def label_for(self, name: str) -> str | None:
        for topic in self.topics:
            if name == topic.label or name in topic.aliases or name in topic.requires:
                return topic.label
        return None


def load_vocabulary(path: Path | None) -> Vocabulary:
    if path is None or not path.is_file():
        return Vocabulary()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise VocabularyError(f"{path}: expected a list of topics (- label: ...)")
    topics, cues = [], []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or not item.get("label"):
            raise VocabularyError(f"{path}: entry {i} needs a `label:`")
        topics.append(
            Topic(
                label=str(item["label"]),
                kind=str(item.get("kind", "subject")),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                cues=tuple(str(c) for c in item.get("cues") or ()),
                requires=tuple(str(r) for r in item.get("requires") or ()),
                iptc=item.get("iptc"),
            )
        )
        cues.append(int(item.get("min_cues", 2)))
    return Vocabulary(tuple(topics), tuple(cues))


@lru_cache(maxsize=1)
def stop_rules() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in data.items()}


def _count(text: str, phrase: str, *, ignore_case: bool = False) -> int:
    flags = re.IGNORECASE if ignore_case else 0
    return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, flags))


def _split_name(words: list[str]) -> list[list[str]]:
    """Names in a run of capitalised words, without honorifics, roles and possessives.

    "German Foreign Minister Heiko Maas" is Heiko Maas; "Nato Secretary General
    Jens Stoltenberg" is Nato and Jens Stoltenberg.
    """
    rules = stop_rules()
    titles = rules["honorifics"] | rules["roles"]
    parts: list[list[str]] = [[]]
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        nxt = words[i + 1].rstrip(".") if i + 1 < len(words) else ""
        if bare in titles or (bare in rules["demonyms"] and nxt in titles):
            parts.append([])
        else:
            parts[-1].append(re.sub(r"['’]s$", "", word))
    names = []
    for part in parts:
        while part and (part[0] in rules["function_words"] or part[0] in rules["connectors"]):
            part = part[1:]
        while part and part[-1] in rules["connectors"]:
            part = part[:-1]
        if part:
            names.append(part)
    return names


def find_names(text: str) -> Counter:
    """Capitalised names in running text, counted; sentence-initial single words are left out."""
    rules = stop_rules()
    junk = rules["weekdays"] | rules["months"] | rules["honorifics"] | rules["function_words"]
    junk |= rules["demonyms"] | rules["roles"] | rules["agencies"]
    names: Counter = Counter()
    for m in NAME_RUN.finditer(text):
        at_start = bool(SENTENCE_START.search(text[: m.start()]))
        for words in _split_name(m.group(0).split()):
            name = " ".join(words)
            if len(words) == 1:
                word = words[0]
                first = at_start and m.group(0).startswith(word)
                if word in junk or first or len(word) < 2 or word.isdigit():
                    continue
            elif name in rules["agencies"] or any(w in rules["weekdays"] | rules["months"] for w in words):
                continue
            names[name] += 1
    return names


def _short_forms(names: Counter) -> Counter:
    """Fold "Lavrov" into "Sergei Lavrov" once the full name has been used."""
    merged = Counter(names)
    for name in names:
        parts = name.split()
        if len(parts) != 1:
            continue
        longer = [n for n in names if len(n.split()) > 1 and n.split()[-1] == name]
        if len(longer) == 1:
            merged[longer[0]] += merged.pop(name)
    return merged


def assign_topics(article: Article, vocabulary: Vocabulary, *, limit: int = 8, exclude: frozenset[str] = frozenset()) -> Article:
    """The article with its topics: most salient first, at most `limit`."""
    title = article.title
    lede = article.body[0] if article.body else ""
    text = "\n".join((title, *article.body))
    scores: Counter = Counter()
    covered: set[str] = set()

    def salience(phrase: str, **kw) -> float:
        return _count(text, phrase, **kw) + 2 * _count(title, phrase, **kw) + _count(lede, phrase, **kw)

    for topic, min_cues in zip(vocabulary.topics, vocabulary.min_cues, strict=True):
        if topic.cues:
            hits = sum(_count(text, c, ignore_case=True) for c in topic.cues)
            if hits >= min_cues:
                scores[topic.label] += hits / 2
            continue
        named = sum(salience(p) for p in (topic.label, *topic.aliases))
        if named:
            named += sum(salience(p) for p in topic.requires)
            scores[topic.label] += named + 1
            covered.update((topic.label, *topic.aliases, *topic.requires))

    skip = {e.casefold() for e in exclude}
    for name, n in _short_forms(find_names(text)).items():
        if name in covered or name.casefold() in skip or vocabulary.label_for(name):
            continue
        if any(name in c.split() or name in c for c in covered if len(c) > len(name)):
            continue
        if len(name.split()) == 1 and n < 2:
            continue
        scores[name] += n + 2 * _count(title, name) + _count(lede, name)

    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return dataclasses.replace(article, topics=tuple(label for label, _ in ranked[:limit]))
