"""Newsdesk: a Pelican plugin that turns raw news texts into articles, stories and feeds.

`register()` only connects signals; the handlers below call the pipeline.
Ingest runs when Pelican asks for generators, which happens on every build,
also under `pelican --autoreload`, before any content is read.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.contents import Tag
from pelican.urlwrappers import Category

log = logging.getLogger("newsdesk")


def _settings(pelican_settings: dict):
    from .pipeline import Settings

    content = Path(pelican_settings["PATH"])
    return Settings(
        raw_dir=content / pelican_settings.get("NEWSDESK_RAW_PATH", "raw"),
        articles_dir=content / pelican_settings.get("NEWSDESK_ARTICLES_PATH", "articles"),
        sources_dir=content / pelican_settings.get("NEWSDESK_SOURCES_PATH", "sources"),
        topics_file=content / pelican_settings.get("NEWSDESK_TOPICS_FILE", "topics.yaml"),
        max_topics=int(pelican_settings.get("NEWSDESK_MAX_TOPICS", 8)),
        window_days=int(pelican_settings.get("NEWSDESK_STORY_WINDOW_DAYS", 7)),
    )


def get_generators(pelican):
    from .pages import ReaderPagesGenerator
    from .pipeline import ingest
    from .site import NewsdeskGenerator

    if pelican.settings.get("NEWSDESK_INGEST", True):
        report = ingest(_settings(pelican.settings))
        log.log(logging.WARNING if report.warnings or report.skipped else logging.INFO, report.summary())
    return (NewsdeskGenerator, ReaderPagesGenerator)


def topics_to_tags(generator, metadata):
    """Articles say `topics:`; Pelican's tag pages read `tags`, with slugs that never collide."""
    from .slugs import topic_slug

    topics = metadata.get("topics")
    if isinstance(topics, str):
        topics = [topics]
    if topics and "tags" not in metadata:
        metadata["tags"] = [Tag(str(t).strip(), generator.settings) for t in topics if str(t).strip()]
    for tag in metadata.get("tags") or ():
        if isinstance(tag, Tag):
            tag.slug = topic_slug(tag.name)


def default_category(generator, metadata):
    """Pelican sets DEFAULT_CATEGORY only when category pages are written (they are not),
    yet writing a draft needs a category: without this a single draft stops the build."""
    if "category" not in metadata:
        metadata["category"] = Category(generator.settings.get("DEFAULT_CATEGORY", "News"), generator.settings)


def add_filters(generator):
    from .site import iso_date, news_date

    generator.env.filters.setdefault("news_date", news_date)
    generator.env.filters.setdefault("iso_date", iso_date)


def add_theme_filters(generator):
    from .pages import add_filters as add_page_filters

    add_page_filters(generator)


def index_for_search(pelican):
    from .pages import index_for_search as run_pagefind

    run_pagefind(pelican)


def register():
    signals.get_generators.connect(get_generators)
    signals.article_generator_context.connect(topics_to_tags)
    signals.article_generator_context.connect(default_category)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(add_theme_filters)
    signals.finalized.connect(index_for_search)
