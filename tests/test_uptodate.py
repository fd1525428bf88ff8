"""A no-op `make html` runs nothing; any change to what the build reads, or to output/, rebuilds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from building import make
from conftest import copy_sample_site
from newsdesk.site import uptodate

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "plugins" / "newsdesk" / "site" / "uptodate.py"


def tree(tmp_path: Path) -> tuple[list[Path], Path]:
    content, theme, output = tmp_path / "content", tmp_path / "theme", tmp_path / "output"
    for folder in (content / "raw", content / "articles", theme, output):
        folder.mkdir(parents=True)
    (content / "raw" / "a.txt").write_text("Harbour pilots test new tide gauges\n", encoding="utf-8")
    (theme / "base.html").write_text("<html></html>", encoding="utf-8")
    (output / "index.html").write_text("<html>index</html>", encoding="utf-8")
    return [content, theme], output


def later(path: Path) -> None:
    """Touched as an editor's save would: a newer modification time, same bytes."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_recorded_build_is_current_until_anything_it_read_changes(tmp_path):
    inputs, output = tree(tmp_path)
    assert not uptodate.is_current(inputs, output, "opts")  # never built
    uptodate.record(inputs, output, "opts")
    assert uptodate.is_current(inputs, output, "opts")
    assert not uptodate.is_current(inputs, output, "-e DEFAULT_PAGINATION=1")  # other options
    later(tmp_path / "content" / "raw" / "a.txt")
    assert not uptodate.is_current(inputs, output, "opts")
    uptodate.record(inputs, output, "opts")
    (tmp_path / "theme" / "article.html").write_text("<p></p>", encoding="utf-8")  # a file added
    assert not uptodate.is_current(inputs, output, "opts")


def test_output_touched_or_deleted_means_a_full_build(tmp_path):
    inputs, output = tree(tmp_path)
    uptodate.record(inputs, output, "")
    (output / "index.html").write_text("<html>changed by hand</html>", encoding="utf-8")
    assert not uptodate.is_current(inputs, output, "")
    uptodate.record(inputs, output, "")
    (output / "index.html").unlink()
    assert not uptodate.is_current(inputs, output, "")
    uptodate.record(inputs, output, "")
    for path in output.iterdir():
        path.unlink()
    output.rmdir()  # `make clean`: the record goes with it
    assert not uptodate.is_current(inputs, output, "")


def test_the_build_lock_and_temporary_files_do_not_count(tmp_path):
    inputs, output = tree(tmp_path)
    uptodate.record(inputs, output, "")
    (tmp_path / "content" / ".newsdesk.lock").write_text("", encoding="utf-8")
    (tmp_path / "content" / "articles" / ".a.md.x1y2.tmp").write_text("half", encoding="utf-8")
    assert uptodate.is_current(inputs, output, "")


def test_the_check_runs_as_a_script_without_newsdesk_or_pelican(tmp_path):
    inputs, output = tree(tmp_path)
    args = [sys.executable, "-I", "-X", "importtime", str(SCRIPT), str(output), *map(str, inputs), "--options", "x"]
    first = subprocess.run(args, capture_output=True, text=True, check=False)
    assert first.returncode == 1 and first.stdout == ""
    uptodate.record(inputs, output, "x")
    second = subprocess.run(args, capture_output=True, text=True, check=False)
    assert second.returncode == 0 and "is up to date" in second.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in second.stderr.splitlines()}
    assert not any(name.startswith(("newsdesk", "pelican")) for name in imported)


def snapshot(output: Path) -> dict[str, int]:
    return {str(p.relative_to(output)): p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}


def test_make_html_twice_runs_nothing_the_second_time_and_rebuilds_after_a_change(tmp_path):
    site = copy_sample_site(tmp_path)
    make(site, "html")
    before = snapshot(site / "output")
    again = make(site, "html")
    assert "is up to date" in again.stdout + again.stderr
    assert "Processed" not in again.stdout + again.stderr  # Pelican did not run
    assert snapshot(site / "output") == before
    (site / "content" / "raw" / "newsdesk-fixture-tide.txt").write_text(TIDE, encoding="utf-8")
    third = make(site, "html")
    assert "Processed" in third.stdout + third.stderr
    assert any("tide-gauges" in name for name in snapshot(site / "output"))


# A short text written for this test (not from any outlet).
TIDE = """Bangkok Post

Harbour pilots test new tide gauges

-

BANGKOK: Harbour pilots began testing a new set of tide gauges on Tuesday, the port authority said.

The gauges report the water level every minute.
"""
