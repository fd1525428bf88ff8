"""The files crawlers read: sitemap.xml, the Google News sitemap, robots.txt.

Pure functions from pages to text, and one function that writes the three files from the
site's view. Dates come from the articles, never from the clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from xml.sax.saxutils import escape

from ..feeds.spec import absolute
from ..settings import setting
from .jsonld import article_date, modified_date, public_url

log = logging.getLogger("newsdesk")


@dataclass(frozen=True)
class SitemapEntry:
    """One page for sitemap.xml: its absolute address and when it last changed."""

    loc: str
    lastmod: str | None = None


def sitemap_xml(entries: list[SitemapEntry]) -> str:
    """A sitemaps.org urlset, in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in entries:
        lastmod = f"<lastmod>{escape(entry.lastmod)}</lastmod>" if entry.lastmod else ""
        lines.append(f"  <url><loc>{escape(entry.loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def recent(articles: list, days: int) -> list:
    """Articles of the last `days` days before the newest one, newest first (never "now")."""
    if not articles:
        return []
    newest = max(a.date for a in articles)
    since = newest - timedelta(days=days)
    chosen = [a for a in articles if a.date >= since]
    return sorted(chosen, key=lambda a: (a.date, a.url), reverse=True)


def news_sitemap_xml(articles: list, base: str, site_name: str, days: int = 2) -> str:
    """A Google News sitemap of the articles of the last `days` days (relative to the newest)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for article in recent(articles, days):
        language = escape(str(article.metadata.get("language") or "en"))
        lines += [
            "  <url>",
            f"    <loc>{escape(absolute(base, article.url))}</loc>",
            "    <news:news>",
            f"      <news:publication><news:name>{escape(site_name)}</news:name>"
            f"<news:language>{language}</news:language></news:publication>",
            f"      <news:publication_date>{article_date(article)}</news:publication_date>",
            f"      <news:title>{escape(str(article.title))}</news:title>",
            "    </news:news>",
            "  </url>",
        ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str, disallow: list[str], sitemaps: list[str], allow_all: bool = True) -> str:
    """robots.txt: what crawlers may fetch and where the sitemaps are."""
    lines = ["User-agent: *"]
    if not allow_all:
        lines.append("Disallow: /")
    else:
        lines += [f"Disallow: {path}" for path in disallow] or ["Disallow:"]
    lines.append("")
    lines += [f"Sitemap: {absolute(base, s)}" for s in sitemaps]
    return "\n".join(lines) + "\n"


def sitemap_entries(view, context: dict, settings: dict) -> list[SitemapEntry]:
    """Every page of the site, newest content first within each kind."""
    base = public_url(settings)
    articles = sorted(context.get("articles", []), key=lambda a: (a.date, a.url), reverse=True)

    def newest(items) -> str | None:
        items = list(items)
        return article_date(max(items, key=lambda a: a.date)) if items else None

    def entry(url: str, items=()) -> SitemapEntry:
        return SitemapEntry(absolute(base, url), newest(items))

    entries = [entry("index.html", articles)]
    entries += [SitemapEntry(absolute(base, a.url), modified_date(a)) for a in articles]
    entries.append(entry(setting(settings, "NEWSDESK_STORIES_INDEX"), articles))
    entries += [entry(s.url, s.articles) for s in view.stories]
    entries.append(entry(settings.get("TAGS_URL", "tags.html"), articles))
    entries += [entry(tag.url, tagged) for tag, tagged in sorted(context.get("tags", []), key=lambda kv: kv[0].slug)]
    entries.append(entry(view.sources_index, articles))
    entries += [entry(s.url, s.articles) for s in view.sources]
    entries.append(entry(settings.get("ARCHIVES_URL", "archives.html"), articles))
    for period in context.get("period_archives", {}).get("month", []):
        entries.append(entry(period["url"], period["articles"]))
    entries += [entry(p.url) for p in context.get("pages", [])]
    return entries


def write_crawler_files(view, context: dict, settings: dict, write: Callable[[str, bytes], bool]) -> None:
    base = public_url(settings)
    sitemap = setting(settings, "NEWSDESK_SITEMAP")
    news_sitemap = setting(settings, "NEWSDESK_NEWS_SITEMAP")
    site_name = settings.get("SITENAME", "Newsdesk")
    articles = list(context.get("articles", []))
    write(sitemap, sitemap_xml(sitemap_entries(view, context, settings)).encode("utf-8"))
    days = int(setting(settings, "NEWSDESK_NEWS_SITEMAP_DAYS"))
    write(news_sitemap, news_sitemap_xml(articles, base, site_name, days).encode("utf-8"))
    robots = robots_txt(
        base,
        list(setting(settings, "NEWSDESK_ROBOTS_DISALLOW")),
        [sitemap, news_sitemap],
        allow_all=bool(setting(settings, "NEWSDESK_ROBOTS_ALLOW")),
    )
    write("robots.txt", robots.encode("utf-8"))
    log.info("newsdesk: %d sources; %s, %s and robots.txt written", len(view.sources), sitemap, news_sitemap)
