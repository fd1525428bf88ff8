"""Nexis Uni / Lexis Advance DOCX exports: documents that each end with "End of Document".

The export opens with a cover page (user name, job number, "Documents (50)", the
table of contents and the search terms), which is dropped. A document is its
headline, source, date line, copyright, "Label: value" fields, a bold "Body"
heading, the body, and tail sections under bold headings ("Graphic",
"Classification", "Correction") with "Load-Date:". The file is streamed
(docx_text), so an export of thousands of documents holds one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ..clean import squeeze_spaces
from ..docx_text import DocxBlock, DocxError, iter_blocks
from ..records import Article, RawText
from . import nexis
from .base import FormatError
from .nexis_fields import parse_date_line, rules

if TYPE_CHECKING:
    from .base import Context

FORMAT = "nexis-docx"
KINDS = frozenset({"docx"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
SNIFF_BLOCKS = 3000
COVER_LINES = 40  # the cover's own lines come first; a cover line later in the file is an article's
DOCUMENT_ID = re.compile(r"\burn:contentItem:[0-9A-Z]{4}(?:-[0-9A-Z]{2,5}){2,7}")
TOC_LINE = re.compile(r"^(\d{1,5})\. (\S.*)$")


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in rules().lists[key])


def _is(block: DocxBlock, key: str) -> bool:
    return block.text.strip().casefold() in _words(key)


@cache
def _counts() -> re.Pattern:
    words = "|".join(re.escape(w) for w in rules().lists["cover_counts"])
    return re.compile(rf"(?:{words}) \(\d{{1,6}}\)")


def _cover_line(text: str) -> bool:
    head = text.split(":", 1)[0].strip().casefold() if ":" in text[:40] else ""
    return head in _words("cover_labels") or bool(_counts().fullmatch(text.strip()))


def score(raw: RawText) -> float:
    """1.0 for a .docx whose cover page or first documents are Nexis Uni's."""
    if raw.kind != "docx":
        return 0.0
    try:
        for n, block in enumerate(iter_blocks(raw.data)):
            if n >= SNIFF_BLOCKS:
                break
            if _is(block, "end_of_document") or (n < COVER_LINES and _cover_line(block.text)):
                return 1.0
    except DocxError:
        return 0.0
    return 0.0


def split(blocks: Iterator[DocxBlock]) -> Iterator[list[DocxBlock]]:
    """The blocks of each document; the cover page (its lines, contents and tables) is dropped up to
    the page break that starts the first document."""
    current: list[DocxBlock] = []
    cover = False
    for n, block in enumerate(blocks):
        text = block.text.strip()
        if n < COVER_LINES and _cover_line(text):
            cover = True
        if cover:
            if block.rows or TOC_LINE.match(text) or _cover_line(text):
                current = []
                continue
            if block.page_break:
                cover, current = False, []
        if _is(block, "end_of_document"):
            if any(b.text.strip() for b in current):
                yield current
            current, cover = [], False
            continue
        current.append(block)
    if any(b.text.strip() for b in current):
        yield current


def _heading(block: DocxBlock) -> str | None:
    """The tail section a bold heading opens ("graphic", "classification", …), "body" for Body."""
    if not block.bold or len(block.text.split()) > 4:
        return None
    if _is(block, "body_heading"):
        return "body"
    return _tail_headings().get(block.text.strip().casefold())


@cache
def _tail_headings() -> dict[str, str]:
    return {w.casefold(): key for key, words in rules().lists["tail_headings"].items() for w in words}


def read_uni(blocks: list[DocxBlock]) -> nexis.Document:
    """One Nexis Uni document from its blocks."""
    items = [b for b in blocks if b.text.strip()]
    texts = [squeeze_spaces(b.text) if not b.rows else b.text.strip() for b in items]
    headline = texts[0] if texts else None
    i, source, date_line, extra, copyright = 1, None, None, [], None
    while i < len(items) and _heading(items[i]) is None and nexis.label(texts[i], capitals=False) is None:
        if nexis.COPYRIGHT.match(texts[i]):
            copyright = copyright or texts[i]
        elif source is None:
            source = texts[i]
        elif date_line is None and parse_date_line(texts[i])[0]:
            date_line = texts[i]
        else:
            extra.append(texts[i])
        i += 1
    fields: dict[str, str] = {}
    # Up to the "Body" heading every label is a field (a repeated byline line between them is not text).
    body_at = next((k for k in range(i, len(items)) if _heading(items[k]) == "body"), None)
    while i < len(items) and _heading(items[i]) is None:
        got = nexis.label(texts[i], capitals=False)
        if got is None and body_at is None:
            break
        if got is not None:
            fields.setdefault(got[0] or got[1].casefold(), got[2])
        i += 1
    if i < len(items) and _heading(items[i]) == "body":
        i += 1
    end = i
    while end < len(items) and _heading(items[end]) is None and not _tail_label(texts[end]):
        end += 1
    body_items = zip(items[i:end], texts[i:end], strict=True)
    body, url = nexis.body_paragraphs([nexis.Para(t, table=bool(b.rows)) for b, t in body_items])
    section, graphic, correction = None, [], []
    for block, text in zip(items[end:], texts[end:], strict=True):
        if (key := _heading(block)) is not None:
            section = key
            continue
        got = nexis.label(text, capitals=False)
        if got is not None and (got[0] or section == "classification" or _tail_label(text)):
            fields.setdefault(got[0] or got[1].casefold(), got[2])
        elif section == "graphic":
            graphic.append(text)
        elif section == "correction":
            correction.append(text)
    if graphic:
        fields.setdefault("graphic", " ".join(graphic))
    if correction:
        fields.setdefault("correction", " ".join(correction))
    return nexis.Document(
        headline=headline,
        source=source,
        date_line=date_line,
        edition="\n".join(extra) or None,
        fields=fields,
        body=tuple(body),
        copyright=copyright,
        original_url=url,
        accession=_document_id(items[:i]),
    )


def _document_id(head: list[DocxBlock]) -> str | None:
    """Nexis's id of the document, from the link on its headline ("…?id=urn:contentItem:5RCP-FVR1-…")."""
    for block in head:
        for link in block.links:
            if m := DOCUMENT_ID.search(link):
                return m.group(0)
    return None


def _tail_label(text: str) -> bool:
    got = nexis.label(text, capitals=False)
    return got is not None and got[0] != "" and got[0] not in rules().head


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    raw = group[0]
    try:
        return [
            nexis.to_article(read_uni(blocks), f"{raw.path}#{n}", FORMAT, ctx)
            for n, blocks in enumerate(split(iter_blocks(raw.data)), 1)
        ]
    except DocxError as exc:
        raise FormatError(str(exc)) from exc
