"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the same entries as Atom and RSS.

Plain JSON with keys in a fixed order, so a build with no change writes the same bytes.
"""

from __future__ import annotations

import json

from .entries import Entry
from .spec import FeedMeta, FeedSpec, absolute

VERSION = "https://jsonfeed.org/version/1.1"


def _item(entry: Entry) -> dict:
    item = {
        "id": entry.uid,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": name} for name in entry.authors],
        "tags": [label for _, label in entry.categories],
    }
    if entry.external_url:
        item["external_url"] = entry.external_url
    if entry.language:
        item["language"] = entry.language
    if entry.source_title:
        # Extensions start with "_" (spec, "Extensions"); this one credits the outlet.
        item["_source"] = {"title": entry.source_title, "url": entry.source_url}
    return item


def json_bytes(spec: FeedSpec, entries: list[Entry], meta: FeedMeta) -> bytes:
    feed = {
        "version": VERSION,
        "title": spec.title,
        "home_page_url": absolute(meta.siteurl, spec.page_url),
        "feed_url": absolute(meta.siteurl, spec.json_path),
        "description": spec.subtitle,
        "authors": [{"name": meta.author}],
        "language": meta.language,
    }
    if meta.logo:
        feed["icon"] = absolute(meta.siteurl, meta.logo)
    if meta.icon:
        feed["favicon"] = absolute(meta.siteurl, meta.icon)
    feed["items"] = [_item(e) for e in entries]
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
