"""Writing every feed of the build, and the build's feed report.

Entries are made once per article and shared by every feed; each feed is rendered once per
format; only files whose bytes change are written; the state is saved last.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from .. import storycompare
from ..settings import setting
from . import atom_rss, jsonfeed, opml
from .entries import EPOCH, entries_for, feed_updated, newest_first
from .index import FeedIndex
from .spec import feed_meta
from .state import FeedChange, FeedState

log = logging.getLogger("newsdesk")
REPORT_LINES = 12  # feeds named one by one in the build report; the rest are counted


def state_path(settings: dict) -> Path:
    return Path(settings["PATH"]) / setting(settings, "NEWSDESK_FEED_STATE_FILE")


@dataclass(frozen=True)
class FeedReport:
    feeds: int
    files_written: int
    changes: tuple[FeedChange, ...]

    def lines(self) -> list[str]:
        changed = [c for c in self.changes if c]
        out = [f"{c.key}: {c.added} added, {c.changed} changed, {c.removed} removed" for c in changed[:REPORT_LINES]]
        if len(changed) > REPORT_LINES:
            out.append(f"... and {len(changed) - REPORT_LINES} more feeds changed")
        added, edited, removed = (sum(getattr(c, n) for c in self.changes) for n in ("added", "changed", "removed"))
        out.append(
            f"newsdesk feeds: {self.feeds} feeds, {self.files_written} files written; "
            f"entries {added} added, {edited} changed, {removed} removed"
        )
        return out


def load_state(settings: dict) -> FeedState:
    try:
        return FeedState.load(state_path(settings))
    except ValueError as exc:
        log.error("%s", exc)
        return FeedState(state_path(settings))


class Output(Protocol):
    """Where feeds go: the site's output record (site/output.py), or anything that acts like it."""

    def write(self, rel: str, data: bytes) -> bool: ...  # False when the file already holds `data`
    def still_there(self, name: str, key: str) -> bool: ...  # made from `key` last build, files intact
    def page_written(self, name: str, key: str | None, files: list[str]) -> None: ...


def feed_key(generation: str, spec, items: list, meta) -> str:
    """A digest of everything a feed's files are made from (with the code's digest): same key, same bytes."""
    data = [generation, asdict(spec), [asdict(e) for e in items], asdict(meta)]
    # Dates as text: a date read back from the state and one from an article print alike.
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode("utf-8")).hexdigest()


def write_all(
    index: FeedIndex, planned: list, settings: dict, out: Output, generation: str = "", comparisons: dict | None = None
) -> FeedReport:
    """Write every feed and the state; report what changed.

    `comparisons` (story feed key -> storycompare.Comparison): a story feed's entries say what
    their outlet adds to the story and where outlets disagree.

    A feed made from the same entries by the same code (`generation`, a digest of the code
    and settings) as last build is not rendered again; a file is written only when its
    bytes change.
    """
    comparisons = comparisons or {}
    meta = feed_meta(settings)
    limit = int(setting(settings, "NEWSDESK_FEED_MAX_ITEMS"))
    state = load_state(settings)
    every = {id(a): a for _, members in planned for a in members}
    entries = entries_for(list(every.values()), settings.get("SITENAME", "Newsdesk"), meta, state)
    written, changes, newest = 0, [], EPOCH
    for spec, members in planned:
        listed = [a for a in members if id(a) in entries]
        compared = comparisons.get(spec.key)  # a story's: each entry says what its outlet adds (storycompare.py)
        chosen = [storycompare.feed_entry(entries[id(a)], a, compared) if compared else entries[id(a)] for a in listed]
        items = newest_first(chosen, limit)
        newest = max(newest, feed_updated(items))
        key = feed_key(generation, spec, items, meta)
        if not out.still_there(spec.key, key):
            files = [spec.atom_path, spec.rss_path, spec.json_path]
            for path, render in zip(files, (atom_rss.atom_bytes, atom_rss.rss_bytes, jsonfeed.json_bytes), strict=True):
                written += out.write(path, render(spec, items, meta))
            out.page_written(spec.key, key, files)
        changes.append(state.record_feed(spec.key, [e.uid for e in items]))
    specs = [spec for spec, _ in planned]
    written += out.write(index.opml, opml.opml_bytes(f"{index.site.title}: all feeds", specs, meta, newest))
    state.save()
    return FeedReport(len(specs), written, tuple(changes))
