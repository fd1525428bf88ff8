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


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample site built once per test run with `make html` (Pelican, then Pagefind), for
    the tests that only read it: (site folder, the build's CompletedProcess). Copy it to change it."""
    from building import make

    site = copy_sample_site(tmp_path_factory.mktemp("sample"))
    return site, make(site, "html")


# Test tiers (`pytest -m unit` runs one alone): browser and slow by module, build for the
# tests that run Pelican (through a build fixture or the helpers in building.py), unit for the rest.
BROWSER_MODULES = {"test_browser", "test_hostile_browser"}
SLOW_MODULES = {"test_properties"}
BUILD_FIXTURES = {"sample_build", "built", "served", "hostile", "variant", "desk_site"}
TIERS = ("unit", "build", "browser", "slow")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(item.get_closest_marker(t) for t in TIERS):
            continue
        module = getattr(getattr(item, "module", None), "__name__", "").rsplit(".", 1)[-1]
        if module in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
        elif module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        elif BUILD_FIXTURES & set(getattr(item, "fixturenames", ())) or _calls_a_build(item):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


def _calls_a_build(item) -> bool:
    """A test whose own code runs Pelican or make (through building.py or a module's wrapper)."""
    import inspect

    if not hasattr(item, "function"):
        return False  # a doctest: a pure function's example
    try:
        source = inspect.getsource(item.function)
    except (OSError, TypeError, AttributeError):
        return False
    return any(call in source for call in BUILD_CALLS)


BUILD_CALLS = ("pelican(", "make(", "build(", "ingest(", "regenerate", "main([", "subprocess", "sys.executable", "newsdesk(")
