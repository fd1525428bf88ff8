"""PDF files read directly, measured against the page texts the corpus gives (evaluation only, never copied).

    .venv/bin/python bench/eval_pdf.py [CORPUS_DIR]      # default ../shared/corpus

On pdf-pages-factiva/ (102 Factiva PDFs, each with its pages as `pdftotext -layout`
wrote them) every PDF is read with `pdf_text.pages` and its article parsed, and so
is the article of its page texts. An article agrees when its title, date and source
are the same and its body's token F1 is at least 0.99; also counted: articles equal
in every field, and equal but for the spaces inside table rows. Then the speed in
pages per second (and that of `pdftotext`, when it is installed, for comparison),
and how much the resident memory of a fresh process grows while it reads generated
30- and 300-page PDFs (bounded: one page is open at a time), and a 300-page PDF with a
photograph a page (bigger than one article's 8 MB) read through stages 1-7 as a build does.

Exits 1 when fewer than 99 % of the articles agree; says so and skips the corpus
figures when the corpus is absent.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from eval import f1  # noqa: E402
from newsdesk import pdf_text  # noqa: E402
from newsdesk.formats import Context, factiva_pdf  # noqa: E402
from newsdesk.profiles import load_profiles  # noqa: E402
from newsdesk.records import Article, RawText  # noqa: E402

logging.getLogger("newsdesk").setLevel(logging.ERROR)

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus"
TARGET = 0.99
MAX_PAGES = 1000
WORDS = ("harbour", "council", "budget", "quarter", "shares", "report", "minister", "talks", "energy", "prices", "rail")


def page_texts(pdf: Path) -> list[RawText]:
    paths = sorted((pdf.parent / "pages").glob(f"{pdf.stem}.p*.txt"))
    return [RawText(path=p, text=p.read_text(encoding="utf-8"), encoding="utf-8", sha256="") for p in paths]


def article(pages: list[RawText], ctx: Context) -> Article:
    (group,) = factiva_pdf.group(pages)
    return factiva_pdf.parse(group, ctx)[0]


def spaced(a: Article) -> list[tuple[type, str]]:
    return [(type(p), " ".join(p.split())) for p in a.body]


def evaluate(corpus: Path) -> bool:
    folder = corpus / "pdf-pages-factiva"
    items = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))["items"]
    ctx = Context(profiles=load_profiles(ROOT / "content" / "sources"))
    fields = [f.name for f in dataclasses.fields(Article) if f.name != "origin"]
    agree = exact = whitespace = pages = 0
    body_f1: list[float] = []
    seconds = cpu = 0.0
    misses = []
    for item in items:
        pdf = folder / item["file"]
        raw = RawText(path=pdf, text="", encoding="binary", sha256="", kind="pdf", data=pdf.read_bytes())
        started, started_cpu = time.perf_counter(), time.process_time()
        texts, _ = pdf_text.expand(raw, max_pages=MAX_PAGES)
        seconds += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        pages += len(texts)
        ours, theirs = article(texts, ctx), article(page_texts(pdf), ctx)
        score = f1("\n".join(ours.body), "\n".join(theirs.body))
        body_f1.append(score)
        same = (ours.title, ours.date, ours.source) == (theirs.title, theirs.date, theirs.source) and score >= 0.99
        agree += same
        exact += all(getattr(ours, f) == getattr(theirs, f) for f in fields)
        whitespace += same and spaced(ours) == spaced(theirs)
        if not same:
            misses.append(item["file"])
    n = len(items)
    print(f"pdf-pages-factiva: {n} PDFs, {pages} pages, read with pypdfium2 (pdf_text.pages)")
    met = "ok" if agree / n >= TARGET else "MISS"
    print(f"  agreement (title, date, source, body F1 >= 0.99)  {agree / n:.4f}  target {TARGET} {met}")
    print(f"  body token F1, mean / lowest                       {sum(body_f1) / n:.4f} / {min(body_f1):.4f}")
    print(f"  equal but for spaces inside table rows            {whitespace / n:.4f}")
    print(f"  equal in every field                              {exact / n:.4f}")
    print(f"  speed                                             {pages / seconds:.1f} pages/s ({pages / cpu:.1f} per CPU second)")
    for miss in misses:
        print(f"  MISS {miss}")
    if shutil.which("pdftotext"):
        started, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        for item in items:
            subprocess.run(["pdftotext", "-layout", str(folder / item["file"]), "-"], capture_output=True, check=True)
        seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        rate = f"{pages / seconds:.1f} pages/s ({pages / cpu:.1f} per CPU second)"
        print(f"  for comparison, pdftotext -layout (poppler)       {rate}")
    return agree / n >= TARGET


def generated_pdf(pages: int, *, photos: bool = False) -> bytes:
    """A long report of invented text: 50 lines of about 80 characters a page, as a dense report
    page; with `photos`, a photograph on every page too (noise, which compresses as badly as one)."""
    import random

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(612, 792), invariant=1)
    noise = random.Random(7)
    for number in range(pages):
        if photos:
            photo = Image.frombytes("RGB", (160, 120), bytes(noise.getrandbits(8) for _ in range(160 * 120 * 3)))
            pdf.drawImage(ImageReader(photo), 400, 40, 160, 120)
        pdf.setFont("Helvetica", 9)
        for row in range(50):
            words = " ".join(WORDS[(number + row + i) % len(WORDS)] for i in range(12))
            pdf.drawString(54, 750 - row * 13, f"{number + 1}.{row} {words}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


PROBE = """
import os, sys
sys.path.insert(0, sys.argv[2])
from newsdesk import pdf_text
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
data = open(sys.argv[1], "rb").read()
before = most = rss()
chars = 0
for page in pdf_text.pages(data, max_pages=10_000):
    chars += len(page)
    most = max(most, rss())
