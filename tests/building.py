"""The one way the tests run Pelican: directly (`pelican`) or through the Makefile (`make`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pelican(site: Path, *extra: str, conf: str = "pelicanconf.py", env: dict | None = None, check: bool = True):
    """A real Pelican build of `site` into `site/output`; COLUMNS keeps log lines whole."""
    env = {**os.environ, "COLUMNS": "3000", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", conf, *extra],
        cwd=site, capture_output=True, text=True, check=check, env=env,
    )  # fmt: skip


def make(site: Path, target: str = "html", conf: str = "pelicanconf.py", opts: str = "", env=None, check: bool = True):
    """`make html` (or publish) of the project's Makefile, pointed at the site in `site`."""
    variables = [
        f"INPUTDIR={site / 'content'}",
        f"OUTPUTDIR={site / 'output'}",
        f"CONFFILE={site / conf}",
        f"PUBLISHCONF={site / conf}",
        f"PELICANOPTS={opts}",
    ]
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), target, *variables],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    if check and result.returncode:
        raise AssertionError(f"make {target} failed ({result.returncode}):\n{(result.stdout + result.stderr)[-3000:]}")
    return result
