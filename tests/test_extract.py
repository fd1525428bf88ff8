"""`newsdesk extract --json`: the stable machine interface, on the two seeds."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import CLIPPING_SEED, REPORT_SEED, ROOT

REQUIRED = {
    "origin", "format", "title", "source", "date", "date_precision", "dateline",
    "byline", "credit", "captions", "topics", "story", "body",
}  # fmt: skip


def run_extract(*paths) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "--content", str(ROOT / "content"), "extract", "--json", *map(str, paths)],
        capture_output=True, text=True, check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins")},
    )  # fmt: skip
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_both_seeds_with_every_field():
    report, clipping = run_extract(REPORT_SEED, CLIPPING_SEED)
    for item in (report, clipping):
        assert item.keys() >= REQUIRED

    assert report["origin"] == str(REPORT_SEED)
    assert report["format"] == "report-page"
    assert report["title"] == "Russia breaks of diplomatic ties with Nato"
    assert report["section"] == "2.6"
    assert report["source"] == "bne IntelliNews"
    assert report["publication"] == "Russia Country Report, November 2021"
    assert report["page"] == 27
    assert (report["date"], report["date_precision"], report["date_source"]) == ("2021-11", "month", "text")
    body = report["body"]
    assert body.startswith("Russia broke off diplomatic ties with Nato on October 18")
    assert body.endswith("agree to disagree on things like Russia’s authoritarian regime.")
    for debris in ("Page 27", "RusRPTNov21", "P. 27", "www.intellinews.com", "Country Report", "25 26", "\n\n\n"):
        assert debris not in body
    assert body.count("\n\n") == 7  # eight paragraphs

    assert clipping["title"] == "Kremlin breaks diplomatic ties with Nato"
    assert clipping["source"] == "Bangkok Post"
    assert (clipping["country"], clipping["language"]) == ("Thailand", "en")
    assert clipping["dateline"] == "MOSCOW"
    assert clipping["body"].startswith("Russia said on Monday")
    assert clipping["credit"] == "AFP"
    caption = "A security guard patrols outside a building that houses the Nato information office in Moscow on Monday."
    assert clipping["captions"] == [caption]
    assert caption not in clipping["body"] and "??" not in clipping["body"]
    assert "Newspapers in" not in clipping["body"] and "Newspapers from" not in clipping["body"]
    assert "Nato-Russia Council meant to promote" in clipping["body"]
    assert (clipping["date"], clipping["date_precision"], clipping["date_source"]) == ("2021-10-18", "day", "inferred")
    assert "Monday" in clipping["date_note"] and "October 18" in clipping["date_note"]

    for item in (report, clipping):
        assert {"Russia", "NATO", "Sergei Lavrov"} <= set(item["topics"])
        assert "Nato" not in item["topics"]
        junk = {"Monday", "October", "November", "Mr", "Mr Lavrov", "The", "Foreign", "AFP", "Reuters"}
        assert not junk & set(item["topics"])
        assert len(item["topics"]) <= 8
    assert report["story"] == clipping["story"] and report["story"]


def test_clipping_alone_is_a_draft_with_advice():
    (clipping,) = run_extract(CLIPPING_SEED)
    assert clipping["date"] is None
    assert clipping["status"] == "draft"
    assert any("date: YYYY-MM-DD" in w for w in clipping["warnings"])


def test_missing_file_is_named_and_the_rest_goes_on():
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "--content", str(ROOT / "content"), "extract", "--json",
         "no/such/file.txt", str(REPORT_SEED)],
        capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins")},
    )  # fmt: skip
    assert out.returncode == 1
    assert "no/such/file.txt" in out.stderr
    assert len(out.stdout.splitlines()) == 1
