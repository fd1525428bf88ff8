"""How big a raw file may be: one article or page is small, an export of many may be bigger, by kind."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from newsdesk import limits, pipeline
from newsdesk.settings import MB, Settings, export_limits

pytestmark = pytest.mark.unit

FIXTURES = ROOT / "tests" / "fixtures"
ONE = 3000  # bytes: every fixture below is made bigger than this


def settings_for(raw: Path, **kw) -> Settings:
    return Settings(raw_dir=raw, articles_dir=raw.parent / "articles", max_raw_bytes=ONE, **kw)


def nexis_text(documents: int) -> str:
    """An invented classic Nexis text export of `documents` documents."""
    out = []
    for n in range(1, documents + 1):
        out += [f"                              {n} of {documents} DOCUMENTS", "", "                 The Coastal Ledger", "",
                "                 March 14, 2024 Thursday", "", f"Tide report {n}", "", "LENGTH: 40 words", "",
                f"The harbour authority raised ferry fares for the {n}th time.", "", "LANGUAGE: ENGLISH", "", ""]  # fmt: skip
    return "\n".join(out)


def skipped(raw: Path, settings: Settings) -> dict[str, str]:
    rep = pipeline.Report(quiet=True)
    found = pipeline.extract(sorted(raw.iterdir()), settings, rep)
    return {Path(where).name: why for where, why in rep.skipped}, found


def test_an_export_may_be_bigger_than_one_article_and_a_plain_text_may_not(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "export.txt").write_text(nexis_text(40), encoding="utf-8")
    (raw / "dump.txt").write_text("A stray dump\n\n" + "Words of one long text. " * 400, encoding="utf-8")
    assert (raw / "export.txt").stat().st_size > ONE and (raw / "dump.txt").stat().st_size > ONE
    why, found = skipped(raw, settings_for(raw))
    assert len(found) == 40 and all(a.format == "nexis-text" for a in found)
    assert why == {"dump.txt": "is 9.4 kB, over the 3 kB limit for one raw text: split it into one file per article "
                   "or page (or raise NEWSDESK_MAX_RAW_BYTES)"}  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16", "utf-16-le"])
def test_an_export_is_told_by_its_start_in_any_encoding(tmp_path, encoding):
    path = tmp_path / "export.txt"
    path.write_bytes(nexis_text(2000).replace("harbour", "Hafenbehörde").encode(encoding))
    limit = limits.read_limit(path, settings_for(tmp_path))
    assert path.stat().st_size > limits.HEAD and (limit.bytes, limit.what) == (64 * MB, "a text export")


def test_an_export_over_its_kinds_limit_is_named_with_the_setting(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "export.txt").write_text(nexis_text(40), encoding="utf-8")
    why, found = skipped(raw, settings_for(raw, max_export_bytes=export_limits({"text": 2 * ONE})))
    assert found == []
    assert "limit for a text export: split it into smaller exports (or raise NEWSDESK_MAX_EXPORT_BYTES)" in why["export.txt"]


@pytest.mark.parametrize(
    ("fixture", "many"),
    [("nexis/export_en.html", True), ("factiva_export/article_format_en.html", True), ("web/article.html", False)],
)
def test_html_export_or_web_page_told_apart_by_their_start(tmp_path, fixture, many):
    path = tmp_path / Path(fixture).name
    shutil.copyfile(FIXTURES / fixture, path)
    head = path.read_bytes()
    limit = limits.limit_for(path, head, ONE + 1, settings_for(tmp_path))
    assert (limit.bytes, limit.what) == ((128 * MB, "an HTML export") if many else (ONE, "one raw text"))


@pytest.mark.parametrize(
    ("name", "head", "limit"),
    [("report.pdf", b"%PDF-1.7\n", 256 * MB), ("export.docx", b"PK\x03\x04", 256 * MB), ("a.eml", b"Subject: x\n\n", 128 * MB)],
)
def test_a_pdf_a_word_file_and_an_alert_e_mail_hold_many_by_their_kind(tmp_path, name, head, limit):
    assert limits.limit_for(tmp_path / name, head, 10 * MB, settings_for(tmp_path)).bytes == limit


def test_a_compressed_plain_text_is_refused_once_unpacked(tmp_path):
    """A gzip file's start says nothing: it is unpacked within the export limit, then told by its format."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "dump.txt.gz").write_bytes(gzip.compress(("A stray dump\n\n" + "Words. " * 2000).encode()))
    (raw / "export.txt.gz").write_bytes(gzip.compress(nexis_text(40).encode()))
    why, found = skipped(raw, settings_for(raw))
    assert len(found) == 40
    assert list(why) == ["dump.txt.gz"] and "over the 3 kB limit for one raw text" in why["dump.txt.gz"]


def test_settings_read_a_mapping_or_one_number():
    values = {"NEWSDESK_MAX_EXPORT_BYTES": {"pdf": 512 * MB}, "NEWSDESK_MAX_RAW_BYTES": MB}
    settings = Settings.for_content(Path("content"), values)
    assert dict(settings.max_export_bytes) == {"text": 64 * MB, "html": 128 * MB, "xml": 128 * MB, "eml": 128 * MB,
                                               "docx": 256 * MB, "pdf": 512 * MB}  # fmt: skip
    assert settings.max_raw_bytes == MB
    assert set(dict(Settings.for_content(Path("c"), {"NEWSDESK_MAX_EXPORT_BYTES": 5}).max_export_bytes).values()) == {5}
