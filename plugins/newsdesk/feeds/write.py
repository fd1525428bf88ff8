"""Writing every feed of the build, and the build's feed report.

Entries are made once per article and shared by every feed; each feed is rendered once per
format; only files whose bytes change are written; the state is saved last.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .. import storycompare
from ..names import FEED_STATE
from ..store import write_atomic
from . import atom_rss, jsonfeed, opml
from .entries import EPOCH, entries_for, feed_updated, newest_first
from .index import FeedIndex
from .spec import feed_meta
from .state import FeedChange, FeedState

log = logging.getLogger("newsdesk")
REPORT_LINES = 12  # feeds named one by one in the build report; the rest are counted


def state_path(settings: dict) -> Path:
    articles = settings.get("NEWSDESK_ARTICLES_PATH", "articles")
    return Path(settings["PATH"]) / settings.get("NEWSDESK_FEED_STATE_FILE", f"{articles}/{FEED_STATE}")


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


def write_all(index: FeedIndex, planned: list, settings: dict, output: Path, comparisons: dict | None = None) -> FeedReport:
    """Write every feed file (only those whose bytes change) and the state; report what changed.

    `comparisons` (story feed key -> storycompare.Comparison): a story feed's entries say what
    their outlet adds to the story and where outlets disagree.
    """
    comparisons = comparisons or {}
    meta = feed_meta(settings)
    limit = int(settings.get("NEWSDESK_FEED_MAX_ITEMS", 50))
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
        for path, data in (
            (spec.atom_path, atom_rss.atom_bytes(spec, items, meta)),
            (spec.rss_path, atom_rss.rss_bytes(spec, items, meta)),
            (spec.json_path, jsonfeed.json_bytes(spec, items, meta)),
        ):
            written += write_atomic(output / path, data)
        changes.append(state.record_feed(spec.key, [e.uid for e in items]))
    specs = [spec for spec, _ in planned]
    written += write_atomic(output / index.opml, opml.opml_bytes(f"{index.site.title}: all feeds", specs, meta, newest))
    state.save()
    return FeedReport(len(specs), written, tuple(changes))
