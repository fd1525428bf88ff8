"""The one view of the build's stories, sources and feeds, shared by every generator and template.

Built once per build, from Pelican's articles, tags and pages, by whichever Newsdesk generator
asks first (so they do not depend on their run order); then read-only. Templates reach an
article's story and source through it (`newsdesk_site.story_of(article)`) instead of
attributes patched onto Pelican's article objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..feeds.index import FeedIndex, plan
from ..feeds.spec import FeedSpec
from ..feeds.subscribe import fill_subscribe_pages
from ..settings import setting
from .keys import PageKeys
from .output import OutputWriter
from .sources import Source, group_sources
from .stories import Story, build_stories

KEY = "newsdesk_site"  # the view's name in Pelican's context, hence in every template


@dataclass(frozen=True)
class SiteView:
    stories: tuple[Story, ...]  # newest first
    sources: tuple[Source, ...]  # by name
    feeds: FeedIndex
    planned: tuple[tuple[FeedSpec, list], ...]  # every feed and the articles it lists
    sources_index: str
    story_by_article: dict[int, Story]  # keyed by id(article): Pelican's articles are not hashable by value
    source_by_article: dict[int, Source]

    def story_of(self, article) -> Story | None:
        return self.story_by_article.get(id(article))

    def source_of(self, article) -> Source | None:
        return self.source_by_article.get(id(article))


def build_view(context: dict, settings: dict) -> SiteView:
    articles = list(context.get("articles", []))
    stories = build_stories(articles, settings)
    sources = group_sources(articles, settings)
    index, planned = plan(settings, articles, stories, context.get("tags", []), sources)
    return SiteView(
        stories=stories,
        sources=sources,
        feeds=index,
        planned=tuple(planned),
        sources_index=setting(settings, "NEWSDESK_SOURCES_INDEX"),
        story_by_article={id(a): s for s in stories for a in s.articles},
        source_by_article={id(a): s for s in sources for a in s.articles},
    )


def view_of(context: dict, settings: dict) -> SiteView:
    """The build's view, built on first use and put in the context with what templates read."""
    view = context.get(KEY)
    if isinstance(view, SiteView):
        return view
    view = build_view(context, settings)
    tags = context.get("tags", [])
    context.update(
        {
            KEY: view,
            "stories": list(view.stories),
            "sources": list(view.sources),
            "newsdesk_feeds": view.feeds,
            "topic_urls": {tag.name: tag.url for tag, _ in tags},
            "topic_counts": sorted(((t, len(a)) for t, a in tags), key=lambda tc: (-tc[1], tc[0].name.casefold())),
            "NEWSDESK_SOURCES_INDEX": view.sources_index,
        }
    )
    fill_subscribe_pages(context.get("pages", []), view.feeds)
    context[OutputWriter.CONTEXT_KEY] = PageKeys(view, context, settings)
    return view
