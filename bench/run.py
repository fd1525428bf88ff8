"""Run the benchmarks in bench/ (each prints its own figures): the archive-scale table first.

site_bench.py (the site side alone, invented articles) is left to run by hand: archive.py
measures the same builds on corpus-made texts beside bare Pelican and Hugo.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    for script in sorted(HERE.glob("*.py"), key=lambda p: (p.name != "archive.py", p.name)):
        if script.name in ("run.py", "synthetic.py", "site_bench.py") or script.name.startswith(("eval", "_")):
            continue
        print(f"== {script.stem}")
        sys.argv = [str(script)]
        runpy.run_path(str(script), run_name="__main__")
