"""Archive scale, side by side: Newsdesk, bare Pelican and Hugo building the same articles.

For each N (1,000 and 10,000 by default; `BENCH_N="1000 10000 100000" make bench` for more),
N raw texts are made from the corpus's Reuters stories (../shared/corpus/wire-reuters/txt):
story i % 739 in round i // 739, each round a year of its own (1987, 1988, ...: a
`collection.yaml` per year folder gives it) and its figures changed by the round, so the
texts are distinct events over several years. Without the corpus, it says so and generates
seed-shaped texts instead (bench/ingest.py's generator).

Measured in one run, each step in its own process (wall seconds, peak memory of the process
tree's largest member, output files and bytes):
  - ingest with 1 and 2 processes (raw texts/s, seconds per stage from `ingest --timings`);
  - `make html` cold (ingest with 2 processes, then the site's own `make html`: Pelican and
    pagefind), no-op, one raw text added, one article edited by hand;
  - bare Pelican (its default theme and feeds, pelican-yaml-metadata to read the front
    matter) and Hugo (Debian's `hugo`, the minimal layouts in bench/hugo/: article, topic,
    story and source pages and their RSS) on the same Markdown, cold and again; neither has
    an incremental build, so "again" stands beside each Newsdesk rebuild.
Prints a table with ratios to Hugo and to bare Pelican, and the targets of the archive-scale
issue beside each figure; when the cold build is slower than Hugo's, a profile of one more
cold build says where its time goes. Asserts nothing.

    .venv/bin/python bench/archive.py [N ...]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import synthetic
from site_bench import MEASURE, checkout

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
REUTERS = ROOT.parent / "shared" / "corpus" / "wire-reuters" / "txt"
HUGO_SITE = ROOT / "bench" / "hugo"
FIRST_YEAR = 1987
NUMBER = re.compile(r"\b\d{1,6}\b")  # our own generated text; bounded


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    log: str = ""


def measure(command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """One command in its own process: wall seconds and the peak RSS of its largest process."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run([str(PY), "-c", MEASURE + LOG, *command], cwd=cwd, env=full_env, capture_output=True, text=True)
    seconds, rss, code = result.stdout.split()[-3:]
    return Run(float(seconds), int(rss) / 1024, code == "0", result.stderr)


# The child's own output, for the stage timings: MEASURE keeps it; this prints it to stderr.
LOG = "\nsys.stderr.write(code.stdout)\n"


def make_raw(folder: Path, n: int) -> str:
    """N raw texts in `folder`; says what they were made from."""
    stories = sorted(REUTERS.glob("*.txt")) if REUTERS.is_dir() else []
    if not stories:
        synthetic(folder, n)
        return f"generated seed-shaped texts (corpus not found at {REUTERS})"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in stories]
    for i in range(n):
        round_, story = divmod(i, len(texts))
        year = FIRST_YEAR + round_
        where = folder / str(year)
        if not where.is_dir():
            where.mkdir(parents=True)
            (where / "collection.yaml").write_text(f"year: {year}\n", encoding="utf-8")
        head, _, rest = texts[story].partition("\n")
        if round_:  # another event: other figures (the dateline's day stays a real day)
            second, _, rest = rest.partition("\n")
            rest = NUMBER.sub(lambda m, by=round_: str(int(m.group()) + by), rest)
            head = f"{head} ({round_})"
            rest = f"{second}\n{rest}"
        (where / f"{stories[story].stem}-{round_:02d}.txt").write_text(f"{head}\n{rest}", encoding="utf-8")
    rounds = (n - 1) // len(texts) + 1
    return f"corpus Reuters stories ({len(texts)} stories x {rounds} years from {FIRST_YEAR}, {REUTERS})"


def output_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def stage_seconds(log: str) -> dict[str, float]:
    """The `ingest --timings` lines: stage -> seconds."""
    found = {}
    for line in log.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0].isdigit() and parts[-1] == "s":
            found[f"{parts[0]} {parts[1]}"] = float(parts[2])
    return found


