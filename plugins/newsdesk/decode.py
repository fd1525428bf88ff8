"""Stage 1: bytes to text. Detect the encoding, repair mojibake, keep the words.

Raw files are opened read-only; what comes out is a `RawText` the later stages
can trust to be Unicode with normalised line ends.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes

from . import guard
from .kinds import GZIP_MAGIC, sniff, unpack_gzip
from .records import RawText
from .settings import DEFAULTS

SIDECAR_SUFFIXES = (".yaml", ".yml")
COLLECTION_FILE = "collection.yaml"  # facts for every raw text in its folder, e.g. `year: 1987`

# One raw text is one page or one article: a few hundred kB at most. A bigger file is
# refused before it is read (so a stray 50 MB dump costs neither memory nor time), unless
# its start says it holds many articles (limits.py).
MAX_RAW_BYTES = int(DEFAULTS["NEWSDESK_MAX_RAW_BYTES"])

# MS-DOS code pages fit short Western texts as well as Windows ones do, but no raw text
# of this century is in one: leaving them out stops cp1252 being read as cp775.
DOS_CODE_PAGES = ("cp437", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860",
                  "cp861", "cp862", "cp863", "cp864", "cp865", "cp866", "cp869", "cp875")  # fmt: skip
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control characters (C0 but tab and line ends, DEL, C1) have no place in a news text; ftfy maps
# the C1 ones that are cp1252 punctuation first, the rest are removed.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# Typographic quotes, dashes and non-breaking spaces are the source's own: keep them.
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=True,
    normalization="NFC",
    explain=False,
)


class RawFileError(ValueError):
    """A raw file that cannot become text; the message says which and why."""


@dataclass(frozen=True)
class Limit:
    """The most bytes one raw file may have (limits.py says which), and how a refusal names it."""

    bytes: int
    what: str = "one raw text"
    advice: str = "split it into one file per article or page (or raise NEWSDESK_MAX_RAW_BYTES)"

    def refusal(self, size: int) -> str:
        return f"is {_amount(size, 1)}, over the {_amount(self.bytes, 0)} limit for {self.what}: {self.advice}"


def _amount(size: int, digits: int) -> str:
    """Bytes in MB ("50.0 MB"), or in kB below a megabyte."""
    return f"{size / 1048576:.{digits}f} MB" if size >= 1048576 else f"{size / 1024:.{digits}f} kB"


def sniff_binary(data: bytes) -> str | None:
    """What a file of kind text is when it is binary after all (NUL bytes), else None.

    >>> sniff_binary(b"ab\\x00cd\\x00\\x00\\x00\\x00\\x00")[:11]
    'binary data'
    >>> sniff_binary("Caf\u00e9".encode("utf-16-le")) is None
    True
    """
    if b"\x00" in data[:65536] and utf16_without_bom(data) is None and not data.startswith(BOMS):
        return "binary data (NUL bytes), not text: save it as plain text first"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text that lost its BOM.

    ASCII characters (Latin letters, or the spaces and digits of any script) leave a NUL in
    every other byte, always on the same side, and the text decodes without control characters.
    """
    head = data[:65536]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for name, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.02 * len(zeros) and other.count(0) <= 0.01 * len(other):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None
            return name if len(CONTROL.findall(text)) <= 0.01 * len(text) else None
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of a raw file."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    utf16 = utf16_without_bom(data) if b"\x00" in data[:65536] else None  # no UTF-8 text has NULs
    if utf16:
        return data.decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_exclusion=list(DOS_CODE_PAGES)).best()
    if best is None:
        raise RawFileError("is not text in any encoding Newsdesk can detect")
    return str(best), best.encoding


def repair(text: str) -> str:
    """Fix mojibake and line ends; leave the source's spelling alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return CONTROL.sub("", ftfy.fix_text(text, config=FTFY_CONFIG))


def _yaml_mapping(sidecar: Path) -> dict:
    """A sidecar's fields as written, through the guard (bounded YAML, size limit)."""
    try:
        data = guard.load_yaml(sidecar)
    except guard.GuardError as exc:
        raise RawFileError(f"sidecar {sidecar.name} {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RawFileError(f"sidecar {sidecar.name} must be a mapping of field: value")
    data = {str(k): v for k, v in data.items()}
    if "year" in data:
        data["year_from"] = sidecar.name
    return data


def _checked(path: Path) -> tuple[dict, tuple[tuple[str, str], ...]]:
    """A sidecar's fields that pass the sidecar schema, and (file, message) for each one that does not."""
    clean, problems = guard.check_mapping(_yaml_mapping(path), "sidecar", str(path))
    return clean, tuple((p.path, str(p)) for p in problems)


@lru_cache(maxsize=64)
def _collection(path: Path, _stamp: tuple):
    """A folder's collection.yaml, read once per version of the file (not once per raw text)."""
    try:
        return _checked(path)
    except RawFileError as exc:
        return exc


def read_sidecar(path: Path) -> tuple[dict, tuple[tuple[str, str], ...]]:
    """Fields an editor set for a raw file in `<raw name>.yaml` beside it, over the folder's
    `collection.yaml` (facts shared by a whole delivery, such as the year wire copy omits);
    and what was wrong in them (those fields are left out)."""
    collection = path.parent / COLLECTION_FILE
    try:
        info = collection.stat()
        shared = _collection(collection, (info.st_mtime_ns, info.st_size, info.st_ino))
    except OSError:
        shared = {}, ()
    if isinstance(shared, RawFileError):
        raise shared
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.is_file():
            own, problems = _checked(sidecar)
            return shared[0] | own, shared[1] + problems
    return dict(shared[0]), shared[1]


def read_raw(path: Path, limit: Limit | int = MAX_RAW_BYTES) -> RawText:
    """Read one raw file without modifying it; refuse what is too big, binary or empty.

    A text file becomes Unicode text; a file of another kind a format reads (a web page, a
    PDF, a Word file) keeps its bytes for that format, gzip unpacked.
    """
    limit = limit if isinstance(limit, Limit) else Limit(limit)
    size = path.stat().st_size
    if size > limit.bytes:
        raise RawFileError(limit.refusal(size))
    try:
        data = guard.read_bytes(path, limit.bytes)
    except guard.GuardError as exc:
        raise RawFileError(str(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(GZIP_MAGIC):
        try:
            data = unpack_gzip(data, limit.bytes)
        except (OSError, EOFError, ValueError) as exc:
            raise RawFileError(f"is a gzip file that cannot be unpacked ({exc}): unpack it by hand or replace it") from exc
    kind = sniff(path.name, data)
    if not kind.read:
        raise RawFileError(kind.refusal())
    if not data.strip():
        raise RawFileError("is empty (or only blank space): nothing to publish. Fill it or delete it")
    if kind.name != "text":
        sidecar, problems = read_sidecar(path)
        return RawText(
            path=path, text="", encoding="binary", sha256=digest, sidecar=sidecar, sidecar_problems=problems,
            kind=kind.name, data=data,
        )  # fmt: skip
    what = sniff_binary(data)
    if what:
        raise RawFileError(f"is {what}")
    text, encoding = decode_bytes(data)
    if len(CONTROL.findall(text)) > 0.1 * len(text):
        raise RawFileError("is mostly control characters, not text: save it as plain text first")
    text = repair(text)
    if not text.strip():
        raise RawFileError("is empty (or only blank space): nothing to publish. Fill it or delete it")
    sidecar, problems = read_sidecar(path)
    return RawText(path=path, text=text, encoding=encoding, sha256=digest, sidecar=sidecar, sidecar_problems=problems)
