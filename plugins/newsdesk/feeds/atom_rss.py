"""Atom and RSS 2.0 files from feed entries, written with feedgen.

Builds are reproducible: every date comes from the entries (the articles or the feed state,
never "now"), entries are appended newest first, and feedgen's defaults of "now" are always
overridden.
"""

from __future__ import annotations

from html import escape

from feedgen.feed import FeedGenerator

from .entries import Entry, feed_updated
from .spec import FeedMeta, FeedSpec, absolute, xml_safe

GENERATOR = ("Newsdesk (feedgen)", "https://pypi.org/project/feedgen/")


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
