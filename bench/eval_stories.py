"""Story grouping measured on ecbplus-dev (ECB+ topics 1-25) in ../shared/corpus (evaluation only).

Each ECB+ topic holds two events of one kind (two earthquakes, two rehab stays): the
texts of one event belong in one story, and the other event of the topic must stay
apart. Topics are split once, by number, into a development half (odd topics: the
grouping was tuned there) and a held-out half (even topics: not looked at while tuning).
Prints pair and B-cubed precision, recall and F1 for Newsdesk and two baselines; exits
1 when the held-out figures miss the targets. Says so and exits 0 when the corpus is absent.

Two Newsdesk rows: the texts read here the simple way (the page address on the first
line left out, the headline the corpus's own `title`, the date its `date`), tagged with
the site's vocabulary and grouped by `stories.group`; and the texts read by the ingest
pipeline itself (`pipeline.extract`: formats, dates, topics, stories), as a site would.
The targets must be met by both.

    .venv/bin/python bench/eval_stories.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsdesk import stories, storygroup, topics  # noqa: E402
from newsdesk.records import Article  # noqa: E402

TARGETS = {"bcubed": 0.93, "pair": 0.90}
CANDIDATES = (ROOT / ".." / "shared" / "corpus", ROOT / ".." / ".." / "shared" / "corpus")
BASELINE_THRESHOLD = 0.26  # the corpus README's tuned single-link threshold


def corpus_dir(argv: list[str]) -> Path | None:
    """The corpus folder: the argument, $NEWSDESK_CORPUS, or ../shared/corpus beside the checkout."""
    given = argv[1] if len(argv) > 1 else os.environ.get("NEWSDESK_CORPUS")
    for folder in [Path(given)] if given else CANDIDATES:
        if (folder / "ecbplus-dev" / "ground-truth.jsonl").is_file():
            return folder / "ecbplus-dev"
    return None


def read_text(path: Path, truth: dict) -> Article:
    """A text as Article: the address line left out, the corpus's headline and date used."""
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    if blocks and blocks[0].startswith(("http://", "https://")):
        _, _, rest = blocks[0].partition("\n")
        blocks[0] = rest.strip()
    title = truth.get("title") or ""
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]
    date_text = truth.get("date_text")
    if date_text:
        blocks = [b for b in blocks if b != date_text and date_text not in b.splitlines()]
    day = date.fromisoformat(truth["date"]) if truth.get("date") else None
    return Article(
        origin=(truth["file"],),
        format="plain",
        title=title,
        body=tuple(b for b in blocks if b),
        source=truth.get("domain"),
        date=day,
        date_precision="day" if day else None,
        uid=truth["file"],
    )


