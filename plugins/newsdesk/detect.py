"""Stage 2: which format a raw text is in, so the right parser reads it.

Formats are tried in order; each parser module says what its texts look like.
"""

from __future__ import annotations

from types import ModuleType

from .formats import clipping, factiva_pdf, plain, report, wire

FORMATS: tuple[ModuleType, ...] = (factiva_pdf, report, wire, clipping)


def detect(text: str) -> ModuleType:
    """The parser module for a text; plain text when nothing else fits."""
    for module in FORMATS:
        if module.looks_like(text):
            return module
    return plain
