"""What the format tests share: extracting fixtures with the sample site's profiles and topics."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from newsdesk import pipeline

FIXTURES = ROOT / "tests" / "fixtures" / "raw"


def extract(paths: list[Path], rep: pipeline.Report | None = None) -> list:
    """Stages 1-7 on raw files, their folder taken as the raw folder."""
    settings = pipeline.Settings(
        raw_dir=paths[0].parent,
        articles_dir=paths[0].parent / "_articles",
        sources_dir=ROOT / "content" / "sources",
        topics_file=ROOT / "content" / "topics.yaml",
    )
    return pipeline.extract(paths, settings, rep)
