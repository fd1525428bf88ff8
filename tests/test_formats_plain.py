"""Anything else: a title line and paragraphs, with a warning that no format or profile matched;
and which parser each raw shape goes to."""

from __future__ import annotations

from conftest import CLIPPING_SEED, REPORT_SEED, ROOT
from formats_support import detect
from newsdesk import pipeline
from newsdesk.formats import clipping, factiva_pdf, plain, report, wire

FIXTURES = ROOT / "tests" / "fixtures" / "raw"


def test_each_shape_goes_to_its_parser():
    shapes = {
        REPORT_SEED: report,
        CLIPPING_SEED: clipping,
        FIXTURES / "report-unknown" / "ngm_p5.txt": report,
        FIXTURES / "clipping" / "courier_no_separator.txt": clipping,
        FIXTURES / "wire" / "results_table.txt": wire,
        FIXTURES / "wire" / "modern_reuters.txt": wire,
        FIXTURES / "factiva" / "7.p01.txt": factiva_pdf,
        FIXTURES / "factiva" / "7.p02.txt": factiva_pdf,
    }
    for path, module in shapes.items():
        assert detect(path.read_text(encoding="utf-8")) is module, path.name


def test_plain_text_title_line_paragraphs_and_a_warning(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "\n\nCouncil approves new cycle lanes\n\nLONDON: The council approved six new cycle lanes on\n"
        "Tuesday after a year of consultation.\n\nWork starts in the spring.\n",
        encoding="utf-8",
    )
    assert detect(path.read_text(encoding="utf-8")) is plain
    settings = pipeline.Settings(raw_dir=tmp_path, articles_dir=tmp_path / "_articles")
    (article,) = pipeline.extract([path], settings)
    assert (article.format, article.title, article.dateline) == ("plain", "Council approves new cycle lanes", "LONDON")
    assert article.body == (
        "The council approved six new cycle lanes on Tuesday after a year of consultation.",
        "Work starts in the spring.",
    )
    assert any("no format or source profile matched" in w for w in article.warnings)
