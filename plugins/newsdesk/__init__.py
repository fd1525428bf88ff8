"""Newsdesk: a Pelican plugin that turns raw news texts into articles, stories and feeds.

`register()` only connects the module-level receivers below (blinker holds receivers
weakly); each hands its work to a stage module. Ingest runs when Pelican asks for
generators, which happens on every build, also under `pelican --autoreload`, before
any content is read.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.contents import Tag
from pelican.log import console
from pelican.urlwrappers import Category

from . import pipeline, prune
from .lock import LockBusy
from .reader import add_reader
from .sanitize import clean_content
from .settings import Settings, setting
from .site import rendercache
from .site.filters import add_filters
from .site.generators import GENERATORS
from .site.linear import linear_period_archives, tag_members
from .site.output import OutputWriter, finish_build
from .site.search import index_for_search
from .slugs import slugify, topic_slug

log = logging.getLogger("newsdesk")
# The ingest report of a build in progress, keyed by id(pelican); emptied when the build ends.
_reports: dict[int, object] = {}


def get_generators(pelican):
    """Ingest, then the site's own generators. A busy lock stops a one-off build (exit 3);
    under `make devserver`/`regenerate` (NEWSDESK_LOCK_BUSY = "skip") that rebuild uses the
    articles as they are, says so, and the server keeps running."""
    prune.start()
    if setting(pelican.settings, "NEWSDESK_INGEST"):
        try:
            _reports[id(pelican)] = pipeline.ingest(Settings.from_pelican(pelican.settings))
        except LockBusy as exc:
            if setting(pelican.settings, "NEWSDESK_LOCK_BUSY") != "skip":
                log.critical("%s", exc)
                raise SystemExit(3) from None
            log.warning("%s; this rebuild skips ingest and builds the articles as they are", exc)
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
    clean_content(content)
    story = content.metadata.get("story") if hasattr(content, "metadata") else None
    if story is not None and slugify(str(story)) != story:
        log.warning("%s: story %r is not a slug (a-z, 0-9, -): using %r", content.source_path, story, slugify(str(story)))
        content.metadata["story"] = slugify(str(story)) or None


def get_writer(pelican):
    """Pages are rendered and written only when what they show changed (site/output.py)."""
    return OutputWriter


def register():
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
    signals.article_generator_context.connect(topics_to_tags)
    signals.article_generator_context.connect(default_category)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(sanitize_content)
    signals.get_writer.connect(get_writer)
    signals.article_generator_pretaxonomy.connect(linear_period_archives)
    signals.article_generator_finalized.connect(tag_members)
    signals.content_written.connect(prune.content_written)
    signals.static_generator_finalized.connect(prune.static_written)
    signals.finalized.connect(rendercache.finish)  # the HTML of every article, for the next build
    signals.finalized.connect(finish_build)  # removes what the last build wrote and this one did not; one sync
    signals.finalized.connect(prune.finalized)  # before the search index is rebuilt from what is left
    signals.finalized.connect(index_for_search)
    signals.finalized.connect(summarise)
