"""Factiva and ProQuest exports on the third-party corpus in ../shared/corpus (evaluation only, never copied).

    .venv/bin/python bench/eval_exports_factiva.py [CORPUS_DIR]

One row per set, each file run through `pipeline.extract` as a user's raw file would be:
  * factiva/koheiw-newspapers/html/*.html: five "Article Format" exports (English, German and
    Chinese interface). Ground truth: ground-truth/<stem>.jsonl (markup-derived: headline,
    author, section lines, meta lines, paragraphs) and expected-counts.json (source GT).
    German-interface headlines carry the export's list number ("25) …"); it is no part of the
    headline, so it is taken off the ground truth where it equals the article's place.
  * factiva/tm.plugin.factiva-samples/factiva_test.html and txt/factiva_test.txt: the field-coded
    export as HTML and as text, against ground-truth/factiva_test.html.derived.jsonl.
  * factiva/tm.plugin.factiva-samples/*.xml: Factiva XML; the ground truth is the XML itself,
    read here with the standard library (headline, date, lead and tail paragraphs).
  * proquest/: sample-1.html (every field of one document) and the three alert e-mails
    (document counts, "Anonymous" authors, spot checks), against ground-truth/expected.json.

Prints per set: articles per export found / expected (what each file yields: every article whose
origin names it), the articles once the exports are merged / the distinct documents they hold
(an article in two exports is one article), headline exact, date, byline, section, body token F1
(each only where the ground truth gives it) and the misses. Exits 1 when a target is missed,
0 (saying so) when the corpus is absent.
"""

from __future__ import annotations

import email
import email.policy
import json
import logging
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))

from eval import f1, settings_for  # noqa: E402
from newsdesk import pipeline  # noqa: E402

logging.getLogger("newsdesk").setLevel(logging.ERROR)

