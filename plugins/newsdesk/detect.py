"""Stage 2: which format a raw text is in, so the right parser reads it.

Every format scores the text (0 = not mine); the highest score wins and the order of
FORMATS breaks ties. A format with only `looks_like` scores 1.0 when it matches.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from .formats import clipping, factiva_pdf, plain, report, wire
from .records import RawText

FORMATS: tuple[ModuleType, ...] = (factiva_pdf, report, wire, clipping)


def _score(module: ModuleType, raw: RawText) -> float:
    if hasattr(module, "score"):
        return module.score(raw)
    return 1.0 if module.looks_like(raw.text) else 0.0


def detect(text: str) -> ModuleType:
    """The parser module for a text; plain text when nothing else fits."""
    raw = RawText(path=Path("-"), text=text, encoding="utf-8", sha256="")
    best, top = plain, 0.0
    for module in FORMATS:
        if (value := _score(module, raw)) > top:
            best, top = module, value
    return best
