"""`pelican --autoreload` (make regenerate/devserver): a new raw text becomes a page without a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

NEW_RAW = """Bangkok Post

Nato says door stays open to Moscow

-

BRUSSELS: Nato said on Tuesday it remained open to dialogue with Russia after Moscow suspended its mission.

The alliance's spokeswoman said the decision was regrettable.
"""


def _wait_for(path: Path, proc: subprocess.Popen, limit: float = 120.0, touch: Path | None = None) -> bool:
    """Wait for `path`; touch `touch` every few seconds, since a change saved while
    Pelican is still building (before it watches again) is not seen, as in real use."""
    end = time.monotonic() + limit
    next_touch = time.monotonic() + 5
    while time.monotonic() < end:
        if path.exists():
            return True
        if proc.poll() is not None:
            return False
        if touch is not None and time.monotonic() > next_touch:
            touch.touch()
            next_touch = time.monotonic() + 5
        time.sleep(0.5)
    return False


def test_new_raw_text_is_ingested_and_built_while_watching(site):
    out = site / "output"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pelican", "-r", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        assert _wait_for(out / "index.html", proc), "first build did not finish"
        raw = site / "content" / "raw" / "003_nato_open.txt"
        (site / "content" / "raw" / "003_nato_open.txt.yaml").write_text("date: 2021-10-19\n", encoding="utf-8")
        raw.write_text(NEW_RAW, encoding="utf-8")
        page = out / "articles" / "bangkok-post-nato-says-door-stays-open-to-moscow.html"
        assert _wait_for(page, proc, touch=raw), "the new raw text did not reach the site"
        assert (site / "content" / "articles" / "bangkok-post-nato-says-door-stays-open-to-moscow.md").is_file()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output = proc.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
