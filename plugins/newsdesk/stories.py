"""Stage 6: stories. Articles about one event, from any outlet, grouped under one id.

Two articles join when they are near-copies of one text (MinHash LSH over word
shingles), or when, within a few days, their named topics and words (tf-idf, so
"Rotterdam" in every article of the week counts little) are alike. Candidate
pairs come only from the LSH buckets and an index of each article's most
distinctive features, never from all pairs. Story ids are slugs that depend on
neither file order nor hash seeds; an id once given is kept.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from .records import Article
from .slugs import slugify

SHINGLE = 5
NUM_PERM = 64
NEAR_DUPLICATE = 0.7
MAX_BUCKET = 200  # a feature on more articles than this (in one window) says nothing about events
INDEXED = 12  # each article is indexed under its most distinctive features only
MIN_SHARED = 2  # candidate pairs share at least this many indexed features
SAME_EVENT = 0.16  # cosine of the weighted feature vectors above which two write-ups tell one event
TOPIC_WEIGHT = 3.0  # a shared named topic counts as much as three shared words
WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
STOPWORDS = frozenset(
    [
        "also",
        "after",
        "again",
        "against",
        "about",
        "above",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "from",
        "further",
        "have",
        "having",
        "here",
        "into",
        "just",
        "more",
        "most",
        "other",
        "over",
        "said",
        "says",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "year",
        "years",
        "week",
        "month",
        "today",
        "yesterday",
        "told",
        "percent",
        "people",
        "since",
        "first",
        "last",
        "only",
        "still",
        "like",
        "make",
        "made",
        "many",
        "much",
        "well",
        "back",
        "even",
        "what",
    ]
)


def _shingles(article: Article) -> set[bytes]:
    words = re.findall(r"\w+", " ".join(article.body).casefold())
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """Drawing the permutations costs a millisecond; draw them once, not once per article."""
    return MinHash(num_perm=NUM_PERM, seed=1)


def _minhash(article: Article) -> MinHash:
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=t.permutations, scheme=t.scheme)
    m.update_batch(list(_shingles(article)))
    return m


def near_copies(texts: list[str], threshold: float = NEAR_DUPLICATE) -> list[list[int]]:
    """Groups (by index) of texts that are copies of one text: syndicated wire copy."""
    body = [Article(origin=("",), format="", title="", body=(t,)) for t in texts]
    union = _Union(len(texts))
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for i, article in enumerate(body):
        m = _minhash(article)
        for j in lsh.query(m):
            union.join(i, j)
        lsh.insert(i, m)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[union.find(i)].append(i)
    return sorted(groups.values())


def _span(article: Article) -> tuple[date, date] | None:
    if article.date is None:
        return None
    if article.date_precision == "month":
        nxt = date(article.date.year + (article.date.month == 12), article.date.month % 12 + 1, 1)
        return article.date, nxt - timedelta(days=1)
    if article.date_precision == "year":
        return article.date, date(article.date.year, 12, 31)
    return article.date, article.date


def close_in_time(a: Article, b: Article, window_days: int) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    gap = max(sa[0], sb[0]) - min(sa[1], sb[1])
    return gap.days <= window_days


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def named_topics(article: Article, subjects: frozenset[str]) -> set[str]:
    return {t for t in article.topics if t not in subjects}


def features(article: Article, subjects: frozenset[str]) -> Counter:
    """What an article is about: its named topics (weighted) and its words, counted."""
    words = WORD.findall(" ".join((article.title, *article.body)).casefold())
    found = Counter(w for w in words if w not in STOPWORDS)
    for topic in named_topics(article, subjects):
        found[f"#{topic}"] += TOPIC_WEIGHT
    return found


def _vectors(articles: list[Article], subjects: frozenset[str]) -> tuple[list[dict[str, float]], Counter]:
    """tf-idf vectors, unit length (words every article uses weigh nothing), and document counts.

    Two passes over the articles, so only one article's raw counts are held at a time.
    """
    df: Counter = Counter()
    for article in articles:
        df.update(features(article, subjects).keys())
    n = len(articles)
    out = []
    for article in articles:
        c = features(article, subjects)
        v = {f: (1 + math.log(tf)) * (1 + math.log((n + 1) / (df[f] + 1))) for f, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({f: x / norm for f, x in v.items() if df[f] > 1})  # a word no other article has adds nothing
    return out, df


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(f, 0.0) for f, x in a.items())


def _candidates(vectors: list[dict[str, float]], df: Counter, free: list[int], articles: list[Article], window_days: int):
    """Pairs sharing distinctive features; buckets larger than MAX_BUCKET are skipped, never paired."""
    index: dict[str, list[int]] = defaultdict(list)
    for i in free:
        top = sorted(vectors[i].items(), key=lambda kv: (-kv[1], kv[0]))[:INDEXED]
        for f, _ in top:
            index[f].append(i)
    shared: Counter = Counter()
    stats = {"buckets": 0, "skipped": 0, "pairs": 0}
    for members in index.values():
        if len(members) < 2:
            continue
        stats["buckets"] += 1
        if len(members) > MAX_BUCKET:
            stats["skipped"] += 1
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if close_in_time(articles[i], articles[j], window_days):
                    shared[(i, j)] += 1
    stats["pairs"] = len(shared)
    return [pair for pair, n in shared.items() if n >= MIN_SHARED], stats


LAST_RUN: dict[str, int] = {}  # candidate counts of the last `group` call, for the benchmark


def group(
    articles: list[Article],
    *,
    subjects: frozenset[str] = frozenset(),
    window_days: int = 7,
    known: dict[str, str] | None = None,
    fixed: dict[str, str] | None = None,
) -> list[Article]:
    """Give every article a story id.

    `known` maps an article uid to the story id it had before (ids are kept);
    `fixed` maps a uid to the story an editor chose (it wins, and is not grouped).
    """
    known, fixed = known or {}, fixed or {}
    order = sorted(range(len(articles)), key=lambda i: _key(articles[i]))
    articles = [articles[i] for i in order]
    union = _Union(len(articles))
    free = [i for i, a in enumerate(articles) if a.uid not in fixed]

    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    for i in free:
        if len(articles[i].body) == 0:
            continue
        m = _minhash(articles[i])
        for j in lsh.query(m):
            if close_in_time(articles[i], articles[j], window_days):
                union.join(i, j)
        lsh.insert(i, m)

    vectors, df = _vectors(articles, subjects)
    pairs, stats = _candidates(vectors, df, free, articles, window_days)
    LAST_RUN.clear()
    LAST_RUN.update(stats, candidates=len(pairs))
    for i, j in pairs:
        if similarity(vectors[i], vectors[j]) >= SAME_EVENT:
            union.join(i, j)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in free:
        clusters[union.find(i)].append(i)
    story_of = _story_ids([sorted(m) for m in clusters.values()], articles, subjects, known, set(fixed.values()))
    out = []
    for i, article in enumerate(articles):
        story = fixed.get(article.uid) or story_of[i]
        out.append(dataclasses.replace(article, story=story))
    return out


def _story_ids(clusters, articles, subjects, known, taken) -> dict[int, str]:
    """Keep the id most of a cluster had before; a split story keeps it in its bigger part.

    An id an editor also gave to an article (`taken` holds those) can still be kept:
    the cluster is the rest of that editor's story.
    """
    claims = []
    for members in clusters:
        previous = Counter(known[articles[i].uid] for i in members if articles[i].uid in known)
        for story, n in previous.items():
            claims.append((-n, story, _key(articles[members[0]]), members[0]))
    owner: dict[int, str] = {}
    claimed: set[str] = set()
    for _, story, _, first in sorted(claims):
        if story not in claimed and first not in owner:
            owner[first] = story
            claimed.add(story)
    taken |= claimed
    story_of: dict[int, str] = {}
    for members in sorted(clusters, key=lambda m: _key(articles[m[0]])):
        story = owner.get(members[0]) or _new_id([articles[i] for i in members], subjects, taken)
        taken.add(story)
        for i in members:
            story_of[i] = story
    return story_of


def _key(article: Article) -> tuple:
    return (article.date or date.max, article.origin, article.title)


def _new_id(members: list[Article], subjects: frozenset[str], taken: set[str]) -> str:
    """A readable id from the month and the topics most of the articles share."""
    counts = Counter(t for a in members for t in named_topics(a, subjects))
    first = [t for a in members for t in a.topics if t not in subjects]
    ranked = sorted(counts, key=lambda t: (-counts[t], first.index(t)))
    dated = [a.date for a in members if a.date]
    prefix = min(dated).strftime("%Y-%m") if dated else "undated"
    words = ranked[:3] or [members[0].title]
    base = slugify(f"{prefix} {' '.join(words)}")[:80].strip("-") or prefix
    story, n = base, 2
    while story in taken:
        story, n = f"{base}-{n}", n + 1
    return story
