"""The Newsdesk pipeline, stage by stage, from a folder of raw files to articles.

    1. read      list the raw folder, name what is not read, decode each file  reading.py, kinds.py, decode.py
    2. detect    which format each text is in (the highest score)             formats/__init__.py
    3. parse     files grouped into documents, documents into articles;        formats/*.py, identity.py
                 every article gets its uid
    4. metadata  title, date and sidecar fields, as fallback chains            metadata.py
    5. topics    vocabulary, then names by salience                            tagging.py, topics.py
    6. editor    date/topics/story an editor set in a generated article        metadata.py, store.py
    7. stories   near copies and shared topics -> story ids; dates inferred    stories.py, metadata.py
    8. write     Markdown + YAML, atomic, never over an editor's changes       frontmatter.py, store.py

`extract()` runs 1-7 and returns records; `ingest()` also writes them (8), one build at a time.
The pipeline names no format: the registry in `formats/__init__.py` does.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from . import formats, ingestcache, metadata, stories
from .formats import Context, FormatError
from .identity import content_relative, with_uids
from .kinds import kind_named
from .lock import content_lock
from .profiles import load_profiles
from .reading import list_raw, read_all
from .records import Article, RawText
from .runreport import Report
from .settings import Settings
from .store import MANIFEST, Manifest, editor_values, publish, remove_stale_temporaries
from .tagging import tag
from .topics import VocabularyError, load_vocabulary

__all__ = ["Report", "Settings", "extract", "ingest"]
log = logging.getLogger("newsdesk")
BUG = "please report this as a Newsdesk bug"


def _detect(raw: RawText, rep: Report):
    """Stage 2: the format of one text; a failing detector falls back to plain text."""
    try:
        return formats.detect(raw)
    except Exception as exc:
        rep.warn(str(raw.path), f"format detection failed ({type(exc).__name__}: {exc}); read as plain text")
        return formats.plain


def _parse(raws: list[RawText], ctx: Context, rep: Report) -> list[tuple[Article, RawText]]:
    """Stages 2-3: every text's format, its documents, their articles (each with its raw file)."""
    by_format: dict[str, list[RawText]] = {}
    modules = {}
    for raw in raws:
        module = _detect(raw, rep)
        if module is None:
            rep.skip(str(raw.path), kind_named(raw.kind).refusal())
            continue
        modules[module.FORMAT] = module
        by_format.setdefault(module.FORMAT, []).append(raw)
    position = {id(r): i for i, r in enumerate(raws)}
    documents = [
        (group, modules[name]) for name, members in by_format.items() for group in formats.grouped(modules[name], members)
    ]
    documents.sort(key=lambda d: min(position[id(r)] for r in d[0]))
    found = []
    for group, module in documents:
        try:
            articles = module.parse(group, ctx)
        except FormatError as exc:
            for raw in group:
                rep.skip(str(raw.path), str(exc))
            continue
        except Exception as exc:  # a parser bug skips its texts; the build goes on
            for raw in group:
                rep.skip(str(raw.path), f"could not be parsed ({type(exc).__name__}: {exc}); {BUG}")
            continue
        found.extend((a, _raw_of(a, group)) for a in articles)
    return found


def _raw_of(article: Article, group: list[RawText]) -> RawText:
    """The raw file an article starts in (its first origin), among its document's files."""
    first = article.origin[0] if article.origin else ""
    for raw in group:
        path = str(raw.path)
        if first == path or (first.startswith(path) and first[len(path)] == "#"):
            return raw
    return group[0]


