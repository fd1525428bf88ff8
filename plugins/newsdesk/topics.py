"""Stage 5: topics. Vocabulary first (vocabulary.py), then names found in the text, ranked by salience.

A vocabulary topic has one label whatever the spelling ("Nato", "NATO"); other names are kept
only when they look like names (not weekdays, honorifics, a sentence's first word), each with a
kind (person, organisation, place) from the gazetteer or from rules (`rules/*.yaml`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from functools import lru_cache

from . import languages
from .phrases import count_phrase
from .records import Article
from .vocabulary import (  # noqa: F401 (read through topics too)
    KINDS,
    Entity,
    Vocabulary,
    VocabularyError,
    _key,
    _vocabulary_table,
    country_of,
    gazetteer,
    load_vocabulary,
    stop_rules,
)

WORD = r"[A-Z][\w'’.&-]*[\w](?:(?<=s)['’](?=[ \t]+[A-Z]))?|[A-Z]"
NAME_RUN = re.compile(rf"(?:{WORD})(?:[ \t]+(?:(?:of|de|du|der|van|von|al|bin|da|di|&|and|for|on)[ \t]+)?(?:{WORD}))*")
SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|[\"“‘(]\s*|\s[-–—]\s+)$")
START_WINDOW = 12  # characters before a name that tell whether it opens a sentence
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)(?=,))?\s*(?:,|:|\(|\s[-–—])"
)
JOINER = re.compile(r"\s+(?:and|for|on|&)\s+")  # splits "Russia and Nato", not "Bank of England"
ABBREVIATION = re.compile(r"[ \t]*\((?P<abbr>[A-Z][A-Za-z.&-]{1,9})\)")
BYLINE = re.compile(r"^\s*by\s", re.IGNORECASE)
SALIENCE = {"title": 3, "dateline": 3, "lede": 2, "body": 1}
MIN_SCORE = 1.5  # one passing mention deep in the body is not a topic
MIN_SHARE = 0.25  # nor is a name far less salient than the article's main one (vocabulary aside)
DIRECTIONS = frozenset({"North", "South", "East", "West", "Central", "Upper", "Lower"})
SURE_SCORE = 4.0  # named this often (or in the title and lede), a name is a topic whatever else the article names


def _shouting(text: str) -> bool:
    """A line set in capitals (wire headlines, datelines): its capitals say nothing of names."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _split_name(words: list[str]) -> list[tuple[list[str], bool]]:
    """Names in a run of capitalised words, without honorifics, roles and possessives.

    "German Foreign Minister Heiko Maas" is Heiko Maas; "Nato Secretary General
    Jens Stoltenberg" is Nato and Jens Stoltenberg. The flag says a title stood
    before the name ("Mr Lavrov"), which makes it a person.
    """
    rules = stop_rules()
    titles = rules["honorifics"] | rules["roles"]
    parts: list[tuple[list[str], bool]] = [([], False)]
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        nxt = words[i + 1].rstrip(".") if i + 1 < len(words) else ""
        if bare in titles or (bare in rules["demonyms"] and nxt in titles):
            parts.append(([], bare in titles))
        elif word[-2:] in ("'s", "’s"):  # "Russia's Foreign Ministry": the possessive ends a name
            parts[-1][0].append(word[:-2])
            parts.append(([], False))
        else:
            parts[-1][0].append(word.rstrip("'’") if i == len(words) - 1 else word)
    names = []
    for part, titled in parts:
        while part and (part[0] in rules["function_words"] or part[0] in rules["connectors"]):
            part = part[1:]
        while part and (part[-1] in rules["connectors"] or part[-1] in ("and", "for", "on")):
            part = part[:-1]
        if part:
            names.append((part, titled))
    return names


@dataclasses.dataclass
class _Mention:
    score: float = 0.0
    count: int = 0
    titled: bool = False
    mid_sentence: bool = False


@lru_cache(maxsize=1)
def _joined_names() -> re.Pattern:
    """Known names with "and", "for", "on" inside ("Organisation for Economic Co-operation and Development")."""
    joined = sorted((k for k in gazetteer().names if JOINER.search(k)), key=len, reverse=True)
    return re.compile("|".join(re.escape(k).replace(r"\ ", r"\s+") for k in joined) or "(?!)")


