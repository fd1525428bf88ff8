"""Shared fixtures: the sample content (the two seeds) copied to a temporary site."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

SEEDS = sorted((ROOT / "content" / "raw").glob("*.txt"))
REPORT_SEED = ROOT / "content" / "raw" / "000_54e252d81e5c3002.txt"
CLIPPING_SEED = ROOT / "content" / "raw" / "002_a289e56eff527252.txt"


def copy_sample_site(folder: Path) -> Path:
    """A copy of the sample site (settings, content, theme, plugins) with no generated articles."""
    for name in ("pelicanconf.py", "publishconf.py", "theme", "plugins"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, folder / name)
    skip = shutil.ignore_patterns("articles", ".newsdesk*", "__pycache__")
    shutil.copytree(ROOT / "content", folder / "content", ignore=skip)
    (folder / "content" / "articles").mkdir()
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the sample site (settings, content, theme, plugins) with no generated articles."""
    return copy_sample_site(tmp_path)


@pytest.fixture
def settings(site: Path):
    from newsdesk.pipeline import Settings

    content = site / "content"
    return Settings(
        raw_dir=content / "raw",
        articles_dir=content / "articles",
        sources_dir=content / "sources",
        topics_file=content / "topics.yaml",
    )
