"""LexisNexis classic text exports: "1 of 10 DOCUMENTS", then each document as Nexis prints it.

The export is hard-wrapped, blank lines end paragraphs, and the counter, source,
date line, edition and copyright are centred with spaces. A "Download Request"
block before the first document is the export's cover, not an article.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..records import Article, RawText
from . import nexis
from .nexis_fields import counter

if TYPE_CHECKING:
    from .base import Context

FORMAT = "nexis-text"
KINDS = frozenset({"text"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
CENTRED = 4  # leading spaces of a centred line
SNIFF_LINES = 400


def score(raw: RawText) -> float:
    """1.0 when a "N of M DOCUMENTS" counter opens a document near the start."""
    if raw.kind != "text":
        return 0.0
    for n, line in enumerate(raw.text.split("\n", SNIFF_LINES)):
        if n >= SNIFF_LINES:
            break
        if counter().match(line):
            return 1.0
    return 0.0


def _join(lines: list[str]) -> str:
    """A block's lines as one text; a line ending in a hyphen runs on without a space (Nexis wraps at spaces)."""
    out = ""
    for line in lines:
        text = line.strip()
        if out.endswith("-") and out[-2:-1].isalpha():
            out += text
        else:
            out += ("\n" if out else "") + text
    return out


def _paras(lines: list[str]) -> list[nexis.Para]:
    paras: list[nexis.Para] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.rstrip())
            continue
        if block:
            centred = all(len(x) - len(x.lstrip()) >= CENTRED for x in block)
            paras.append(nexis.Para(_join(block), centered=centred))
            block = []
    return paras


def _lines(text: str) -> Iterator[str]:
    """The lines of a long text one at a time, without a list of them all."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end].rstrip("\r")
        start = end + 1


def documents(text: str) -> Iterator[tuple[int, list[nexis.Para]]]:
    """(number in the export, paragraphs) for each document, read line by line."""
    number = 0
    lines: list[str] | None = None
    for line in _lines(text):
        if counter().match(line):
            if lines is not None:
                yield number, _paras(lines)
            number += 1
            lines = []
        elif lines is not None:
            lines.append(line.lstrip("\ufeff"))
    if lines is not None:
        yield number, _paras(lines)


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    raw = group[0]
    articles = []
    for number, paras in documents(raw.text):
        doc = nexis.read_classic(paras)
        articles.append(nexis.to_article(doc, f"{raw.path}#{number}", FORMAT, ctx))
    return articles
