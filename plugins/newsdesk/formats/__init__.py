"""Stage 2 and 3: the formats Newsdesk reads, in order, and how a text finds its format.

Every format module offers the same face (see `base.py`): `FORMAT`, `KINDS` (the file kinds it
reads), `score(raw)` (how strongly a text looks like it; 0 = not at all), optionally
`group(raws)` (how files form one document: the pages of one PDF or report), and
`parse(group, ctx)` (a group into articles). Adding a format is a module and a line here.
"""

from __future__ import annotations

from types import ModuleType

from ..records import RawText
from . import (
    clipping,
    factiva_export,
    factiva_html,
    factiva_pdf,
    factiva_xml,
    nexis_docx,
    nexis_html,
    nexis_text,
    plain,
    proquest,
    report,
    web,
    webtext,
    wire,
    word,
)
from .base import Context, FormatError, each_alone

# Tried in this order; the highest score wins and the earlier format wins a tie.
FORMATS: tuple[ModuleType, ...] = (
    nexis_text,
    nexis_html,
    nexis_docx,
    word,
    factiva_pdf,
    report,
    wire,
    clipping,
    factiva_export,
    factiva_html,
    factiva_xml,
    proquest,
    webtext,
    web,
    plain,
)

__all__ = ["FORMATS", "Context", "FormatError", "by_name", "detect", "grouped", "reads_kind"]


def reads_kind(kind: str) -> bool:
    """Whether any format reads files of this kind."""
    return any(kind in module.KINDS for module in FORMATS)


def detect(raw: RawText) -> ModuleType | None:
    """The format module for a raw text: the highest score among those reading its kind."""
    best, best_score = None, 0.0
    for module in FORMATS:
        if raw.kind in module.KINDS and (score := module.score(raw)) > best_score:
            best, best_score = module, score
    return best


def by_name(name: str) -> ModuleType:
    """The format module called `name` (its FORMAT), as a worker process finds it again."""
    return next(module for module in FORMATS if name == module.FORMAT)


def grouped(module: ModuleType, raws: list[RawText]) -> list[list[RawText]]:
    """The documents the texts of one format form (each text alone unless the format says)."""
    return getattr(module, "group", each_alone)(raws)
