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


@lru_cache(maxsize=4)
def _bands(threshold: float) -> tuple[int, int]:
    """The LSH bands and rows for a threshold: datasketch finds them by numeric integration
    (a tenth of a second), so once per threshold rather than once per call."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def near_copies(texts: list[str], threshold: float = NEAR_DUPLICATE) -> list[list[int]]:
    """Groups (by index) of texts that are copies of one text: syndicated wire copy."""
    body = [Article(origin=("",), format="", title="", body=(t,)) for t in texts]
    union = _Union(len(texts))
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands(threshold))
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
