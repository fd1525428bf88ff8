"""What the format tests share: extracting fixtures with the sample site's profiles and topics."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from newsdesk import formats, pipeline
from newsdesk.records import RawText

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


def detect(text: str):
    """The format module the registry picks for a text file holding `text`."""
    return formats.detect(RawText(path=Path("text.txt"), text=text, encoding="utf-8", sha256=""))
