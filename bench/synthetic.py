"""Invented Markdown articles for site benchmarks and build comparisons (no third-party text).

Articles are written as Newsdesk writes them (YAML front matter, Markdown body) straight into
content/articles/, so a build with `NEWSDESK_INGEST = False` measures the site side alone.
Shapes the site has to handle are all there: stories of one to five articles over several
years, syndicated copies of one text in different outlets, a vocabulary of topics shared
unevenly (a few big topics, many small), month-precision and inferred dates, captions,
bylines, and articles with no source.

    .venv/bin/python bench/synthetic.py FOLDER N   # writes N articles into FOLDER
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

WORDS = [
    "minister",
    "council",
    "talks",
    "border",
    "trade",
    "energy",
    "pipeline",
    "court",
    "ruling",
    "election",
    "vote",
    "parliament",
    "coalition",
    "budget",
    "tariff",
    "harbour",
    "strike",
    "union",
    "factory",
    "drought",
    "harvest",
    "grain",
    "price",
    "inflation",
    "bank",
    "rate",
    "currency",
    "summit",
    "treaty",
    "envoy",
    "embassy",
    "sanctions",
    "exports",
    "refinery",
    "port",
    "railway",
    "bridge",
    "flood",
    "storm",
    "rescue",
    "police",
    "protest",
    "reform",
    "health",
    "hospital",
    "vaccine",
    "school",
    "teachers",
    "students",
    "river",
    "dam",
    "mine",
    "copper",
    "gold",
    "oil",
    "gas",
]
PLACES = ("Moscow", "Brussels", "Bangkok", "Nairobi", "Lima", "Jakarta", "Oslo", "Hanoi", "Accra", "Quito")
SUBJECTS = ("Diplomacy", "Energy", "Trade", "Elections", "Health", "Courts", "Weather", "Mining", "Banking", "Labour")


def outlets(n: int) -> list[tuple[str, str]]:
    names = ["The Daily Ledger", "Harbour Times", "bne Monitor", "Wire Service", "Evening Post", "Coast Gazette"]
    names += [f"Outlet {i} News" for i in range(max(0, n // 40))]  # no name ends in a digit: see PAGINATION_PATTERNS
    return [(name, "".join(c for c in name.lower() if c.isalnum()) + ".example.com") for name in names]


def topic_pool(n: int) -> list[str]:
    people = [f"Person {i} Jr" for i in range(max(20, n // 25))]
    return list(SUBJECTS) + list(PLACES) + people


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join(" ".join(sentence(rng, rng.randint(8, 18)) for _ in range(3)) for _ in range(paragraphs))


def yaml_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def article_text(fields: list[tuple[str, object]], text: str) -> str:
    lines = ["---"]
    for key, value in fields:
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"- {yaml_text(str(v))}" for v in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", "", text, ""])


def one(i: int, story: int, day: date, rng: random.Random, pool: list[str], press: list, copy: str | None) -> tuple[str, str]:
    name, domain = press[(i * 7 + story) % len(press)]
    title = sentence(rng, rng.randint(5, 9)).rstrip(".")
    slug = f"a{i:06d}-" + "-".join(title.lower().split()[:4])
    weights = [3 if t in SUBJECTS or t in PLACES else 1 for t in pool]
    topics = list(dict.fromkeys(rng.choices(pool, weights=weights, k=rng.randint(2, 6))))
    precision = "month" if i % 17 == 0 else "day"
    fields: list[tuple[str, object]] = [("title", yaml_text(title)), ("slug", slug)]
    fields += [("date", (day.replace(day=1) if precision == "month" else day).isoformat()), ("date_precision", precision)]
    fields.append(("date_source", "inferred" if i % 23 == 0 else "text"))
    if i % 23 == 0:
        fields.append(("date_note", yaml_text("another article of the story gives the day")))
    if i % 29 != 5:  # a few articles whose source is not known
        fields += [("source", yaml_text(name)), ("source_domain", domain), ("source_url", f"https://{domain}/")]
    fields += [("language", "en"), ("dateline", rng.choice(PLACES).upper())]
    if i % 3 == 0:
        fields.append(("byline", [f"Reporter {i % 37}"]))
    if i % 5 == 0:
        fields += [("credit", "AFP"), ("captions", [sentence(rng, 9)])]
    fields += [("topics", topics), ("story", f"story-{story:05d}")]
    fields += [("uid", f"urn:uuid:00000000-0000-5000-8000-{i:012d}"), ("format", "plain-text")]
    return f"{slug}.md", article_text(fields, copy if copy is not None else body(rng, rng.randint(3, 8)))


def write_articles(folder: Path, n: int, seed: int = 15) -> list[Path]:
    """N articles in FOLDER; the same N and seed give the same bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pool, press = topic_pool(n), outlets(n)
    start = date(2019, 1, 1)
    written: list[Path] = []
    i, story = 0, 0
    while i < n:
        size = min(n - i, rng.choice((1, 1, 2, 3, 3, 4, 5)))
        day = start + timedelta(days=(story * 3) % 2200)
        wire = body(rng, 4) if size > 2 and story % 4 == 0 else None  # one text printed by several outlets
        for k in range(size):
            copy = wire if wire is not None and k < 3 else None
            name, text = one(i, story, day + timedelta(days=k % 3), rng, pool, press, copy)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
            i += 1
        story += 1
    return written


if __name__ == "__main__":
    target, count = Path(sys.argv[1]), int(sys.argv[2])
    print(f"{len(write_articles(target, count))} articles written to {target}")
