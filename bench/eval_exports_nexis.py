"""LexisNexis / Nexis Uni exports and Word files read against the corpus's ground truth (evaluation only).

    .venv/bin/python bench/eval_exports_nexis.py [CORPUS_DIR]     # CORPUS_DIR defaults to ../shared/corpus

Each file goes through the format registry (the highest score reads it), as in a build:
  * nexis/koheiw-newspapers/html/*.html: 3 classic HTML exports (English and German labels);
    markup-derived GT per document (headline, date line, BYLINE/AUTOR, SECTION/RUBRIK, paragraphs);
  * nexis/koheiw-newspapers/docx/*.docx: 7 Nexis Uni DOCX exports; GT: document counts, and the
    cover page's titles for nyt1, nyt2 and usa-today (Nexis joins sub-titles with ";" and leaves
    out "- Correction Appended", so titles are compared with the space after ";" ignored);
  * nexis/lexisnexistools-samples: sample.TXT (classic text; GT: newspaper, date, headline, author,
    section, edition, paragraphs), sample.DOCX and test.DOCX (counts);
  * nexis/tm.plugin.lexisnexis-samples/*.html (counts; the malformed document is dropped and the
    good one has no copyright).
Prints one row per set; exits 1 when a target is missed, 0 with a note when the corpus is absent.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsdesk import formats  # noqa: E402
from newsdesk.formats import base, nexis_docx, nexis_html, nexis_text, word  # noqa: E402
from newsdesk.records import RawText  # noqa: E402

REGISTRY = getattr(formats, "FORMATS", None) or (nexis_text, nexis_html, nexis_docx, word)

TARGETS = {"headline": 0.99, "date": 0.99, "byline": 0.95, "section": 0.95, "body_f1": 0.98}
ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november"]
MONTHS = {m: i for i, m in enumerate([*ENGLISH_MONTHS, "december"], 1)}
MONTHS.update({"januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12})
NOT_NAME = {"by", "from", "and", "von", "und"}


def gt_date(line: str) -> date | None:
    """The GT date line's date, read independently of the parser (English and German month names)."""
    if m := re.search(r"([A-Za-zä]+) (\d{1,2}), (\d{4})", line):
        month, day, year = m.groups()
    elif m := re.search(r"(\d{1,2})\.? ([A-Za-zä]+) (\d{4})", line):
        day, month, year = m.groups()
    else:
        return None
    number = MONTHS.get(month.casefold())
    return date(int(year), number, int(day)) if number else None


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.casefold()))


def f1(got: str, want: str) -> float:
    a, b = tokens(got), tokens(want)
    common = sum((a & b).values())
    if not a and not b:
        return 1.0
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def byline_ok(names: tuple[str, ...], printed: str | None) -> bool:
    """The names found are the printed byline's words (before any ";" note and without the credit in
    parentheses, "--(Reuter)"), "By"/"From" aside."""
    printed = re.sub(r"\([^()]*\)", " ", (printed or "").split(";")[0])
    want = {w for w in re.findall(r"\w+", printed.casefold()) if w not in NOT_NAME}
    got = {w for w in re.findall(r"\w+", " ".join(names).casefold()) if w not in NOT_NAME}
    return want == got


def choose(raw: RawText):
    """The format that reads a raw file in a build: the highest score, registry order breaking ties."""
    best, top = None, 0.0
    for module in REGISTRY:
        if raw.kind in getattr(module, "KINDS", frozenset({"text"})) and (value := module.score(raw)) > top:
            best, top = module, value
    if best is None:
        raise SystemExit(f"{raw.path}: no format reads it")
    return best


def read(path: Path):
    kind = {".html": "html", ".docx": "docx", ".txt": "text"}[path.suffix.lower()]
    data = path.read_bytes()
    text = data.decode("utf-8-sig") if kind == "text" else ""
    raw = RawText(path=path, text=text, encoding="utf-8", sha256="", kind=kind, data=b"" if kind == "text" else data)
    module = choose(raw)
    return module, module.parse([raw], base.Context())


class Row:
    def __init__(self, name: str):
        self.name, self.files, self.docs, self.expected = name, 0, 0, 0
        self.scores: dict[str, list[float]] = {k: [] for k in TARGETS}
        self.misses: list[str] = []
        self.problems: list[str] = []  # failures that are not a score (a field that must be empty)
        self.found: Counter = Counter()  # how many articles have each field, where the GT has none to compare

    def add(self, key: str, ok: float, where: str) -> None:
        self.scores[key].append(float(ok))
        if ok < 1 and len(self.misses) < 6 and key != "body_f1":
            self.misses.append(f"{key} {where}")

    def failed(self) -> list[str]:
        bad = [f"count {self.docs}/{self.expected}"] if self.docs != self.expected else []
        bad.extend(self.problems)
        for key, values in self.scores.items():
            if values and sum(values) / len(values) < TARGETS[key]:
                bad.append(f"{key} {sum(values) / len(values):.3f} < {TARGETS[key]}")
        return bad

    def line(self) -> str:
        cells = [f"{self.name:<34}", f"files {self.files:>2}", f"docs {self.docs:>4}/{self.expected:<4}"]
        for key, values in self.scores.items():
            cells.append(f"{key} {sum(values) / len(values):.3f}" if values else f"{key}   -  ")
        line = "  ".join(cells) + ("  MISS: " + "; ".join(self.failed()) if self.failed() else "  ok")
        if self.found:
            line += "\n    fields found (no GT to compare): " + ", ".join(f"{k} {v}/{self.docs}" for k, v in self.found.items())
        return line


