"""Ingest on every core and on a Dask cluster gives the same articles as one process."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from newsdesk import frontmatter, pipeline
from newsdesk.settings import Settings

pytestmark = pytest.mark.build
FIXTURES = ROOT / "tests" / "fixtures"


def many_raw_texts(folder: Path, n: int = 60) -> Path:
    """The fixture texts, copied under new names until there are `n`, each copy a little
    different (a closing line) so that none is skipped as a duplicate."""
    raw = folder / "raw"
    raw.mkdir()
    sources = sorted(p for p in (FIXTURES / "stories" / "raw").glob("*.txt")) + sorted((FIXTURES / "raw" / "wire").glob("*.txt"))
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        (raw / f"{i:03d}-{src.name}").write_text(f"{text.rstrip()}\n\nCopy {i} of the desk's file.\n", encoding="utf-8")
        sidecar = src.with_name(src.name + ".yaml")
        if sidecar.is_file():
            shutil.copy(sidecar, raw / f"{i:03d}-{src.name}.yaml")
    return raw


def markdown_of(folder: Path, settings: Settings) -> dict[str, str]:
    report = pipeline.ingest(settings)
    assert not report.skipped, report.skipped
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(settings.articles_dir.glob("*.md"))}


def settings_for(tmp_path: Path, name: str, raw: Path, **changes) -> Settings:
    content = tmp_path / name
    content.mkdir()
    shutil.copytree(raw, content / "raw")
    shutil.copytree(FIXTURES / "stories" / "sources", content / "sources")
    shutil.copy(ROOT / "content" / "topics.yaml", content / "topics.yaml")
    return dataclasses.replace(Settings.for_content(content), **changes)


def test_two_processes_write_byte_identical_articles(tmp_path):
    raw = many_raw_texts(tmp_path)
    one = markdown_of(tmp_path, settings_for(tmp_path, "one", raw, workers=1))
    two = markdown_of(tmp_path, settings_for(tmp_path, "two", raw, workers=2))
    assert len(one) >= 50
    assert one == two
    meta, _ = frontmatter.load(next(iter(one.values())))
    assert meta["uid"].startswith("urn:uuid:")


def test_a_dask_cluster_of_two_workers_writes_byte_identical_articles(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    raw = many_raw_texts(tmp_path)
    local = markdown_of(tmp_path, settings_for(tmp_path, "local", raw, workers=1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = markdown_of(tmp_path, settings_for(tmp_path, "cluster", raw, scheduler=cluster.scheduler_address))
    assert on_cluster == local


def test_an_unreachable_scheduler_is_named(tmp_path):
    from newsdesk.workers import SchedulerError

    raw = many_raw_texts(tmp_path, n=3)
    settings = settings_for(tmp_path, "nowhere", raw, scheduler="tcp://127.0.0.1:9")
    with pytest.raises(SchedulerError, match=r"127\.0\.0\.1:9"):
        pipeline.ingest(settings)
