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

from . import guard
from .names import FEED_STATE
from .runreport import Report
from .store import write_atomic

CACHE = ".newsdesk-ingest.json"
# Written by the build after ingest (feeds) or by ingest's lock: not inputs of ingest.
IGNORED = {CACHE, FEED_STATE, ".newsdesk.lock", ".newsdesk-memo.json"}
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The plugin's own code and rules: a new version ingests everything again."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml") and path.is_file():
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _file_digest(path: Path, max_bytes: int, seen: dict | None = None) -> bytes:
    """A file's bytes as a digest; a file ingest refuses unread (too big, a device, a FIFO, a link
    to /dev/zero) by its stat alone, so digesting never blocks or reads without end. `seen`
    gets the SHA-256 of each file read (the ingest memo's keys: no second read)."""
    try:
        stat = path.stat()
        if stat.st_size > max_bytes or not path.is_file():
            return f"unread:{stat.st_mode}:{stat.st_size}:{stat.st_mtime_ns}".encode()
        digest = hashlib.sha256(guard.read_bytes(path, max_bytes)).digest()
    except (OSError, guard.GuardError) as exc:
        return f"unreadable:{getattr(exc, 'errno', exc)}".encode()
    if seen is not None:
        seen[path] = digest.hex()
    return digest


def _digest(settings, folders, *, extra: bool, seen: dict | None = None) -> str:
    h = hashlib.sha256()
    max_bytes = max([settings.max_raw_bytes, *dict(settings.max_export_bytes).values()])  # the most any raw file may have

    def add(label: str, data: bytes) -> None:
        h.update(label.encode("utf-8", "surrogateescape") + b"\0" + data + b"\1")

    if extra:
        add("code", code_digest().encode())
        add("settings", repr(settings).encode("utf-8", "surrogateescape"))
    for folder in folders:
        if folder is None or not folder.is_dir():
            add(f"missing:{folder}", b"")
            continue
        files, too_deep = guard.walk_files(folder)
        for path in too_deep:
            add(f"too deep:{path}", b"")
        for path in files:
            if path.name in IGNORED:
                continue
            link = os.readlink(path).encode("utf-8", "surrogateescape") if path.is_symlink() else b""
            add(f"{folder}:{path.relative_to(folder).as_posix()}", link + _file_digest(path, max_bytes, seen))
    if extra and settings.topics_file is not None:
        add("topics", _file_digest(settings.topics_file, max_bytes))
    if extra and getattr(settings, "stories_file", None) is not None:
        add("stories", _file_digest(settings.stories_file, max_bytes))  # its merges and splits regroup
    return h.hexdigest()


def inputs_digest(settings, seen: dict | None = None) -> str:
    """Everything ingest reads but its own articles: code, settings, raw texts, profiles, vocabulary
    (`seen`: path -> SHA-256 of each file read)."""
    return _digest(settings, (settings.raw_dir, settings.sources_dir), extra=True, seen=seen)


def context_digest(settings) -> str:
    """What every raw text's result depends on besides itself: code, settings, profiles, vocabulary."""
    return _digest(settings, (settings.sources_dir,), extra=True)


def combined(inputs: str, settings) -> str:
    """The inputs' digest with the articles as they are now on disk (editors' changes count)."""
    return hashlib.sha256(f"{inputs}:{_digest(settings, (settings.articles_dir,), extra=False)}".encode()).hexdigest()


def load(folder: Path) -> dict | None:
    """The last run's record, or None when there is none or it is not of the shape `save` writes."""
    try:
        data = guard.load_json(folder / CACHE)
    except (OSError, guard.GuardError):
        return None
    if not (isinstance(data, dict) and data.get("version") == 1 and isinstance(data.get("digest"), str)):
        return None
    pair = lambda x: isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x)  # noqa: E731
    pairs = all(
        isinstance(data.get(k, []), list) and all(pair(x) for x in data.get(k, [])) for k in ("warnings", "skipped", "ignored")
    )
    names = all(isinstance(data.get(k), list) and all(isinstance(x, str) for x in data[k]) for k in ("unchanged", "kept"))
    return data if pairs and names else None


def save(folder: Path, digest: str, rep: Report) -> None:
    data = {
        "version": 1,
        "digest": digest,
        "unchanged": sorted([*rep.written, *rep.unchanged]),
        "kept": sorted(rep.kept),
        "warnings": [list(w) for w in rep.warnings if w not in rep.said_once],
        "skipped": [list(s) for s in rep.skipped],
        "ignored": [list(s) for s in rep.ignored],
        "notes": list(rep.notes),
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
    rep.notes = list(previous.get("notes", []))
    return rep
