"""Any other text: a title line, then paragraphs. The fallback when no format fits."""

from __future__ import annotations

from ..clean import lift_drop_cap, reflow, split_dateline, squeeze_spaces
from ..dates import parse_date
from ..records import Article, RawText
from .base import Context

FORMAT = "plain"
KINDS = frozenset({"text"})


def score(raw: RawText) -> float:
    """Any text at all: the fallback, chosen when no other format scores higher."""
    return 0.01


def group(raws: list[RawText]) -> list[list[RawText]]:
    """Each text alone, but the pages of one PDF that no other format reads are one text, in page order."""
    pdfs: dict[str, list[RawText]] = {}
    alone = []
    for raw in raws:
        if raw.part is None:
            alone.append([raw])
        else:
            pdfs.setdefault(str(raw.path), []).append(raw)
    return alone + [sorted(pages, key=lambda r: r.part) for pages in pdfs.values()]


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    lines = "\n".join(r.text for r in group).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title = squeeze_spaces(lines.pop(0)) if lines else ""
    if lines:
        title, lines[0] = lift_drop_cap(title, lines[0])
    paragraphs = reflow(lines)
    dateline = agency = None
    if paragraphs:
        dateline, agency, paragraphs[0] = split_dateline(paragraphs[0])
    found = parse_date(" ".join(paragraphs[:2]))
    return [
        Article(
            origin=tuple(r.origin for r in group),
            format=FORMAT,
            title=title,
            body=tuple(p for p in paragraphs if p),
            dateline=dateline,
            credit=agency,
            date=found.value if found else None,
            date_precision=found.precision if found else None,
            date_source="text" if found else None,
            date_note=f"first paragraphs: {found.text}" if found else None,
            warnings=("no format or source profile matched; read as plain text (title line, paragraphs)",),
        )
    ]
