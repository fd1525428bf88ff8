"""Helpers for the story build tests: the sample site with one fixture folder's raw texts, built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from newsdesk.pipeline import Settings

FIXTURES = Path(__file__).parent / "fixtures"


def use_fixtures(site: Path, name: str) -> Settings:
    """Replace the sample site's raw texts with tests/fixtures/<name>/ (and its source profiles)."""
    content = site / "content"
    shutil.rmtree(content / "raw")
    shutil.copytree(FIXTURES / name / "raw", content / "raw")
    for profile in (FIXTURES / name / "sources").glob("*.yaml"):
        shutil.copy(profile, content / "sources" / profile.name)
    (content / "stories.yaml").unlink(missing_ok=True)
    return Settings.for_content(content)


def build(site: Path) -> str:
    """Run Pelican on the site; its output, wide so that the summary's lines are not wrapped."""
    out = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "500"},
    )  # fmt: skip
    return out.stdout + out.stderr