def koheiw_html(corpus: Path) -> Row:
    row = Row("koheiw-newspapers html")
    folder = corpus / "nexis" / "koheiw-newspapers"
    counts = json.loads((folder / "ground-truth" / "expected-counts.json").read_text())["documents"]
    for path in sorted((folder / "html").glob("*.html")):
        _, articles = read(path)
        gt = [json.loads(x) for x in (folder / "ground-truth" / f"{path.stem}.jsonl").read_text().splitlines() if x]
        row.files += 1
        row.docs += len(articles)
        row.expected += counts[path.name]
        for art, want in zip(articles, gt, strict=False):
            where = f"{path.name}#{want['index']}"
            fields = want["fields"]
            row.add("headline", art.title == want["headline"], where)
            row.add("date", art.date == gt_date(want["pre_headline_lines"][1]), where)
            row.add("byline", byline_ok(art.byline, fields.get("BYLINE") or fields.get("AUTOR")), where)
            section = fields.get("SECTION") or fields.get("RUBRIK")
            row.add("section", art.section == (section.strip() if section else None), where)
            row.add("body_f1", f1(" ".join(art.body), " ".join(want["paragraphs"])), where)
    return row


def koheiw_docx(corpus: Path) -> Row:
    row = Row("koheiw-newspapers docx")
    folder = corpus / "nexis" / "koheiw-newspapers"
    counts = json.loads((folder / "ground-truth" / "expected-counts.json").read_text())["documents"]
    for path in sorted((folder / "docx").glob("*.docx")):
        _, articles = read(path)
        row.files += 1
        row.docs += len(articles)
        row.expected += counts[path.name]
        for art in articles:
            for key in ("date", "source", "byline", "section", "word_count", "load_date", "accession"):
                row.found[key] += bool(getattr(art, key))
            row.found["body"] += bool(art.body)
        toc = folder / "ground-truth" / f"{path.name}.toc.json"
        if toc.exists():
            for art, want in zip(articles, json.loads(toc.read_text())["toc"], strict=False):
                ours, theirs = (re.sub(r";\s+", ";", x) for x in (art.title, want["title"]))
                row.add("headline", ours == theirs, f"{path.name}#{want['n']}")
    return row


def lexisnexistools(corpus: Path) -> Row:
    row = Row("lexisnexistools-samples txt+docx")
    folder = corpus / "nexis" / "lexisnexistools-samples"
    _, articles = read(folder / "sample.TXT")
    gt = json.loads((folder / "ground-truth" / "sample.TXT.expected.json").read_text())["articles"]
    row.files, row.docs, row.expected = 1, len(articles), len(gt)
    for art, want in zip(articles, gt, strict=False):
        where = f"sample.TXT#{want['id']}"
        row.add("headline", art.title == want["headline"], where)
        row.add("date", art.date == date.fromisoformat(want["date"]), where)
        row.add("byline", byline_ok(art.byline, want["author"]), where)
        row.add("section", art.section == want["section"], where)
        row.add("body_f1", f1(" ".join(art.body), " ".join(want["paragraphs"])), where)
        if art.source != want["newspaper"] or art.edition != want["edition"]:
            row.misses.append(f"source/edition {where}")
    for name, expected in (("sample.DOCX", 10), ("test.DOCX", 1)):
        _, articles = read(folder / name)
        row.files += 1
        row.docs += len(articles)
        row.expected += expected
    return row


def tm_plugin(corpus: Path) -> Row:
    row = Row("tm.plugin.lexisnexis html")
    folder = corpus / "nexis" / "tm.plugin.lexisnexis-samples"
    expected = json.loads((folder / "ground-truth" / "expected.json").read_text())
    counts = {"lexisnexis_test_en.html": 2, "lexisnexis_test_fr.html": 3}  # the corpus README's document counts
    for path in sorted(folder.glob("*.html")):
        _, articles = read(path)
        row.files += 1
        row.docs += len(articles)
        want = expected.get(path.name)
        row.expected += want["documents"] if want else counts[path.name]
        if want and articles and articles[0].copyright is not None:
            row.problems.append(f"copyright of {path.name} should be empty, got {articles[0].copyright!r}")
    return row


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else ROOT / ".." / "shared" / "corpus"
    if not (corpus / "nexis").is_dir():
        print(f"Nexis corpus not found at {corpus / 'nexis'}: nothing measured (pass the corpus folder as the argument)")
        return 0
    rows = [koheiw_html(corpus), koheiw_docx(corpus), lexisnexistools(corpus), tm_plugin(corpus)]
    print("Nexis exports: targets " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()) + ", counts exact")
    for row in rows:
        print(row.line())
        for miss in row.misses:
            print(f"    miss: {miss}")
    return 1 if any(row.failed() for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
