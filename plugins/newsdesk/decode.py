"""Stage 1: bytes to text. Detect the encoding, repair mojibake, keep the words.

Raw files are opened read-only; what comes out is a `RawText` the later stages
can trust to be Unicode with normalised line ends.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import ftfy
import yaml
from charset_normalizer import from_bytes

from .records import RawText

SIDECAR_SUFFIXES = (".yaml", ".yml")
COLLECTION_FILE = "collection.yaml"  # facts for every raw text in its folder, e.g. `year: 1987`
RAW_SUFFIXES = (".txt", ".text")

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
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise RawFileError("is not text in any encoding Newsdesk can detect")
    return str(best), best.encoding


def repair(text: str) -> str:
    """Fix mojibake and line ends; leave the source's spelling alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ftfy.fix_text(text, config=FTFY_CONFIG)


def _yaml_mapping(sidecar: Path) -> dict:
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RawFileError(f"sidecar {sidecar.name} is not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RawFileError(f"sidecar {sidecar.name} must be a mapping of field: value")
    if "year" in data:
        data["year_from"] = sidecar.name
    return data


def read_sidecar(path: Path) -> dict:
    """Fields an editor set for a raw file in `<raw name>.yaml` beside it, over the folder's
    `collection.yaml` (facts shared by a whole delivery, such as the year wire copy omits)."""
    collection = path.parent / COLLECTION_FILE
    shared = _yaml_mapping(collection) if collection.is_file() else {}
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.is_file():
            return shared | _yaml_mapping(sidecar)
    return shared


def read_raw(path: Path) -> RawText:
    """Read one raw file without modifying it."""
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RawFileError("looks binary (NUL bytes): save it as plain text first")
    text, encoding = decode_bytes(data)
    return RawText(
        path=path,
        text=repair(text),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        sidecar=read_sidecar(path),
    )


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Raw texts in a folder, in a stable order, sidecars left out."""
    return sorted(
        p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() in RAW_SUFFIXES and not p.name.startswith(".")
    )
