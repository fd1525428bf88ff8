"""The site side at archive scale: Pelican builds of N invented Markdown articles (bench/synthetic.py).

For each N: a cold build (empty output/), a no-op build, one article added, one article
edited, one removed. Each build runs in its own process; printed per build: seconds, peak
memory of the build, output files written (changed or new) and removed, and the output's
files and bytes. Ingest is off (the articles are written as ingest writes them), so this is
the site side alone. `--rev REV` builds with another revision's code (e.g. 9ff17f1) for a
before/after comparison with the same articles.

    .venv/bin/python bench/site_bench.py [--rev REV] [N ...]     # N defaults to 1000 10000
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from synthetic import write_articles

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
# One build, measured from inside a child process: its wall time and its own peak memory.
MEASURE = """
import resource, subprocess, sys, time
began = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
seconds = time.perf_counter() - began
if code.returncode:
    sys.stderr.write(code.stdout[-3000:])
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code.returncode)
"""


def checkout(rev: str | None, dest: Path) -> None:
    """The revision's files, or the working tree's (tracked and untracked, not ignored)."""
    if rev:
        data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(dest, filter="data")
        return
    names = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"], capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, names):
        src = ROOT / name.decode()
        if src.is_file():
            (dest / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            (dest / name.decode()).write_bytes(src.read_bytes())


def snapshot(output: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(output).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size) for p in output.rglob("*") if p.is_file()}


def build(site: Path, label: str) -> None:
    output = site / "output"
    before = snapshot(output) if output.is_dir() else {}
    time.sleep(0.01)  # mtimes of files written now differ from those of the last build
    command = [str(PY), "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-e", "NEWSDESK_INGEST=false"]
    env_path = f"PYTHONPATH={site / 'plugins'}"
    result = subprocess.run(
        ["env", env_path, str(PY), "-c", MEASURE, *command], cwd=site, capture_output=True, text=True, check=False
    )
    seconds, rss, code = result.stdout.split()
    after = snapshot(output)
    written = sum(1 for k, v in after.items() if before.get(k) != v)
    removed = len(set(before) - set(after))
    size = sum(v[1] for v in after.values())
    status = "" if code == "0" else f"  FAILED: {result.stderr.strip()[-400:]}"
    print(
        f"  {label:<12} {float(seconds):7.1f} s  peak {int(rss) / 1024:6.0f} MB  "
        f"written {written:6d}  removed {removed:4d}  output {len(after):6d} files {size / 1e6:7.1f} MB{status}",
        flush=True,
    )


def run(n: int, rev: str | None, quick: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        site = Path(tmp)
        checkout(rev, site)
        articles = site / "content" / "articles"
        for path in articles.iterdir():
            if path.name != ".gitkeep":
                path.unlink()
        paths = write_articles(articles, n)
        print(f"N = {n} invented articles, code of {rev or 'the working tree'}", flush=True)
        build(site, "cold")
        build(site, "no-op")
        if quick:
            return
        extra = write_articles(Path(tmp) / "extra", n + 1)[-1]  # the article the next N would bring
        (articles / extra.name).write_bytes(extra.read_bytes())
        build(site, "one added")
        edited = paths[n // 2]
        edited.write_text(edited.read_text(encoding="utf-8").replace("title: '", "title: 'Corrected: ", 1), encoding="utf-8")
        build(site, "one edited")
        paths[n // 3].unlink()
        build(site, "one removed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="build with this revision's code (default: the working tree)")
    parser.add_argument("--quick", action="store_true", help="only the cold and the no-op build")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    for size in args.sizes:
        run(size, args.rev, args.quick)
