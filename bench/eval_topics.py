"""Topic extraction measured on the Reuters-21578 stories of the development corpus.

The corpus's ground truth lists, per story, places (countries), people (surnames)
and organisations (intergovernmental bodies), as lowercase codes ("usa",
"west-germany", "ec"). Newsdesk's topics are labels with a kind; the tables below
map a country label to the code Reuters gives it. Cities are not mapped to countries here:
Newsdesk tags a city's country itself, and only country topics are scored.
Organisations Reuters does not code (companies, ministries) are outside its
scheme and are counted apart, not as errors. Prints precision and recall per
kind; exits 1 when places or organisations miss the targets.

    .venv/bin/python bench/eval_topics.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsdesk import topics  # noqa: E402
from newsdesk.pipeline import Settings, extract  # noqa: E402

TARGETS = {"place": (0.85, 0.85), "organisation": (0.85, 0.75)}

# Country labels whose Reuters code is not their name in lower case with hyphens.
PLACE_CODES = {
    "United States": "usa",
    "United Kingdom": "uk",
    "Soviet Union": "ussr",
    "Russia": "ussr",
    "Ukraine": "ussr",
    "Germany": "west-germany",
    "West Germany": "west-germany",
    "East Germany": "east-germany",
    "Czech Republic": "czechoslovakia",
    "Slovakia": "czechoslovakia",
    "Serbia": "yugoslavia",
    "Croatia": "yugoslavia",
    "Slovenia": "yugoslavia",
    "Democratic Republic of the Congo": "zaire",
    "Myanmar": "burma",
    "Burma": "burma",
    "Ivory Coast": "ivory-coast",
}
# Organisations Reuters codes, by Newsdesk label.
ORG_CODES = {
    "European Community": "ec",
    "European Union": "ec",
    "International Monetary Fund": "imf",
    "World Bank": "worldbank",
    "Organization of Petroleum Exporting Countries": "opec",
    "General Agreement on Tariffs and Trade": "gatt",
    "Organisation for Economic Co-operation and Development": "oecd",
    "International Coffee Organization": "ico-coffee",
    "United Nations": "un",
}


def place_code(label: str) -> str | None:
    """The Reuters code of a country label; a city is no country (Newsdesk tags its country too)."""
    if topics.country_of(label) != label:
        return None
    return PLACE_CODES.get(label, label.lower().replace(" ", "-"))


def person_code(label: str) -> str:
    return label.split()[-1].lower()


def main() -> int:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NEWSDESK_CORPUS", ROOT.parent / "shared" / "corpus"))
    folder = corpus / "wire-reuters"
    if not (folder / "ground-truth.jsonl").is_file():
        print(f"eval_topics: no Reuters corpus at {folder}; nothing measured (set NEWSDESK_CORPUS)")
        return 0
    truth = {}
    for line in (folder / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        truth[f"{record['newid']:05d}"] = record
    paths = sorted((folder / "txt").glob("*.txt"))
    logging.disable(logging.WARNING)
    settings = Settings(
        raw_dir=folder / "txt", articles_dir=ROOT / "output" / "eval", topics_file=ROOT / "content" / "topics.yaml"
    )
    vocabulary = topics.load_vocabulary(settings.topics_file)
    articles = extract(paths, settings)

    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    outside: Counter = Counter()
    errors: dict[str, Counter] = {"fp": Counter(), "fn": Counter()}
    for article in articles:
        gold = truth[Path(article.origin[0]).stem]
        found = topics.by_kind(topics.rank(article, vocabulary, limit=settings.max_topics))
        predicted = {
            "place": {c for label in found.get("place", []) if (c := place_code(label))},
            "organisation": {c for label in found.get("organisation", []) if (c := ORG_CODES.get(label))},
            "person": {person_code(label) for label in found.get("person", [])},
        }
        outside["place"] += sum(1 for label in found.get("place", []) if not place_code(label))
        outside["organisation"] += sum(1 for label in found.get("organisation", []) if label not in ORG_CODES)
        expected = {"place": set(gold["places"]), "organisation": set(gold["orgs"]), "person": set(gold["people"])}
        for kind in expected:
            tp[kind] += len(predicted[kind] & expected[kind])
            fp[kind] += len(predicted[kind] - expected[kind])
            fn[kind] += len(expected[kind] - predicted[kind])
            errors["fp"].update(f"{kind}:{c}" for c in predicted[kind] - expected[kind])
            errors["fn"].update(f"{kind}:{c}" for c in expected[kind] - predicted[kind])

    print(f"Reuters-21578 ({len(articles)} stories with a body), at most {settings.max_topics} topics each")
    print(f"{'kind':<14}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>6}{'fn':>6}  outside the scheme")
    failed = False
    for kind in ("place", "organisation", "person"):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        target = TARGETS.get(kind)
        mark = ""
        if target:
            ok = p >= target[0] and r >= target[1]
            failed |= not ok
            mark = f"  target P>={target[0]} R>={target[1]}: {'met' if ok else 'MISSED'}"
        print(f"{kind:<14}{p:>10.3f}{r:>8.3f}{tp[kind]:>6}{fp[kind]:>6}{fn[kind]:>6}  {outside[kind]}{mark}")
    if os.environ.get("NEWSDESK_EVAL_VERBOSE"):
        print("most frequent false positives:", errors["fp"].most_common(15))
        print("most frequent misses:", errors["fn"].most_common(15))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
