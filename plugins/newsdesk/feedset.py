"""Every feed of the site: which exist, what each lists, writing them all, and the build's feed report.

Feeds: the whole site, each story, each topic and each source, each as Atom,
RSS 2.0 and JSON Feed 1.1, plus one OPML list of them all. The page templates
get a `FeedIndex` to put the right autodiscovery links on every page.
"""

from __future__ import annotations

import logging
import posixpath
import uuid
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from pelican.contents import Article
from pelican.urlwrappers import Tag

from . import feeds, feedstate, jsonfeed, opml, storycompare
from .slugs import slugify, unique
from .store import write_atomic

log = logging.getLogger("newsdesk")
REPORT_LINES = 12  # feeds named one by one in the build report; the rest are counted
PLACEHOLDER = "<!-- newsdesk:feeds -->"
FOLDERS = {"story": "stories", "topic": "topics", "source": "sources"}  # under NEWSDESK_FEED_PATH
FORMATS = (
    ("Atom", "application/atom+xml", "atom_path"),
    ("RSS", "application/rss+xml", "rss_path"),
    ("JSON Feed", "application/feed+json", "json_path"),
)


@dataclass(frozen=True)
class FeedLink:
    """One autodiscovery `<link>`: `path` is relative to the site root."""

    title: str
    type: str
    path: str


def links(spec: feeds.FeedSpec) -> list[FeedLink]:
    return [FeedLink(f"{spec.title} ({name})", media, getattr(spec, attr)) for name, media, attr in FORMATS]


@dataclass(frozen=True)
class FeedIndex:
    """The feeds a template can point to; `newsdesk_feeds` in every template."""

    site: feeds.FeedSpec
    opml: str
    stories: dict[str, feeds.FeedSpec] = field(default_factory=dict)
    topics: dict[str, feeds.FeedSpec] = field(default_factory=dict)
    sources: dict[str, feeds.FeedSpec] = field(default_factory=dict)

    @property
    def atom(self) -> str:
        return self.site.atom_path

    @property
    def rss(self) -> str:
        return self.site.rss_path

    @property
    def json(self) -> str:
        return self.site.json_path

    def source(self, name: str | None) -> feeds.FeedSpec | None:
        return self.sources.get(str(name)) if name else None

    def for_page(self, subject=None) -> list[FeedLink]:
        """The feeds a page offers, most specific first: a story's, a topic's, a source's, an article's story and source."""
        specs = []
        subject = subject or None  # a template's undefined variable is falsy
        if isinstance(subject, Tag):
            specs.append(self.topics.get(subject.slug))
        elif isinstance(subject, Article):
            story = getattr(subject, "story_info", None)
            specs += [self.stories.get(story.id) if story else None, self.source(subject.metadata.get("source"))]
        elif subject is not None and hasattr(subject, "articles") and hasattr(subject, "id"):
            specs.append(self.stories.get(subject.id))
        elif subject is not None and hasattr(subject, "articles") and hasattr(subject, "name"):
            specs.append(self.source(subject.name))
        specs.append(self.site)
        return [link for spec in specs if spec is not None for link in links(spec)]


def plan(settings: dict, articles: list, stories: list, tags: list) -> tuple[FeedIndex, list[tuple[feeds.FeedSpec, list]]]:
    """Which feeds exist and which articles each lists."""
    feed_dir = settings.get("NEWSDESK_FEED_PATH", "feeds")
    site = settings.get("SITENAME", "Newsdesk")
    site_spec = feeds.FeedSpec(
        key=f"{feed_dir}/all",
        kind="site",
        title=site,
        subtitle=settings.get("SITESUBTITLE") or f"Latest articles on {site}",
        page_url="index.html",
    )
    planned = [(site_spec, list(articles))]
    index = FeedIndex(site=site_spec, opml=f"{feed_dir}/all.opml")

    def add(kind: str, slug: str, name: str, subtitle: str, page_url: str, members, registry: dict, key: str) -> None:
        spec = feeds.FeedSpec(f"{feed_dir}/{FOLDERS[kind]}/{slug}", kind, f"{name} — {site}", subtitle, page_url)
        registry[key] = spec
        planned.append((spec, list(members)))

    for story in stories:
        counts = f"{len(story.articles)} articles from {len(story.sources)} sources"
        add("story", story.id, story.title, f"Every outlet's coverage of this story: {counts}", story.url, story.articles,
            index.stories, story.id)  # fmt: skip
    for tag, tagged in sorted(tags, key=lambda kv: kv[0].slug):
        add("topic", tag.slug, tag.name, f"Articles about {tag.name}", tag.url, tagged, index.topics, tag.slug)
    by_source: dict[str, list] = {}
    for article in articles:
        if article.metadata.get("source"):
            by_source.setdefault(str(article.metadata["source"]), []).append(article)
    taken: set[str] = set()
    source_page = settings.get("NEWSDESK_SOURCE_URL") or "index.html"
    for name, members in sorted(by_source.items()):
        slug = unique(slugify(name) or "source", taken)
        add("source", slug, name, f"Articles from {name}", source_page.format(slug=slug), members, index.sources, name)
    return index, planned