def load(folder: Path) -> tuple[list[Article], dict[str, str], dict[str, int]]:
    vocabulary = topics.load_vocabulary(ROOT / "content" / "topics.yaml")
    articles, gold, topic = [], {}, {}
    for line in (folder / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        article = read_text(folder / truth["file"], truth)
        if not article.title:  # as the pipeline does: the first words stand in for a headline
            article = Article(**{**article.__dict__, "title": " ".join((article.body or ("",))[0].split()[:12])})
        articles.append(topics.assign_topics(article, vocabulary))
        gold[truth["file"]] = truth["story"]
        topic[truth["file"]] = truth["topic"]
    return articles, gold, topic


def scores(found: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pair precision/recall/F1 and B-cubed precision/recall/F1 of `found` against `gold`."""
    keys = sorted(gold)
    by_found, by_gold = defaultdict(set), defaultdict(set)
    for k in keys:
        by_found[found[k]].add(k)
        by_gold[gold[k]].add(k)
    pairs = Counter((found[k], gold[k]) for k in keys)
    both = sum(n * (n - 1) / 2 for n in pairs.values())
    f_pairs = sum(len(m) * (len(m) - 1) / 2 for m in by_found.values())
    g_pairs = sum(len(m) * (len(m) - 1) / 2 for m in by_gold.values())
    p = both / f_pairs if f_pairs else 1.0
    r = both / g_pairs if g_pairs else 1.0
    bp = sum(pairs[(found[k], gold[k])] / len(by_found[found[k]]) for k in keys) / len(keys)
    br = sum(pairs[(found[k], gold[k])] / len(by_gold[gold[k]]) for k in keys) / len(keys)
    return {"pair_p": p, "pair_r": r, "pair_f1": _f1(p, r), "b3_p": bp, "b3_r": br, "b3_f1": _f1(bp, br)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def tfidf_single_link(articles: list[Article], threshold: float = BASELINE_THRESHOLD) -> dict[str, str]:
    """The README's baseline: word tf-idf cosine over all pairs, single link at one threshold."""
    docs = [Counter(storygroup.WORD.findall(" ".join((a.title, *a.body)).casefold())) for a in articles]
    df = Counter(w for d in docs for w in d)
    n = len(docs)
    vecs = []
    for d in docs:
        v = {w: (1 + math.log(c)) * math.log((n + 1) / (df[w] + 1)) for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a, b = vecs[i], vecs[j]
            if len(a) > len(b):
                a, b = b, a
            if sum(x * b.get(w, 0.0) for w, x in a.items()) >= threshold:
                parent[find(j)] = find(i)
    return {a.uid: str(find(i)) for i, a in enumerate(articles)}


def pipeline_grouping(folder: Path) -> dict[str, str]:
    """Story of each text as the ingest pipeline reads and groups the folder (nothing is written)."""
    import logging
    import tempfile

    from newsdesk.pipeline import Settings, extract

    logging.disable(logging.WARNING)  # the corpus's texts are not the site's: their warnings are noise here
    with tempfile.TemporaryDirectory() as tmp:
        content = ROOT / "content"
        settings = Settings.for_content(
            Path(tmp), raw_dir=folder / "txt", topics_file=content / "topics.yaml", sources_dir=content / "sources"
        )
        articles = extract(sorted((folder / "txt").glob("*.txt")), settings)
    logging.disable(logging.NOTSET)
    return {f"txt/{Path(a.origin[0]).name}": a.story for a in articles}


def row(name: str, s: dict[str, float]) -> str:
    return (
        f"  {name:<44}{s['pair_p']:>8.3f}{s['pair_r']:>8.3f}{s['pair_f1']:>8.3f}"
        f"{s['b3_p']:>8.3f}{s['b3_r']:>8.3f}{s['b3_f1']:>8.3f}"
    )


def evaluate(articles: list[Article], gold: dict[str, str], topic: dict[str, int], folder: Path) -> bool:
    start = time.perf_counter()
    grouped = {a.uid: a.story for a in stories.group(articles)}
    seconds = time.perf_counter() - start
    piped = pipeline_grouping(folder)
    baseline = tfidf_single_link(articles)
    alone = {a.uid: a.uid for a in articles}
    halves = {
        "dev (odd topics, tuned on)": {k for k in gold if topic[k] % 2 == 1},
        "held-out (even topics)": {k for k in gold if topic[k] % 2 == 0},
        "all topics": set(gold),
    }
    met = True
    print(f"{'':<46}{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}")
    for name, keys in halves.items():
        sub = {k: gold[k] for k in keys}
        print(f"{name}: {len(keys)} texts, {len(set(sub.values()))} gold stories")
        mine = scores({k: grouped[k] for k in keys}, sub)
        print(row("Newsdesk stories.group", mine))
        ingested = scores({k: piped.get(k, k) for k in keys}, sub)
        print(row("Newsdesk, texts read by the ingest pipeline", ingested))
        print(row(f"tf-idf single link at {BASELINE_THRESHOLD} (baseline)", scores({k: baseline[k] for k in keys}, sub)))
        print(row("every text alone", scores({k: alone[k] for k in keys}, sub)))
        if name.startswith("held-out"):
            met = all(r["b3_f1"] >= TARGETS["bcubed"] and r["pair_f1"] >= TARGETS["pair"] for r in (mine, ingested))
    print(f"grouping {len(articles)} texts took {seconds:.2f} s (all topics at once, as a site would)")
    print(
        f"targets on held-out topics (both Newsdesk rows): B-cubed F1 >= {TARGETS['bcubed']}, pair F1 >= {TARGETS['pair']}: "
        + ("met" if met else "MISSED")
    )
    return met


def main(argv: list[str]) -> int:
    folder = corpus_dir(argv)
    if folder is None:
        print("eval_stories: ecbplus-dev is absent (looked in ../shared/corpus and $NEWSDESK_CORPUS); nothing measured")
        return 0
    print(f"eval_stories: {folder.resolve()}")
    articles, gold, topic = load(folder)
    return 0 if evaluate(articles, gold, topic, folder) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
