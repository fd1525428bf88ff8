"""What a feed is, where its files go, and the feed settings shared by every feed of a site.

Paths are relative to the site root; `key` is a feed's path without its extension, and the
three formats add theirs, so a feed's files are named in one place only.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..settings import setting

# XML 1.0 forbids these; lxml refuses them, so they are removed from every string.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")
FOLDERS = {"story": "stories", "topic": "topics", "source": "sources"}  # under NEWSDESK_FEED_PATH


def xml_safe(text: str | None) -> str:
    """Text without the characters XML 1.0 cannot carry.

    >>> xml_safe("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return XML_ILLEGAL.sub("", text or "")


def absolute(siteurl: str, url: str) -> str:
    """`url` under `siteurl` unless it already has a scheme.

    >>> absolute("https://n.example", "feeds/all.atom.xml")
    'https://n.example/feeds/all.atom.xml'
    >>> absolute("", "/feeds/all.atom.xml")
    '/feeds/all.atom.xml'
    """
    if SCHEME.match(url):
        return url
    if not siteurl:
        return url if url.startswith("/") else f"/{url}"
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def feed_dir(settings: dict) -> str:
    return setting(settings, "NEWSDESK_FEED_PATH")


def feed_key(settings: dict, kind: str, slug: str) -> str:
    """The path (without extension) of the feed of one story, topic or source."""
    return f"{feed_dir(settings)}/{FOLDERS[kind]}/{slug}"


class FeedFiles:
    """The three files of one feed, named from `feed_key` (its path without extension)."""

    feed_key: str

    @property
    def atom_path(self) -> str:
        return f"{self.feed_key}.atom.xml"

    @property
    def rss_path(self) -> str:
        return f"{self.feed_key}.rss.xml"

    @property
    def json_path(self) -> str:
        return f"{self.feed_key}.json"


@dataclass(frozen=True)
class FeedSpec(FeedFiles):
    """One feed: what it is about and where its files go (`key` is the path without extension)."""

    key: str
    kind: str  # site, story, topic, source
    title: str
    subtitle: str
    page_url: str  # the HTML page this feed follows

    @property
    def feed_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class FeedMeta:
    """Feed-level values that come from the settings, the same for every feed of a site."""

    siteurl: str
    language: str
    author: str
    icon: str | None
    logo: str | None
    category_scheme: str


def feed_meta(settings: dict) -> FeedMeta:
    siteurl = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    return FeedMeta(
        siteurl=siteurl,
        language=settings.get("DEFAULT_LANG") or "en",
        author=settings.get("AUTHOR") or settings.get("SITENAME") or "Newsdesk",
        icon=setting(settings, "NEWSDESK_FEED_ICON") or settings.get("FAVICON"),
        logo=setting(settings, "NEWSDESK_FEED_LOGO") or settings.get("SITELOGO"),
        category_scheme=absolute(siteurl, posixpath.dirname(settings.get("TAG_URL", "topics/{slug}.html")) + "/"),
    )
