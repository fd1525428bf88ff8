"""HTML of database exports as text: bytes decoded in pieces, elements as lines.

Exports are big (a Factiva export of 5,000 articles, a ProQuest alert of 100) and
often declare one encoding while holding another (UTF-8 declared, cp1252 bytes), so
the bytes are decoded here, piece by piece, and the markup parser only sees text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator

from charset_normalizer import from_bytes
from lxml import etree

from ..clean import squeeze_spaces
from ..decode import CONTROL, DOS_CODE_PAGES, repair

CHUNK = 1 << 20
SAMPLE = 1 << 20  # bytes the encoding is guessed from when the text is not UTF-8
SNIFF = 4096  # where a page declares its charset
DECLARED = re.compile(rb"""charset=["']?([A-Za-z0-9_:.-]{1,40})""", re.IGNORECASE)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
    "td", "text", "th", "thead", "tr", "ul",
})  # fmt: skip
SKIP = frozenset({"script", "style", "title", "noscript"})  # not "head": a stray one would never end


def encoding_of(data: bytes) -> str:
    """The encoding the bytes are really in: a byte-order mark; UTF-8 when they all decode; else
    the charset the page declares, when it is not UTF-8 and decodes; else cp1252 (exports saved
    on Windows that declare UTF-8) when it decodes; else a guess.

    >>> encoding_of('<meta charset="utf-8"> Größe'.encode("cp1252"))
    'cp1252'
    >>> encoding_of('<meta charset="shift_jis"> 日本語'.encode("shift_jis"))
    'shift_jis'
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    if _decodes(data, "utf-8"):
        return "utf-8"
    declared = DECLARED.search(data[:SNIFF])
    candidates = [declared[1].decode("ascii").lower()] if declared else []
    for name in [*candidates, "cp1252"]:
        if name not in ("utf-8", "utf8") and _decodes(data, name):
            return name
    best = from_bytes(data[:SAMPLE], cp_exclusion=list(DOS_CODE_PAGES)).best()
    return best.encoding if best else "cp1252"


def _decodes(data: bytes, name: str) -> bool:
    """Whether all the bytes decode in the encoding, a megabyte at a time."""
    try:
        decoder = codecs.getincrementaldecoder(name)()
    except LookupError:
        return False
    try:
        for start in range(0, len(data), CHUNK):
            decoder.decode(data[start : start + CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def decoded_chunks(data: bytes) -> Iterator[str]:
    """The text of the bytes, a megabyte at a time (never the whole file as one string twice)."""
    decoder = codecs.getincrementaldecoder(encoding_of(data))(errors="replace")
    for start in range(0, len(data), CHUNK):
        yield decoder.decode(data[start : start + CHUNK])
    yield decoder.decode(b"", final=True)


def fixed(text: str) -> str:
    """Mojibake and control characters repaired; ASCII text can only hold the latter (and is most text)."""
    return CONTROL.sub("", text) if text.isascii() else repair(text)


def one_line(text: str) -> str:
    return squeeze_spaces(fixed(text).replace("\n", " "))


def text_of(element) -> str:
    """An element's words on one line, repaired (mojibake, control characters)."""
    return one_line(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


class _Lines:
    """An lxml parser target: block elements end lines, an `<a name>` whose name starts with
    one of the marks is passed on as ("mark", name). No tree is built."""

    def __init__(self, marks: tuple[str, ...]) -> None:
        self.marks, self.out, self.line, self.skip = marks, [], [], 0

    def _flush(self) -> None:
        if text := one_line("".join(self.line)):
            self.out.append(text)
        self.line.clear()

    def start(self, tag: str, attrib) -> None:
        tag = tag.lower()
        if tag in SKIP:
            self.skip += 1
        elif not self.skip and tag in BLOCKS:
            self._flush()
        if tag == "a" and (name := attrib.get("name") or "").startswith(self.marks):
            self._flush()
            self.out.append(("mark", name))

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif not self.skip and tag in BLOCKS:
            self._flush()

    def data(self, text: str) -> None:
        if not self.skip:
            self.line.append(text)

    def close(self) -> None:
        self._flush()


def lines(chunks: Iterable[str], *, marks: tuple[str, ...] = ()) -> Iterator[str | tuple[str, str]]:
    """The text of HTML given in pieces, one line per block element, in reading order, as the
    pieces are parsed (memory holds one piece and the lines not yet taken)."""
    target = _Lines(marks)
    parser = etree.HTMLParser(target=target, recover=True, no_network=True)
    for chunk in chunks:
        parser.feed(chunk)
        yield from target.out
        target.out.clear()
    parser.close()
    yield from target.out
