"""Run every benchmark in bench/ (each prints its own figures)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    for script in sorted(HERE.glob("*.py")):
        if script.name in ("run.py", "synthetic.py") or script.name.startswith(("eval", "_")):
            continue
        print(f"== {script.stem}")
        sys.argv = [str(script)]
        runpy.run_path(str(script), run_name="__main__")
