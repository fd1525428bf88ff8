"""schema.org NewsArticle JSON-LD for every article page, and the dates crawlers are told.

Pure functions from an article to data; dates come from the articles, never from the clock,
so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..dates import format_date
from ..feeds.spec import absolute

# JSON inside <script> must not be able to close the tag or open a comment.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data) -> Markup:
    """JSON for a <script type="application/ld+json"> block; no raw text can break out.

    >>> str(script_json({"headline": "</script><b>"}))
    '{"headline": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_SAFE))


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


def public_url(settings: dict) -> str:
    """The site's public address; pages use relative links, canonical ones use this."""
    return settings.get("SITEURL") or "http://localhost:8000"
