"""Newsdesk's own rule files (plugins/newsdesk/rules/*.yaml): data shipped with the code.

They are trusted (no alias bound needed: guard.py reads what comes from outside) and some
are large (the gazetteer), so libyaml's loader reads them when PyYAML has it: the
gazetteer loads in a tenth of the time, once per process.
"""

from __future__ import annotations

from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path):
    """The values of one rule file."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
