"""Feed entries and the Atom and RSS 2.0 files made from them with feedgen.

An entry is built once per article (content with absolute links, summary,
credit, source) and shared by every feed that lists the article. Builds are
reproducible: every date comes from the articles or the feed state (never
"now"), entries are appended newest first, and feedgen's defaults of "now"
are always overridden.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from urllib.parse import urljoin

import lxml.html
from bs4 import BeautifulSoup
from feedgen.feed import FeedGenerator

# XML 1.0 forbids these; lxml refuses them, so they are removed from every string.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GENERATOR = ("Newsdesk (feedgen)", "https://pypi.org/project/feedgen/")
# Attributes that hold a URL, and the one that holds a list of them.
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "data")
SRCSET = "srcset"
# An attribute holding a URL with no scheme: only content with one is parsed and rewritten.
RELATIVE_URL = re.compile(r"""\s(?:href|src|srcset|poster|cite|data)\s*=\s*["']?(?![a-z][a-z0-9+.-]*:)""", re.IGNORECASE)


def xml_safe(text: str | None) -> str:
    """Text without the characters XML 1.0 cannot carry.

    >>> xml_safe("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return XML_ILLEGAL.sub("", text or "")


@dataclass(frozen=True)
class FeedSpec:
    """One feed: what it is about and where its files go (`key` is the path without extension)."""

    key: str
    kind: str  # site, story, topic, source
    title: str
    subtitle: str
    page_url: str  # the HTML page this feed follows

    @property
    def atom_path(self) -> str:
        return f"{self.key}.atom.xml"

    @property
    def rss_path(self) -> str:
        return f"{self.key}.rss.xml"

    @property
    def json_path(self) -> str:
        return f"{self.key}.json"


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


@dataclass(frozen=True)
class FeedMeta:
    """Feed-level values that come from the settings, the same for every feed of a site."""

    siteurl: str
    language: str
    author: str
    icon: str | None
    logo: str | None
    category_scheme: str


def absolute(siteurl: str, url: str) -> str:
    """`url` under `siteurl` unless it already has a scheme.

    >>> absolute("https://n.example", "feeds/all.atom.xml")
    'https://n.example/feeds/all.atom.xml'
    >>> absolute("", "/feeds/all.atom.xml")
    '/feeds/all.atom.xml'
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    if not siteurl:
        return url if url.startswith("/") else f"/{url}"
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


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


def digest(article, uid: str) -> str:
    """A hash of what a reader sees of an article, independent of SITEURL.

    It decides whether an entry's `updated` moves: only when this changes.
    """
    meta = article.metadata
    seen = {
        "uid": uid,
        "title": article.title,
        "url": article.url,
        "date": article.date.isoformat(),
        "content": article_html(article),
        "summary": meta.get("summary") or article.summary,
        "topics": [t.name for t in getattr(article, "tags", [])],
        "credit": [meta.get("byline"), meta.get("credit")],
        "source": [meta.get("source"), source_link(article), meta.get("original_url")],
    }
    return hashlib.sha256(json.dumps(seen, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def make_entry(article, uid: str, updated: datetime, meta: FeedMeta, site_name: str) -> Entry:
    url = absolute(meta.siteurl, article.url)
    summary_html = article.metadata.get("summary") or article.summary
    return Entry(
        uid=uid,
        title=xml_safe(article.title),
        url=url,
        published=article.date,
        updated=max(updated, article.date),
        content_html=xml_safe(absolute_links(article_html(article), url)),
        summary=xml_safe(plain_text(summary_html)),
        categories=tuple((t.slug, xml_safe(t.name)) for t in getattr(article, "tags", [])),
        authors=credits(article, site_name),
        source_title=xml_safe(article.metadata.get("source")) or None,
        source_url=source_link(article),
        external_url=article.metadata.get("original_url") or None,
        language=article.metadata.get("language") or None,
    )


def newest_first(entries: list[Entry], limit: int) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.published, e.uid), reverse=True)[:limit]


def feed_updated(entries: list[Entry]) -> datetime:
    """The newest entry's `updated`: the feed changes when and only when an entry does."""
    return max((e.updated for e in entries), default=EPOCH)


def _feed(spec: FeedSpec, entries: list[Entry], meta: FeedMeta, self_path: str, self_type: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(absolute(meta.siteurl, spec.atom_path))
    fg.title(xml_safe(spec.title))
    fg.subtitle(xml_safe(spec.subtitle))
    fg.author({"name": xml_safe(meta.author)})
    # feedgen takes the RSS <link> from the last link given: the alternate goes last.
    fg.link(href=absolute(meta.siteurl, self_path), rel="self", type=self_type)
    fg.link(href=absolute(meta.siteurl, spec.page_url), rel="alternate", type="text/html")
    fg.language(meta.language)
    fg.generator(GENERATOR[0], uri=GENERATOR[1])
    if meta.icon:
        fg.icon(absolute(meta.siteurl, meta.icon))
    if meta.logo:
        fg.logo(absolute(meta.siteurl, meta.logo))
    updated = feed_updated(entries)
    fg.updated(updated)
    fg.lastBuildDate(updated)
    if entries:
        fg.pubDate(max(e.published for e in entries))
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.uid)
        fe.guid(entry.uid, permalink=False)
        fe.title(entry.title)
        fe.link(href=entry.url, rel="alternate", type="text/html")
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.content(entry.content_html, type="html")
        # Text, escaped: RSS readers take <description> as HTML, so markup in a raw text stays text.
        fe.summary(escape(entry.summary or entry.title, quote=False), type="html")
        for slug, label in entry.categories:
            fe.category(term=slug, label=label, scheme=meta.category_scheme)
        fe.author([{"name": name} for name in entry.authors])
        fe.dc.dc_creator(list(entry.authors))
        if entry.source_title and entry.source_url:
            fe.source(url=entry.source_url, title=entry.source_title)
    return fg


def atom_bytes(spec: FeedSpec, entries: list[Entry], meta: FeedMeta) -> bytes:
    return _feed(spec, entries, meta, spec.atom_path, "application/atom+xml").atom_str(pretty=True)


def rss_bytes(spec: FeedSpec, entries: list[Entry], meta: FeedMeta) -> bytes:
    return _feed(spec, entries, meta, spec.rss_path, "application/rss+xml").rss_str(pretty=True)
