"""What each outlet adds to a story, where outlets disagree, and a title and summary from the coverage.

Pure functions over plain texts (the site passes each article's source, date, headline and
text; copies of one wire text are passed once). For each outlet:

- quotes (speaker and words) that no other outlet prints;
- people and places it names that no other outlet names (the topic tagger's kinds);
- figures ("300 homes", "eight diplomats") that no other outlet gives;

and, across outlets, a figure given differently for the same thing ("eight diplomats" in
one, "six diplomats" in another), each value with its sources.

The story's own title and summary, when no editor wrote one, are extractive: the
story's centroid weighs each word by the share of its articles that use it (words
only one outlet uses count nothing: they are what it adds, not what the story is);
a sentence scores the cosine of its words with the centroid. The title is the
headline that scores highest, the summary the two sentences that score highest (the
second not a restatement of the first: word overlap below REDUNDANT), in the order
the coverage printed them.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import rulefiles, topics
from .feeds.spec import xml_safe
from .records import Article
from .settings import setting
from .storygroup import WORD, stopwords

RULES = Path(__file__).with_name("rules") / "figures.yaml"
QUOTE = re.compile(r"[“\"]([^”\"\n]{12,400})[”\"]")
NAME_WORDS = r"((?:(?:[A-Z]\.|[A-Z][\w'’-]{1,30})\s){0,3}[A-Z][\w'’-]{1,30})"  # "Lena Marek", "J. Smith"
SENTENCE = re.compile(r"[^.!?]{1,600}(?:[.!?]+[”\"]?|$)")
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,[^-–—:]{1,30})?\s{0,2}[-–—:]\s{1,3}")
PLACE_AFTER = re.compile(r"\b(?:in|at|near|outside)\s{1,3}([A-Z][a-z]{2,30}(?:\s[A-Z][a-z]{2,30})?)\b")
REDUNDANT = 0.5  # Jaccard overlap of two sentences' words
MAX_ITEMS = 6  # per outlet and kind: the page is a comparison, not an index


@dataclass(frozen=True)
class Item:
    """One outlet's article, as the comparison reads it."""

    key: str  # the article's url: how the site finds its entry again
    source: str
    date: str  # ISO, for ordering
    title: str
    text: str  # plain text, paragraphs separated by blank lines


@dataclass(frozen=True)
class Quote:
    speaker: str
    words: str


@dataclass(frozen=True)
class Adds:
    """What one outlet's article has that the others' do not."""

    key: str
    source: str
    quotes: tuple[Quote, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.quotes or self.people or self.places or self.figures)

    def sentence(self) -> str:
        """The same in one line of text, for feeds."""
        parts = []
        if self.quotes:
            parts.append("quotes " + "; ".join(f"{q.speaker}: “{q.words}”" for q in self.quotes))
        if self.people:
            parts.append("names " + ", ".join(self.people))
        if self.places:
            parts.append("places " + ", ".join(self.places))
        if self.figures:
            parts.append("figures " + ", ".join(self.figures))
        return f"{self.source} adds " + "; ".join(parts) + "." if parts else ""


@dataclass(frozen=True)
class Disagreement:
    """One thing counted differently: ("diplomats", (("eight", ("A", "B")), ("six", ("C",))))."""

    what: str
    values: tuple[tuple[str, tuple[str, ...]], ...]

    def sentence(self) -> str:
        return f"Outlets differ on the number of {self.what}: " + " vs ".join(f"{v} ({', '.join(s)})" for v, s in self.values)


@dataclass(frozen=True)
class Comparison:
    adds: tuple[Adds, ...]
    disagreements: tuple[Disagreement, ...]
    title: str
    summary: tuple[str, ...]

    @property
    def summary_text(self) -> str:
        return " ".join(self.summary)

    def for_entry(self, key: str) -> str:
        """A feed entry's summary: what this article's outlet adds, and where outlets disagree."""
        mine = [a.sentence() for a in self.adds if a.key == key and not a.empty]
        return " ".join([*mine, *(d.sentence() + "." for d in self.disagreements)])


@lru_cache(maxsize=1)
def rules() -> dict:
    return rulefiles.load(RULES)