CORPORA = (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus")
SHOW = 12  # misses printed per set
TARGETS = {"headline": 0.99, "date": 0.99, "byline": 0.95, "section": 0.95, "body_f1": 0.98, "accession": 0.99}
MONTHS_DE = dict(
    januar=1, februar=2, märz=3, april=4, mai=5, juni=6, juli=7, august=8, september=9, oktober=10, november=11,
    dezember=12,
)  # fmt: skip
MONTHS_EN = dict(
    january=1, february=2, march=3, april=4, may=5, june=6, july=7, august=8, september=9, october=10,
    november=11, december=12,
)  # fmt: skip
MONTHS_FR = {"décembre": 12, "janvier": 1}


def truth_date(lines: list[str]) -> date | None:
    """The date among the ground truth's meta lines, read without Newsdesk's own date code."""
    for line in lines:
        if m := re.match(r"^(\d{4}) 年 (\d{1,2}) 月 (\d{1,2}) 日", line):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.match(r"^(\d{1,2}) (\w+) (\d{4})$", line):
            month = {**MONTHS_DE, **MONTHS_EN, **MONTHS_FR}.get(m[2].casefold())
            if month:
                return date(int(m[3]), month, int(m[1]))
    return None


CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef"
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+|[^\w\s]")
CONNECTORS = {"by", "von", "and", "und", "y", "et", "con", "&"}


def words(text: str | None) -> list[str]:
    return re.findall(r"\w+|&", (text or "").casefold())


def body_f1(ours: str, truth: str) -> float:
    """Token F1 with punctuation and each CJK character a token of its own: the markup-derived
    ground truth puts a space at every `<b>` search-hit highlight ("Trump ’s", "官方 推特")."""
    return f1(" ".join(TOKEN.findall(ours)), " ".join(TOKEN.findall(truth)))


def same_headline(ours: str, truth: str) -> bool:
    """Exact but for white space (the ground truth's spaces at highlights, U+3000 as a space)."""
    return "".join(ours.split()) == "".join(truth.split())


def same_byline(ours: tuple[str, ...], truth: str | None) -> bool:
    """The same names, whatever their order, case, "By" and "and" (ProQuest writes "Last, First")."""
    names = [w for w in words(" ".join(ours)) if w not in CONNECTORS]
    return sorted(names) == sorted(w for w in words(truth) if w not in CONNECTORS)


def extract(files: list[Path]) -> tuple[dict[str, list], list]:
    """What each export yields (every article whose origin names the file, in the file's order),
    and the articles after merging: an article in two exports is one article, named by both."""
    with tempfile.TemporaryDirectory() as tmp:
        raw_dir = Path(tmp) / "raw"
        raw_dir.mkdir()
        for path in files:
            shutil.copyfile(path, raw_dir / path.name)
        rep = pipeline.Report()
        found = pipeline.extract(sorted(raw_dir.iterdir()), settings_for(raw_dir), rep)
    by_file: dict[str, list] = {path.name: [] for path in files}
    for article in found:
        for origin in article.origin:
            name, _, place = Path(origin).name.partition("#")
            by_file.setdefault(name, []).append((int(place) if place.isdigit() else 1, article))
    for where, why in rep.skipped:
        print(f"    skipped {Path(where).name}: {why}")
    return {name: [a for _, a in sorted(items, key=lambda x: x[0])] for name, items in by_file.items()}, found


class Row:
    """Agreement counts for one set."""

    def __init__(self, name: str) -> None:
        self.name, self.counts, self.scores, self.misses = name, [], {k: [] for k in TARGETS}, []
        self.merged: tuple[int, int] | None = None  # articles after merging the exports, and how many are distinct

    def merge(self, found: int, want: int) -> None:
        self.merged = (found, want)
        if found != want:
            self.misses.append(f"merged: {found} articles once the exports are merged, {want} distinct documents")

    def score(self, key: str, ok: float, what: str) -> None:
        self.scores[key].append(float(ok))
        if (ok < 1 and key != "body_f1") or (key == "body_f1" and ok < 0.9):
            self.misses.append(f"{key}: {what}")

    def show(self) -> bool:
        counts_ok = all(found == want for _, found, want in self.counts)
        found = sum(f for _, f, _ in self.counts)
        want = sum(w for _, _, w in self.counts)
        cells = [f"articles per export {found}/{want}{'' if counts_ok else ' MISS'}"]
        met = counts_ok
        if self.merged:
            merged_ok = self.merged[0] == self.merged[1]
            met = met and merged_ok
            cells.append(f"merged {self.merged[0]}/{self.merged[1]}{'' if merged_ok else ' MISS'}")
        for key, values in self.scores.items():
            if values:
                value = sum(values) / len(values)
                ok = value >= TARGETS[key]
                met = met and ok
                cells.append(f"{key} {value:.3f} (n={len(values)}){'' if ok else ' MISS'}")
        print(f"{self.name}: " + ", ".join(cells))
        for name, f, w in self.counts:
            if f != w:
                print(f"    count {name}: {f} found, {w} expected")
        for miss in self.misses[:SHOW]:
            print(f"    {miss}")
        if len(self.misses) > SHOW:
            print(f"    … and {len(self.misses) - SHOW} more")
        return met


def article_format(corpus: Path) -> Row | None:
    folder = corpus / "factiva" / "koheiw-newspapers"
    if not folder.is_dir():
        return None
    row = Row("factiva Article Format HTML (koheiw, 5 exports)")
    expected = json.loads((folder / "ground-truth" / "expected-counts.json").read_text(encoding="utf-8"))["documents"]
    found, merged = extract([folder / "html" / name for name in sorted(expected)])
    row.merge(len(merged), sum(expected.values()))  # five exports of different articles
    for name, want in sorted(expected.items()):
        articles = found.get(name, [])
        row.counts.append((name, len(articles), want))
        truth = [json.loads(x) for x in (folder / "ground-truth" / f"{Path(name).stem}.jsonl").open(encoding="utf-8")]
        for gt, article in zip(truth, articles, strict=False):
            where = f"{name}#{gt['index']}"
            headline = re.sub(rf"^{gt['index']}\) ", "", gt["headline"])
            row.score("headline", same_headline(article.title_raw or article.title, headline), f"{where} {headline!r}")
            want_date = truth_date(gt["meta_lines"])
            row.score("date", article.date == want_date, f"{where} {article.date} for {want_date}")
            row.score("byline", same_byline(article.byline, gt["author"]), f"{where} {article.byline} for {gt['author']!r}")
            section = "; ".join(gt["pre_headline_lines"]) or None
            row.score("section", article.section == section, f"{where} {article.section!r} for {section!r}")
            number = gt["accession_line"].split()[-1]
            row.score("accession", article.accession == number, f"{where} {article.accession} for {number}")
            if gt["paragraphs"]:
                ours = " ".join(x for x in (article.dateline, *article.body) if x)
                value = body_f1(ours, " ".join(gt["paragraphs"]))
                row.score("body_f1", value, f"{where} F1 {value:.2f}")
    return row


def field_coded(corpus: Path) -> Row | None:
    folder = corpus / "factiva" / "tm.plugin.factiva-samples"
    if not folder.is_dir():
        return None
    row = Row("factiva field-coded HTML + text (tm.plugin.factiva)")
    truth = [json.loads(x)["fields"] for x in (folder / "ground-truth" / "factiva_test.html.derived.jsonl").open()]
    with tempfile.TemporaryDirectory() as tmp:  # the text export under another name than the HTML one
        text = Path(tmp) / "factiva_test-text.txt"
        shutil.copyfile(folder / "txt" / "factiva_test.txt", text)
        found, merged = extract([folder / "factiva_test.html", text])
    row.merge(len(merged), len(truth))  # the text is the same export as the HTML: the same articles
    for name in ("factiva_test.html", text.name):
        articles = found.get(name, [])
        row.counts.append((name, len(articles), len(truth)))
        for n, (gt, article) in enumerate(zip(truth, articles, strict=False), 1):
            where = f"{name}#{n}"
            row.score("headline", same_headline(article.title_raw or article.title, gt["HD"]), f"{where} {article.title!r}")
            row.score("date", article.date == truth_date([gt["PD"]]), f"{where} {article.date} for {gt['PD']}")
            row.score("byline", same_byline(article.byline, gt.get("BY")), f"{where} {article.byline}")
            row.score("section", article.section == gt.get("SE"), f"{where} {article.section!r} for {gt.get('SE')!r}")
            number = gt["AN"].split()[-1]
            row.score("accession", article.accession == number, f"{where} {article.accession!r} for {number}")
            value = body_f1(" ".join(article.body), " ".join([*gt.get("LP", []), *gt.get("TD", [])]))
            row.score("body_f1", value, f"{where} F1 {value:.2f}")
    return row


def xml_truth(path: Path) -> list[dict]:
    """Headline, date and paragraphs of each `<article>`, read with the standard library."""
    out = []
    for article in ET.parse(path).getroot().iter("{http://global.factiva.com/pps/2.0}article"):

        def text(name: str, node=article) -> str:
            found = node.find(f"{{http://global.factiva.com/pps/2.0}}{name}")
            return " ".join("".join(found.itertext()).split()) if found is not None else ""

        out.append(
            {
                "headline": text("headline"),
                "date": date.fromisoformat(text("publicationDate")[:10]),
                "body": " ".join(x for x in (text("leadParagraph"), text("tailParagraphs")) if x),
                "byline": text("byline") or None,
                "accession": text("accessionNo"),
            }
        )
    return out


def factiva_xml(corpus: Path) -> Row | None:
    folder = corpus / "factiva" / "tm.plugin.factiva-samples"
    if not folder.is_dir():
        return None
    row = Row("factiva XML (tm.plugin.factiva, 2 files)")
    files = sorted(folder.glob("*.xml"))
    found, merged = extract(files)
    row.merge(len(merged), len({gt["accession"] for path in files for gt in xml_truth(path)}))
    for path in files:
        truth, articles = xml_truth(path), found.get(path.name, [])
        row.counts.append((path.name, len(articles), len(truth)))
        for n, (gt, article) in enumerate(zip(truth, articles, strict=False), 1):
            where = f"{path.name}#{n}"
            row.score("headline", same_headline(article.title_raw or article.title, gt["headline"]), f"{where} {article.title!r}")
            row.score("date", article.date == gt["date"], f"{where} {article.date} for {gt['date']}")
            row.score("byline", same_byline(article.byline, gt["byline"]), f"{where} {article.byline}")
            row.score("accession", article.accession == gt["accession"], f"{where} {article.accession}")
            value = body_f1(" ".join(x for x in (article.dateline, *article.body) if x), gt["body"])
            row.score("body_f1", value, f"{where} F1 {value:.2f}")
    return row


def spot_check(article, key: str, want) -> bool:
    """An e-mail document's abstract (intro), correction or caption (graphic) as the GT gives it."""
    if key == "intro":
        return (article.description or None) == (want or None)
    if key == "correction":
        return article.correction == want
    return any(want.removeprefix("Caption: ") == c for c in article.captions)


def document_ids(path: Path) -> set[str]:
    """The ProQuest document ids a page or an alert e-mail links to (`docview/<id>`), read with the
    standard library: the same document in two files is one document."""
    if path.suffix != ".eml":
        return set(re.findall(r"docview/(\d+)", path.read_text(encoding="utf-8", errors="replace")))
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    parts = (part.get_content() for part in message.walk() if part.get_content_type() == "text/html")
    return {number for part in parts for number in re.findall(r"docview/(\d+)", part)}


def proquest(corpus: Path) -> Row | None:
    folder = corpus / "proquest"
    if not folder.is_dir():
        return None
    row = Row("proquest page + alert e-mails")
    gt = json.loads((folder / "ground-truth" / "expected.json").read_text(encoding="utf-8"))
    counts = {k: v for k, v in gt["counts"].items() if k.endswith(".eml")}
    files = [folder / "sample-1.html", *(folder / name for name in sorted(counts))]
    found, merged = extract(files)
    row.merge(len(merged), len(set().union(*map(document_ids, files))))
    for name, want in sorted(counts.items()):
        row.counts.append((name, len(found.get(name, [])), want))
    page = gt["sample-1.html (document 1)"]
    articles = found.get("sample-1.html", [])
    row.counts.append(("sample-1.html", len(articles), 1))
    by_id = {a.accession: a for name in counts for a in found.get(name, [])}
    for article in [*articles[:1], by_id.get(f"proquest:{page['id'].rsplit('_', 1)[-1]}")]:
        if article is None:
            row.misses.append(f"document {page['id']} not found in the e-mails")
            continue
        where = Path(article.origin[0]).name
        row.score("headline", same_headline(article.title, page["heading"]), f"{where} {article.title!r}")
        row.score("date", article.date == date.fromisoformat(page["datetimestamp"]), f"{where} {article.date}")
        row.score("byline", same_byline(article.byline, page["author"]), f"{where} {article.byline}")
        row.score("section", article.section == page["section"], f"{where} {article.section!r}")
        value = body_f1(" ".join(article.body), " ".join(page["content_paragraphs"]))
        row.score("body_f1", value, f"{where} F1 {value:.2f}")
    anonymous = next(v for k, v in gt["counts"].items() if "Anonymous" in k)
    without = sum(not a.byline for a in found.get("sample.eml", []))
    row.counts.append(("sample.eml without byline (author Anonymous)", without, anonymous))
    for doc_id, checks in gt["spot_checks_sample.eml"].items():
        article = by_id.get(f"proquest:{doc_id.rsplit('_', 1)[-1]}")
        if article is None:
            row.misses.append(f"spot check: {doc_id} not found")
            continue
        for key, want in checks.items():
            row.counts.append((f"spot check {doc_id} {key}", int(spot_check(article, key, want)), 1))
    return row


def main(argv: list[str]) -> int:
    candidates = [Path(argv[1])] if len(argv) > 1 else list(CORPORA)
    corpus = next((c for c in candidates if c.is_dir()), None)
    if corpus is None:
        print(f"eval exports: corpus folder {candidates[0].resolve()} is absent; nothing to evaluate")
        return 0
    print(f"eval exports: corpus {corpus.resolve()}")
    met = True
    for evaluate in (article_format, field_coded, factiva_xml, proquest):
        row = evaluate(corpus)
        if row is None:
            print(f"{evaluate.__name__}: not in the corpus folder, skipped")
            continue
        met = row.show() and met
    print("eval exports: all targets met" if met else "eval exports: targets MISSED (see above)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