def feed_meta(settings: dict) -> feeds.FeedMeta:
    siteurl = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    return feeds.FeedMeta(
        siteurl=siteurl,
        language=settings.get("DEFAULT_LANG") or "en",
        author=settings.get("AUTHOR") or settings.get("SITENAME") or "Newsdesk",
        icon=settings.get("NEWSDESK_FEED_ICON") or settings.get("FAVICON"),
        logo=settings.get("NEWSDESK_FEED_LOGO") or settings.get("SITELOGO"),
        category_scheme=feeds.absolute(siteurl, posixpath.dirname(settings.get("TAG_URL", "topics/{slug}.html")) + "/"),
    )


def state_path(settings: dict) -> Path:
    articles = settings.get("NEWSDESK_ARTICLES_PATH", "articles")
    return Path(settings["PATH"]) / settings.get("NEWSDESK_FEED_STATE_FILE", f"{articles}/{feedstate.STATE}")


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


@dataclass(frozen=True)
class FeedReport:
    feeds: int
    files_written: int
    changes: tuple[feedstate.FeedChange, ...]

    def lines(self) -> list[str]:
        changed = [c for c in self.changes if c]
        out = [f"{c.key}: {c.added} added, {c.changed} changed, {c.removed} removed" for c in changed[:REPORT_LINES]]
        if len(changed) > REPORT_LINES:
            out.append(f"... and {len(changed) - REPORT_LINES} more feeds changed")
        added, edited, removed = (sum(getattr(c, n) for c in self.changes) for n in ("added", "changed", "removed"))
        out.append(
            f"newsdesk feeds: {self.feeds} feeds, {self.files_written} files written; "
            f"entries {added} added, {edited} changed, {removed} removed"
        )
        return out


def entries_for(articles: list, settings: dict, meta: feeds.FeedMeta, state: feedstate.FeedState) -> dict[int, feeds.Entry]:
    """One entry per article (keyed by id(article)); a uid used twice keeps its first article."""
    site = settings.get("SITENAME", "Newsdesk")
    out: dict[int, feeds.Entry] = {}
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
        digest = feeds.digest(article, uid)
        modified = article.metadata.get("modified")
        when = state.updated(uid, digest, article.date, feedstate.file_time(article.source_path), modified if modified else None)
        out[id(article)] = feeds.make_entry(article, uid, when, meta, site)
    return out


def write_all(index: FeedIndex, planned: list, settings: dict, output: Path) -> FeedReport:
    """Write every feed file (only those whose bytes change) and the state; report what changed."""
    meta = feed_meta(settings)
    limit = int(settings.get("NEWSDESK_FEED_MAX_ITEMS", 50))
    try:
        state = feedstate.FeedState.load(state_path(settings))
    except ValueError as exc:
        log.error("%s", exc)
        state = feedstate.FeedState(state_path(settings))
    every = {id(a): a for _, members in planned for a in members}
    entries = entries_for(list(every.values()), settings, meta, state)
    written, changes, newest = 0, [], feeds.EPOCH
    for spec, members in planned:
        chosen = [(entries[id(a)], a) for a in members if id(a) in entries]
        if spec.kind == "story":  # each entry says what its outlet adds to the story (storycompare.py)
            chosen = [(storycompare.feed_entry(e, a), a) for e, a in chosen]
        items = feeds.newest_first([e for e, _ in chosen], limit)
        newest = max(newest, feeds.feed_updated(items))
        for path, data in (
            (spec.atom_path, feeds.atom_bytes(spec, items, meta)),
            (spec.rss_path, feeds.rss_bytes(spec, items, meta)),
            (spec.json_path, jsonfeed.json_bytes(spec, items, meta)),
        ):
            written += write_atomic(output / path, data)
        changes.append(state.record_feed(spec.key, [e.uid for e in items]))
    specs = [spec for spec, _ in planned]
    written += write_atomic(output / index.opml, opml.opml_bytes(f"{index.site.title}: all feeds", specs, meta, newest))
    state.save()
    return FeedReport(len(specs), written, tuple(changes))


def subscribe_html(index: FeedIndex, page_save_as: str) -> str:
    """The list of every feed for the Subscribe page, links relative to that page."""
    base = posixpath.dirname(page_save_as) or "."

    def rel(path: str) -> str:
        return posixpath.relpath(path, base)

    def row(spec: feeds.FeedSpec) -> str:
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
