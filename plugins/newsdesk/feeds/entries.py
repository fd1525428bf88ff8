"""Feed entries: what every reader is told about one article, built once per article per build.

An entry (content with absolute links, summary, credit, source) is shared by every feed that
lists the article, and each piece of it (the article's HTML, its outlet's address, its summary)
is worked out once and used both for the entry and for the digest that decides its `updated`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
from bs4 import BeautifulSoup
from pelican.utils import get_relative_path, path_to_url

from .spec import FeedMeta, absolute, xml_safe
from .state import FeedState, file_time

log = logging.getLogger("newsdesk")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Attributes that hold a URL, and the one that holds a list of them.
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "data")
SRCSET = "srcset"
# An attribute holding a URL with no scheme: only content with one is parsed and rewritten.
RELATIVE_URL = re.compile(r"""\s(?:href|src|srcset|poster|cite|data)\s*=\s*["']?(?![a-z][a-z0-9+.-]*:)""", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """What every reader is told about one article, with absolute URLs."""

    uid: str
    title: str
    url: str
    published: datetime
    updated: datetime
    content_html: str
    summary: str
    categories: tuple[tuple[str, str], ...]  # (slug, label)
    authors: tuple[str, ...]
    source_title: str | None
    source_url: str | None
    external_url: str | None
    language: str | None


def absolute_links(html: str, base: str) -> str:
    """Links and images in `html` made absolute against `base` (the article's own URL).

    Readers show content away from the site, where a relative `../images/x.jpg` leads nowhere.

    >>> absolute_links('<a href="../b.html">b</a> <img src="i.png"/>', "https://n.example/a/x.html")
    '<a href="https://n.example/b.html">b</a> <img src="https://n.example/a/i.png"/>'
    >>> absolute_links('<img srcset="i.png 1x, /j.png 2x"/>', "https://n.example/a/x.html")
    '<img srcset="https://n.example/a/i.png 1x, https://n.example/j.png 2x"/>'
    """
    if not re.match(r"^https?://", base) or not RELATIVE_URL.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for name in URL_ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and value.strip():
                tag[name] = urljoin(base, value.strip())
        if isinstance(tag.get(SRCSET), str):
            parts = []
            for candidate in tag[SRCSET].split(","):
                url, _, size = candidate.strip().partition(" ")
                parts.append(f"{urljoin(base, url)} {size.strip()}".strip())
            tag[SRCSET] = ", ".join(parts)
    return str(soup)


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for summaries (readers show them as text).

    >>> plain_text("<p>Russia &amp; Nato</p><p>broke <em>off</em></p>")
    'Russia & Nato broke off'
    """
    if not html or not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return " ".join(" ".join(root.itertext()).split())


@contextmanager
def as_on_its_page(article):
    """Within this block the article's body and summary have their links as on its own page.

    Pelican resolves links in a body against the page being rendered (the context's
    `localsiteurl`), so outside a page they depend on which page was rendered last. The
    feeds take them as the article's own page has them, independent of the order pages are
    rendered in and of which pages a build skips.
    """
    context, settings = article._context, article.settings
    own = path_to_url(get_relative_path(article.save_as)) if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")
    before = context.get("localsiteurl")
    context["localsiteurl"] = own
    try:
        yield
    finally:
        context["localsiteurl"] = before


def article_html(article) -> str:
    """The full story as readers show it: dateline, body, captions with their credit."""
    meta = article.metadata
    parts = []
    if meta.get("dateline"):
        parts.append(f"<p><strong>{escape(str(meta['dateline']))}</strong></p>")
    parts.append(article.content or "")
    captions = meta.get("captions") or []
    if captions:
        credit = f" ({escape(str(meta['credit']))})" if meta.get("credit") else ""
        items = "".join(f"<li>{escape(str(c))}{credit}</li>" for c in captions)
        parts.append(f"<p>Photo captions:</p><ul>{items}</ul>")
    return "\n".join(parts)


def credits(article, site_name: str) -> tuple[str, ...]:
    """Who to credit: the byline, else the agency credit, else the outlet."""
    meta = article.metadata
    names = [str(n) for n in meta.get("byline") or [] if str(n).strip()]
    if not names and meta.get("credit"):
        names = [str(meta["credit"])]
    if not names:
        names = [str(meta.get("source") or site_name)]
    return tuple(xml_safe(n) for n in names)


def source_link(article) -> str | None:
    """The outlet's address for Atom `<source>` and RSS `<source url>`; None when unknown."""
    meta = article.metadata
    if meta.get("source_url"):
        return str(meta["source_url"])
    if meta.get("source_domain"):
        return f"https://{meta['source_domain']}/"
    return None


@dataclass(frozen=True)
class Seen:
    """The parts of an article a reader sees, each worked out once."""

    html: str
    summary: str
    source_url: str | None

    @classmethod
    def of(cls, article) -> Seen:
        with as_on_its_page(article):
            return cls(article_html(article), article.metadata.get("summary") or article.summary, source_link(article))


def digest(article, uid: str, seen: Seen) -> str:
    """A hash of what a reader sees of an article, independent of SITEURL.

    It decides whether an entry's `updated` moves: only when this changes.
    """
    meta = article.metadata
    data = {
        "uid": uid,
        "title": article.title,
        "url": article.url,
        "date": article.date.isoformat(),
        "content": seen.html,
        "summary": seen.summary,
        "topics": [t.name for t in getattr(article, "tags", [])],
        "credit": [meta.get("byline"), meta.get("credit")],
        "source": [meta.get("source"), seen.source_url, meta.get("original_url")],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def make_entry(article, uid: str, updated: datetime, meta: FeedMeta, site_name: str, seen: Seen) -> Entry:
    url = absolute(meta.siteurl, article.url)
    return Entry(
        uid=uid,
        title=xml_safe(article.title),
        url=url,
        published=article.date,
        updated=max(updated, article.date),
        content_html=xml_safe(absolute_links(seen.html, url)),
        summary=xml_safe(plain_text(seen.summary)),
        categories=tuple((t.slug, xml_safe(t.name)) for t in getattr(article, "tags", [])),
        authors=credits(article, site_name),
        source_title=xml_safe(article.metadata.get("source")) or None,
        source_url=seen.source_url,
        external_url=article.metadata.get("original_url") or None,
        language=article.metadata.get("language") or None,
    )


def article_uid(article) -> str:
    """The front matter `uid`; an article written by hand without one gets one from its file name."""
    uid = article.metadata.get("uid")
    if uid:
        return str(uid)
    name = Path(article.source_path or article.slug).name
    fallback = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'newsdesk:' + name)}"
    log.warning(
        "%s: no `uid` in the front matter; its feed id is %s. Add `uid: %s` to keep it.", article.source_path, fallback, fallback
    )
    return fallback


def entries_for(articles: list, site_name: str, meta: FeedMeta, state: FeedState) -> dict[int, Entry]:
    """One entry per article (keyed by id(article)); a uid used twice keeps its first article."""
    out: dict[int, Entry] = {}
    owners: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: (a.date, str(a.source_path))):
        uid = article_uid(article)
        if uid in owners:
            log.warning(
                "%s: uid %s is already used by %s; left out of the feeds. Give it its own uid.",
                article.source_path,
                uid,
                owners[uid],
            )
            continue
        owners[uid] = str(article.source_path)
        seen = Seen.of(article)
        modified = getattr(article, "modified", None) if article.metadata.get("modified") else None  # tz-aware, as `date`
        changed_at = file_time(article.source_path)
        when = state.updated(uid, digest(article, uid, seen), article.date, changed_at, modified if modified else None)
        out[id(article)] = make_entry(article, uid, when, meta, site_name, seen)
    return out


def newest_first(entries: list[Entry], limit: int) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.published, e.uid), reverse=True)[:limit]


def feed_updated(entries: list[Entry]) -> datetime:
    """The newest entry's `updated`: the feed changes when and only when an entry does."""
    return max((e.updated for e in entries), default=EPOCH)
