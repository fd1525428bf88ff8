"""Stage 1a: what kind of file a raw file is (text, web page, PDF, Word, image...), from its
bytes first and its name second, so a file is never read as the wrong thing.

Every file in the raw folder gets a kind; a kind no format reads is named with what to do,
never silently ignored. The kinds are data (`rules/kinds.yaml`).
"""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import olefile
import yaml

RULES = Path(__file__).with_name("rules") / "kinds.yaml"
GZIP_MAGIC = b"\x1f\x8b"
# Markup at the start of a text file (after a BOM and blank space) that makes it a page or XML.
HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s{0,512}(?:<!--.{0,2000}?-->\s{0,512})?<(?:!doctype\s+html|html[\s>])", re.I | re.S
)
XML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s{0,512}<\?xml\s", re.I)
MIME_START = re.compile(rb"\A(?:[\w-]{1,64}:[^\n]{0,2000}\r?\n(?:[ \t][^\n]{0,2000}\r?\n){0,20}){1,60}", re.I)


@dataclass(frozen=True)
class Kind:
    """A kind of file: its name, how to say what it is, and what to do when it is not read."""

    name: str
    what: str
    advice: str
    magic: tuple[bytes, ...] = ()
    suffixes: tuple[str, ...] = ()
    read: bool = False

    def refusal(self) -> str:
        """The skip message for a file of this kind that no format reads."""
        return f"is {self.what}: {self.advice}" if self.advice else f"is {self.what}"


@cache
def kinds() -> tuple[Kind, ...]:
    entries = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return tuple(
        Kind(
            name=e["name"],
            what=e["what"],
            advice=e.get("advice") or "",
            magic=tuple(m.encode("latin-1") for m in e.get("magic", ())),
            suffixes=tuple(e.get("suffixes", ())),
            read=bool(e.get("read")),
        )
        for e in entries
    )


def kind_named(name: str) -> Kind:
    return next(k for k in kinds() if k.name == name)


def unpack_gzip(data: bytes, limit: int) -> bytes:
    """The content of a gzip file, refusing more than `limit` bytes (a gzip bomb costs nothing)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        out = handle.read(limit + 1)
    if len(out) > limit:
        raise ValueError(f"unpacks to over {limit // 1048576} MB")
    return out


def _suffix(name: str) -> str:
    name = name.lower().removesuffix(".gz")
    return Path(name).suffix if "." in name.lstrip(".") else ""


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:2000])
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip"
    return "docx" if "word/document.xml" in names else "zip"


def ole_kind(data: bytes, suffix: str = ".docx") -> str:
    """An OLE compound file's kind: one whose directory holds an EncryptedPackage (or
    EncryptionInfo) stream is a password-protected .docx/.xlsx/.pptx, any other an old Office file."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            names = {entry[-1] for entry in ole.listdir(streams=True, storages=False)}
    except Exception:  # olefile raises many kinds of error on a damaged file: it is then just an old Office file
        return "ole"
    if not names & {"EncryptedPackage", "EncryptionInfo"}:
        return "ole"
    return "encrypted-word" if suffix in (".docx", ".docm", ".doc", "") else "encrypted-office"


def _looks_like_message(data: bytes, suffix: str) -> str | None:
    head = data[:65536]
    if not MIME_START.match(head):
        return None
    lower = head.lower()
    if b"multipart/related" in lower or suffix in (".mht", ".mhtml"):
        return "mhtml"
    if b"\nsubject:" in lower or lower.startswith(b"subject:") or b"\nfrom:" in lower or lower.startswith(b"from:"):
        return "eml"
    return None


def sniff(name: str, data: bytes) -> Kind:
    """The kind of a file from its bytes (gzip already unpacked) and then its name.

    >>> sniff("x.txt", b"%PDF-1.7").name, sniff("page.htm", b"<p>hi").name, sniff("a.txt", b"Hello").name
    ('pdf', 'html', 'text')
    >>> sniff("notes.json", b"{}").name, sniff("scan.jpg", b"\\xff\\xd8\\xff\\xe0").name
    ('data', 'jpeg')
    """
    suffix = _suffix(name)
    for kind in kinds():
        if any(data.startswith(m) for m in kind.magic):
            if kind.name == "ole":
                return kind_named(ole_kind(data, suffix))
            return kind_named(_zip_kind(data)) if kind.name == "zip" else kind
    if suffix == ".docx":
        return kind_named("zip")  # a .docx that is not a ZIP archive is not a Word file
    if HTML_START.match(data[:8192]):
        return kind_named("html")
    if XML_START.match(data[:4096]):
        return kind_named("xml")
    if message := _looks_like_message(data, suffix):
        return kind_named(message)
    for kind in kinds():
        if suffix in kind.suffixes and not kind.magic:
            return kind
    return kind_named("text") if suffix in kind_named("text").suffixes else _unknown(suffix)


def _unknown(suffix: str) -> Kind:
    return Kind(
        name="unknown",
        what=f"a {suffix} file Newsdesk does not read",
        advice="rename it `.txt` if it is a news text, or move it out of the raw folder",
    )