def quotes(text: str) -> list[Quote]:
    """Quotes with a named speaker, before ("X said: “…”") or after ("“…,” said X" / "“…,” X said")."""
    r = rules()
    verbs = "|".join(r["speech_verbs"])
    role = r"(?:[\w'’-]{1,30}\s{1,3}){0,5}?"  # "said foreign minister Lena Marek"
    after_verb = re.compile(rf"^[,.]?\s{{0,3}}(?:{verbs})\s{{1,3}}{role}{NAME_WORDS}(?=\s{{0,3}}[.,;]|$)")
    after_name = re.compile(rf"^[,.]?\s{{0,3}}{NAME_WORDS}\s{{1,3}}(?:{verbs})\b")
    before = re.compile(rf"{NAME_WORDS}\s{{1,3}}(?:{verbs})(?:\s[^:,.“\"]{{0,40}})?[:,]\s{{0,3}}$")
    found = []
    for m in QUOTE.finditer(text):
        tail, head = text[m.end() : m.end() + 90], text[max(0, m.start() - 90) : m.start()]
        who = after_verb.match(tail) or after_name.match(tail) or before.search(head)
        if not who:
            continue
        speaker = who.group(1).strip(" .,")
        if speaker.split()[0] in r["pronouns"]:
            continue
        found.append(Quote(speaker, m.group(1).strip(" ,")))
    return found


@lru_cache(maxsize=1)
def _figure_pattern() -> re.Pattern:
    """A number (digits or a number word) and what it counts, past one capitalised adjective: "six Russian diplomats"."""
    words = "|".join(sorted(rules()["number_words"], key=len, reverse=True))
    return re.compile(rf"\b(\d[\d,.]{{0,12}}|(?i:{words}))\s{{1,3}}(?:[A-Z][a-z-]{{1,20}}\s{{1,3}})?([a-z]{{3,20}})\b")


def figures(text: str) -> dict[str, dict[float, str]]:
    """Counted things: noun -> value -> the words as printed. "eight diplomats" -> {"diplomat": {8.0: "eight diplomats"}}."""
    r = rules()
    words, skip = r["number_words"], set(r["not_counted"])
    out: dict[str, dict[float, str]] = defaultdict(dict)
    for m in _figure_pattern().finditer(text):
        number, noun = m.group(1).lower(), m.group(2)
        if noun in skip:
            continue
        if number[0].isdigit():
            try:
                value = float(number.rstrip(".,").replace(",", ""))
            except ValueError:
                continue
            if 1900 <= value <= 2100 and "." not in number:  # a year, not a count
                continue
        elif number in words:
            value = float(words[number])
        else:
            continue
        out[noun.removesuffix("s")].setdefault(value, f"{number} {noun}")
    return dict(out)


def _words(text: str) -> set[str]:
    stop = stopwords()
    return {w for w in WORD.findall(text.casefold()) if w not in stop}


def sentences(text: str) -> list[str]:
    """Sentences of 40 characters or more, a leading dateline ("VELMORA, May 12 -") taken off."""
    out = []
    for paragraph in text.split("\n\n"):
        paragraph = DATELINE.sub("", " ".join(paragraph.split()))
        out += [s.strip() for s in SENTENCE.findall(paragraph) if len(s.strip()) >= 40]
    return out


def central(items: list[Item], count: int = 2) -> tuple[str, tuple[str, ...]]:
    """The headline and the `count` sentences closest to the story's centroid (see the module)."""
    per_item = [sentences(i.text) for i in items]
    if not items:
        return "", ()
    used = Counter(w for i in items for w in _words(f"{i.title} {i.text}"))
    shared = 2 if len(items) > 1 else 1
    centroid = {w: n / len(items) for w, n in used.items() if n >= shared}
    norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0

    def score(text: str) -> float:
        words = _words(text)
        return sum(centroid.get(w, 0.0) for w in words) / (math.sqrt(len(words) or 1) * norm)

    title = max(items, key=lambda i: (score(i.title), -items.index(i))).title
    ranked = sorted((-score(s), k, p, s) for k, ss in enumerate(per_item) for p, s in enumerate(ss))
    chosen: list[tuple[int, int, str]] = []
    for _, k, p, s in ranked:
        words = _words(s)
        if all(len(words & _words(t)) / (len(words | _words(t)) or 1) < REDUNDANT for _, _, t in chosen):
            chosen.append((k, p, s))
        if len(chosen) == count:
            break
    return title, tuple(s for _, _, s in sorted(chosen))


