"""Only changed work is redone: a build after a change writes what the change shows, and the result is
byte-identical to a full build of the same content; a build with no change renders and writes nothing.

The site: the sample's two articles and a few dozen invented ones (bench/synthetic.py: stories,
syndicated copies, shared topics), built with ingest off so each step changes exactly one article.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

import pytest
from building import pelican
from conftest import ROOT, copy_sample_site

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_articles

pytestmark = pytest.mark.build
RECORD = ".newsdesk-output.json"


def build(site: Path) -> str:
    result = pelican(site, "-v", "-e", "NEWSDESK_INGEST=false")
    return result.stdout + result.stderr


def files(site: Path) -> dict[str, tuple[str, int]]:
    """Every output file but the record: its digest and modification time."""
    out = site / "output"
    return {
        p.relative_to(out).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != RECORD
    }


def full_build_of(site: Path, folder: Path) -> dict[str, str]:
    """A full build of `site`'s content as it is now, in a fresh copy with no output."""
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("output"))
    build(folder)
    return {k: v[0] for k, v in files(folder).items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = copy_sample_site(tmp_path_factory.mktemp("incremental"))
    articles = folder / "content" / "articles"
    for path in (ROOT / "content" / "articles").glob("*.md"):
        shutil.copy2(path, articles / path.name)
    write_articles(articles, 30)
    build(folder)
    return folder


def step(site: Path, tmp_path: Path, change) -> tuple[dict, dict, str, set[str]]:
    """Apply `change`, then build incrementally and fully from a copy taken before the build."""
    change(site / "content" / "articles")
    before_build = tmp_path / "before"
    shutil.copytree(site, before_build)
    before = files(site)
    log = build(site)
    after = files(site)
    written = {k for k, v in after.items() if before.get(k) != v}
    assert {k: v[0] for k, v in after.items()} == full_build_of(before_build, tmp_path / "full")
    return before, after, log, written


def test_a_build_with_no_change_renders_and_writes_nothing(site):
    before = files(site)
    log = build(site)
    assert files(site) == before
    assert "newsdesk: 0 files written," in log and ", 0 removed" in log
    assert "Writing " not in log  # Pelican's writer says so for every page it renders


def test_an_added_article_rewrites_only_what_shows_it_and_equals_a_full_build(site, tmp_path):
    def add(articles: Path) -> None:
        extra = write_articles(tmp_path / "extra", 31)[-1]
        (articles / extra.name).write_bytes(extra.read_bytes())

    before, after, _, written = step(site, tmp_path, add)
    assert [k for k in set(after) - set(before) if k.startswith("articles/")] == [
        k for k in written if k.startswith("articles/a000030-")
    ]
    assert len(written) < len(after) / 2  # not every page: other articles' pages stay as they were


def test_an_edited_article_equals_a_full_build(site, tmp_path):
    def edit(articles: Path) -> None:
        path = sorted(articles.glob("a000012-*.md"))[0]
        path.write_text(path.read_text(encoding="utf-8").replace("title: '", "title: 'Corrected: ", 1), encoding="utf-8")

    _, _, _, written = step(site, tmp_path, edit)
    assert any(k.startswith("articles/a000012-") for k in written)
    assert not any(k.startswith("articles/a000003-") for k in written)


def test_a_removed_article_loses_its_page_and_equals_a_full_build(site, tmp_path):
    gone: list[str] = []

    def remove(articles: Path) -> None:
        path = sorted(articles.glob("a000020-*.md"))[0]
        gone.append(f"articles/{path.stem}.html")
        path.unlink()

    before, after, log, _ = step(site, tmp_path, remove)
    assert gone[0] in before and gone[0] not in after
    assert re.search(r"newsdesk: \d+ files written, \d+ pages unchanged \(not rendered\), [1-9]\d* removed", log)
