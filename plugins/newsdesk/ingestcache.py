"""Skip a rebuild's ingest when nothing it reads has changed.

Ingest is deterministic: the same raw texts, sidecars, profiles, vocabulary, settings,
code and articles on disk give the same articles. So a digest of the inputs taken
before a run (a file arriving during it is seen by the next run) and of the articles
after it says whether the next run can be skipped; the warnings of the run it skips
are said again, so `STRICT=1` and the summary see the same build.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .names import FEED_STATE
from .runreport import Report
from .store import write_atomic

CACHE = ".newsdesk-ingest.json"
# Written by the build after ingest (feeds) or by ingest's lock: not inputs of ingest.
IGNORED = {CACHE, FEED_STATE, ".newsdesk.lock"}
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The plugin's own code and rules: a new version ingests everything again."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml") and path.is_file():
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _file_digest(path: Path, max_bytes: int) -> bytes:
    try:
        stat = path.stat()
        if stat.st_size > max_bytes:  # refused unread by ingest: its size and time are enough
            return f"big:{stat.st_size}:{stat.st_mtime_ns}".encode()
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()


def _digest(settings, folders, *, extra: bool) -> str:
    h = hashlib.sha256()
    max_bytes = settings.max_raw_bytes

    def add(label: str, data: bytes) -> None:
        h.update(label.encode("utf-8", "surrogateescape") + b"\0" + data + b"\1")

    if extra:
        add("code", code_digest().encode())
        add("settings", repr(settings).encode())
    for folder in folders:
        if folder is None or not folder.is_dir():
            add(f"missing:{folder}", b"")
            continue
        for path in sorted(folder.rglob("*")):
            if path.name in IGNORED or not (path.is_file() or path.is_symlink()):
                continue
            link = os.readlink(path).encode("utf-8", "surrogateescape") if path.is_symlink() else b""
            add(f"{folder}:{path.relative_to(folder).as_posix()}", link + _file_digest(path, max_bytes))
    if extra and settings.topics_file is not None:
        add("topics", _file_digest(settings.topics_file, max_bytes))
    return h.hexdigest()


def inputs_digest(settings) -> str:
    """Everything ingest reads but its own articles: code, settings, raw texts, profiles, vocabulary."""
    return _digest(settings, (settings.raw_dir, settings.sources_dir), extra=True)


def combined(inputs: str, settings) -> str:
    """The inputs' digest with the articles as they are now on disk (editors' changes count)."""
    return hashlib.sha256(f"{inputs}:{_digest(settings, (settings.articles_dir,), extra=False)}".encode()).hexdigest()


def load(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == 1 else None


def save(folder: Path, digest: str, rep: Report) -> None:
    data = {
        "version": 1,
        "digest": digest,
        "unchanged": sorted([*rep.written, *rep.unchanged]),
        "kept": sorted(rep.kept),
        "warnings": [list(w) for w in rep.warnings if w not in rep.said_once],
        "skipped": [list(s) for s in rep.skipped],
        "ignored": [list(s) for s in rep.ignored],
    }
    write_atomic(folder / CACHE, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def replay(previous: dict) -> Report:
    """The report of a run that nothing has changed since: its messages are said again."""
    rep = Report(unchanged=list(previous["unchanged"]), kept=list(previous["kept"]), cached=True)
    for where, message in previous["warnings"]:
        rep.warn(where, message)
    for where, message in previous["skipped"]:
        rep.skip(where, message)
    for where, message in previous.get("ignored", []):
        rep.ignore(where, message)
    return rep
