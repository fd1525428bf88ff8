"""What the feeds said last build: per entry a digest and its `updated`, per feed its entries.

Readers show an entry as new or changed when its `updated` moves, so it must
move only when what they see changes, and builds must not use "now". The state
file keeps, per uid, the digest of the entry and the time it last changed (the
article file's modification time when the change was seen). A build with no
change finds every digest equal and writes the same bytes as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import guard
from ..store import write_atomic


@dataclass(frozen=True)
class FeedChange:
    """Entries added, changed and removed in one feed since the last build."""

    key: str
    added: int
    changed: int
    removed: int

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass
class FeedState:
    """The state file's content; `changed` collects the uids whose digest moved this build."""

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)
    feeds: dict[str, list[str]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> FeedState:
        afresh = "it is started afresh, so every entry's `updated` falls back to its published date this once"
        try:
            data = guard.load_json(path)
        except FileNotFoundError:
            return cls(path)
        except guard.GuardError as exc:
            raise ValueError(f"{path}: unreadable feed state ({exc}); {afresh}") from exc
        entries = data.get("entries", {}) if isinstance(data, dict) else None
        feeds = data.get("feeds", {}) if isinstance(data, dict) else None
        if not isinstance(entries, dict) or not isinstance(feeds, dict):
            raise ValueError(f"{path}: not a feed state (`entries` and `feeds` mappings); {afresh}")
        entries = {k: v for k, v in entries.items() if isinstance(v, dict) and _valid_time(v.get("updated"))}
        feeds = {k: [u for u in v if isinstance(u, str)] for k, v in feeds.items() if isinstance(v, list)}
        return cls(path, entries, feeds)

    def updated(self, uid: str, digest: str, published: datetime, changed_at: datetime, modified=None) -> datetime:
        """When the entry last changed: an editor's `modified`, else the recorded time, moved on a new digest."""
        record = self.entries.get(uid)
        if not isinstance(record, dict) or not isinstance(record.get("updated"), str):
            record = None
        if modified is not None:
            when = max(modified, published)
        elif record is None:
            when = published
        elif record.get("digest") == digest:
            when = datetime.fromisoformat(record["updated"])
        else:
            when = max(published, changed_at, datetime.fromisoformat(record["updated"]))
        if record is not None and record.get("digest") != digest:
            self.changed.add(uid)
        when = when.astimezone(UTC)
        self.entries[uid] = {"digest": digest, "updated": when.isoformat()}
        return when

    def record_feed(self, key: str, uids: list[str]) -> FeedChange:
        before = self.feeds.get(key, [])
        self.feeds[key] = list(uids)
        old, new = set(before), set(uids)
        return FeedChange(key, len(new - old), len(new & old & self.changed), len(old - new))

    def save(self) -> bool:
        data = {"version": 1, "entries": dict(sorted(self.entries.items())), "feeds": dict(sorted(self.feeds.items()))}
        return write_atomic(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def _valid_time(value) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def file_time(path: str | None) -> datetime:
    """The modification time of an article file, to the second, in UTC."""
    try:
        return datetime.fromtimestamp(int(Path(path).stat().st_mtime), UTC)
    except (OSError, TypeError):
        return datetime(1970, 1, 1, tzinfo=UTC)
