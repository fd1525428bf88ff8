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
import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import formats, guard, ingestcache, memo, metadata, progress, stories, storyids
from .decode import Limit, RawFileError, read_sidecar
from .formats import Context, FormatError
from .formats.base import SUGGESTION
from .identity import content_relative, edited_articles, legacy_ids, with_uids
from .identity_keys import one_per_article
from .kinds import kind_named
from .lock import content_lock
from .profiles import load_profiles
from .reading import list_raw, read_all
from .records import Article, RawText
from .runreport import Report
from .settings import Settings
from .store import MANIFEST, Manifest, base_name, publish, remove_stale_temporaries
from .tagging import tag
from .vocabulary import VocabularyError, load_vocabulary
from .workers import run_all

__all__ = ["Report", "Settings", "extract", "ingest"]
log = logging.getLogger("newsdesk")
BUG = "please report this as a Newsdesk bug"


@dataclass(frozen=True)
class Job:
    """One document for the per-text stages (2-5), with what they read; sent to a worker."""

    group: tuple[RawText, ...]
    format: str
    ctx: Context
    settings: Settings
    legacy: dict  # (origin, file stem) -> a uid given before ids were positional-free


@dataclass(frozen=True)
class Done:
    """What a worker found in one document: its articles and messages, replayed in order."""

    articles: tuple[Article, ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    seconds: tuple[tuple[str, float], ...] = ()  # per stage, for `newsdesk ingest --timings` and bench/


@dataclass(frozen=True)
class Read:
    """One raw file after stages 1-2: its texts (a PDF gives one a page) with their formats' names."""

    texts: tuple[tuple[RawText, str], ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    seconds: tuple[tuple[str, float], ...] = ()


def _read(path: Path, settings: Settings) -> Read:
    """Stages 1-2 for one file: its texts and their formats' names, or why it is skipped."""
    rep = Report(quiet=True)
    texts = []
    began, detecting = time.perf_counter(), 0.0
    for raw in read_all([path], rep, settings):
        start = time.perf_counter()
        try:
            module = formats.detect(raw)
        except Exception as exc:
            rep.warn(str(raw.path), f"format detection failed ({type(exc).__name__}: {exc}); read as plain text")
            module = formats.plain
        detecting += time.perf_counter() - start
        if module is None:
            rep.skip(str(raw.path), kind_named(raw.kind).refusal())
            continue
        if not getattr(module, "MANY", False) and (size := len(raw.data) or len(raw.text)) > settings.max_raw_bytes:
            rep.skip(str(raw.path), Limit(settings.max_raw_bytes).refusal(size))  # its start looked like an export
            continue
        texts.append((raw, module.FORMAT))
    seconds = (("1 read", time.perf_counter() - began - detecting), ("2 detect", detecting))
    return Read(tuple(texts), tuple(rep.warnings), tuple(rep.skipped), seconds)


def _document(job: Job) -> Done:
    """Stages 3-5 for one document: its articles with uid, title, date, sidecar fields and topics."""
    rep = Report(quiet=True)
    module = formats.by_name(job.format)
    group = list(job.group)
    clock = Counter[str]()
    start = time.perf_counter()
    try:
        parsed = module.parse(group, job.ctx)
    except FormatError as exc:
        return Done(skipped=tuple((str(raw.path), str(exc)) for raw in group))
    except Exception as exc:  # a parser bug skips its texts; the build goes on
        why = f"could not be parsed ({type(exc).__name__}: {exc}); {BUG}"
        return Done(skipped=tuple((str(raw.path), why) for raw in group))
    settings, ctx = job.settings, job.ctx
    clock["3 parse"] += time.perf_counter() - start
    start = time.perf_counter()
    titled = [
        (metadata.decide_title(a, raw.path.name), raw) for a in parsed for raw in [_raw_of(a, group)]
    ]  # ids use the headline
    out = []
    for n, (article, raw) in enumerate(zip(with_uids(titled, settings.raw_dir), (r for _, r in titled), strict=True), 1):
        origin = tuple(content_relative(o, settings.raw_dir) for o in article.origin)
        if (old := job.legacy.get((origin, base_name(article)))) is not None:  # an id given before ids were positional
            article = dataclasses.replace(article, uid=old)
        article = metadata.decide_date(article, raw, ctx.profiles)
        article = metadata.decide_language(article, ctx.profiles)
        article = metadata.apply_sidecar(article, raw, rep)
        clock["4 metadata"] += time.perf_counter() - start
        start = time.perf_counter()
        article = tag(article, ctx.vocabulary, settings.max_topics, fixed="topics" in raw.sidecar)
        clock["5 topics"] += time.perf_counter() - start
        start = time.perf_counter()
        out.append(article)
        progress.in_document(str(group[0].path), n, len(titled), settings.progress_every)
    clock["4 metadata"] += time.perf_counter() - start
    return Done(tuple(out), tuple(rep.warnings), tuple(rep.skipped), tuple(clock.items()))


def _raw_of(article: Article, group: list[RawText]) -> RawText:
    """The raw file an article starts in (its first origin), among its document's files."""
    first = article.origin[0] if article.origin else ""
    for raw in group:
        path = str(raw.path)
        if first == path or (first.startswith(path) and first[len(path)] == "#"):
            return raw
    return group[0]


def _remembered_reads(paths: list[Path], settings: Settings, kept: memo.Memo | None) -> tuple[dict, dict]:
    """path -> Read found in the memo, and path -> memo key for the others (none when unreadable)."""
    hits: dict[Path, Read] = {}
    keys: dict[Path, str] = {}
    if kept is None:
        return hits, keys
    for path in paths:
        try:
            digest = kept.digests.get(path) or hashlib.sha256(guard.read_bytes(path, settings.max_raw_bytes)).hexdigest()
            sidecar, problems = read_sidecar(path)
        except (OSError, guard.GuardError, RawFileError):
            continue  # stage 1 names what is wrong
        key = memo.read_key(path, digest, sidecar, settings.max_raw_bytes, settings.max_pdf_pages)
        found = kept.read(key, path, sidecar, problems)
        if found is None:
            keys[path] = key
        else:
            hits[path] = Read(*found)
    return hits, keys


def _documents(
    paths: list[Path], settings: Settings, ctx: Context, rep: Report, *, once: bool, legacy: dict, kept: memo.Memo | None
) -> list[Job]:
    """Stages 1-3a: every file read and detected (in parallel, or found in the memo), copies skipped, files grouped."""
    hits, keys = _remembered_reads(paths, settings, kept)
    todo = [p for p in paths if p not in hits]
    fresh = run_all(partial(_read, settings=settings), todo, workers=settings.workers)
    for path, done in zip(todo, fresh, strict=True):
        hits[path] = done
        if kept is not None and path in keys and not done.skipped and len(done.texts) == 1:
            raw, name = done.texts[0]
            if raw.kind == "text" and raw.part is None:
                kept.keep_read(keys[path], raw, name, done.warnings)
    read = [hits[p] for p in paths]
    by_format: dict[str, list[RawText]] = {}
    first_with: dict[tuple[str, str], Path] = {}
    for done in read:
        rep.seconds.update(dict(done.seconds))
        for problem in done.skipped:
            rep.skip(*problem)
        for problem in done.warnings:
            rep.warn(*problem)
        if not done.texts:
            continue
        raw = done.texts[0][0]
        same = (raw.sha256, repr(sorted(raw.sidecar.items(), key=str)))
        if once and same in first_with:
            rep.skip(str(raw.path), f"has the same bytes as {first_with[same]}: ingested once. Delete one of the copies")
            continue
        first_with.setdefault(same, raw.path)
        for text, name in done.texts:
            by_format.setdefault(name, []).append(text)
    texts = [raw for done in read for raw, _ in done.texts]
    for where, message in dict.fromkeys(p for raw in texts for p in raw.sidecar_problems):
        rep.warn(where, message)  # a collection's problem: said once
    position = {path: i for i, path in enumerate(dict.fromkeys(raw.path for raw in texts))}
    jobs = [
        Job(tuple(group), name, ctx, settings, legacy)
        for name, members in by_format.items()
        for group in formats.grouped(formats.by_name(name), members)
    ]
    return sorted(jobs, key=lambda j: min(position[r.path] for r in j.group))


def _run_documents(jobs: list[Job], settings: Settings, kept: memo.Memo | None, each) -> list[Done]:
    """Stages 3-5 for every document, in order: from the memo when parsed before, else on the
    runner; `each(done)` is told of every document (those from the memo first), for progress."""
    runner = {"workers": settings.workers, "scheduler": settings.scheduler, "each": each}
    if kept is None:
        return run_all(_document, jobs, **runner)
    keys = [memo.document_key(kept.context, job.format, job.group) for job in jobs]
    found = [kept.document(key) for key in keys]
    todo = [i for i, hit in enumerate(found) if hit is None]
    out = [Done(*hit) if hit is not None else None for hit in found]
    for done in out:
        if done is not None:
            each(done)
    fresh = run_all(_document, [jobs[i] for i in todo], **runner)
    for i, done in zip(todo, fresh, strict=True):
        out[i] = done
        kept.keep_document(keys[i], done.articles, done.warnings, done.skipped)
    return out


def memo_context(settings: Settings, legacy: dict) -> str:
    """What every remembered result depends on beyond its own files: code, settings (not where
    the work runs), profiles, vocabulary, and ids kept from old builds."""
    where = dataclasses.replace(settings, workers=0, scheduler=None, progress_every=0)  # nor how progress is told
    inputs = ingestcache.context_digest(where)
    return hashlib.sha256(f"{inputs}:{sorted(legacy.items())!r}".encode("utf-8", "surrogateescape")).hexdigest()


def _once(articles: list[Article], rep: Report) -> list[Article]:
    """An article found twice (one accession number, or one source, date and headline: two
    exports, a PDF and its page text) is one article, whose origin names every place."""
    before: dict[str, tuple[str, ...]] = {}
    for article in articles:
        before.setdefault(article.uid, article.origin)  # the first found is the one kept
    merged = one_per_article(articles, key=lambda a: a.uid)
    for article in merged:
        if article.origin != before[article.uid]:
            again = ", ".join(article.origin[len(before[article.uid]) :])
            rep.warn(again, f"the same article as {before[article.uid][0]} (same id, source, date and headline): kept once")
    return merged


def extract(
    paths: list[Path],
    settings: Settings,
    rep: Report | None = None,
    *,
    known: dict[str, str] | None = None,
    editor: dict[str, dict] | None = None,
    once: bool = False,
    legacy: dict[tuple[tuple[str, ...], str], str] | None = None,
    kept: memo.Memo | None = None,
) -> list[Article]:
    """Stages 1-7: articles found in `paths`, in a stable order (`once`: copies skipped; `kept`:
    what earlier builds found, used and updated)."""
    rep = rep if rep is not None else Report()
    problems: list = []
    profiles = load_profiles(
        settings.sources_dir,
        lambda path, why: rep.warn(str(path), f"{why}; this source profile is not used until it is fixed"),
        problems,
    )
    vocabulary = load_vocabulary(settings.topics_file, problems)
    for problem in problems:
        rep.warn(problem.path, str(problem))
    ctx = Context(profiles=profiles, vocabulary=vocabulary)
    jobs = _documents(paths, settings, ctx, rep, once=once, legacy=legacy or {}, kept=kept)
    articles = []
    tally = progress.Tally(len(jobs), settings.progress_every)
    for done in _run_documents(jobs, settings, kept, each=lambda done: tally.add(len(done.articles))):
        rep.seconds.update(dict(done.seconds))
        for where, why in done.skipped:
            rep.skip(where, why)
        for where, why in done.warnings:
            rep.warn(where, why)
        articles.extend(done.articles)
    articles = _once(articles, rep)
    editor = editor or {}
    articles = [metadata.apply_editor(a, editor.get(a.uid, {})) for a in articles]
    fixed = {uid: e["story"] for uid, e in editor.items() if e.get("story")}
    fixed.update({a.uid: a.story for a in articles if a.story and a.uid not in fixed})
    subjects = frozenset(t.label for t in vocabulary.topics if t.cues)
    start = time.perf_counter()
    edits, problems = storyids.load_edits(settings.stories_file)
    for problem in problems:
        rep.warn(str(settings.stories_file), problem)
    progress.stage("grouping {} articles into stories", len(articles), settings.progress_every)
    articles = stories.group(articles, subjects=subjects, known=known, fixed=fixed, edits=edits)
    rep.notes[:] = storyids.describe(edits, articles)
    articles = metadata.mark_drafts(metadata.infer_dates(articles))
    rep.seconds["7 stories"] += time.perf_counter() - start
    for article in articles:
        for message in article.warnings:
            rep.warn(article.origin[0], message)
            if message.startswith(SUGGESTION):  # what to do about it, said again in the summary
                rep.notes.append(message.removeprefix(SUGGESTION))
    return articles


def ingest(settings: Settings) -> Report:
    """Raw texts to Markdown articles: stages 1-8, writing only what changed, one build at a time."""
    settings.articles_dir.mkdir(parents=True, exist_ok=True)
    with content_lock(settings.articles_dir.parent, wait=settings.lock_wait):
        digests: dict[Path, str] = {}
        inputs = ingestcache.inputs_digest(settings, digests)  # taken before reading: a file arriving now is seen next time
        previous = ingestcache.load(settings.articles_dir)
        if previous and previous["digest"] == ingestcache.combined(inputs, settings):
            return ingestcache.replay(previous)
        rep = _ingest(settings, digests)
        if not rep.skipped or all(where != str(settings.topics_file) for where, _ in rep.skipped):
            ingestcache.save(settings.articles_dir, ingestcache.combined(inputs, settings), rep)
        return rep


def _ingest(settings: Settings, digests: dict[Path, str]) -> Report:
    rep = Report()
    for stale in remove_stale_temporaries(settings.articles_dir):
        log.info("%s: removed, left by an interrupted build", stale)
    try:
        problems: list = []
        manifest, readable = Manifest.load(settings.articles_dir, problems), True
        for problem in problems:
            rep.warn(problem.path, str(problem))
    except ValueError as exc:  # left as it is for the editor; every article counts as edited meanwhile
        rep.warn(str(settings.articles_dir), f"{exc}. Until then every existing article is kept as if edited by hand")
        existing = {path.name: {"sha256": None} for path in settings.articles_dir.glob("*.md")}
        manifest, readable = Manifest(settings.articles_dir / MANIFEST, existing), False
    edited = edited_articles(manifest, rep.warn)
    editor = {uid: e.fields for uid, e in edited.items()}

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
    legacy = legacy_ids(manifest)
    kept = memo.Memo(settings.articles_dir, memo_context(settings, legacy), digests)
    try:
        known = manifest.known_stories()
        articles = extract(paths, settings, rep, known=known, editor=editor, once=True, legacy=legacy, kept=kept)
    except VocabularyError as exc:  # re-tagging every article without the vocabulary would lose its topics
        where = settings.topics_file or settings.raw_dir
        rep.skip(str(where), f"{' '.join(str(exc).split())}. Fix it; until then the articles are left as they are")
        return rep
    start = time.perf_counter()
    relative = [dataclasses.replace(a, origin=tuple(content_relative(o, settings.raw_dir) for o in a.origin)) for a in articles]
    progress.stage("writing {} articles", len(relative), settings.progress_every)
    publish(manifest, relative, rep, settings.raw_dir, {uid: e.name for uid, e in edited.items()}, (kept.made_before, kept.made))
    kept.save()
    rep.seconds["8 write"] += time.perf_counter() - start
    if readable:
        manifest.save()
    return rep
