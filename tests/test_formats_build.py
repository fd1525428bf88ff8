"""A wire table reaches the built site as a preformatted block, its rows and spacing intact."""

from __future__ import annotations

import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT


def test_wire_table_built_as_pre(site):
    raw = site / "content" / "raw"
    shutil.copy(ROOT / "tests" / "fixtures" / "raw" / "wire" / "results_table.txt", raw / "results_table.txt")
    (raw / "collection.yaml").write_text("year: 1987\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True,
    )  # fmt: skip
    (page,) = [p for p in (site / "output" / "articles").glob("*.html") if "northern-timber" in p.name]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    (pre,) = soup.find_all("pre")
    assert pre.get_text().splitlines()[:3] == ["Shr 42 cts vs 31 cts", "Net 8,120,000 vs 6,004,000", "Revs 96.3 mln vs 88.7 mln"]
    assert "Note: the latest year includes a gain" in soup.get_text()
    assert "1987-03-04" in page.read_text(encoding="utf-8")
