"""What a saved page says about its article, each value with where it was read.

A fallback chain, as the page's publishers fill it in: JSON-LD (`NewsArticle` and friends,
also inside `@graph`), OpenGraph, `<meta>` names, microdata, `<time>`, the address's date
path, then the visible dateline (htmldate reads the page text). The first source that has
a value wins; `provenance` says which one it was.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime

import htmldate
from dateutil import parser as dateparser
from dateutil.parser import UnknownTimezoneWarning

from .webpage import canonical_url
from .webtitle import headline

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNews",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
    }
)
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "CollectionPage"})
MAX_JSON_LD = 1_000_000  # characters of one script; a bigger one is not metadata
MAX_OBJECTS, MAX_VISITS = 200, 10_000  # JSON-LD objects kept, and items looked at, per script
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
URL_DAY = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/")
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 1, 1)

META_NAMES = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title", "parsely-title", "sailthru.title"),
    "date": (
        "article:published_time",
        "og:article:published_time",
        "article.published",
        "datepublished",
        "publishdate",
        "publish-date",
        "published-date",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "dc.date.created",
        "citation_publication_date",
        "date",
        "og:published_time",
        "article:published",
        "cxenseparse:recs:publishtime",
    ),
    "updated": (
        "article:modified_time",
        "og:updated_time",
        "article.updated",
        "datemodified",
        "dcterms.modified",
        "last-modified",
    ),
    "author": (
        "article:author",
        "author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
        "citation_author",
    ),
    "source": ("og:site_name", "application-name", "publisher", "dc.publisher", "cxenseparse:site"),
    "original_url": ("og:url", "twitter:url"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "section": ("article:section", "section", "parsely-section", "cxenseparse:articletype"),
    "keywords": ("news_keywords", "keywords", "article:tag", "parsely-tags", "sailthru.tags"),
    "language": ("og:locale", "dc.language", "content-language", "language"),
}


@dataclass(frozen=True)
class PageMeta:
    """The article's metadata as the page gives it; `provenance` maps field -> source."""

    title: str | None = None
    date: date | None = None
    updated: date | None = None
    byline: tuple[str, ...] = ()
    source: str | None = None
    original_url: str | None = None
    description: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()
    language: str | None = None
    kind: str | None = None  # the JSON-LD type of the page's article, e.g. NewsArticle
    provenance: dict = field(default_factory=dict)


def _text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(html.unescape(str(value)).split())
    return text or None


def _names(value) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = _text(item)
        if name and not name.startswith(("http://", "https://")):
            out.extend(n.strip() for n in re.split(r"\s*(?:,|;|\band\b|&)\s*", name) if n.strip())
    return tuple(dict.fromkeys(out))


def _words(value) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        text = _text(item)
        if text:
            out.extend(w.strip() for w in text.split(",") if w.strip())
    return tuple(dict.fromkeys(out))


def parse_when(value) -> date | None:
    """A date from an ISO timestamp or a date as metadata writes it; None when unreadable."""
    text = _text(value)
    if not text or not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text):
        return None  # a weekday or a time alone is no date
    try:
        with warnings.catch_warnings():  # a time zone it does not know ("CEST") still gives the day
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            found = dateparser.parse(text[:60], default=datetime(2000, 1, 1), fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not iso:
            return None
        try:
            found = date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    return found if EARLIEST <= found < LATEST else None


def json_ld_objects(tree) -> list[dict]:
    """Every JSON-LD object of the page, `@graph` and lists flattened, in page order."""
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";"))
        except ValueError:
            continue
        pending, visited = deque([data]), 0
        while pending and len(found) < MAX_OBJECTS and visited < MAX_VISITS:
            item = pending.popleft()
            visited += 1
            if isinstance(item, list):
                pending.extendleft(reversed(item[:MAX_VISITS]))
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    pending.extendleft(reversed(item["@graph"][:MAX_VISITS]))
    return found


def _types(obj: dict) -> set[str]:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _from_json_ld(tree) -> tuple[dict, str | None]:
    objects = json_ld_objects(tree)
    article = next((o for o in objects if _types(o) & ARTICLE_TYPES), None)
    page = next((o for o in objects if _types(o) & PAGE_TYPES), None)
    site = next((o for o in objects if _types(o) & {"WebSite", "Organization", "NewsMediaOrganization"}), None)
    values: dict = {}
    for obj in (article, page):
        if obj is None:
            continue
        entity = obj.get("mainEntityOfPage")
        entity = entity.get("@id") if isinstance(entity, dict) else entity
        candidates = {
            "title": _text(obj.get("headline")) or (_text(obj.get("name")) if obj is article else None),
            "date": parse_when(obj.get("datePublished") or obj.get("dateCreated")),
            "updated": parse_when(obj.get("dateModified")),
            "byline": _names(obj.get("author") or obj.get("creator")),
            "source": _text(obj.get("publisher")),
            "original_url": canonical_url(_text(obj.get("url")) or _text(entity)),
            "description": _text(obj.get("description")),
            "section": _text(obj.get("articleSection")),
            "keywords": _words(obj.get("keywords")),
            "language": _text(obj.get("inLanguage")),
        }
        for key, value in candidates.items():
            if value and key not in values:
                values[key] = value
    if site is not None and "source" not in values and _text(site.get("name")):
        values["source"] = _text(site.get("name"))
    return values, (sorted(_types(article) & ARTICLE_TYPES)[0] if article else None)


