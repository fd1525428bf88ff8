"""Stage 1 for PDF files: the bytes of a PDF to the text of each page, laid out as `pdftotext -layout` would.

The report and Factiva parsers read page texts whose lines, blank lines and
column gaps come from where the text sits on the page. PDFium (pypdfium2) gives
each character and its box; the lines are rebuilt from those boxes: characters
on one baseline form a line, a wide horizontal gap starts a new segment placed
at its column, and the gap between baselines says how many blank lines there
are. One page is open at a time, so a 300-page report costs the memory of a page.
"""

from __future__ import annotations

import ctypes
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import median
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .decode import repair
from .records import RawText

# A gap between two characters wider than this (in font sizes) separates words...
WORD_GAP = 0.12
# ...and one wider than this separates segments (table columns, side-by-side blocks).
SEGMENT_GAP = 0.8
# Characters whose baselines differ by less than this (in font sizes) share a line.
SAME_LINE = 0.5
# Characters turned further than this (radians) are not read as part of a line.
ANGLE = 0.01
# At most this many line breaks for one vertical gap, as pdftotext.
MAX_BREAKS = 5
# A segment this near (in characters) to the next column is put there: PDF positions are 32-bit floats.
COLUMN_SLACK = 0.01
# Segments that stand next to one another keep at least this many spaces between them.
SEGMENT_SPACES = 3

NO_TEXT = "has no text layer (a scan?): run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, and put the result here"
ENCRYPTED = "is encrypted with a password: save an unprotected copy (e.g. print it to PDF, or `qpdf --decrypt`) and put that here"
BROKEN = "is not a readable PDF (damaged or cut short): download or export it again"


class PdfError(ValueError):
    """A PDF whose text cannot be read; the message says why and what to do."""


def expand(raw: RawText, *, max_pages: int) -> tuple[list[RawText], list[int]]:
    """A PDF's pages as texts (kind "text", `part` the page number), and the numbers of the pages without text.

    Each page text is repaired like any raw text; the file's sidecar applies to every page.
    """
    texts, blank = [], []
    for number, text in enumerate(pages(raw.data, max_pages=max_pages), 1):
        if not text.strip():
            blank.append(number)
            continue
        texts.append(dataclasses.replace(raw, text=repair(text), encoding="pdf", kind="text", data=b"", part=number))
    return texts, blank


class Char(NamedTuple):
    """One character drawn on the page (a tuple: a page has thousands)."""

    text: str
    left: float
    right: float
    base: float  # baseline, PDF units from the bottom of the page
    size: float


@dataclass(frozen=True)
class Segment:
    """Words on one line with no wide gap between them."""

    text: str
    left: float
    right: float


@dataclass(frozen=True)
class Line:
    base: float
    size: float
    segments: tuple[Segment, ...]


