"""No data lost: atomic writes, only when bytes change, never over an editor's changes."""

from __future__ import annotations

import logging

import yaml
from newsdesk import frontmatter
from newsdesk.pipeline import ingest
from newsdesk.store import write_atomic


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a.md"
    assert write_atomic(target, b"one") is True
    assert write_atomic(target, b"one") is False
    assert write_atomic(target, b"two") is True
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    assert target.read_bytes() == b"two"


def _article(settings, source):
    return next(p for p in settings.articles_dir.glob("*.md") if p.name.startswith(source))


def test_edited_article_is_kept_and_said_once(settings, caplog):
    ingest(settings)
    path = _article(settings, "bangkok-post")
    edited = path.read_text(encoding="utf-8").replace("Kremlin breaks", "Kremlin cuts")
    path.write_text(edited, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        first = ingest(settings)
    assert path.name in first.kept
    assert path.read_text(encoding="utf-8") == edited
    assert sum("edited by hand" in r.getMessage() and path.name in r.getMessage() for r in caplog.records) == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        ingest(settings)
    assert not any("edited by hand" in r.getMessage() for r in caplog.records)
    assert path.read_text(encoding="utf-8") == edited


def _set(path, **fields):
    meta, body = frontmatter.load(path.read_text(encoding="utf-8"))
    meta.update(fields)
    path.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body, encoding="utf-8")


def test_editor_date_topics_and_story_stick(settings):
    from datetime import date

    ingest(settings)
    clip = _article(settings, "bangkok-post")
    _set(clip, date=date(2021, 10, 19), topics=["NATO", "Espionage"], story="nato-mission-closed")
    ingest(settings)
    ingest(settings)
    meta, _ = frontmatter.load(clip.read_text(encoding="utf-8"))
    assert meta["date"] == date(2021, 10, 19)
    assert meta["topics"] == ["NATO", "Espionage"]
    assert meta["story"] == "nato-mission-closed"
    other, _ = frontmatter.load(_article(settings, "bne").read_text(encoding="utf-8"))
    assert other["story"] != "nato-mission-closed"


def test_deleted_raw_removes_only_unedited_articles(settings):
    ingest(settings)
    (settings.raw_dir / "000_54e252d81e5c3002.txt").unlink()
    report = ingest(settings)
    assert len(report.removed) == 1
    assert [p.name.split("-")[0] for p in settings.articles_dir.glob("*.md")] == ["bangkok"]


def test_an_article_made_from_the_same_record_is_not_written_again(settings):
    """What each file was written from, kept in the ingest memo: the same record and code give the
    same bytes, so the file is left alone (not even rewritten to compare); a changed record or an
    editor's change still counts. The committed manifest does not carry it (it changes with the code)."""
    import json

    from newsdesk.memo import MEMO
    from newsdesk.store import MANIFEST

    ingest(settings)
    made = json.loads((settings.articles_dir / MEMO).read_text(encoding="utf-8"))["made"]
    assert sorted(made) == sorted(p.name for p in settings.articles_dir.glob("*.md"))
    manifest = json.loads((settings.articles_dir / MANIFEST).read_text(encoding="utf-8"))
    assert not any("made_from" in record for record in manifest["files"].values())
    path = _article(settings, "bangkok-post")
    before = path.stat().st_mtime_ns
    (settings.raw_dir / "newsdesk-fixture-note.txt").write_text("Harbour note\n\nA short note.\n", encoding="utf-8")
    again = ingest(settings)  # something changed, so ingest runs; the clipping's record did not
    assert path.name in again.unchanged and path.stat().st_mtime_ns == before
    path.write_text(path.read_text(encoding="utf-8").replace("Kremlin breaks", "Kremlin cuts"), encoding="utf-8")
    (settings.raw_dir / "newsdesk-fixture-note.txt").unlink()
    third = ingest(settings)
    assert path.name in third.kept and "Kremlin cuts" in path.read_text(encoding="utf-8")