def _runs(run: str) -> list[str]:
    """A run of capitalised words cut at "and", "for", "on" unless a known name spans them."""
    suffixes = gazetteer().org_suffixes
    pieces = JOINER.split(run)
    if len(pieces) > 1 and pieces[-1].split()[-1] in suffixes and pieces[0].split()[-1] not in suffixes:
        return [run]  # "Roads and Bridges Committee", "Securities and Exchange Commission"
    out: list[str] = []
    at = 0
    for m in _joined_names().finditer(run):
        out += [*JOINER.split(run[at : m.start()]), m.group(0)]
        at = m.end()
    return [r.strip() for r in (*out, *JOINER.split(run[at:])) if r.strip()]


def _abbreviations(text: str, short_for: dict[str, str]) -> str:
    """Take "(LWB)" off "Lakeland Water Board (LWB)", noting what LWB stands for.

    The bracket repeats the name: counting it would make the name look twice as salient.
    """

    def drop(m: re.Match) -> str:
        before = text[: m.start()]
        runs = list(NAME_RUN.finditer(before))
        run = runs[-1] if runs else None
        if run is None or run.end() != len(before):
            return m.group(0)
        names = _split_name(run.group(0).split())
        if names:
            short_for.setdefault(m["abbr"], " ".join(names[-1][0]))
        return ""

    return ABBREVIATION.sub(drop, text)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether position `start` begins a sentence; looks only a few characters back, so
    finding names stays linear in the length of the text.

    >>> _opens_sentence("Nato said. Russia left", 11), _opens_sentence("Nato and Russia", 9)
    (True, False)
    """
    window = text[max(0, start - START_WINDOW) : start]
    if start <= START_WINDOW and not window.strip():
        return True
    return bool(SENTENCE_START.search(window))


def find_names(text: str, where: str = "body", found: dict[str, _Mention] | None = None) -> dict[str, _Mention]:
    """Capitalised names in running text with how often and where they occur."""
    rules = stop_rules()
    junk = rules["weekdays"] | rules["months"] | rules["honorifics"] | rules["function_words"]
    junk |= rules["roles"] | rules["agencies"]
    found = found if found is not None else {}
    for m in NAME_RUN.finditer(text):
        at_start = _opens_sentence(text, m.start())
        runs = _runs(m.group(0))
        for words, titled in (part for run in runs for part in _split_name(run.split())):
            name = " ".join(words)
            if len(words) == 1 and (words[0] in junk or len(words[0]) < 2 or words[0].isdigit()):
                continue
            if name in rules["agencies"] or any(w in rules["weekdays"] | rules["months"] for w in words):
                continue
            mention = found.setdefault(name, _Mention())
            mention.count += 1
            mention.score += SALIENCE[where]
            mention.titled |= titled
            mention.mid_sentence |= not (at_start and m.group(0).startswith(words[0])) or len(words) > 1
    return found


def _dateline(article: Article) -> tuple[list[str], str]:
    """Places in an ALL-CAPS dateline ("MAPLEWOOD, Ohio,"), and the lede without it.

    The parser may have taken the dateline off already; wire copy keeps it in the lede.
    """
    lede = article.body[0] if article.body else ""
    if article.dateline:
        m = DATELINE.match(f"{article.dateline},")
        if not m:
            return [article.dateline], lede
        places = [m["place"]]
        if m["qualifier"] and (state := gazetteer().qualifiers.get(_key(m["qualifier"]))):
            places.append(state)
        return places, lede
    if BYLINE.match(lede) and len(article.body) > 1:
        lede = article.body[1]
    m = DATELINE.match(lede)
    if not m or not _shouting(m["place"]):
        return [], lede
    places = [m["place"]]
    if m["qualifier"] and (state := gazetteer().qualifiers.get(_key(m["qualifier"]))):
        places.append(state)
    return places, lede[m.end() :]


def _shouted_names(text: str) -> Counter:
    """Known names in a line set in capitals ("NORWAY RAISES FISH QUOTA"), longest first."""
    folded = gazetteer().folded
    text = re.sub(r"<[^<>]*>", " ", text)  # stock tickers: <UN> is Unilever, not the United Nations
    words = [_key(w).casefold() for w in re.findall(r"[A-Za-z][\w.'’&-]*", text)]
    found: Counter = Counter()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            if len(words[i : i + n]) == n and phrase in folded:
                found[folded[phrase][0]] += 1
                i += n
                break
        else:
            i += 1
    return found


def _add_shouted(text: str, where: str, found: dict[str, _Mention]) -> None:
    for label, n in _shouted_names(text).items():
        mention = found.setdefault(label, _Mention())
        mention.score += SALIENCE[where] * n
        mention.count += n
        mention.mid_sentence = True


def guess_kind(name: str, *, titled: bool = False) -> str:
    """Person, organisation or place, for a name no list knows; rules in gazetteer.yaml."""
    gaz = gazetteer()
    words = name.replace(",", "").split()
    if words[-1].rstrip(".") in gaz.org_suffixes or words[0] in gaz.org_prefixes:
        return "organisation"
    if any(w in gaz.place_words for w in words):
        return "place"
    if titled:
        return "person"
    if len(words) == 1 or any(_key(w) in gaz.names or w in gaz.demonyms for w in words):
        return "organisation"  # "Air Norway", "Chile Copper Board": a place in a name makes a firm
    plain = all(re.fullmatch(r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?", w) or w in stop_rules()["connectors"] for w in words)
    return "person" if plain and len(words) <= 4 else "organisation"


def _fold_short_forms(names: dict[str, _Mention], known: set[str]) -> dict[str, _Mention]:
    """Fold "Lavrov" and "Mr Lavrov" into "Sergei Lavrov", "Brightwell" into "Brightwell AG".

    A name known by itself ("Geneva") is never folded into a longer one ("Geneva Post").
    """
    merged = dict(names)
    longer = [n for n in names if len(n.split()) > 1]
    for name in names:
        if len(name.split()) != 1 or _key(name) in known:
            continue
        people = [n for n in longer if n.split()[-1] == name]
        firms = [n for n in longer if n.split()[0] == name and guess_kind(n) == "organisation"]
        target = people if len(people) == 1 else firms if len(firms) == 1 else []
        if target:
            short, full = merged.pop(name), merged[target[0]]
            merged[target[0]] = _Mention(full.score + short.score, full.count + short.count, full.titled or short.titled, True)
    return merged


def rank(
    article: Article, vocabulary: Vocabulary, *, limit: int = 8, exclude: frozenset[str] = frozenset()
) -> tuple[Entity, ...]:
    """The article's topics with their kinds, most salient first, at most `limit`."""
    gaz = gazetteer()
    rules = stop_rules()
    # A wire title set in capitals is made readable by the parser ("Sandoz Plans Weedkiller
    # Joint Venture"); every word of it is then capitalised, so names are read from the original.
    headline = article.title_raw if article.title_raw and _shouting(article.title_raw) else article.title
    shout = _shouting(headline)
    title = "" if shout else headline
    lede = article.body[0] if article.body else ""
    text = "\n".join((title, *article.body))
    scores: Counter = Counter()
    kinds: dict[str, str] = {}
    covered: set[str] = set()

    def salience(phrase: str, **kw) -> float:
        if phrase not in text:  # the title and lede are in the text: not there, not anywhere (and fast)
            return 0
        return count_phrase(text, phrase, **kw) + 2 * count_phrase(title, phrase, **kw) + count_phrase(lede, phrase, **kw)

    folded = text.casefold()
    for topic, min_cues in zip(vocabulary.topics, vocabulary.min_cues, strict=True):
        kinds[topic.label] = topic.kind
        if topic.cues:
            hits = sum(count_phrase(text, c, ignore_case=True) for c in topic.cues if c.casefold() in folded)
            if hits >= min_cues:
                scores[topic.label] += hits / 2
            continue
        named = sum(salience(p) for p in (topic.label, *topic.aliases))
        if shout:
            named += 3 * sum(count_phrase(headline, p, ignore_case=True) for p in (topic.label, *topic.aliases))
        if named:
            named += sum(salience(p) for p in topic.requires)
            scores[topic.label] += named + 1
            covered.update((topic.label, *topic.aliases, *topic.requires))

    known = _vocabulary_table(vocabulary)
    found: dict[str, _Mention] = {}
    if title:
        find_names(title, "title", found)
    datelined, lede_text = _dateline(article)
    paragraphs = [p for p in article.body if not BYLINE.match(p)]
    short_for: dict[str, str] = {}
    for i, paragraph in enumerate(paragraphs):
        paragraph = _abbreviations(lede_text if i == 0 else paragraph, short_for)
        if _shouting(paragraph):
            _add_shouted(paragraph, "lede" if i == 0 else "body", found)
        else:
            find_names(paragraph, "lede" if i == 0 else "body", found)
    for short, full in short_for.items():
        if short in found and full in found and _key(short) not in gaz.names:
            extra = found.pop(short)
            found[full].score += extra.score
            found[full].count += extra.count
    datelined_names = set()
    for place in datelined:
        place = " ".join(w.capitalize() for w in place.split()) if _shouting(place) else place
        datelined_names.add(place)
        mention = found.setdefault(place, _Mention())
        mention.score += SALIENCE["dateline"]
        mention.count += 1
        mention.mid_sentence = True
        kinds[place] = "place"
    if shout:
        _add_shouted(headline, "title", found)

    skip = {e.casefold() for e in exclude}
    junk = rules["demonyms"] | gaz.demonyms | rules["report_terms"]
    language = languages.rules_for(article.language) if article.language != "en" else None
    for name, mention in _fold_short_forms(found, known.keys() | gaz.names.keys()).items():
        name = _without_article(name, language)
        k = _key(name)
        if name in covered or k in known or name.casefold() in skip or k.casefold() in skip:
            continue
        if k in gaz.names:
            label, kind = gaz.names[k]
            scores[label] += mention.score
            kinds[label] = kind
            continue
        words = name.split()
        nouns_capitalised = bool(language and language.capitalised_nouns)  # German: every noun looks like a name
        lone = len(words) == 1 and (nouns_capitalised or not mention.mid_sentence or mention.count < 2)
        lone = lone and name not in datelined_names
        if name in junk or lone:
            continue
        if len(words) > 1 and all(w in junk or w in rules["function_words"] or w in DIRECTIONS for w in words):
            continue  # "South African", "West German"
        if any(name in c for c in covered if len(c) > len(name)):
            continue
        head = _key(" ".join(words[:-1]))
        if len(words) > 1 and words[-1] not in gaz.org_suffixes and (head in known or head in gaz.names):
            label, kind = known.get(head) or gaz.names[head]
            scores[label] += mention.score
            kinds.setdefault(label, kind)
            continue
        scores[name] += mention.score
        kinds.setdefault(name, guess_kind(name, titled=mention.titled))

    _roll_up_places(scores, kinds)
    top = max(scores.values(), default=0)
    floor = max(MIN_SCORE, min(MIN_SHARE * top, SURE_SCORE))
    chosen = {t.label for t in vocabulary.topics}  # the site's own vocabulary: kept when named at all
    kept = ((k, v) for k, v in scores.items() if v >= (MIN_SCORE if k in chosen else floor))
    ranked = sorted(kept, key=lambda kv: (-kv[1], kv[0]))
    return tuple(Entity(label, kinds.get(label, "subject"), score) for label, score in ranked[:limit])


