"""Stage 6: stories. Articles about one event, from any outlet, grouped under one id.

Two articles join when they are near-copies of one text (MinHash LSH over word
shingles) or when they share enough named topics within a few days. Candidate
pairs come only from the LSH buckets and a topic index, never from all pairs.
Story ids are slugs that do not depend on file order; an id once given is kept.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from datasketch import MinHash, MinHashLSH

from .dates import day_mentions, weekday_mentioned
from .records import Article
from .slugs import slugify

SHINGLE = 5
NUM_PERM = 64
NEAR_DUPLICATE = 0.7
MIN_SHARED_TOPICS = 3
MIN_TOPIC_OVERLAP = 0.35
MAX_BUCKET = 200  # a topic on more articles than this says nothing about events


def _shingles(article: Article) -> set[bytes]:
    words = re.findall(r"\w+", " ".join(article.body).casefold())
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}


def _minhash(article: Article) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(_shingles(article)))
    return m


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
    hashes = {}
    for i in free:
        if len(articles[i].body) == 0:
            continue
        hashes[i] = _minhash(articles[i])
        for j in lsh.query(hashes[i]):
            if close_in_time(articles[i], articles[j], window_days):
                union.join(i, j)
        lsh.insert(i, hashes[i])

    index: dict[str, list[int]] = defaultdict(list)
    for i in free:
        for topic in named_topics(articles[i], subjects):
            index[topic].append(i)
    shared: Counter = Counter()
    for members in index.values():
        if len(members) > MAX_BUCKET:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                shared[(i, j)] += 1
    for (i, j), n in shared.items():
        ti, tj = named_topics(articles[i], subjects), named_topics(articles[j], subjects)
        overlap = n / min(len(ti), len(tj))
        if n >= MIN_SHARED_TOPICS and overlap >= MIN_TOPIC_OVERLAP and close_in_time(articles[i], articles[j], window_days):
            union.join(i, j)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in free:
        clusters[union.find(i)].append(i)

    story_of: dict[int, str] = {}
    taken: set[str] = set(fixed.values())
    for members in sorted(clusters.values(), key=lambda m: _key(articles[m[0]])):
        previous = Counter(known[articles[i].uid] for i in members if articles[i].uid in known)
        if previous:
            story = sorted(previous.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        else:
            story = _new_id([articles[i] for i in members], subjects, taken)
        taken.add(story)
        for i in members:
            story_of[i] = story
    out = []
    for i, article in enumerate(articles):
        story = fixed.get(article.uid) or story_of[i]
        out.append(dataclasses.replace(article, story=story))
    return out


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


def infer_dates(articles: list[Article]) -> list[Article]:
    """Date undated articles from their story: a weekday in the lede, a dated day elsewhere.

    "Russia said on Monday" in an undated clipping, and "on October 18" in a
    report of the same story dated November 2021: October 18, 2021 was a Monday.
    """
    by_story: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_story[a.story].append(a)
    out = []
    for article in articles:
        if article.date is not None:
            out.append(article)
            continue
        weekday = weekday_mentioned(" ".join(article.body[:2]))
        evidence = []
        if weekday:
            for other in by_story[article.story]:
                if other is article or other.date is None or other.date_source == "inferred":
                    continue
                for found in day_mentions(" ".join(other.body), other.date):
                    if found.value.strftime("%A") == weekday:
                        evidence.append((found, other))
        if evidence:
            found, other = sorted(evidence, key=lambda e: (e[0].value, e[1].origin))[0]
            note = (
                f"the lede says \u201con {weekday}\u201d; {other.source or other.origin[0]} "
                f"in the same story says \u201c{found.text}\u201d, and {found.value.isoformat()} was a {weekday}"
            )
            out.append(
                dataclasses.replace(article, date=found.value, date_precision="day", date_source="inferred", date_note=note)
            )
        else:
            out.append(article)
    return out