def _meta_tags(tree) -> dict[str, str]:
    tags: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv") or "").strip().lower()
        content = " ".join((node.get("content") or "").split())
        if key and content and key not in tags:
            tags[key] = content
    return tags


def _from_meta(tags: dict[str, str], field_name: str):
    for name in META_NAMES[field_name]:
        value = tags.get(name)
        if not value:
            continue
        if field_name in ("date", "updated"):
            value = parse_when(value)
        elif field_name == "author":
            value = _names(value)
        elif field_name == "keywords":
            value = _words(value)
        elif field_name == "original_url":
            value = canonical_url(value)
        if value:
            return value, ("opengraph" if name.startswith(("og:", "article:")) else f"meta {name}")
    return None, None


def _microdata_date(tree, prop: str) -> date | None:
    for node in tree.xpath(f"//*[@itemprop='{prop}']"):
        if found := parse_when(node.get("content") or node.get("datetime") or node.text_content()[:80]):
            return found
    return None


def _time_element(tree) -> date | None:
    """A `<time>` marked as the publication time, else the first one inside `<article>`."""
    marked = tree.xpath("//time[@pubdate or contains(@class,'publish') or contains(@class,'entry-date')][@datetime]")
    first = marked or tree.xpath("//article//time[@datetime]") or tree.xpath("//time[@datetime]")[:1]
    for node in first:
        if found := parse_when(node.get("datetime")):
            return found
    return None


def url_date(url: str | None) -> date | None:
    """The day an address's path gives ("/2021/10/19/", "/20211019/").

    >>> url_date("https://example.com/news/2021/10/19/story")
    datetime.date(2021, 10, 19)
    """
    if not url:
        return None
    m = URL_DATE.search(url) or URL_DAY.search(url)
    if not m:
        return None
    try:
        found = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return found if EARLIEST <= found < LATEST else None


def _visible_date(tree, url: str | None) -> date | None:
    """htmldate's publication date: its quick search (markup, the address, dates written in
    digits) first, its extensive one (dates written out in words, through dateparser) only
    where that finds none. On the corpus the two agree wherever the quick one finds a date,
    and the quick one costs a quarter."""
    for extensive in (False, True):
        try:
            found = htmldate.find_date(tree, url=url, extensive_search=extensive, original_date=True, outputformat="%Y-%m-%d")
        except Exception:  # htmldate is a heuristic: a page it cannot read has no visible date
            found = None
        if found and (day := parse_when(found)):
            return day
    return None


def page_address(tree, url: str | None = None) -> str | None:
    """Only the page's canonical address, by the same chain (for telling saves of one page)."""
    values, _ = _from_json_ld(tree)
    if found := values.get("original_url") or _from_meta(_meta_tags(tree), "original_url")[0]:
        return found
    links = tree.xpath("//link[@rel='canonical']/@href")
    return canonical_url(links[0] if links else url)


def page_meta(tree, url: str | None = None) -> PageMeta:
    """The page's metadata by the fallback chain; `url` is where the page says it came from."""
    values, kind = _from_json_ld(tree)
    provenance = {key: "json-ld" for key in values}
    tags = _meta_tags(tree)
    for field_name, meta_field in (
        ("date", "date"),
        ("updated", "updated"),
        ("byline", "author"),
        ("source", "source"),
        ("original_url", "original_url"),
        ("description", "description"),
        ("section", "section"),
        ("keywords", "keywords"),
        ("language", "language"),
    ):
        if field_name not in values:
            value, how = _from_meta(tags, meta_field)
            if value:
                values[field_name], provenance[field_name] = value, how
    meta_title, how = (values.get("title"), "json-ld") if values.get("title") else _from_meta(tags, "title")
    sites = tuple(dict.fromkeys(s for s in (values.get("source"), tags.get("og:site_name"), tags.get("application-name")) if s))
    title, seen = headline(tree, meta_title, sites, values.get("original_url") or url)
    how = seen or how
    if title:
        values["title"], provenance["title"] = title, how
    if "original_url" not in values:
        links = tree.xpath("//link[@rel='canonical']/@href")
        if found := canonical_url(links[0] if links else url):
            values["original_url"], provenance["original_url"] = found, "link canonical" if links else "page address"
    if "language" not in values and (lang := tree.get("lang") or tree.get("xml:lang")):
        values["language"], provenance["language"] = lang.strip(), "html lang"
    address = values.get("original_url") or url
    if "date" not in values:
        for how, finder in (
            ("microdata", lambda: _microdata_date(tree, "datePublished")),
            ("time element", lambda: _time_element(tree)),
            ("address date path", lambda: url_date(address) or url_date(url)),
        ):
            if found := finder():
                values["date"], provenance["date"] = found, how
                break
    # htmldate weighs all of the page's dates (it measured better than taking the first one
    # found); where it agrees with the chain, the chain's source is the provenance.
    found = _visible_date(tree, address)
    if found and found != values.get("date"):
        values["date"], provenance["date"] = found, "htmldate (page markup and text)"
    if "language" in values:
        values["language"] = values["language"].replace("_", "-").split("-")[0].lower()[:3] or None
    return PageMeta(**values, kind=kind, provenance=provenance)