def extract(
    paths: list[Path],
    settings: Settings,
    rep: Report | None = None,
    *,
    known: dict[str, str] | None = None,
    editor: dict[str, dict] | None = None,
    once: bool = False,
) -> list[Article]:
    """Stages 1-7: articles found in `paths`, in a stable order (`once`: copies skipped)."""
    rep = rep if rep is not None else Report()
    profiles = load_profiles(
        settings.sources_dir, lambda path, why: rep.warn(str(path), f"{why}; this source profile is not used until it is fixed")
    )
    vocabulary = load_vocabulary(settings.topics_file)
    raws = read_all(paths, rep, settings.max_raw_bytes, once=once, max_pdf_pages=settings.max_pdf_pages)
    found = _parse(raws, Context(profiles=profiles, vocabulary=vocabulary), rep)
    raw_of = {}
    articles = []
    for article, raw in zip(with_uids(found, settings.raw_dir), (r for _, r in found), strict=True):
        article = metadata.decide_title(article, raw.path.name)
        article = metadata.decide_date(article, raw, profiles)
        article = metadata.apply_sidecar(article, raw, rep)
        raw_of[article.uid] = raw
        articles.append(article)

    fixed_topics = {id(r) for r in raws if "topics" in r.sidecar}
    articles = [tag(a, vocabulary, settings.max_topics, fixed=id(raw_of[a.uid]) in fixed_topics) for a in articles]
    editor = editor or {}
    articles = [metadata.apply_editor(a, editor.get(a.uid, {})) for a in articles]
    fixed = {uid: e["story"] for uid, e in editor.items() if e.get("story")}
    fixed.update({a.uid: a.story for a in articles if a.story and a.uid not in fixed})
    subjects = frozenset(t.label for t in vocabulary.topics if t.cues)
    articles = stories.group(articles, subjects=subjects, window_days=settings.window_days, known=known, fixed=fixed)
    articles = metadata.mark_drafts(metadata.infer_dates(articles))
    for article in articles:
        for message in article.warnings:
            rep.warn(article.origin[0], message)
    return articles


def ingest(settings: Settings) -> Report:
    """Raw texts to Markdown articles: stages 1-8, writing only what changed, one build at a time."""
    settings.articles_dir.mkdir(parents=True, exist_ok=True)
    with content_lock(settings.articles_dir.parent, wait=settings.lock_wait):
        inputs = ingestcache.inputs_digest(settings)  # taken before reading: a file arriving now is seen next time
        previous = ingestcache.load(settings.articles_dir)
        if previous and previous["digest"] == ingestcache.combined(inputs, settings):
            return ingestcache.replay(previous)
        rep = _ingest(settings)
        if not rep.skipped or all(where != str(settings.topics_file) for where, _ in rep.skipped):
            ingestcache.save(settings.articles_dir, ingestcache.combined(inputs, settings), rep)
        return rep


def _ingest(settings: Settings) -> Report:
    rep = Report()
    for stale in remove_stale_temporaries(settings.articles_dir):
        log.info("%s: removed, left by an interrupted build", stale)
    try:
        manifest, readable = Manifest.load(settings.articles_dir), True
    except ValueError as exc:  # left as it is for the editor; every article counts as edited meanwhile
        rep.warn(str(settings.articles_dir), f"{exc}. Until then every existing article is kept as if edited by hand")
        existing = {path.name: {"sha256": None} for path in settings.articles_dir.glob("*.md")}
        manifest, readable = Manifest(settings.articles_dir / MANIFEST, existing), False
    editor = editor_values(manifest, rep)

    paths: list[Path] = []
    if settings.raw_dir.is_dir():
        listing = list_raw(settings.raw_dir)
        paths = list(listing.paths)
        for where, why in listing.refused:
            rep.skip(where, why)
        for where, why in listing.ignored:
            rep.ignore(where, why)
    else:
        rep.warn(str(settings.raw_dir), "raw folder not found; nothing to ingest")
    try:
        articles = extract(paths, settings, rep, known=manifest.known_stories(), editor=editor, once=True)
    except VocabularyError as exc:  # re-tagging every article without the vocabulary would lose its topics
        where = settings.topics_file or settings.raw_dir
        rep.skip(str(where), f"{' '.join(str(exc).split())}. Fix it; until then the articles are left as they are")
        return rep
    relative = [dataclasses.replace(a, origin=tuple(content_relative(o, settings.raw_dir) for o in a.origin)) for a in articles]
    publish(manifest, relative, rep, settings.raw_dir)
    if readable:
        manifest.save()
    return rep
