"""Which articles tell one event: weighted term and entity vectors, average-link clustering.

Real coverage of two events of one kind (two earthquakes, two boxing title fights) shares
most of its words; what tells them apart is who, where and which numbers, and the lede.
So an article is described by its headline and lede (LEAD_CHARS): words, capitalised
names and numbers (weighted above plain words) and its named topics, as tf-idf. Later
paragraphs are left out on purpose: that is where background (the earlier quake, the
previous stay in rehab) lives, and it makes two events look like one.

Clustering is average link: a group joins another only when its articles are, on
average, alike, so one chatty article cannot chain two events together as single link
does. Groups of one or two that stay below the threshold then join the group they are
closest to when that is clearly above chance (ATTACH): a one-sentence brief still
belongs to its story. Time is evidence, not a wall: similarity is damped with the days
between two articles, and articles weeks apart can still join.

Only candidate pairs are ever compared: pairs sharing at least MIN_SHARED of their most
distinctive features (an inverted index; a feature on more than a hundredth of the
articles (or MIN_BUCKET), or on more than MAX_BUCKET, says nothing and is skipped).
Tuned on ecbplus-dev's odd topics (bench/eval_stories.py).
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from . import rulefiles
from .records import Article

LEAD_CHARS = 1500  # headline and this much of the body describe the event
TITLE_WEIGHT = 2.0  # a headline word counts twice
NAME_WEIGHT = 2.0  # a capitalised name (on top of its words)
NUMBER_WEIGHT = 1.0  # a number: "6.1", "32", "2012"
TOPIC_WEIGHT = 2.0  # a named topic from the tagger
THRESHOLD = 0.20  # average-link similarity above which two groups tell one event
ATTACH = 0.12  # a group of at most SMALL articles joins its closest group above this
SMALL = 2
DECAY_FLOOR = 0.85  # however far apart in time, similarity keeps this share
DECAY_DAYS = 30.0  # and loses the rest with this time constant
INDEXED = 32  # each article is indexed under its most distinctive features only
MIN_SHARED = 2  # candidate pairs share at least this many indexed features
MAX_BUCKET = 200  # a feature on more articles than this says nothing about events
RARE_BUCKET = 10  # a feature on at most this many articles is enough on its own to compare them
MIN_BUCKET = 25  # ... nor one on more than a hundredth of them, unless that is fewer than this

WORD = re.compile(r"[^\W\d_][\w'’-]{2,40}")
NAME = re.compile(r"\b[A-Z][\w'’.-]{0,40}(?:[ \t]+(?:of[ \t]+|de[ \t]+)?[A-Z][\w'’.-]{0,40}){0,5}")
NUMBER = re.compile(r"\b\d[\d,.:]{0,20}\d\b|\b\d\b")
RULES = Path(__file__).with_name("rules")


@lru_cache(maxsize=1)
def _rules() -> dict[str, frozenset[str]]:
    data = rulefiles.load(RULES / "stopwords.yaml")
    return {key: frozenset(str(w).casefold() for w in data[key]) for key in ("words", "openers")}


def stopwords() -> frozenset[str]:
    """Words that say nothing about an event (rules/stopwords.yaml)."""
    return _rules()["words"]


def lead(article: Article) -> str:
    """The first LEAD_CHARS characters of the body."""
    out, left = [], LEAD_CHARS
    for paragraph in article.body:
        if left <= 0:
            break
        out.append(paragraph[:left])
        left -= len(paragraph)
    return " ".join(out)


def features(article: Article, subjects: frozenset[str] = frozenset()) -> Counter:
    """What an article is about: the words, names and numbers of its headline and lede, and its named topics.

    Words are kept as they are, names as "e:name", numbers as "n:6.6", topics as "t:Label".

    >>> f = features(Article(origin=("x",), format="", title="Quake hits Bam", body=("A 6.6 quake hit Bam in Iran.",)))
    >>> f["quake"], f["e:bam"], f["n:6.6"]
    (3.0, 6.0, 1.0)
    """
    stop, openers = stopwords(), _rules()["openers"]
    found: Counter = Counter()
    for text, weight in ((article.title, TITLE_WEIGHT), (lead(article), 1.0)):
        words = Counter(WORD.findall(text.casefold()))
        names = Counter(" ".join(n.casefold().strip(".").split()) for n in NAME.findall(text))
        numbers = Counter("n:" + n.replace(",", "") for n in NUMBER.findall(text))
        for word, n in words.items():
            if word not in stop:
                found[word] += n * weight
        for name, n in names.items():
            if len(name) >= 3 and name not in stop and name not in openers:
                found["e:" + name] += n * NAME_WEIGHT * weight
        for number, n in numbers.items():
            found[number] += n * NUMBER_WEIGHT * weight
    for topic in article.topics:
        if topic not in subjects:
            found["t:" + topic] += TOPIC_WEIGHT
    return found


def vectors(articles: list[Article], subjects: frozenset[str]) -> sparse.csr_matrix:
    """tf-idf rows of unit length (sublinear counts); a feature no other article has is dropped.

    Features are read once into compact arrays (a sparse matrix), so 100,000 articles
    cost tens of megabytes, not a dictionary of strings each.
    """
    number: dict[str, int] = {}
    cols, vals, ptr = array("q"), array("d"), array("q", [0])
    for article in articles:
        found = features(article, subjects)
        cols.extend(number.setdefault(f, len(number)) for f in found)
        vals.extend(found.values())
        ptr.append(len(cols))
    n, width = len(articles), max(1, len(number))
    m = sparse.csr_matrix(
        (np.frombuffer(vals, dtype=np.float64), np.frombuffer(cols, dtype=np.int64), np.frombuffer(ptr, dtype=np.int64)),
        shape=(n, width),
    )
    df = np.bincount(m.indices, minlength=width)
    tf = np.where(m.data >= 1, 1 + np.log(np.maximum(m.data, 1)), m.data)
    m.data = np.where(df[m.indices] > 1, tf * np.log((n + 1) / np.maximum(df[m.indices], 1)), 0.0)
    m.eliminate_zeros()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ m)


def similarities(m: sparse.csr_matrix, pairs: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    """Cosine of each pair of rows (rows are unit length), a chunk of pairs at a time to bound memory."""
    out = np.zeros(len(pairs))
    for start in range(0, len(pairs), chunk):
        p = pairs[start : start + chunk]
        out[start : start + chunk] = np.asarray(m[p[:, 0]].multiply(m[p[:, 1]]).sum(axis=1)).ravel()
    return out


def span(article: Article) -> tuple[date, date] | None:
    """The days an article's date may mean ("March 2024" is any day of March)."""
    if article.date is None:
        return None
    if article.date_precision == "month":
        nxt = date(article.date.year + (article.date.month == 12), article.date.month % 12 + 1, 1)
        return article.date, nxt - timedelta(days=1)
    if article.date_precision == "year":
        return article.date, date(article.date.year, 12, 31)
    return article.date, article.date


