"""Story grouping at scale: time, memory and candidate pairs for 1k..100k synthetic articles.

Synthetic events, each told by 1-6 outlets within two days, with names and words drawn
so that events share common words and popular names (like real news). Each size runs in
a fresh process so peak memory is its own. Prints figures; asserts nothing about time.

    .venv/bin/python bench/stories.py [SIZES...]
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

SIZES = (1_000, 3_000, 10_000, 30_000, 100_000)


def synthetic(n: int, seed: int = 7):
    """n articles about roughly n/3 events; returns articles and the true event of each."""
    from newsdesk.records import Article

    rng = random.Random(seed)
    common = [f"word{i}" for i in range(3000)]
    names = [f"Name{i}" for i in range(20000)]
    articles, truth = [], []
    event = 0
    while len(articles) < n:
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        own_names = rng.sample(names[:200], 1) + rng.sample(names, 3)  # one popular name, three rarer
        own_words = [f"ev{event}w{i}" for i in range(12)]
        for k in range(min(rng.randint(1, 6), n - len(articles))):
            body = rng.choices(common, k=60) + rng.sample(own_words, 8)
            rng.shuffle(body)
            articles.append(
                Article(
                    origin=(f"e{event}-{k}.txt",),
                    format="plain",
                    title=" ".join(rng.sample(own_words, 3)),
                    body=(" ".join(body[:34]), " ".join(body[34:])),
                    date=day + timedelta(days=rng.randint(0, 2)),
                    date_precision="day",
                    topics=tuple(rng.sample(own_names, 3)) + tuple(rng.sample(names[:50], 1)),
                    uid=f"u{event}-{k}",
                )
            )
            truth.append(event)
        event += 1
    return articles, truth


def run_one(n: int) -> dict:
    from newsdesk import stories

    articles, truth = synthetic(n)
    start, cpu = time.perf_counter(), time.process_time()
    grouped = stories.group(articles)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    story = {a.uid: a.story for a in grouped}
    got = [story[a.uid] for a in articles]
    true_pairs, found_pairs = _pairs(truth), _pairs(got)
    hit = len(true_pairs & found_pairs)
    return {
        "n": n,
        "seconds": round(seconds, 2),
        "cpu": round(cpu, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "candidates": stories.LAST_RUN.get("pairs", 0),
        "all_pairs": n * (n - 1) // 2,
        "skipped_buckets": stories.LAST_RUN.get("skipped", 0),
        "pair_precision": round(hit / len(found_pairs), 3) if found_pairs else 1.0,
        "pair_recall": round(hit / len(true_pairs), 3) if true_pairs else 1.0,
    }


def _pairs(labels) -> set[tuple[int, int]]:
    """Pairs of articles put in one story: how grouping is scored against the true events."""
    return {(i, j) for g in _groups(labels).values() for x, i in enumerate(g) for j in g[x + 1 :]}


def _groups(labels):
    out: dict = {}
    for i, label in enumerate(labels):
        out.setdefault(label, []).append(i)
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(s) for s in sys.argv[1:]] or list(SIZES)
    head = f"{'articles':>9}{'seconds':>9}{'cpu s':>8}{'us/art':>8}{'peak MB':>9}{'candidates':>12}{'all pairs':>15}"
    print(f"{head}{'pair P':>8}{'pair R':>8}{'big buckets skipped':>21}")
    previous = None
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['n']:>9}{r['seconds']:>9}{r['cpu']:>8}{1e6 * r['cpu'] / r['n']:>8.0f}{r['peak_mb']:>9}"
            f"{r['candidates']:>12}{r['all_pairs']:>15}{r['pair_precision']:>8}{r['pair_recall']:>8}"
            f"{r['skipped_buckets']:>21}"
        )
        if previous:
            growth = (r["cpu"] / previous["cpu"]) / (r["n"] / previous["n"])
            pairs = (r["candidates"] / previous["candidates"]) / (r["n"] / previous["n"])
            print(
                f"{'':>9}CPU time grew {growth:.2f}x and candidate pairs {pairs:.2f}x the article growth "
                f"(1.00 = linear, {r['n'] / previous['n']:.1f} = quadratic)"
            )
        previous = r


if __name__ == "__main__":
    main()
