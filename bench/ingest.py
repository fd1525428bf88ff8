"""Ingest speed and memory: synthetic raw texts made from the seeds, and the corpus if present.

Each set is ingested with one process and with two (NEWSDESK_WORKERS); the output is the same
(tests/test_parallel.py). Peak RSS is the bench process's own (workers are separate processes).
Prints figures; asserts nothing. Run with `make bench` or `.venv/bin/python bench/ingest.py`.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsdesk.pipeline import Settings, ingest  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
NAMES = ["Lavrov", "Stoltenberg", "Borrell", "Maas", "Lungescu", "Putin", "Biden", "Skripal"]


def synthetic(folder: Path, n: int) -> None:
    """n raw texts shaped like the seeds, each about a different made-up event."""
    seeds = sorted((ROOT / "content" / "raw").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for i in range(n):
        text = texts[i % len(texts)]
        name = NAMES[i % len(NAMES)]
        text = text.replace("Lavrov", f"{name}{i}").replace("Nato", f"Nato{i // 7}")
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def run(label: str, raw: Path, workers: int = 1) -> None:
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        settings = Settings(
            raw_dir=raw,
            articles_dir=work / "articles",
            sources_dir=ROOT / "content" / "sources",
            topics_file=ROOT / "content" / "topics.yaml",
            workers=workers,
        )
        files = sum(1 for p in raw.rglob("*.txt"))
        start = time.perf_counter()
        report = ingest(settings)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest(settings)
        second = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{label:<34} {workers} proc {files:>6} files  {len(report.written):>6} articles  "
            f"first {first:7.2f} s ({files / first:7.1f} files/s)  "
            f"no-change rebuild {second:6.2f} s ({len(again.written)} rewritten)  peak RSS {peak:6.0f} MB"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    import logging

    logging.disable(logging.ERROR)
    for n in (100, 1000):
        folder = Path(tempfile.mkdtemp(prefix="newsdesk-raw-"))
        try:
            synthetic(folder, n)
            for workers in (1, 2):
                run(f"synthetic seed-shaped texts, n={n}", folder, workers)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    wire = CORPUS / "wire-reuters" / "txt"
    if wire.is_dir():
        for workers in (1, 2):
            run("corpus: Reuters wire stories", wire, workers)
    else:
        print(f"corpus not found at {CORPUS}: corpus figures skipped")


if __name__ == "__main__":
    main()
