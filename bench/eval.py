"""Extraction quality on the third-party corpus in ../shared/corpus (evaluation only, never copied).

    make eval            # or: .venv/bin/python bench/eval.py [CORPUS_DIR]

Runs `pipeline.extract` over
  * wire-reuters/txt/*.txt (739 Reuters stories of March 1987, as delivered: title line,
    indented dateline "    BASLE, March 3 - ", wrapped body, " Reuter"). The files are fed
    as they are, from a temporary folder of links holding a `collection.yaml` with
    `year: 1987`, because wire datelines give only "March 3" and a user's delivery folder
    would say the year the same way. Ground truth: ground-truth.jsonl (title, dateline, body).
  * pdf-pages-factiva/*/pages/<id>.pNN.txt (one file per PDF page, all pages of a folder
    ingested together, so an article's pages are joined). Ground truth: ground-truth.json
    (one article per PDF; headline and date for 44 of them; no body text, so body F1 and
    exact paragraphs are not measured there).

Prints per format: article count, title exact, date, dateline, body token F1, exact
paragraphs, boilerplate lines leaked. Exits 0 and says so when the corpus is absent.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsdesk import pipeline  # noqa: E402
from newsdesk.clean import squeeze_spaces  # noqa: E402

logging.getLogger("newsdesk").setLevel(logging.ERROR)  # the per-file warnings would drown the figures

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus"
TARGETS = {"title": 0.97, "date": 0.97, "body_f1": 0.99, "paragraphs": 0.95, "leaked": 0.005}

WIRE_BOILERPLATE = [
    r"^\s*Reuters?\s*$",
    r"^\s*REUTERS?\s*$",
    r"^\s*\((?:Additional )?[Rr]eporting by",
    r"^\s*[A-Z][A-Za-z.,' ]+, (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2} -",
]
FACTIVA_BOILERPLATE = [
    r"Page \d+ of \d+",
    r"Factiva",
    r"^\s*Document [A-Za-z0-9]{20,}\s*$",
    r"^\s*Search Summary\s*$",
    r"^\s*(?:Date|Source|Author|Company|Subject|Industry|Region|Language)\s{3,}(?:All |Newspapers|English)",
    r"^\s*(?:Results Found|Timestamp)\s{3,}\d",
    r"^\s*\d[\d,]* words\s*$",
    r"All [Rr]ights [Rr]eserved",
    r"^\s*\(?[Cc]opyright\b",
    r"^\s*\(c\) \d{4}",
    r"^\s*English\s*$",
]


def tokens(text: str) -> list[str]:
    return text.split()


def f1(predicted: str, truth: str) -> float:
    p, t = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((p & t).values())
    if not p and not t:
        return 1.0
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def paragraphs_of(body: tuple[str, ...]) -> list[str]:
    """Our paragraphs, a preformatted table counted row by row (the wire ground truth has one row a line)."""
    out = []
    for p in body:
        out.extend(p.split("\n") if "\n" in p else [p])
    return [squeeze_spaces(p) for p in out if p.strip()]


def leaked(body: tuple[str, ...], patterns: list[str]) -> tuple[int, int]:
    lines = [x for p in body for x in p.split("\n") if x.strip()]
    bad = sum(any(re.search(r, x) for r in patterns) for x in lines)
    return bad, len(lines)


PROFILES = ROOT / "content" / "sources"


def settings_for(raw_dir: Path, sources: Path | None = PROFILES) -> pipeline.Settings:
    return pipeline.Settings(
        raw_dir=raw_dir,
        articles_dir=raw_dir / "_articles",
        sources_dir=sources,
        topics_file=ROOT / "content" / "topics.yaml",
    )


def wire_truth_paragraphs(body: str) -> list[str]:
    lines = body.rstrip("\n").split("\n")
    while lines and re.match(r"^\s*(Reuters?|REUTERS?)\s*$", lines[-1]):
        lines.pop()
    paras: list[list[str]] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if i == 0 or line[:1].isspace() or not paras:
            paras.append([line])
        else:
            paras[-1].append(line)
    # a line broken after a hyphen ("vice-" / "president") is one word: the wire never hyphenates
    return [squeeze_spaces(re.sub(r"(?<=\w-)\n(?=\w)", "", "\n".join(p)).replace("\n", " ")) for p in paras]


def wire_place(dateline: str) -> str:
    text = squeeze_spaces(dateline).strip(" -*")
    return re.sub(r"[ ,-]+[A-Za-z]{3,9}\.? \d{1,2}[ ,]*$", "", text).strip(" ,-")


def evaluate_wire(corpus: Path) -> dict | None:
    folder = corpus / "wire-reuters"
    if not (folder / "txt").is_dir():
        return None
    truth = {}
    for line in (folder / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        truth[f"{record['newid']:05d}.txt"] = record
    with tempfile.TemporaryDirectory() as tmp:
        raw_dir = Path(tmp)
        for path in sorted((folder / "txt").glob("*.txt")):
            (raw_dir / path.name).symlink_to(path.resolve())
        (raw_dir / "collection.yaml").write_text("year: 1987\n", encoding="utf-8")
        articles = pipeline.extract(sorted(raw_dir.glob("*.txt")), settings_for(raw_dir))
    got = {Path(a.origin[0]).name: a for a in articles}
    expected = [k for k, r in truth.items() if r["text_type"] == "NORM" and (folder / "txt" / k).is_file()]
    scores = Counter()
    bad = lines = 0
    truth_paras = found_paras = 0
    for key in expected:
        record, article = truth[key], got.get(key)
        if article is None:
            continue
        scores["title"] += squeeze_spaces(article.title_raw or article.title) == squeeze_spaces(record["title"])
        gt_date = datetime.strptime(record["date"].split()[0], "%d-%b-%Y").date()
        scores["date"] += article.date == gt_date
        scores["dateline"] += (article.dateline or "") == wire_place(record["dateline"])
        gt_paras = wire_truth_paragraphs(record["body"])
        ours = paragraphs_of(article.body)
        scores["body_f1"] += f1(" ".join(ours), " ".join(gt_paras))
        truth_paras += len(gt_paras)
        found_paras += sum(p in set(ours) for p in gt_paras)
        b, n = leaked(article.body, WIRE_BOILERPLATE)
        bad, lines = bad + b, lines + n
    n = len(expected)
    return {
        "articles": f"{len(articles)} / {n} expected",
        "count_ok": len(articles) == n,
        "title": scores["title"] / n,
        "date": scores["date"] / n,
        "dateline": scores["dateline"] / n,
        "body_f1": scores["body_f1"] / n,
        "paragraphs": found_paras / max(truth_paras, 1),
        "leaked": bad / max(lines, 1),
    }


def evaluate_factiva(corpus: Path, sources: Path | None = PROFILES) -> dict | None:
    folder = corpus / "pdf-pages-factiva"
    if not (folder / "ground-truth.json").is_file():
        return None
    items = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))["items"]
    paths = sorted(folder.glob("*/pages/*.txt"))
    articles = pipeline.extract(paths, settings_for(folder, sources))
    by_pdf: dict[str, list] = {}
    for article in articles:
        first = Path(article.origin[0])
        key = f"{first.parent.parent.name}/{first.name.split('.')[0]}.pdf"
        by_pdf.setdefault(key, []).append(article)
    scores = Counter()
    titled = [i for i in items if i.get("title")]
    for item in titled:
        found = by_pdf.get(item["file"], [])
        if len(found) != 1:
            continue
        article = found[0]
        title = squeeze_spaces(article.title_raw or article.title)
        want = squeeze_spaces(item["title"])
        if item.get("title_may_be_truncated_with_ellipsis") and want.endswith("..."):
            scores["title"] += title.startswith(want[:-3].rstrip())
        else:
            scores["title"] += title == want
        scores["date"] += article.date == datetime.strptime(item["date"], "%d %B %Y").date()
    joined = sum(len(by_pdf.get(i["file"], [])) == 1 and len(by_pdf[i["file"]][0].origin) == i["pages"] for i in items)
    bad = lines = 0
    for article in articles:
        b, n = leaked(article.body, FACTIVA_BOILERPLATE)
        bad, lines = bad + b, lines + n
    return {
        "articles": f"{len(articles)} / {len(items)} expected ({joined} with all their pages joined)",
        "count_ok": len(articles) == len(items),
        "title": scores["title"] / len(titled),
        "date": scores["date"] / len(titled),
        "dateline": None,
        "body_f1": None,
        "paragraphs": None,
        "leaked": bad / max(lines, 1),
    }


def show(name: str, result: dict | None) -> bool:
    if result is None:
        print(f"{name}: not in the corpus folder, skipped")
        return True
    print(f"{name}")
    print(f"  articles              {result['articles']}  {'ok' if result['count_ok'] else 'MISS'}")
    ok = result["count_ok"]
    for key, label in (
        ("title", "title exact"),
        ("date", "date"),
        ("dateline", "dateline"),
        ("body_f1", "body token F1"),
        ("paragraphs", "exact paragraphs"),
        ("leaked", "boilerplate leaked"),
    ):
        value = result[key]
        if value is None:
            print(f"  {label:<21} n/a (no ground truth)")
            continue
        target = TARGETS.get(key)
        met = "" if target is None else ("ok" if (value <= target if key == "leaked" else value >= target) else "MISS")
        ok = ok and met != "MISS"
        print(f"  {label:<21} {value:.4f}  {'target ' + str(target) if target is not None else ''} {met}")
    return ok


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"eval: CORPUS ABSENT: {corpus.resolve()} not found; nothing was evaluated (see bench/eval.py)")
        return 0
    print(f"eval: corpus {corpus.resolve()}")
    met = show("wire (Reuters 1987)", evaluate_wire(corpus))
    met = show("factiva PDF pages", evaluate_factiva(corpus)) and met
    print("all targets met" if met else "some targets not met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
