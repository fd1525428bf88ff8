"""The Subscribe page: the list of every feed, put where the page says `<!-- newsdesk:feeds -->`."""

from __future__ import annotations

import posixpath
from html import escape

from .index import FORMATS, FeedIndex
from .spec import FeedSpec

PLACEHOLDER = "<!-- newsdesk:feeds -->"


def subscribe_html(index: FeedIndex, page_save_as: str) -> str:
    """The list of every feed for the Subscribe page, links relative to that page."""
    base = posixpath.dirname(page_save_as) or "."

    def rel(path: str) -> str:
        return posixpath.relpath(path, base)

    def row(spec: FeedSpec) -> str:
        formats = " · ".join(
            f'<a href="{escape(rel(getattr(spec, attr)))}" type="{media}">{name}</a>' for name, media, attr in FORMATS
        )
        return f"<li>{escape(spec.title)}: {formats}</li>"

    parts = [f'<p>All feeds at once, for importing into a reader: <a href="{escape(rel(index.opml))}">OPML list</a>.</p>']
    for label, specs in (
        ("Everything", [index.site]),
        ("Stories", list(index.stories.values())),
        ("Topics", list(index.topics.values())),
        ("Sources", list(index.sources.values())),
    ):
        if specs:
            parts.append(f'<h2>{label}</h2>\n<ul class="feeds">\n' + "\n".join(row(s) for s in specs) + "\n</ul>")
    return "\n".join(parts)


def fill_subscribe_pages(pages: list, index: FeedIndex) -> None:
    """Replace the placeholder in any page (the Subscribe page) with the list of every feed."""
    for page in pages:
        content = getattr(page, "_content", "") or ""
        if PLACEHOLDER in content:
            page._content = content.replace(PLACEHOLDER, subscribe_html(index, page.save_as))
