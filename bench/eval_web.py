"""Saved web pages measured on the corpus's three HTML sets, one row per set.

    scrapinghub   body: token-shingle F1 as the benchmark scores it (mean per-page precision
                  and recall over 4-token shingles, each page's counts normalised)
    trafilatura   body: must-contain / must-not-contain snippets, F over all snippets; title exact
    htmldate      publication date exact (the day)
    ecbplus       page text copied with its address first: headline, date line, domain exact
    speed         pages per second on one core, the whole format (decode, metadata, body)

Exits 1 when a target is missed; says so and exits 0 when the corpus is absent.
Run: .venv/bin/python bench/eval_web.py [--set NAME] [--misses N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from newsdesk.formats import webtext  # noqa: E402
from newsdesk.formats.web import PageError, page_of, read_page  # noqa: E402
from newsdesk.profiles import Profiles  # noqa: E402
from newsdesk.webbody import extract_body  # noqa: E402
from newsdesk.webmeta import PageMeta, page_meta  # noqa: E402
from newsdesk.webpage import parse_html  # noqa: E402

CORPUS = ROOT.parent.parent / "shared" / "corpus" / "html-articles"
TARGETS = {"scrapinghub F1": 0.965, "trafilatura F": 0.93, "htmldate date": 0.95, "title": 0.95, "pages/s": 40.0}
TOKEN = re.compile(r"\w+")


def corpus_dir() -> Path | None:
    for candidate in (CORPUS, ROOT.parent / "shared" / "corpus" / "html-articles"):
        if candidate.is_dir():
            return candidate
    return None


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """The page's shingle tp, fp, fn as shares of their sum (long pages weigh no more)."""
    a, b = shingles(true), shingles(pred)
    tp, fp, fn = sum((a & b).values()), sum((b - a).values()), sum((a - b).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def benchmark_f1(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [recall(*r) for r in rows if r[0] + r[2] > 0]
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * p * r / (p + r), p, r


def text_of(page) -> str:
    return "\n\n".join(page.plain) if page else ""


def timed_read(data: bytes, url: str | None, name: str, clock: list[float]):
    start = time.process_time()
    try:
        page = read_page(data, name, url)
    except PageError as exc:  # a page refused is a miss, and named
        page = None
        print(f"  refused {name}: {exc}", file=sys.stderr)
    clock[0] += time.process_time() - start
    clock[1] += 1
    return page


def scrapinghub(root: Path, clock, misses: int) -> dict:
    base = root / "scrapinghub-article-extraction-benchmark"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    rows, worst = [], []
    for key, item in truth.items():
        page = timed_read(gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes()), item.get("url"), key, clock)
        counts = page_counts(item.get("articleBody", ""), text_of(page))
        rows.append(counts)
        worst.append((counts[1] + counts[2], key[:12], item.get("url", "")[:70], counts))
    f1, p, r = benchmark_f1(rows)
    for _, key, url, (_tp, fp, fn) in sorted(worst, reverse=True)[:misses]:
        print(f"  miss {key} fp {fp:.2f} fn {fn:.2f} {url}")
    extra, short = sum(fp > 0.2 for _tp, fp, _fn in rows), sum(fn > 0.2 for _tp, _fp, fn in rows)
    line = f"{extra} pages with over a fifth of their text not the article's, {short} missing over a fifth of it"
    summary = {"scrapinghub F1": [line]}
    return {"set": "scrapinghub", "pages": len(rows), "scrapinghub F1": f1, "precision": p, "recall": r, "misses": summary}


def _find(base: Path, name: str) -> Path | None:
    for sub in ("cache", "eval"):
        for candidate in (base / sub / f"{name}.gz", base / sub / name):
            if candidate.is_file():
                return candidate
    return None


def _load(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def snippets(root: Path, clock, misses: int) -> dict:
    base = root / "trafilatura-eval"
    evaldata = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    titles = title_hits = 0
    shown = 0
    pages_missing = pages_unwanted = unread = 0
    title_misses: Counter = Counter()
    for url, item in sorted(evaldata.items()):
        path = _find(base, item["file"])
        if path is None:
            continue
        page = timed_read(_load(path), None if url.startswith("hard::") else url, item["file"], clock)
        text = " ".join(" ".join(page.plain).split()) if page else ""
        hits = [w for w in item["with"] if " ".join(w.split()) in text]
        wrong = [w for w in item["without"] if " ".join(w.split()) in text]
        tp, fp, fn = tp + len(hits), fp + len(wrong), fn + len(item["with"]) - len(hits)
        unread += page is None
        pages_missing += len(hits) < len(item["with"])
        pages_unwanted += bool(wrong)
        if item.get("title"):
            titles += 1
            got = " ".join(page.meta.title.split()) if page and page.meta.title else None
            kind = title_miss(got, " ".join(item["title"].split()))
            title_hits += kind is None
            if kind:
                title_misses[kind] += 1
        if (wrong or len(hits) < len(item["with"])) and shown < misses:
            shown += 1
            print(f"  miss {item['file']}: missing {len(item['with']) - len(hits)}, unwanted {[w[:40] for w in wrong]}")
    f = 2 * tp / (2 * tp + fp + fn)
    summary = {
        "trafilatura F": [
            f"text: {fn} wanted snippets not found, on {pages_missing} pages ({unread} pages refused, their text not read); "
            f"{fp} unwanted snippets kept, on {pages_unwanted} pages"
        ],
        "title": ["titles: " + ", ".join(f"{kind} {n}" for kind, n in title_misses.most_common())],
    }
    return {
        "set": "trafilatura-eval",
        "pages": len(evaldata),
        "trafilatura F": f,
        "precision": tp / (tp + fp),
        "recall": tp / (tp + fn),
        "title": title_hits / titles if titles else None,
        "misses": summary,
    }


def title_miss(got: str | None, want: str) -> str | None:
    """What kind of miss a title is, or None when it is right.

    >>> title_miss("Rain at last", "RAIN AT LAST")
    'letter case only (a page styling its headline in capitals)'
    """
    if got == want:
        return None
    if got is None:
        return "no title"
    if got.casefold() == want.casefold():
        return "letter case only (a page styling its headline in capitals)"
    a, b = TOKEN.findall(got.casefold()), TOKEN.findall(want.casefold())
    if a == b:
        return "same words, other punctuation or quotes"
    if " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a):
        return "a part of the wanted title, or more than it"
    return "other words (an annotator's choice no page field gives, or a wrong field)"


def dates(root: Path, clock, misses: int) -> dict:
    base = root / "htmldate-eval"
    truth = json.loads((base / "eval_default.json").read_text(encoding="utf-8"))
    hits = total = shown = refused = 0
    kinds: Counter = Counter()
    for url, item in sorted(truth.items()):
        path = _find(base, item["file"])
        if path is None:
            continue
        total += 1
        page = timed_read(_load(path), url, item["file"], clock)
        meta = page.meta if page else _meta_only(_load(path), url)
        refused += page is None
        got = meta.date.isoformat() if meta.date else None
        hits += got == item["date"]
        if got != item["date"]:
            kinds[date_miss(meta.date, item["date"])] += 1
        if got != item["date"] and shown < misses:
            shown += 1
            how = meta.provenance.get("date")
            print(f"  miss {item['file']}: want {item['date']} got {got} ({how})")
    summary = {"htmldate date": ["dates: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())]}
    return {
        "set": "htmldate-eval",
        "pages": total,
        "htmldate date": hits / total,
        "body refused (date still read)": refused,
        "misses": summary,
    }


def date_miss(got, want: str) -> str:
    """What kind of miss a date is.

    >>> from datetime import date
    >>> date_miss(date(2021, 3, 4), "2021-03-05")
    'a day off (a time zone, or the evening before)'
    """
    if got is None:
        return "no date"
    days = abs((got - date.fromisoformat(want)).days)
    if days == 1:
        return "a day off (a time zone, or the evening before)"
    if days <= 31:
        return "within a month (often the modified or a later date)"
    return "another date (a copyright year, a date in the text, an older version)"


def _meta_only(data: bytes, url: str):
    """The metadata of a page whose text was refused (a date row measures the dates)."""
    tree = parse_html(page_of(data).html)
    return page_meta(tree, url) if tree is not None else PageMeta()


def _warm_up(root: Path, pages: int = 5) -> None:
    """Read a few pages untimed: dateparser (through htmldate) loads its languages once per
    process, a cost of the first pages, not of each."""
    for path in sorted((root / "htmldate-eval" / "eval").glob("*.gz"))[:pages]:
        try:
            read_page(_load(path), path.name)
        except PageError:
            continue


def address_first(root: Path, clock, misses: int) -> dict:
    """ecbplus-dev: page text whose first line is its address (the web-text format)."""
    base = root.parent / "ecbplus-dev"
    if not base.is_dir():
        return {"set": f"ecbplus-dev: absent ({base} not found)"}
    titles = days = dated = domains = total = 0
    for line in (base / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if not item.get("url"):
            continue
        total += 1
        article = webtext.parse_text((base / item["file"]).read_text(encoding="utf-8"), item["file"], Profiles())
        titles += article.title == item["title"]
        domains += bool(article.source_domain) and article.source_domain.endswith(item["domain"])
        if item.get("date"):
            dated += 1
            days += article.date is not None and article.date.isoformat() == item["date"]
    return {
        "set": "ecbplus-dev (address first)",
        "pages": total,
        "title": titles / total,
        "date": days / dated,
        "domain": domains / total,
    }


def stage_times(root: Path) -> str:
    """Milliseconds of CPU a page spends in each stage, on the scrapinghub pages."""
    spent: Counter = Counter()
    pages = sorted((root / "scrapinghub-article-extraction-benchmark" / "html").glob("*.html.gz"))
    for path in pages:
        data = gzip.decompress(path.read_bytes())
        start = time.process_time()
        tree = parse_html(page_of(data).html)
        spent["decode and parse"] += time.process_time() - start
        if tree is None:
            continue
        start = time.process_time()
        meta = page_meta(tree)
        spent["metadata (htmldate within)"] += time.process_time() - start
        start = time.process_time()
        extract_body(tree, meta.original_url, meta.title, meta.description)
        spent["text (trafilatura within)"] += time.process_time() - start
    return ", ".join(f"{stage} {1000 * t / len(pages):.1f} ms" for stage, t in spent.items())


SETS = {"scrapinghub": scrapinghub, "trafilatura": snippets, "htmldate": dates, "ecbplus": address_first}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--misses", type=int, default=0, help="print the N worst pages of each set")
    args = parser.parse_args()
    root = corpus_dir()
    if root is None:
        print(f"eval_web: corpus absent ({CORPUS} not found): nothing measured")
        return 0
    missed = []
    clock = [0.0, 0]
    _warm_up(root)
    for name in args.set or sorted(SETS):
        row = SETS[name](root, clock, args.misses)
        cells, row_missed = [], []
        summary = row.pop("misses", {})
        for key, value in row.items():
            if isinstance(value, float):
                target = TARGETS.get(key)
                flag = "" if target is None or value >= target else f" (target {target})"
                if flag:
                    missed.append(f"{row['set']} {key}")
                    row_missed.append(key)
                cells.append(f"{key} {value:.3f}{flag}")
            elif value is not None:
                cells.append(f"{key} {value}")
        print("  ".join(cells))
        for line in (line for key in row_missed for line in summary.get(key, ())):
            print(f"    missed: {line}")
    if not clock[1]:
        return 1 if missed else 0
    speed = clock[1] / clock[0]
    flag = "" if speed >= TARGETS["pages/s"] else f" (target {TARGETS['pages/s']})"
    print(f"set speed  pages {clock[1]}  pages/s {speed:.1f}{flag} (CPU time of one process, after a warm-up)")
    if flag:
        missed.append("speed")
        print(f"    missed: time by stage, {stage_times(root)}")
    if missed:
        print("eval_web: targets missed: " + ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