def decay(a: Article, b: Article) -> float:
    """How much of their similarity two articles keep for the days between them (undated: all)."""
    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return 1.0
    gap = max(0, (max(sa[0], sb[0]) - min(sa[1], sb[1])).days)
    return DECAY_FLOOR + (1 - DECAY_FLOOR) * math.exp(-gap / DECAY_DAYS)


@dataclass(frozen=True)
class Stats:
    """What one grouping compared: for the benchmark and the tests."""

    buckets: int
    skipped: int
    pairs: int
    candidates: int


def candidates(m: sparse.csr_matrix, members: list[int]) -> tuple[np.ndarray, Stats]:
    """Pairs (i < j) sharing distinctive features; buckets too large to say anything are skipped, never paired.

    Each article is indexed under its INDEXED heaviest features; a pair shares at least
    MIN_SHARED of them, or one feature so rare (RARE_BUCKET) that it is enough alone.
    """
    rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for i in members:
        lo, hi = m.indptr[i], m.indptr[i + 1]
        top = np.lexsort((m.indices[lo:hi], -m.data[lo:hi]))[:INDEXED]  # heaviest first, ties by feature
        rows.append(np.full(len(top), i, dtype=np.int64))
        cols.append(m.indices[lo:hi][top].astype(np.int64))
    r, c = np.concatenate(rows), np.concatenate(cols)
    size = np.bincount(c, minlength=m.shape[1])
    limit = min(MAX_BUCKET, max(MIN_BUCKET, len(members) // 100))
    buckets, skipped = int((size >= 2).sum()), int((size > limit).sum())
    keep = (size[c] >= 2) & (size[c] <= limit)
    r, c = r[keep], c[keep]
    weight = np.where(size[c] <= RARE_BUCKET, float(MIN_SHARED), 1.0)
    index = sparse.csr_matrix((np.ones(len(c)), (r, c)), shape=m.shape)
    weighted = sparse.csr_matrix((weight, (r, c)), shape=m.shape)
    shared = sparse.coo_matrix(sparse.triu(weighted @ index.T, k=1))
    chosen = shared.data >= MIN_SHARED
    pairs = np.stack([shared.row[chosen], shared.col[chosen]], axis=1).astype(np.int64)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    return pairs, Stats(buckets, skipped, int(shared.nnz), len(pairs))


def average_link(n: int, edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Agglomerative clustering, average link, on a sparse graph (a missing edge counts 0).

    Merges the pair of groups with the highest mean similarity while it is at least
    THRESHOLD; then small groups attach to their closest group (ATTACH). Ties go to
    the lowest ids, so the result depends on neither hash seeds nor dict order.
    """
    size = dict.fromkeys(range(n), 1)
    members = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), s in edges.items():
        links[a][b] = s
        links[b][a] = s
    heap = [(-s / (size[a] * size[b]), a, b) for a, nb in links.items() for b, s in nb.items() if a < b]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if -neg < THRESHOLD:
            break
        if a not in members or b not in members or b not in links[a]:
            continue
        if links[a][b] / (size[a] * size[b]) != -neg:
            continue  # stale: the pair's mean changed and was pushed again
        _merge(a, b, members, size, links)
        for c, s in links[a].items():
            heapq.heappush(heap, (-s / (size[a] * size[c]), min(a, c), max(a, c)))
    _attach(members, size, links)
    return sorted(sorted(ms) for ms in members.values())


def _merge(a: int, b: int, members, size, links) -> None:
    members[a] += members.pop(b)
    size[a] += size.pop(b)
    for c, s in links.pop(b).items():
        del links[c][b]
        if c != a:
            links[a][c] = links[a].get(c, 0.0) + s
            links[c][a] = links[c].get(a, 0.0) + s


def _attach(members, size, links) -> None:
    """A group of one or two articles below the threshold joins the bigger group it is closest to."""
    for g in sorted(g for g in members if size[g] <= SMALL):
        if g not in members:
            continue
        best = max(
            ((s / (size[g] * size[c]), -c) for c, s in links[g].items() if size[c] > SMALL),
            default=None,
        )
        if best is not None and best[0] >= ATTACH:
            target = -best[1]
            _merge(target, g, members, size, links)


def cluster(articles: list[Article], free: list[int], subjects: frozenset[str]) -> tuple[list[list[int]], Stats]:
    """Groups of indices into `articles` (only those in `free`), each one event."""
    m = vectors(articles, subjects)
    pairs, stats = candidates(m, free)
    sims = similarities(m, pairs)
    edges = {}
    for (i, j), s in zip(pairs.tolist(), sims.tolist(), strict=True):
        if s > 0:
            edges[(i, j)] = s * decay(articles[i], articles[j])
    keep = set(free)
    groups = average_link(len(articles), edges)
    return [g for g in groups if g[0] in keep], stats
