"""The seeds, cleaned as a reader wants them: expected Markdown is checked in under tests/golden/.

To accept a deliberate change: NEWSDESK_UPDATE_GOLDEN=1 make test, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT
from newsdesk.pipeline import ingest

GOLDEN = Path(__file__).with_name("golden")


def test_seeds_match_golden_markdown(settings):
    report = ingest(settings)
    assert report.skipped == []
    produced = {p.name: p.read_text(encoding="utf-8") for p in settings.articles_dir.glob("*.md")}
    assert len(produced) == 2
    if os.environ.get("NEWSDESK_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for name, text in produced.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.md")}
    assert produced == expected


def test_committed_sample_articles_are_what_ingest_writes():
    """content/articles/ is committed (editors' corrections live there): it must not drift
    from the pipeline, or a fresh clone's first build would rewrite it."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "content" / "articles").glob("*.md")}
    expected = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.md")}
    assert committed == expected, "run `make ingest` and commit content/articles/"


def test_ingest_twice_writes_nothing_the_second_time(settings):
    first = ingest(settings)
    assert len(first.written) == 2
    stamps = {p: p.stat().st_mtime_ns for p in settings.articles_dir.iterdir()}
    second = ingest(settings)
    assert second.written == [] and len(second.unchanged) == 2
    assert {p: p.stat().st_mtime_ns for p in settings.articles_dir.iterdir() if p in stamps} == stamps


def test_raw_files_are_never_modified(settings):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in settings.raw_dir.iterdir()}
    ingest(settings)
    ingest(settings)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in settings.raw_dir.iterdir()} == before


def test_unchanged_inputs_skip_the_work_but_say_the_same(settings):
    (settings.raw_dir / "000_54e252d81e5c3002.txt").unlink()  # the clipping alone: an undated draft
    first = ingest(settings)
    assert not first.cached and any("no date found" in m for _, m in first.warnings)
    again = ingest(settings)
    assert again.cached
    assert again.warnings == first.warnings and again.unchanged == first.written
    (settings.raw_dir / "002_a289e56eff527252.txt.yaml").write_text("date: 2021-10-19\n", encoding="utf-8")
    dated = ingest(settings)
    assert not dated.cached and dated.written and not any("no date found" in m for _, m in dated.warnings)
    (next(settings.articles_dir.glob("*.md"))).write_text("---\ntitle: edited\n---\n\nBy hand.\n", encoding="utf-8")
    edited = ingest(settings)
    assert not edited.cached and edited.kept