ROLL_UP = 0.99  # a country named only through its city ranks just below the city


def _roll_up_places(scores: Counter, kinds: dict[str, str]) -> None:
    """A city, state or province names its country: "Cincinnati" also tags "United States",
    just after its most salient place, so a country's page gathers its stories."""
    for label, score in list(scores.items()):
        country = country_of(label) if kinds.get(label) == "place" else None
        if country and country != label and score > 0:
            scores[country] = max(scores[country], score * ROLL_UP)
            kinds[country] = "place"


def _without_article(name: str, language: languages.Language | None) -> str:
    """A name found at a sentence's start without the article in front ("Die Stadtwerke")."""
    words = name.split()
    if language and len(words) > 1 and words[0].casefold() in language.stop_words:
        return " ".join(words[1:])
    return name


def assign_topics(article: Article, vocabulary: Vocabulary, *, limit: int = 8, exclude: frozenset[str] = frozenset()) -> Article:
    """The article with its topics: most salient first, at most `limit`."""
    found = rank(article, vocabulary, limit=limit, exclude=exclude)
    return dataclasses.replace(article, topics=tuple(e.label for e in found))


def by_kind(entities: tuple[Entity, ...]) -> dict[str, list[str]]:
    """Labels grouped by kind, for reports and the evaluation."""
    out: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        out[entity.kind].append(entity.label)
    return dict(out)
