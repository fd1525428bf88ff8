"""Stage 1: how big a raw file may be, by what it holds: one article or page, or many.

A file that is one article or page (plain text, wire copy, a clipping, a saved page) is small:
a bigger one is a stray dump, refused before a byte of it is decoded (NEWSDESK_MAX_RAW_BYTES).
An export of thousands of articles, an alert e-mail, a Word file or a PDF is read one article
or page at a time, so it may be as big as its kind allows (NEWSDESK_MAX_EXPORT_BYTES). Which
of the two a file is comes from its first 64 kB: its kind, and for the kinds both come in
(text, HTML) whether the format its start reads as is one that holds many articles.
"""

from __future__ import annotations

from pathlib import Path

from . import formats, guard
from .decode import Limit, RawFileError, decode_bytes
from .kinds import GZIP_MAGIC, sniff
from .records import RawText
from .settings import Settings

HEAD = 65536  # what the formats' scores look at (their SNIFF_* figures are smaller)
WHAT = {"text": "a text export", "html": "an HTML export", "xml": "an XML export", "eml": "an e-mail of articles",
        "docx": "a Word file", "pdf": "a PDF"}  # fmt: skip


def holds_many(raw: RawText) -> bool:
    """Whether the format a text reads as makes many articles of one file (an export)."""
    module = formats.detect(raw)
    return bool(module and getattr(module, "MANY", False))


def _kind_holds_many(kind: str) -> bool | None:
    """True when every format reading this kind holds many articles (or none reads it: a PDF is
    read page by page), False when none does, None when the file's start must say."""
    readers = [getattr(module, "MANY", False) for module in formats.FORMATS if kind in module.KINDS]
    if all(readers):
        return True
    return None if any(readers) else False


def _head_holds_many(path: Path, kind: str, head: bytes) -> bool:
    if kind != "text":
        return holds_many(RawText(path, "", "binary", "", kind=kind, data=head))
    whole_lines = head[: head.rfind(b"\n") + 1] or head
    if b"\x00" in head[:4096]:  # UTF-16: whole code units
        whole_lines = head[: len(head) - len(head) % 2]
    try:
        text = decode_bytes(whole_lines)[0]
    except (RawFileError, UnicodeDecodeError):
        return False
    return holds_many(RawText(path, text.replace("\r\n", "\n"), "", ""))


def limit_for(path: Path, head: bytes, size: int, settings: Settings) -> Limit:
    """The limit for a raw file of `size` bytes that starts with `head` (its first HEAD bytes)."""
    one = Limit(settings.max_raw_bytes)
    kind = sniff(path.name, head).name  # a gzip file by its name
    kind = "docx" if kind in ("zip", "ole") else kind  # a Word file's container is told once it is read
    many = dict(settings.max_export_bytes).get(kind)
    if many is None:
        return one
    found = _kind_holds_many(kind)
    if found is None:
        packed = head.startswith(GZIP_MAGIC)  # what it unpacks to is told by its format once read (pipeline._read)
        if size <= one.bytes and not packed:
            return one  # within either limit: no need to look
        found = packed or _head_holds_many(path, kind, head)
    advice = "split it into smaller exports (or raise NEWSDESK_MAX_EXPORT_BYTES)"
    return Limit(many, WHAT.get(kind, f"a {kind} file of many articles"), advice) if found else one


def read_limit(path: Path, settings: Settings) -> Limit:
    """The limit for the raw file at `path`, from its first bytes (GuardError when it cannot be read)."""
    head = guard.read_bytes(path, HEAD, head=True)
    return limit_for(path, head, path.stat().st_size, settings)
