"""News metadata for crawlers and readers' apps: JSON-LD, sitemaps, robots.txt.

Pure functions from articles and settings to text, so the generator stays thin
and every output can be tested on its own. Dates come from the articles, never
from the clock, so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from xml.sax.saxutils import escape

from markupsafe import Markup

from .dates import format_date

# JSON inside <script> must not be able to close the tag or open a comment.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data) -> Markup:
    """JSON for a <script type="application/ld+json"> block; no raw text can break out.

    >>> str(script_json({"headline": "</script><b>"}))
    '{"headline": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_SAFE))


def absolute(base: str, url: str) -> str:
    """`url` (relative to the site root) joined to the site's public address."""
    if "://" in url:
        return url
    return f"{base.rstrip('/')}/{url.lstrip('/')}"


def article_date(article) -> str:
    """The date as precise as its evidence: 2021-10-18, or 2021-11 for month precision."""
    return format_date(article.date.date(), article.metadata.get("date_precision", "day"))


def modified_date(article) -> str:
    modified = getattr(article, "modified", None)
    if modified and modified != article.date:
        return modified.date().isoformat()
    return article_date(article)


def _text(html) -> str:
    """Plain text of an HTML fragment (a summary); headlines are plain text already."""
    return Markup(str(html or "")).striptags()


def news_article(article, base: str, site_name: str) -> dict:
    """schema.org NewsArticle for one article; the outlet that wrote it is the publisher."""
    meta = article.metadata
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(article.title),
        "url": absolute(base, article.url),
        "mainEntityOfPage": absolute(base, article.url),
        "datePublished": article_date(article),
        "dateModified": modified_date(article),
        "inLanguage": meta.get("language") or "en",
    }
    if meta.get("dateline"):
        data["dateline"] = str(meta["dateline"])
    if meta.get("source"):
        publisher = {"@type": "Organization", "name": str(meta["source"])}
        if meta.get("source_url"):
            publisher["url"] = str(meta["source_url"])
        data["publisher"] = publisher
    bylines = meta.get("byline") or []
    if isinstance(bylines, str):
        bylines = [bylines]
    if bylines:
        data["author"] = [{"@type": "Person", "name": str(b)} for b in bylines]
    elif meta.get("source"):
        data["author"] = {"@type": "Organization", "name": str(meta["source"])}
    if meta.get("credit"):
        data["creditText"] = str(meta["credit"])
    tags = getattr(article, "tags", None) or []
    if tags:
        data["about"] = [{"@type": "Thing", "name": str(t)} for t in tags]
        data["keywords"] = [str(t) for t in tags]
    if meta.get("original_url"):
        data["isBasedOn"] = str(meta["original_url"])
    if getattr(article, "summary", None):
        data["description"] = _text(article.summary)
    data["sourceOrganization"] = {"@type": "Organization", "name": site_name}
    return data


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
