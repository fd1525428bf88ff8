"""`make eval` (bench/eval.py): says so when the corpus is absent; scores a corpus laid out like the real one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "raw"


def run_eval(corpus) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "eval.py"), str(corpus)], capture_output=True, text=True, cwd=ROOT
    )


def test_absent_corpus_is_said_and_exits_0(tmp_path):
    out = run_eval(tmp_path / "nowhere")
    assert out.returncode == 0
    assert "absent" in out.stdout


def test_scores_a_small_corpus_in_the_real_layout(tmp_path):
    wire = tmp_path / "wire-reuters"
    (wire / "txt").mkdir(parents=True)
    shutil.copy(FIXTURES / "wire" / "basle_chemicals.txt", wire / "txt" / "00001.txt")
    truth = {
        "newid": 1, "date": "3-MAR-1987 09:18:21.26", "text_type": "NORM",
        "title": "ALPINA CHEMIE PLANS HERBICIDE PLANT IN POLAND", "dateline": "    BASLE, March 3 - ",
        "body": (FIXTURES / "wire" / "basle_chemicals.txt").read_text().split(" - ", 1)[1],
    }  # fmt: skip
    (wire / "ground-truth.jsonl").write_text(json.dumps(truth) + "\n", encoding="utf-8")
    factiva = tmp_path / "pdf-pages-factiva"
    (factiva / "download-X" / "pages").mkdir(parents=True)
    for name in ("7.p01.txt", "7.p02.txt"):
        shutil.copy(FIXTURES / "factiva" / name, factiva / "download-X" / "pages" / name)
    items = [{"file": "download-X/7.pdf", "pages": 2, "date": "14 March 2004",
              "title": "Harbour authority sells bonds to fund new quay and widen the shipping channel...",
              "title_may_be_truncated_with_ellipsis": True}]  # fmt: skip
    (factiva / "ground-truth.json").write_text(json.dumps({"items": items}), encoding="utf-8")
    out = run_eval(tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any(line.split()[:3] == ["articles", "1", "/"] for line in lines)
    assert sum("title exact           1.0000" in line for line in lines) == 2
    assert any("body token F1         1.0000" in line for line in lines)
    assert any("exact paragraphs      1.0000" in line for line in lines)
    assert "all targets met" in out.stdout