def compare(items: list[Item], vocabulary: topics.Vocabulary | None = None) -> Comparison:
    """The comparison of a story's coverage; `items` oldest first, one per printed text."""
    vocabulary = vocabulary or topics.Vocabulary()
    title, summary = central(items)
    if len({i.source for i in items}) < 2:  # one outlet: nothing one adds over another, nothing to disagree on
        return Comparison((), (), title, summary)
    seen_quotes = {i.key: quotes(i.text) for i in items}
    entities = {i.key: _entities(i, vocabulary) for i in items}
    counted = {i.key: figures(i.text) for i in items}
    folded = {i.key: _fold(i.text) for i in items}
    adds = []
    for item in items:
        others = [o for o in items if o.source != item.source]
        if not others:
            continue
        other_text = " ".join(folded[o.key] for o in others)
        other_names = {label for o in others for label, _ in entities[o.key]}
        other_figures = {(noun, value) for o in others for noun, vs in counted[o.key].items() for value in vs}
        own_quotes = [q for q in seen_quotes[item.key] if _fold(q.words)[:40] not in other_text]
        names = [(label, kind) for label, kind in entities[item.key] if label not in other_names]
        adds.append(
            Adds(
                key=item.key,
                source=item.source,
                quotes=tuple(dict.fromkeys(own_quotes))[:MAX_ITEMS],
                people=tuple(label for label, kind in names if kind == "person")[:MAX_ITEMS],
                places=tuple(label for label, kind in names if kind == "place")[:MAX_ITEMS],
                figures=tuple(
                    w for noun, vs in counted[item.key].items() for v, w in vs.items() if (noun, v) not in other_figures
                )[:MAX_ITEMS],
            )
        )
    return Comparison(tuple(adds), _disagreements(items, counted), title, summary)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _entities(item: Item, vocabulary: topics.Vocabulary) -> list[tuple[str, str]]:
    """People and places as the topic tagger names them, and names after "in", "at", "near": places.

    The tagger knows the site's vocabulary and its gazetteer; a town it has never heard of
    ("the consulate in Karvik") is still a place the outlet names.
    """
    article = Article(origin=(item.key,), format="", title=item.title, body=tuple(item.text.split("\n\n")))
    found = [(e.label, e.kind) for e in topics.rank(article, vocabulary, limit=20, exclude=frozenset({item.source}))]
    cities_of = {topics.country_of(label) for label, kind in found if kind == "place"} - {None}
    text = f"{item.title}\n{item.text}"
    # a country the tagger added for a city it names ("Antwerp" -> Belgium) is not named by the outlet
    found = [(label, kind) for label, kind in found if not (kind == "place" and label in cities_of and label not in text)]
    known = {label for label, _ in found}
    for m in PLACE_AFTER.finditer(item.text):
        name = m.group(1)
        if name not in known and name.split()[0] not in rules()["pronouns"]:
            known.add(name)
            found.append((name, "place"))
    return found


def _disagreements(items: list[Item], counted: dict[str, dict]) -> tuple[Disagreement, ...]:
    """Things outlets count differently: each outlet gives one value for it, and not all the same.

    An outlet that gives two values for one thing ("40 ships halted", "eight ships diverted")
    is telling two counts; it is left out of that thing's comparison.
    """
    values: dict[str, dict[float, tuple[str, list[str]]]] = defaultdict(dict)
    shown_as: dict[str, str] = {}
    for item in items:
        for noun, by_value in counted[item.key].items():
            if len(by_value) != 1:
                continue
            ((value, words),) = by_value.items()
            number, printed_noun = words.split(" ", 1)
            shown_as.setdefault(noun, printed_noun)
            _, sources = values[noun].setdefault(value, (number, []))
            if item.source not in sources:
                sources.append(item.source)
    out = []
    for noun, by_value in sorted(values.items()):
        groups = [set(ss) for _, ss in by_value.values()]
        # Each value from outlets of its own: one outlet printing both is two counts, not a disagreement.
        if len(groups) < 2 or sum(len(g) for g in groups) != len(set().union(*groups)):
            continue
        shown = sorted(by_value.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))
        out.append(Disagreement(shown_as[noun], tuple((printed, tuple(ss)) for _, (printed, ss) in shown)))
    return tuple(out[:MAX_ITEMS])


def plain(html_text: str) -> str:
    """An article's rendered HTML as plain text, paragraphs kept apart (bounded: tags never nest here)."""
    text = re.sub(r"</(?:p|h[1-6]|li|blockquote|pre)>", "\n\n", html_text)
    return html.unescape(re.sub(r"<[^>]{0,2000}>", " ", text))


def for_story(timeline, vocabulary: topics.Vocabulary | None = None) -> Comparison:
    """The comparison of a story page's timeline (site.Coverage entries: each printed text once)."""
    items = [
        Item(
            key=entry.article.url,
            source=str(entry.article.metadata.get("source") or "unknown source"),
            date=entry.article.date.isoformat(),
            title=entry.article.title,
            text=plain(entry.article.content),
        )
        for entry in timeline
    ]
    return compare(items, vocabulary)


def site_vocabulary(settings) -> topics.Vocabulary:
    """The site's topics.yaml (its people and places are named as the tagger names them); empty when unreadable."""
    try:
        return topics.load_vocabulary(Path(settings["PATH"]) / setting(settings, "NEWSDESK_TOPICS_FILE"))
    except topics.VocabularyError:
        return topics.Vocabulary()  # ingest has said what is wrong with it


def feed_entry(entry, article, comparison: Comparison):
    """A story feed's entry for `article`: its summary, then what its outlet adds and where outlets differ."""
    said = comparison.for_entry(article.url)
    if not said:
        return entry
    return dataclasses.replace(entry, summary=xml_safe(f"{entry.summary} — {said}" if entry.summary else said))