def ingest(site: Path, workers: int, articles: Path | None = None) -> tuple[Run, dict[str, float]]:
    command = [str(ROOT / ".venv" / "bin" / "newsdesk"), "--content", "content", "-q", "ingest", "--timings"]
    command += ["--workers", str(workers)] + (["--out", str(articles)] if articles else [])
    run = measure(command, site, {"PYTHONPATH": str(site / "plugins")})
    return run, stage_seconds(run.log)


def pelican(site: Path, conf: str = "pelicanconf.py", output: str = "output") -> Run:
    command = [str(PY), "-m", "pelican", "content", "-o", output, "-s", conf, "-q"]
    return measure(command, site, {"PYTHONPATH": str(site / "plugins")})


def make_html(site: Path) -> Run:
    """`make html` of the site's own Makefile, with this tree's virtualenv (not reinstalled)."""
    venv = ROOT / ".venv"
    command = ["make", "-s", "-C", str(site), "-o", str(venv / ".installed"), "html", f"VENV={venv}"]
    return measure(command, site, {"PYTHONPATH": str(site / "plugins")})  # the copy's code, not this tree's


BARE_CONF = """
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []
STATIC_PATHS = []
PLUGINS = ["pelican.plugins.yaml_metadata"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
SITENAME = "bench"
SITEURL = ""
DEFAULT_PAGINATION = 20
FEED_DOMAIN = "http://localhost"
FEED_ALL_ATOM = "feeds/all.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
"""