def pages(data: bytes, *, max_pages: int) -> Iterator[str]:
    """The text of each page of a PDF, in order, without form feeds.

    Raises PdfError (naming the cause and what to do) when the file cannot be
    opened, when it has more than `max_pages` pages (before any is read), when a
    page cannot be read, or when no page has any text.
    """
    document = _open(data)
    try:
        count = len(document)
        if count > max_pages:
            raise PdfError(f"has {count} pages, more than the {max_pages} read from one PDF: split it into parts")
        blank = 0
        seen_text = False
        for number in range(count):
            text = _page_text(document, number)
            if not text.strip():
                blank += 1
                continue
            seen_text = True
            yield from [""] * blank
            blank = 0
            yield text
        if not seen_text:
            raise PdfError(NO_TEXT)
        yield from [""] * blank
    finally:
        document.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    if b"%PDF-" not in data[:1024]:
        raise PdfError(f"{BROKEN} (it does not start like a PDF)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise PdfError(ENCRYPTED) from None
        raise PdfError(BROKEN) from None


def _page_text(document: pdfium.PdfDocument, number: int) -> str:
    try:
        page = document[number]
    except pdfium.PdfiumError:
        raise PdfError(f"page {number + 1} cannot be read: {BROKEN}") from None
    try:
        textpage = page.get_textpage()
        try:
            return layout(_chars(textpage))
        finally:
            textpage.close()
    finally:
        page.close()


def _chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    """The page's characters with their boxes. Spaces and line ends are left out: the gaps say where they are."""
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    codes = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(handle, 0, count, codes)
    box, x, y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(x), ctypes.byref(y)
    loose_box, origin, font_size = (
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetCharOrigin,
        pdfium_c.FPDFText_GetFontSize,
    )
    angle = pdfium_c.FPDFText_GetCharAngle
    out: list[Char] = []
    for i, code in enumerate(codes[:count]):
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xDC00 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF) or chr(code).isspace():
            if code in (0x02, 0xFFFE) and pdfium_c.FPDFText_IsHyphen(handle, i) == 1:
                code = 0x2D  # PDFium's mark for a hyphen that ends a line; the parsers rejoin the word
            else:
                continue  # a space, a line end, a control character, the second half of a pair
        if abs(angle(handle, i)) > ANGLE:
            continue  # text set at an angle (a note up the margin) is not one of the page's lines
        text = chr(code)
        if 0xD800 <= code <= 0xDBFF:  # a character outside the Basic Multilingual Plane, in two halves
            low = codes[i + 1]
            text = chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) if 0xDC00 <= low <= 0xDFFF else "\ufffd"
        loose_box(handle, i, box_ref)
        origin(handle, i, x_ref, y_ref)
        out.append(Char(text, box.left, box.right, y.value, font_size(handle, i) or 1.0))
    return out


def layout(chars: list[Char]) -> str:
    """Characters placed into text lines: baselines top to bottom, segments at their columns."""
    lines = _lines(chars)
    if not lines:
        return ""
    segments = [s for line in lines for s in line.segments]
    origin = min(s.left for s in segments)
    unit = _char_width(segments)
    out: list[str] = []
    for i, line in enumerate(lines):
        row = ""
        for segment in line.segments:
            column = int((segment.left - origin) / unit + COLUMN_SLACK)
            if row:
                column = max(column, len(row) + SEGMENT_SPACES)
            row = row.ljust(column) + segment.text
        out.append(row.rstrip())
        if i + 1 < len(lines):
            breaks = int((line.base - lines[i + 1].base) / line.size)
            out.extend([""] * (min(max(breaks, 1), MAX_BREAKS) - 1))
    return "\n".join(out) + "\n"


def _char_width(segments: list[Segment]) -> float:
    """Points per character of the page's longest line: the unit of its columns."""
    longest = max(segments, key=lambda s: len(s.text))
    return max((longest.right - longest.left) / len(longest.text), 0.1)


def _lines(chars: list[Char]) -> list[Line]:
    """Characters grouped by baseline (top of the page first), each line cut into segments."""
    ordered = sorted(chars, key=lambda c: (-c.base, c.left))
    groups: list[list[Char]] = []
    for char in ordered:
        if groups and abs(groups[-1][0].base - char.base) < SAME_LINE * max(groups[-1][0].size, char.size):
            groups[-1].append(char)
        else:
            groups.append([char])
    for group in groups:
        group.sort(key=lambda c: c.left)
    return [Line(group[0].base, median(c.size for c in group), tuple(_segments(group))) for group in groups]


def _segments(chars: list[Char]) -> list[Segment]:
    """Characters of one line, left to right: a small gap is a space, a wide one ends the segment."""
    segments: list[Segment] = []
    text: list[str] = []
    start = end = chars[0].left
    for char in chars:
        gap = char.left - end
        if text and gap > SEGMENT_GAP * char.size:
            segments.append(Segment("".join(text), start, end))
            text = []
        if not text:
            start = char.left
        elif gap > WORD_GAP * char.size:
            text.append(" ")
        text.append(char.text)
        end = char.right
    segments.append(Segment("".join(text), start, end))
    return segments
