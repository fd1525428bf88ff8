"""Which feeds exist and what each lists; and the autodiscovery links each page offers.

Feeds: the whole site, each story, each topic and each source. Stories and sources come from
the site's one view (site/view.py), so a source's feed and its page share a slug, and a
story's feed path is the one its page links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.contents import Article
from pelican.urlwrappers import Tag

from .spec import FeedSpec, feed_dir, feed_key

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


def links(spec: FeedSpec) -> list[FeedLink]:
    return [FeedLink(f"{spec.title} ({name})", media, getattr(spec, attr)) for name, media, attr in FORMATS]


@dataclass(frozen=True)
class FeedIndex:
    """The feeds a template can point to; `newsdesk_feeds` in every template."""

    site: FeedSpec
    opml: str
    stories: dict[str, FeedSpec] = field(default_factory=dict)
    topics: dict[str, FeedSpec] = field(default_factory=dict)
    sources: dict[str, FeedSpec] = field(default_factory=dict)
    story_of: dict[int, str] = field(default_factory=dict)  # id(article) -> its story's id

    @property
    def atom(self) -> str:
        return self.site.atom_path

    @property
    def rss(self) -> str:
        return self.site.rss_path

    @property
    def json(self) -> str:
        return self.site.json_path

    def source(self, name: str | None) -> FeedSpec | None:
        return self.sources.get(str(name)) if name else None

    def for_page(self, subject=None) -> list[FeedLink]:
        """The feeds a page offers, most specific first: a story's, a topic's, a source's, an article's story and source."""
        specs = []
        subject = subject or None  # a template's undefined variable is falsy
        if isinstance(subject, Tag):
            specs.append(self.topics.get(subject.slug))
        elif isinstance(subject, Article):
            story = self.story_of.get(id(subject))
            specs += [self.stories.get(story) if story else None, self.source(subject.metadata.get("source"))]
        elif subject is not None and hasattr(subject, "articles") and hasattr(subject, "id"):
            specs.append(self.stories.get(subject.id))
        elif subject is not None and hasattr(subject, "articles") and hasattr(subject, "name"):
            specs.append(self.source(subject.name))
        specs.append(self.site)
        return [link for spec in specs if spec is not None for link in links(spec)]


def plan(settings: dict, articles: list, stories, tags: list, sources) -> tuple[FeedIndex, list[tuple[FeedSpec, list]]]:
    """Which feeds exist and which articles each lists."""
    site = settings.get("SITENAME", "Newsdesk")
    site_spec = FeedSpec(
        key=f"{feed_dir(settings)}/all",
        kind="site",
        title=site,
        subtitle=settings.get("SITESUBTITLE") or f"Latest articles on {site}",
        page_url="index.html",
    )
    planned = [(site_spec, list(articles))]
    index = FeedIndex(site=site_spec, opml=f"{feed_dir(settings)}/all.opml")

    def add(kind: str, slug: str, name: str, subtitle: str, page_url: str, members, registry: dict, key: str) -> None:
        spec = FeedSpec(feed_key(settings, kind, slug), kind, f"{name} — {site}", subtitle, page_url)
        registry[key] = spec
        planned.append((spec, list(members)))

    for story in stories:
        counts = f"{len(story.articles)} articles from {len(story.sources)} sources"
        add("story", story.id, story.title, f"Every outlet's coverage of this story: {counts}", story.url, story.articles,
            index.stories, story.id)  # fmt: skip
        index.story_of.update((id(a), story.id) for a in story.articles)
    for tag, tagged in sorted(tags, key=lambda kv: kv[0].slug):
        add("topic", tag.slug, tag.name, f"Articles about {tag.name}", tag.url, tagged, index.topics, tag.slug)
    for source in sorted(sources, key=lambda s: s.name):  # feed lists (OPML, Subscribe) in code-point order
        if source.named:
            add("source", source.slug, source.name, f"Articles from {source.name}", source.url, source.articles,
                index.sources, source.name)  # fmt: skip
    return index, planned
