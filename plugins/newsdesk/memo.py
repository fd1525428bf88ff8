"""Stages 1-5 remembered between builds: an unchanged raw text is not decoded, detected,
parsed or tagged again.

The all-or-nothing ingest cache (ingestcache.py) skips a build's ingest only when nothing
changed; one new raw text in a folder of 10,000 would otherwise clean all 10,000 again.
The per-text stages are deterministic functions of the file's bytes, its sidecar, the
code, the settings, the profiles and the vocabulary, so their results are kept here:

- a **read** (stages 1-2) by the file's name, bytes and sidecar: its decoded text and format;
- a **document** (stages 3-5) by its format, its texts (file, bytes, page, sidecar) and the
  context (code, settings, profiles, vocabulary, ids kept from old builds): its articles and
  messages.

The story pass and the writing run over every article each time (they need all of them).
Everything is kept in `content/articles/.newsdesk-memo.json`, JSON rather than pickle (the
content folder may come from elsewhere, and JSON runs no code when read), rewritten only
when it changed and holding only what the last build used. Deleting it costs one full
ingest; a file that cannot be read as a memo is a fresh start.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

from .records import Article, Markdown, Preformatted, RawText
from .store import write_atomic

MEMO = ".newsdesk-memo.json"
VERSION = 1
STR_TYPES = {"md": Markdown, "pre": Preformatted}
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def _encode(value):
    """A field value as JSON: tuples as lists, dates and the paragraph types tagged."""
    if isinstance(value, Markdown):
        return {"md": str(value)}
    if isinstance(value, Preformatted):
        return {"pre": str(value)}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, dict):
        ((tag, inner),) = value.items()
        return date.fromisoformat(inner) if tag == "date" else STR_TYPES[tag](inner)
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    return value


def article_to_json(article: Article) -> dict:
    return {name: _encode(getattr(article, name)) for name in ARTICLE_FIELDS}


def article_from_json(data: dict) -> Article:
    return Article(**{name: _decode(value) for name, value in data.items() if name in ARTICLE_FIELDS})


def _pairs(items) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in items)


def sidecar_key(sidecar: dict) -> str:
    return repr(sorted(sidecar.items(), key=str))


def read_key(path: Path, sha256: str, sidecar: dict, max_bytes: int, max_pdf_pages: int) -> str:
    return _digest("read", str(path), sha256, sidecar_key(sidecar), str(max_bytes), str(max_pdf_pages))


def document_key(context: str, format_name: str, group) -> str:
    members = [(str(r.path), r.sha256, r.part, r.kind, sidecar_key(r.sidecar)) for r in group]
    return _digest("document", context, format_name, repr(members))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class Memo:
    """What the last build's per-text stages found, and what this build uses or adds."""

    def __init__(self, folder: Path, context: str, digests: dict[Path, str] | None = None) -> None:
        self.path = folder / MEMO
        self.context = context
        self.digests = digests or {}  # path -> SHA-256 of the raw files this build already read
        self.before: dict[str, dict] = {}
        self.now: dict[str, dict] = {}
        self.made_before: dict[str, str] = {}  # article file -> what it was written from (store.publish)
        self.made: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == VERSION and data.get("context") == context:
                self.before = dict(data["entries"])
                self.made_before = {str(k): str(v) for k, v in dict(data.get("made", {})).items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or not one this code wrote: a fresh start

    def read(self, key: str, path: Path, sidecar: dict, problems) -> tuple | None:
        """(texts, warnings) of a read found before, rebuilt as stage 2 gave them; None if not found."""
        entry = self._use(key)
        if entry is None:
            return None
        raw = RawText(
            path=path, text=entry["text"], encoding=entry["encoding"], sha256=entry["sha256"], sidecar=sidecar,
            sidecar_problems=tuple(problems),
        )  # fmt: skip
        return ((raw, entry["format"]),), _pairs(entry["warnings"])

    def keep_read(self, key: str, raw: RawText, format_name: str, warnings) -> None:
        """A text file read into one text (what else a file gives is read again next time)."""
        self.now[key] = {
            "text": raw.text, "encoding": raw.encoding, "sha256": raw.sha256, "format": format_name,
            "warnings": [list(w) for w in warnings],
        }  # fmt: skip

    def document(self, key: str) -> tuple | None:
        """(articles, warnings, skipped) of a document parsed before; None if not found."""
        entry = self._use(key)
        if entry is None:
            return None
        articles = tuple(article_from_json(a) for a in entry["articles"])
        return articles, _pairs(entry["warnings"]), _pairs(entry["skipped"])

    def keep_document(self, key: str, articles, warnings, skipped) -> None:
        self.now[key] = {
            "articles": [article_to_json(a) for a in articles],
            "warnings": [list(w) for w in warnings],
            "skipped": [list(s) for s in skipped],
        }

    def _use(self, key: str) -> dict | None:
        entry = self.now.get(key) or self.before.get(key)
        if entry is not None:
            self.now[key] = entry
        return entry

    def save(self) -> None:
        """Only what this build used: entries of files gone or changed are dropped (the article
        files' `made` digests come from store.publish)."""
        if self.now == self.before and self.made == self.made_before:
            return
        data = {
            "version": VERSION, "context": self.context, "entries": dict(sorted(self.now.items())),
            "made": dict(sorted(self.made.items())),
        }  # fmt: skip
        write_atomic(self.path, json.dumps(data, separators=(",", ":")).encode("ascii"), durable=False)
