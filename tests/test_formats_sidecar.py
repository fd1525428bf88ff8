"""A sidecar `<raw name>.yaml` beside a raw text sets or overrides any field; `collection.yaml` covers a folder."""

from __future__ import annotations

import shutil
from datetime import date

from conftest import CLIPPING_SEED
from formats_support import extract
from newsdesk import pipeline


def extract_folder(raw_dir):
    rep = pipeline.Report()
    return extract(sorted(raw_dir.glob("*.txt")), rep), rep


def test_sidecar_overrides_fields(tmp_path):
    raw = tmp_path / CLIPPING_SEED.name
    shutil.copy(CLIPPING_SEED, raw)
    (tmp_path / f"{raw.name}.yaml").write_text(
        "title: Russia suspends its Nato mission\nsource: Bangkok Post (print)\ndate: 2021-10-19\n"
        "byline: Staff reporter\ntopics: [Russia, NATO]\nstory: nato-rift\n",
        encoding="utf-8",
    )
    (article,), rep = extract_folder(tmp_path)
    assert article.title == "Russia suspends its Nato mission"
    assert article.source == "Bangkok Post (print)"
    assert (article.date, article.date_source, article.status) == (date(2021, 10, 19), "sidecar", "published")
    assert article.byline == ("Staff reporter",)
    assert article.topics == ("Russia", "NATO")
    assert article.story == "nato-rift"
    assert not rep.warnings


def test_unknown_sidecar_field_is_named_and_ignored(tmp_path):
    raw = tmp_path / CLIPPING_SEED.name
    shutil.copy(CLIPPING_SEED, raw)
    (tmp_path / f"{raw.name}.yaml").write_text("headline: Oops\n", encoding="utf-8")
    (article,), rep = extract_folder(tmp_path)
    assert article.title == "Kremlin breaks diplomatic ties with Nato"
    assert any("headline" in message and raw.name in where for where, message in rep.warnings)


def test_collection_file_applies_to_every_raw_text_and_a_sidecar_wins(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Ferry fares rise\n\nThe company raised fares.\n", encoding="utf-8")
    (tmp_path / "collection.yaml").write_text("source: Island Wire\n", encoding="utf-8")
    (tmp_path / "b.txt.yaml").write_text("source: Harbour Weekly\n", encoding="utf-8")
    articles, _ = extract_folder(tmp_path)
    assert [a.source for a in articles] == ["Island Wire", "Harbour Weekly"]


def test_profile_aliases_name_the_source(tmp_path):
    from newsdesk.profiles import load_profiles

    (tmp_path / "herald.yaml").write_text(
        "name: The Island Herald\naliases: [Island Herald, Herald]\ncountry: Malta\n", encoding="utf-8"
    )
    profiles = load_profiles(tmp_path)
    assert profiles.by_masthead("Island Herald").name == "The Island Herald"
    assert profiles.by_masthead("herald").country == "Malta"
    assert profiles.by_masthead("The Island Herald").name == "The Island Herald"
    assert profiles.by_masthead("Island Times") is None
