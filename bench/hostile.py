"""Time and peak memory of ingesting the big hostile inputs: a 50 MB text and a 1 MB single line;
then seconds per MB of `extract` on texts made to be slow (tests/adversarial.py: hyphens,
capitals, names joined by "and", digits, dots, quotes, mixed; under each format's opening lines).

Prints figures; asserts nothing. Run: .venv/bin/python bench/hostile.py [--mb N] [--quick]
Each case runs `newsdesk ingest` in a fresh process on a temporary content folder, so the
peak resident memory (ru_maxrss of the child) is that case's alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def fifty_megabytes(path: Path) -> None:
    line = ("Fifty megabytes of plain text, written a megabyte at a time. " * 17)[:1023] + "\n"
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write((line * 1024).encode("ascii"))


def one_megabyte_line(path: Path) -> None:
    path.write_text(("A single line that never ends " * (MB // 30 + 1))[:MB], encoding="utf-8")


def run(name: str, make) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        (content / "raw").mkdir(parents=True)
        make(content / "raw" / f"{name}.txt")
        cmd = [sys.executable, "-m", "newsdesk.cli", "-q", "--content", str(content), "ingest"]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        start = time.perf_counter()
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, text=True)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            err.seek(0)
            lines = [x for x in err.read().splitlines() if x.strip()]
        summary = next((x for x in lines if x.startswith("newsdesk:")), "")
        skipped = next((x.strip() for x in lines if x.strip().startswith("skipped")), "")
        print(f"{name:18} {seconds:6.2f} s  peak RSS {usage.ru_maxrss / 1024:6.1f} MB  exit {os.waitstatus_to_exitcode(status)}")
        print(f"{'':18} {summary}\n{'':18} {skipped}".rstrip())


def adversarial_figures(megabytes: float, quick: bool) -> None:
    """Seconds per MB of extract (stages 1-7, in this process, rules loaded first) per kind of text."""
    sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]
    import adversarial
    from newsdesk.pipeline import Report, Settings, extract

    size = int(megabytes * MB)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        content = ROOT / "content"
        settings = Settings(
            raw_dir=raw, articles_dir=raw / "a", sources_dir=content / "sources", topics_file=content / "topics.yaml"
        )

        def seconds(text: str) -> float:
            path = raw / "x.txt"
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            extract([path], settings, Report())
            return (time.perf_counter() - start) / megabytes

        seconds(adversarial.text("plain", "plain", 10_000))
        plain = seconds(adversarial.text("plain", "plain", size))
        print(f"\nextract, s per MB ({megabytes:g} MB texts; plain text {plain:.2f} s/MB)")
        heads = ["plain", "wire"] if quick else sorted(adversarial.HEADS)
        print(f"{'body':10} " + " ".join(f"{h + ' (lines/1)':>18}" for h in heads))
        for kind in sorted(adversarial.BODIES):
            cells = []
            for head in heads:
                a = seconds(adversarial.text(head, kind, size))
                b = seconds(adversarial.text(head, kind, size, newlines=False))
                cells.append(f"{a:8.2f} /{b:7.2f}")
            print(f"{kind:10} " + " ".join(f"{c:>18}" for c in cells), flush=True)


def main() -> None:
    megabytes = float(sys.argv[sys.argv.index("--mb") + 1]) if "--mb" in sys.argv else 1.0
    print("case                 time     memory (whole `newsdesk ingest` process)")
    run("baseline", lambda p: p.write_text("Baseline\n\nMOSCOW: Officials said on October 18, 2021.\n"))
    run("fifty-megabytes", fifty_megabytes)
    run("one-megabyte-line", one_megabyte_line)
    adversarial_figures(megabytes, "--quick" in sys.argv)


if __name__ == "__main__":
    main()
