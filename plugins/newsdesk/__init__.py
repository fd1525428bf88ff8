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
from pelican.log import console
from pelican.urlwrappers import Category

from .sanitize import clean_content
from .site.filters import add_filters
from .site.generators import GENERATORS
from .site.linear import linear_period_archives, tag_members
from .site.output import OutputWriter, finish_build
from .site.search import index_for_search

log = logging.getLogger("newsdesk")
# The ingest report of a build in progress, keyed by id(pelican); emptied when the build ends.
_reports: dict[int, object] = {}


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
        **{
            field: cast(pelican_settings[key])
            for field, key, cast in (("max_raw_bytes", "NEWSDESK_MAX_RAW_BYTES", int), ("lock_wait", "NEWSDESK_LOCK_WAIT", float))
            if key in pelican_settings
        },
    )


def get_generators(pelican):
    from .lock import LockBusy
    from .pipeline import ingest

    if pelican.settings.get("NEWSDESK_INGEST", True):
        try:
            _reports[id(pelican)] = ingest(_settings(pelican.settings))
        except LockBusy as exc:  # another build is writing content/: stop cleanly, build nothing
            log.critical("%s", exc)
            raise SystemExit(3) from None
    return GENERATORS


def summarise(pelican):
    """The ingest summary (counts, and every skipped file with its reason) at the end of the build."""
    report = _reports.pop(id(pelican), None)
    if report is None:
        return
    if report.warnings or report.skipped:
        log.warning(report.summary())
    else:
        console.print(report.summary(), markup=False, highlight=False)


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


def sanitize_content(content):
    """Rendered HTML of every article and page is cleaned before any template or feed sees it."""
    from .slugs import slugify

    clean_content(content)
    story = content.metadata.get("story") if hasattr(content, "metadata") else None
    if story is not None and slugify(str(story)) != story:
        log.warning("%s: story %r is not a slug (a-z, 0-9, -): using %r", content.source_path, story, slugify(str(story)))
        content.metadata["story"] = slugify(str(story)) or None


def get_writer(pelican):
    """Pages are rendered and written only when what they show changed (site/output.py)."""
    return OutputWriter


def register():
    signals.get_generators.connect(get_generators)
    signals.article_generator_context.connect(topics_to_tags)
    signals.article_generator_context.connect(default_category)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(sanitize_content)
    signals.get_writer.connect(get_writer)
    signals.article_generator_pretaxonomy.connect(linear_period_archives)
    signals.article_generator_finalized.connect(tag_members)
    signals.finalized.connect(finish_build)
    signals.finalized.connect(index_for_search)
    signals.finalized.connect(summarise)