def bare_site(site: Path, where: Path) -> Path:
    """Bare Pelican on the articles Newsdesk wrote: topics as tags, the source as category."""
    (where / "content" / "articles").mkdir(parents=True)
    for path in (site / "content" / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("\ntopics:\n", "\ntags:\n", 1).replace("\nsource: ", "\ncategory: ", 1)
        (where / "content" / "articles" / path.name).write_text(text, encoding="utf-8")
    (where / "bareconf.py").write_text(BARE_CONF, encoding="utf-8")
    return where


def hugo_site(site: Path, where: Path) -> Path:
    shutil.copytree(HUGO_SITE, where)
    shutil.copytree(site / "content" / "articles", where / "content" / "articles", ignore=shutil.ignore_patterns(".*"))
    return where


def hugo(where: Path) -> Run:
    return measure(["hugo", "--quiet", "--destination", "public"], where)


def edit_one(site: Path) -> None:
    """An editor corrects one article's text (Newsdesk keeps it and republishes it)."""
    path = sorted((site / "content" / "articles").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\nCorrection: an earlier version misstated a figure.\n", encoding="utf-8")


def row(label: str, run: Run, files: tuple[int, int] | None = None, hugo_s=None, bare_s=None, target: str = "") -> None:
    """One line of the table: seconds, peak memory, output size, ratios to Hugo and bare Pelican."""
    ratios = ""
    if hugo_s:
        ratios += f"  {run.seconds / hugo_s:6.1f}x Hugo"
    if bare_s:
        ratios += f"  {run.seconds / bare_s:6.1f}x bare Pelican"
    out = f"  files {files[0]:7d} {files[1] / 1e6:8.1f} MB" if files else ""
    status = "" if run.ok else "  FAILED: " + run.log.strip()[-300:]
    goal = f"   target {target}" if target else ""
    print(f"  {label:<30} {run.seconds:8.1f} s  peak {run.peak_mb:6.0f} MB{out}{ratios}{goal}{status}", flush=True)


# Where a build's time goes, by the code that spends it (cProfile's own time per function).
AREAS = (
    ("feeds (feedgen, Newsdesk's feed writer)", ("feedgen", "/newsdesk/feeds/")),
    ("templates (Jinja, MarkupSafe)", ("jinja2", "markupsafe", "/theme/templates/")),
    ("Markdown rendering", ("/markdown/",)),
    ("YAML front matter", ("/yaml/", "/newsdesk/guard.py", "/newsdesk/carriable.py")),
    ("story pages and comparison", ("/newsdesk/site/stories.py", "/newsdesk/storycompare.py", "/newsdesk/topics.py")),
    ("Newsdesk site (view, keys, output)", ("/newsdesk/site/",)),
    ("Newsdesk ingest (cached) and the rest", ("/newsdesk/",)),
    ("Pelican", ("/pelican/",)),
    ("Python's standard library (paths, JSON, copies, imports)", ("/lib/python3", "<frozen")),
)


def _generic(filename: str) -> bool:
    """Built-ins, the standard library and signal dispatch: time spent for whoever called them."""
    stdlib = "/lib/python3" in filename and "site-packages" not in filename
    return filename == "~" or "<frozen" in filename or stdlib or "/blinker/" in filename


def _owner(stats: dict, key, depth: int = 12) -> str:
    """The file a function's time is spent for: built-ins and the standard library count for
    their main caller (a `stat` for the code that asked about the file), up to `depth` calls."""
    for _ in range(depth):
        if not _generic(key[0]):
            return key[0]
        callers = stats.get(key, (0, 0, 0, 0, {}))[4]
        if not callers:
            break
        key = max(callers.items(), key=lambda kv: kv[1][3])[0]
    return key[0]


def _area(filename: str) -> str:
    return next((name for name, marks in AREAS if any(m in filename for m in marks)), "other libraries")


def profile_build(site: Path, top: int = 8) -> None:
    """A cold Pelican build of the same site under cProfile: seconds by area, and the costliest calls."""
    import pstats

    out = site.parent / "profile.out"
    command = [str(PY), "-m", "cProfile", "-o", str(out), "-m", "pelican", "content", "-o", "output-profile"]
    measure([*command, "-s", "pelicanconf.py", "-q"], site, {"PYTHONPATH": str(site / "plugins")})
    if not out.is_file():
        print("    (the profiled build failed)", flush=True)
        return
    stats = pstats.Stats(str(out))
    by_area: dict[str, float] = {}
    for key, (_, _, own, _, _) in stats.stats.items():
        area = _area(_owner(stats.stats, key))
        by_area[area] = by_area.get(area, 0.0) + own
    total = sum(by_area.values()) or 1.0
    print(f"  where a cold build's time goes (cProfile, {total:.0f} s of own time with its overhead)", flush=True)
    for area, seconds in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"    {area:<48} {seconds:7.1f} s  {100 * seconds / total:5.1f} %", flush=True)
    entry = ("/pelican/__init__.py", "/plugins/_utils.py")  # the build itself, not a part of it
    ranked = sorted(
        (
            (v[3], k)
            for k, v in stats.stats.items()
            if ("/newsdesk/" in k[0] or "/pelican/" in k[0]) and not k[0].endswith(entry) and k[2] != "<module>"
        ),
        reverse=True,
    )
    print("    costliest Newsdesk and Pelican calls (cumulative):", flush=True)
    for seconds, (filename, line, name) in ranked[:top]:
        print(f"      {seconds:7.1f} s  {Path(filename).parent.name}/{Path(filename).name}:{line} {name}", flush=True)


def bench(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsdesk-archive-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        checkout(None, site)
        raw, articles = site / "content" / "raw", site / "content" / "articles"
        shutil.rmtree(raw)
        raw.mkdir()
        for path in articles.iterdir():
            path.unlink() if path.is_file() else shutil.rmtree(path)
        made_from = make_raw(raw, n + 1)
        extra = sorted(raw.rglob("*.txt"))[-1]
        held = Path(tmp) / extra.name
        extra.rename(held)  # the text that arrives later
        print(f"N = {n}: {made_from}", flush=True)

        one, stages1 = ingest(site, 1, Path(tmp) / "scratch-articles")
        two, stages2 = ingest(site, 2)
        print("  ingest (raw texts/s; seconds per stage, summed over processes)", flush=True)
        for label, run, stages in (("1 process", one, stages1), ("2 processes", two, stages2)):
            per = "  ".join(f"{k.split()[1]} {v:.1f}" for k, v in sorted(stages.items()))
            target = "  (target >= 1000/s with 2)" if label.startswith("2") else ""
            rate = f"{run.seconds:7.1f} s  {n / run.seconds:7.1f} texts/s  peak {run.peak_mb:5.0f} MB"
            print(f"    {label:<12} {rate}  {per}{target}", flush=True)
        if "7 stories" in stages2:
            print(f"    story grouping {stages2['7 stories']:.1f} s (target for 100,000: <= 60 s)", flush=True)

        bare = bare_site(site, Path(tmp) / "bare")
        bare_cold = pelican(bare, "bareconf.py")
        bare_again = pelican(bare, "bareconf.py")
        hugo_dir = hugo_site(site, Path(tmp) / "hugo")
        hugo_cold = hugo(hugo_dir)
        hugo_again = hugo(hugo_dir)

        part = make_html(site)  # the texts are ingested: Pelican's part and pagefind
        cold = Run(two.seconds + part.seconds, max(two.peak_mb, part.peak_mb), two.ok and part.ok, part.log)
        files = output_size(site / "output")
        print("  builds (make html; after a change both others build everything again)", flush=True)
        row("Newsdesk make html, cold", cold, files, hugo_cold.seconds, bare_cold.seconds, "<= 1.0x Hugo, <= 500 MB at 10,000")
        row("  its Pelican part + pagefind", part, None, hugo_cold.seconds, bare_cold.seconds)
        noop = make_html(site)
        row("Newsdesk no-op", noop, output_size(site / "output"), hugo_again.seconds, bare_again.seconds, "<= 2 s")
        held.rename(extra)
        added = make_html(site)
        row("Newsdesk one raw text added", added, output_size(site / "output"), hugo_again.seconds, bare_again.seconds, "<= 5 s")
        edit_one(site)
        edited = make_html(site)
        row("Newsdesk one article edited", edited, output_size(site / "output"), hugo_again.seconds, bare_again.seconds)
        row("bare Pelican, cold", bare_cold, output_size(bare / "output"), hugo_cold.seconds)
        row("bare Pelican, again", bare_again, output_size(bare / "output"), hugo_again.seconds)
        row("Hugo, cold", hugo_cold, output_size(hugo_dir / "public"))
        row("Hugo, again", hugo_again, output_size(hugo_dir / "public"))
        peak = max(r.peak_mb for r in (one, two, cold, noop, added, edited))
        targets = [
            ("cold make html <= 1.0x Hugo", cold.seconds / hugo_cold.seconds, 1.0, "x Hugo"),
            ("ingest with 2 processes >= 1,000 texts/s", n / two.seconds, -1000.0, " texts/s"),
            ("no-op make html <= 2 s", noop.seconds, 2.0, " s"),
            ("one new raw text published <= 5 s", added.seconds, 5.0, " s"),
            (f"peak memory <= {500 if n <= 10_000 else 2000} MB", peak, 500.0 if n <= 10_000 else 2000.0, " MB"),
        ]
        print("  targets (README, 'Archive scale', says what would close each one missed)", flush=True)
        for label, value, limit, unit in targets:
            met = value >= -limit if limit < 0 else value <= limit
            print(f"    {'met   ' if met else 'MISSED'} {label}: {value:,.1f}{unit}", flush=True)
        if cold.seconds > hugo_cold.seconds:  # the target missed: say where the time goes
            profile_build(site)


def main() -> None:
    sizes = [int(x) for x in (sys.argv[1:] or os.environ.get("BENCH_N", "1000 10000").split())]
    if shutil.which("hugo") is None:
        print("hugo not found: install Debian's `hugo` (bench/install-bench-tools.sh) for the Hugo column; skipping", flush=True)
        return
    for n in sizes:
        bench(n)


if __name__ == "__main__":
    main()
