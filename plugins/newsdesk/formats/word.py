"""Word files (.docx) holding one article or several.

One article: the headline is the paragraph in the Title or first heading style,
else the file's title property, else the first line. Several: a file with more
than one Title paragraph, or parts that each start on a new page, or more than
one first-level heading (and no title) is cut there. Lower headings stay in the
body as crossheads; tables are kept as preformatted rows. The plain-text
parsers' cleanup applies: byline, dateline, date from the first paragraphs, and
paragraphs the file glued together are split.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from ..clean import split_dateline, squeeze_spaces
from ..dates import parse_date
from ..docx_text import DocxBlock, DocxError, core_title, iter_blocks
from ..heads import read_byline
from ..records import Article, Preformatted, RawText
from .base import FormatError
from .nexis_fields import names, unglue

if TYPE_CHECKING:
    from .base import Context

FORMAT = "word"
KINDS = frozenset({"docx"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
MAX_TITLE_CHARS = 300
MAX_BLOCKS = 200_000  # a Word file with more paragraphs than this is not a set of articles


def score(raw: RawText) -> float:
    """Any .docx (a broken one too, so that parse names what is wrong); Nexis exports score higher."""
    return 0.5 if raw.kind == "docx" else 0.0


def parts(blocks: list[DocxBlock]) -> list[list[DocxBlock]]:
    """The articles of a file: cut at Title paragraphs, else at page breaks, else at first-level headings."""
    titles = [i for i, b in enumerate(blocks) if b.level == 0 and b.text.strip()]
    if len(titles) >= 2:
        return _cut(blocks, titles)
    if len(titles) == 1:
        return [blocks]
    pages = [i for i, b in enumerate(blocks) if b.page_break and i > 0]
    cuts = [i for i in pages if any(b.text.strip() for b in blocks[i:])]
    if cuts and any(b.text.strip() for b in blocks[: cuts[0]]):
        return _cut(blocks, cuts)
    heads = [i for i, b in enumerate(blocks) if b.level == 1 and b.text.strip()]
    if len(heads) >= 2:
        return _cut(blocks, heads)
    return [blocks]


def _cut(blocks: list[DocxBlock], at: list[int]) -> list[list[DocxBlock]]:
    edges = sorted({0, *at, len(blocks)})
    chunks = [blocks[a:b] for a, b in pairwise(edges)]
    return [c for c in chunks if any(b.text.strip() for b in c)]


def article(blocks: list[DocxBlock], origin: str, fallback_title: str | None) -> Article:
    """One article from its blocks."""
    items = [b for b in blocks if b.text.strip()]
    ranked = [b for b in items if b.level is not None and b.level <= 1]
    head = ranked[0] if ranked else None
    warnings: list[str] = []
    if head is not None:
        title = squeeze_spaces(head.text.replace("\n", " "))
        items = [b for b in items if b is not head]
    elif fallback_title:
        title = fallback_title
    elif items and len(items[0].text) <= MAX_TITLE_CHARS:
        title = squeeze_spaces(items.pop(0).text.replace("\n", " "))
    else:
        title = ""
        warnings.append("no headline (no Title or Heading style, and the first paragraph is long): set `title:` in a sidecar")
    subtitle = None
    if items and items[0].level is not None and items[0].level >= 2:
        subtitle = squeeze_spaces(items.pop(0).text)
    body: list[str] = []
    for b in items:
        if b.rows:
            body.append(Preformatted(b.text))
        else:
            for line in b.text.split("\n"):
                body.extend(unglue(squeeze_spaces(line)))
    byline: tuple[str, ...] = ()
    if body and not isinstance(body[0], Preformatted) and (found_names := read_byline(body[0])):
        byline = names(", ".join(found_names))
        body.pop(0)
    dateline = credit = None
    if body and not isinstance(body[0], Preformatted):
        dateline, credit, body[0] = split_dateline(body[0])
    found = parse_date(" ".join(p for p in (subtitle or "", *body[:2]) if p))
    return Article(
        origin=(origin,),
        format=FORMAT,
        title=title,
        subtitle=subtitle,
        body=tuple(p for p in body if p),
        byline=byline,
        dateline=dateline,
        credit=credit,
        date=found.value if found else None,
        date_precision=found.precision if found else None,
        date_source="text" if found else None,
        date_note=f"first paragraphs: {found.text}" if found else None,
        warnings=tuple(warnings),
    )


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    raw = group[0]
    blocks: list[DocxBlock] = []
    try:
        for block in iter_blocks(raw.data):
            blocks.append(block)
            if len(blocks) > MAX_BLOCKS:
                raise FormatError(f"has more than {MAX_BLOCKS} paragraphs: split it into smaller Word files")
    except DocxError as exc:
        raise FormatError(str(exc)) from exc
    found = parts(blocks)
    if not any(b.text.strip() for part in found for b in part):
        raise FormatError("has no text (an empty Word file, or only images): nothing to read")
    if len(found) == 1:
        return [article(found[0], str(raw.path), core_title(raw.data))]
    return [article(p, f"{raw.path}#{n}", None) for n, p in enumerate(found, 1)]
