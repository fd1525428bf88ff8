"""Progress lines of a big ingest: counts only, the same for the same inputs."""

from __future__ import annotations

import logging

import pytest
from newsdesk import pipeline
from newsdesk.settings import Settings
from test_limits import nexis_text

pytestmark = pytest.mark.unit


def progress_lines(tmp_path, caplog, every: int) -> list[str]:
    raw = tmp_path / "raw"
    raw.mkdir(parents=True)
    (raw / "0-export.txt").write_text(nexis_text(40), encoding="utf-8")
    for n in range(3):
        (raw / f"note-{n}.txt").write_text(f"Harbour note {n}\n\nThe ferry ran late on day {n}.\n", encoding="utf-8")
    settings = Settings(raw_dir=raw, articles_dir=tmp_path / "articles", workers=1, progress_every=every)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="newsdesk.progress"):
        pipeline.ingest(settings)
    return [r.getMessage() for r in caplog.records if r.name == "newsdesk.progress"]


def test_a_big_export_tells_its_progress_in_counts(tmp_path, caplog):
    lines = progress_lines(tmp_path, caplog, every=10)
    assert lines == [
        "newsdesk: 0-export.txt: 10 of 40 articles read",
        "newsdesk: 0-export.txt: 20 of 40 articles read",
        "newsdesk: 0-export.txt: 30 of 40 articles read",
        "newsdesk: 0-export.txt: 40 of 40 articles read",
        "newsdesk: 1 of 4 documents read, 40 articles so far",
        "newsdesk: 4 of 4 documents read, 43 articles so far",
        "newsdesk: grouping 43 articles into stories",
        "newsdesk: writing 43 articles",
    ]


def test_a_small_ingest_says_nothing_and_zero_turns_it_off(tmp_path, caplog):
    assert progress_lines(tmp_path / "a", caplog, every=500) == []
    assert progress_lines(tmp_path / "b", caplog, every=0) == []


def test_the_lines_are_the_same_for_the_same_inputs(tmp_path, caplog):
    assert progress_lines(tmp_path / "a", caplog, every=7) == progress_lines(tmp_path / "b", caplog, every=7)
