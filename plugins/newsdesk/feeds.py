"""Atom and RSS feeds with feedgen: the site's, each story's and each topic's.

Builds are reproducible: every date comes from the articles (never "now"),
entries are appended newest first, and a file is rewritten only when its
bytes change.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bs4 import BeautifulSoup
from feedgen.feed import FeedGenerator

from .store import write_atomic

# XML 1.0 forbids these; lxml refuses them, so they are removed from every string.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    return XML_ILLEGAL.sub("", text or "")


@dataclass(frozen=True)
class FeedSpec:
    """One feed: what it is about and where its files go (paths relative to output/)."""

    title: str
    subtitle: str
    atom_path: str
    rss_path: str
    page_url: str  # the HTML page this feed follows


def absolute(siteurl: str, url: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def _entry_updated(article) -> datetime:
    return getattr(article, "modified", None) or article.date


def build_feed(spec: FeedSpec, articles: list, settings: dict) -> FeedGenerator:
    """A FeedGenerator holding `articles` newest first, at most NEWSDESK_FEED_MAX_ITEMS."""
    siteurl = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    limit = settings.get("NEWSDESK_FEED_MAX_ITEMS", 50)
    items = sorted(articles, key=lambda a: (a.date, a.metadata.get("uid", "")), reverse=True)[:limit]

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(absolute(siteurl, spec.atom_path))
    fg.title(xml_safe(spec.title))
    fg.subtitle(xml_safe(spec.subtitle))
    fg.description(xml_safe(spec.subtitle))
    fg.author({"name": xml_safe(settings.get("AUTHOR") or settings.get("SITENAME"))})
    fg.link(href=absolute(siteurl, spec.page_url), rel="alternate", type="text/html")
    fg.link(href=absolute(siteurl, spec.atom_path), rel="self", type="application/atom+xml")
    fg.language(settings.get("DEFAULT_LANG", "en"))
    fg.generator("Newsdesk (feedgen)", uri="https://pypi.org/project/feedgen/")
    if items:
        newest = max(_entry_updated(a) for a in items)
        fg.updated(newest)
        fg.lastBuildDate(newest)
        fg.pubDate(max(a.date for a in items))
    else:
        epoch = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
        fg.updated(epoch)
        fg.lastBuildDate(epoch)

    for article in items:
        fe = fg.add_entry(order="append")
        fe.id(article.metadata.get("uid") or absolute(siteurl, article.url))
        fe.guid(article.metadata.get("uid") or absolute(siteurl, article.url), permalink=False)
        fe.title(xml_safe(article.title))
        fe.link(href=absolute(siteurl, article.url), rel="alternate", type="text/html")
        fe.published(article.date)
        fe.updated(_entry_updated(article))
        fe.content(xml_safe(article.content), type="html")
        # Plain text, escaped: RSS readers take <description> as HTML, so markup in a raw text stays text.
        fe.summary(xml_safe(html.escape(_plain(article.metadata.get("summary") or article.summary), quote=False)), type="html")
        for tag in getattr(article, "tags", []):
            fe.category(term=tag.slug, label=xml_safe(tag.name), scheme=absolute(siteurl, "topics/"))
        credit = list(article.metadata.get("byline") or []) or [article.metadata.get("credit") or ""]
        names = [n for n in credit if n] or [article.metadata.get("source") or settings.get("SITENAME")]
        for name in names:
            fe.author({"name": xml_safe(name)})
        source = article.metadata.get("source")
        if source:
            fe.source(
                url=article.metadata.get("original_url") or article.metadata.get("source_url") or absolute(siteurl, ""),
                title=xml_safe(source),
            )
    return fg


def _plain(html: str) -> str:
    return BeautifulSoup(html or "", "html.parser").get_text(" ", strip=True)


def write_feed(fg: FeedGenerator, spec: FeedSpec, output: Path) -> list[str]:
    """Write the Atom and RSS files; returns the paths that changed."""
    changed = []
    for path, data in (
        (spec.atom_path, fg.atom_str(pretty=True)),
        (spec.rss_path, fg.rss_str(pretty=True)),
    ):
        if write_atomic(output / path, data):
            changed.append(path)
    return changed