print(before, most, chars)
"""


BUILD_PROBE = """
import resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from newsdesk import limits, pipeline
path = Path(sys.argv[1])
settings = pipeline.Settings(raw_dir=path.parent, articles_dir=path.parent / "_articles", workers=1)
limit = limits.read_limit(path, settings)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rep = pipeline.Report(quiet=True)
articles = pipeline.extract([path], settings, rep)
most = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(limit.bytes, len(articles), len(rep.skipped), before * 1024, most * 1024)
"""


def build_memory(folder: Path) -> None:
    """A 300-page report with a photograph a page (over the 8 MB of one article) read as a build reads it."""
    path = folder / "photos" / "report.pdf"
    path.parent.mkdir()
    path.write_bytes(generated_pdf(300, photos=True))
    out = subprocess.run(
        [sys.executable, "-c", BUILD_PROBE, str(path), str(ROOT / "plugins")], capture_output=True, text=True, check=True
    )
    limit, articles, skipped, before, most = (int(x) for x in out.stdout.split())
    print(
        f"generated 300-page PDF with a photo a page ({path.stat().st_size / 2**20:.1f} MB, limit {limit / 2**20:.0f} MB), "
        f"through stages 1-7: {articles} articles, {skipped} skipped; peak resident memory {before / 2**20:.0f} MB "
        f"before, {most / 2**20:.0f} MB after"
    )


def memory() -> None:
    """Memory of a fresh process while it reads a generated PDF page by page (Linux): its resident set after each page."""
    with tempfile.TemporaryDirectory() as tmp:
        for count in (30, 300):
            path = Path(tmp) / f"{count}.pdf"
            path.write_bytes(generated_pdf(count))
            out = subprocess.run(
                [sys.executable, "-c", PROBE, str(path), str(ROOT / "plugins")], capture_output=True, text=True, check=True
            )
            before, most, chars = (int(x) for x in out.stdout.split())
            print(
                f"generated {count:>3}-page PDF ({path.stat().st_size / 1024:.0f} kB, {chars:,} characters): resident "
                f"memory {before / 2**20:.0f} MB before reading, at most {most / 2**20:.0f} MB while reading"
            )
        build_memory(Path(tmp))


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    met = True
    if (corpus / "pdf-pages-factiva" / "ground-truth.json").is_file():
        print(f"eval_pdf: corpus {corpus.resolve()}")
        met = evaluate(corpus)
    else:
        print(f"eval_pdf: corpus folder {(corpus / 'pdf-pages-factiva').resolve()} is absent; agreement not measured")
    memory()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
