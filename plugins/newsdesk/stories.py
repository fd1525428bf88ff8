"""Stage 6: stories. Articles about one event, from any outlet, grouped under one id.

Two articles join when their headlines and ledes tell one event (storygroup.py:
weighted word, name and number vectors, average-link clustering, time as
evidence); copies of one wire text are alike enough to be joined first. Candidate
pairs come only from an index of each article's most distinctive features, never
from all pairs. `near_copies` (MinHash LSH over word shingles) tells the site which
articles of a story print one text. Story ids are slugs
that depend on neither file order nor hash seeds; an id once given is kept.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections import defaultdict
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from . import storygroup, storyids
from .dates import day_mentions, weekday_mentioned
from .records import Article

SHINGLE = 5
NUM_PERM = 64
NEAR_DUPLICATE = 0.7


def _shingles(article: Article) -> set[bytes]:
    words = re.findall(r"\w+", " ".join(article.body).casefold())
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """Drawing the permutations costs a millisecond; draw them once, not once per article.

    CRC-32 hashes the shingles: a C function, several times faster than SHA-1 and as good for this.
    """
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def _minhash(article: Article) -> MinHash:
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, permutations=t.permutations, scheme=t.scheme)
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


LAST_RUN: dict[str, int] = {}  # candidate counts of the last `group` call, for the benchmark


def group(
    articles: list[Article],
    *,
    subjects: frozenset[str] = frozenset(),
    known: dict[str, str] | None = None,
    fixed: dict[str, str] | None = None,
    edits: storyids.Edits | None = None,
) -> list[Article]:
    """Give every article a story id.

    `known` maps an article uid to the story id it had before (ids are kept, storyids.py);
    `fixed` maps a uid to the story an editor chose (it wins, and is not grouped);
    `edits` are the merges and splits of content/stories.yaml.
    """
    known, fixed = known or {}, fixed or {}
    order = sorted(range(len(articles)), key=lambda i: storyids.key(articles[i]))
    articles = [articles[i] for i in order]
    free = [i for i, a in enumerate(articles) if a.uid not in fixed]
    groups, stats = storygroup.cluster(articles, free, subjects)
    LAST_RUN.clear()
    LAST_RUN.update(dataclasses.asdict(stats))
    story_of = storyids.assign(groups, articles, subjects, known, set(fixed.values()), edits)
    out = []
    for i, article in enumerate(articles):
        story = fixed.get(article.uid) or story_of[i]
        out.append(dataclasses.replace(article, story=story))
    return out


def infer_dates(articles: list[Article]) -> list[Article]:
    """Date undated articles from their story: a weekday in the lede, a dated day elsewhere.

    "Russia said on Monday" in an undated clipping, and "on October 18" in a
    report of the same story dated November 2021: October 18, 2021 was a Monday.
    """
    # Per story and weekday, the earliest day another dated article names: read once per article.
    evidence: dict[str, dict[str, tuple]] = defaultdict(dict)
    for other in articles:
        if other.date is None or other.date_source == "inferred":
            continue
        for found in day_mentions(" ".join(other.body), other.date):
            weekday = found.value.strftime("%A")
            best = evidence[other.story].get(weekday)
            if best is None or (found.value, other.origin) < (best[0].value, best[1].origin):
                evidence[other.story][weekday] = (found, other)
    out = []
    for article in articles:
        weekday = None if article.date is not None else weekday_mentioned(" ".join(article.body[:2]))
        best = evidence[article.story].get(weekday) if weekday else None
        if best is None or best[1] is article:
            out.append(article)
            continue
        found, other = best
        note = (
            f"the lede says \u201con {weekday}\u201d; {other.source or other.origin[0]} "
            f"in the same story says \u201c{found.text}\u201d, and {found.value.isoformat()} was a {weekday}"
        )
        out.append(dataclasses.replace(article, date=found.value, date_precision="day", date_source="inferred", date_note=note))
    return out
