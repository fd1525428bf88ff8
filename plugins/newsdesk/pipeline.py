"""The Newsdesk pipeline, stage by stage, from a folder of raw texts to articles.

    1. decode    bytes -> text (encoding detected, mojibake repaired)      decode.py
    2. detect    which format the text is in                               detect.py
    3. parse     format parser: heads, feet, captions, datelines removed    formats/*.py
                 (report pages that continue each other are joined)
    4. sidecar   fields an editor set in `<raw name>.yaml`
    5. topics    vocabulary, then names by salience                        topics.py
    6. editor    date/topics/story an editor set in a generated article
    7. stories   near-copies and shared topics -> story ids; dates inferred stories.py
    8. write     Markdown + YAML, atomic, never over an editor's changes    frontmatter.py, store.py

`extract()` runs 1-7 and returns records; `ingest()` also writes them.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import frontmatter, ingestcache, stories
from .clean import SENTENCE_END, learn_repeated_lines, rejoin_hyphenated
from .dates import date_from_filename, with_year
from .decode import MAX_RAW_BYTES, RawFileError, list_raw_files, read_raw
from .detect import detect
from .formats import factiva_pdf, plain, report
from .lock import WAIT_SECONDS, content_lock
from .profiles import ProfileError, Profiles, load_profile
from .records import Article, Preformatted, RawText
from .slugs import slugify, unique
from .store import MANIFEST, Manifest, remove_stale_temporaries, sha256, write_article
from .topics import Vocabulary, VocabularyError, assign_topics, load_vocabulary

log = logging.getLogger("newsdesk")
UID_NAMESPACE = uuid.UUID("6f1c1a52-8f0e-4d7c-9a43-6b0f2f0c5e11")
SIDECAR_FIELDS = {f.name for f in dataclasses.fields(Article)} - {"origin", "format", "body", "uid", "warnings"}
COLLECTION_FACTS = {"year", "year_from"}  # read by the parsers and by _date_fallback, not Article fields
# A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300
# Topics come from the headline and the first paragraphs; reading further in a very long
# text (a 1 MB line) only costs time, as name finding grows faster than the text.
TOPIC_TEXT_CHARS = 20_000


@dataclass(frozen=True)
class Settings:
    """Where things are and how the pipeline behaves; from pelicanconf or the command line."""

    raw_dir: Path
    articles_dir: Path
    sources_dir: Path | None = None
    topics_file: Path | None = None
    max_topics: int = 8
    window_days: int = 7
    max_raw_bytes: int = MAX_RAW_BYTES
    lock_wait: float = WAIT_SECONDS


@dataclass
class Report:
    """What one run did, for the summary at its end."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    said_once: list[tuple[str, str]] = field(default_factory=list)  # warnings not to repeat next build
    cached: bool = False  # nothing had changed: the previous run's result stands

    def warn(self, where: str, message: str) -> None:
        self.warnings.append((where, message))
        log.warning("%s: %s", where, message)

    def skip(self, where: str, message: str) -> None:
        self.skipped.append((where, message))
        log.error("%s: skipped: %s", where, message)

    def summary(self) -> str:
        """One line of counts, then one line per skipped file with the reason and what to do."""
        lines = [
            f"newsdesk: {len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.kept)} kept (edited by hand), {len(self.removed)} removed, "
            f"{len(self.skipped)} skipped, {len(self.warnings)} warnings"
        ]
        lines += [f"  skipped {where}: {why}" for where, why in self.skipped]
        return "\n".join(lines)


def _origin_key(path: Path, raw_dir: Path | None) -> str:
    if raw_dir is not None:
        try:
            return path.resolve().relative_to(raw_dir.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def _content_relative(path: Path, raw_dir: Path) -> str:
    """Origin as written in front matter: relative to the content folder ("raw/x.txt")."""
    return f"{raw_dir.name}/{_origin_key(path, raw_dir)}"


def _read_all(paths: list[Path], rep: Report, max_bytes: int = MAX_RAW_BYTES, *, once: bool = False) -> list[RawText]:
    """Decode every raw file; one that cannot be read is skipped with the reason, never fatal.

    With `once`, a file with the same bytes (and sidecar) as one before it is skipped too.
    """
    raws = []
    first_with: dict[tuple[str, str], Path] = {}
    for path in paths:
        try:
            raw = read_raw(path, max_bytes)
        except RawFileError as exc:
            rep.skip(str(path), str(exc))
            continue
        except OSError as exc:
            rep.skip(str(path), f"cannot be read ({exc.strerror or exc}): check that it exists and that you may read it")
            continue
        except Exception as exc:  # a bug in a decoder must not stop the build
            rep.skip(str(path), f"could not be read ({type(exc).__name__}: {exc}); please report this as a Newsdesk bug")
            continue
        same = (raw.sha256, repr(sorted(raw.sidecar.items(), key=str)))
        if once and same in first_with:
            rep.skip(str(path), f"has the same bytes as {first_with[same]}: ingested once. Delete one of the copies")
            continue
        first_with.setdefault(same, path)
        raws.append(raw)
    return raws


def _guarded(rep: Report, raws: list[RawText], parse, *args) -> list[Article]:
    """A parser that raises on a text skips that text, with a message, and the build goes on."""
    try:
        return parse(*args)
    except Exception as exc:
        for raw in raws:
            rep.skip(str(raw.path), f"could not be parsed ({type(exc).__name__}: {exc}); please report this as a Newsdesk bug")
        return []


def _detect(raw: RawText, rep: Report):
    try:
        return detect(raw.text)
    except Exception as exc:
        rep.warn(str(raw.path), f"format detection failed ({type(exc).__name__}: {exc}); read as plain text")
        return plain


def _parse_all(raws: list[RawText], profiles: Profiles, rep: Report) -> list[Article]:
    """Parse every raw text; pages of one Factiva PDF are one article, report pages that
    continue the previous page of the same report join its last article."""
    formats = {id(r): _detect(r, rep) for r in raws}
    articles = _parse_reports([r for r in raws if formats[id(r)] is report], profiles, rep)
    for pdf in factiva_pdf.group_pages([r for r in raws if formats[id(r)] is factiva_pdf]):
        articles.extend(_guarded(rep, pdf, factiva_pdf.parse_pages, pdf, profiles))
    for raw in raws:
        if formats[id(raw)] not in (report, factiva_pdf):
            articles.extend(_guarded(rep, [raw], formats[id(raw)].parse, raw, profiles))
    return articles


def _parse_reports(raws: list[RawText], profiles: Profiles, rep: Report) -> list[Article]:
    """Report pages grouped by report; running heads and feet learned from the report's pages.

    A page whose text starts with no heading continues the last article of the page
    before it in the same report (same code, page number one less); it stays apart
    when that page was not given.
    """
    by_report: dict[str, list[tuple[report.PageFacts, RawText]]] = {}
    for raw in raws:
        facts = report.page_facts(raw)
        key = f"{raw.path.parent}\n{facts.code or facts.publication or ''}"  # one folder, one report
        by_report.setdefault(key, []).append((facts, raw))
    articles: list[Article] = []
    for _report, pages in sorted(by_report.items()):
        pages.sort(key=lambda fr: (fr[0].page or 0, str(fr[1].path)))
        learned = frozenset(learn_repeated_lines([_page_edges(r) for _, r in pages], min_pages=2))
        last_on_page: dict[int, int] = {}
        for facts, raw in pages:
            found = _guarded(rep, [raw], report.parse, raw, profiles, learned)
            prev = last_on_page.get(facts.page - 1) if facts.page else None
            if found and not found[0].title and prev is not None:
                head = articles[prev]
                articles[prev] = dataclasses.replace(
                    head, origin=(*head.origin, *found[0].origin), body=_join_pages(head.body, found[0].body)
                )
                found = found[1:]
                if facts.page:
                    last_on_page[facts.page] = prev
            if found and not found[0].title and facts.page and facts.page - 1 not in last_on_page:
                found[0] = found[0].with_warning(
                    f"the page starts mid-article and page {facts.page - 1} of this report was not given: kept apart"
                )
            articles.extend(found)
            if found and facts.page:
                last_on_page[facts.page] = len(articles) - 1
    return articles


def _page_edges(raw: RawText, depth: int = 3) -> list[str]:
    """The first and last lines of a page: where running heads and feet sit (a line repeated mid-page is text)."""
    lines = [x for x in raw.text.replace("\f", "\n").split("\n") if x.strip() and not report.HEADING.match(x)]
    return lines[:depth] + lines[-depth:]


def _join_pages(first: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """Glue a paragraph cut by a page break back together ("diplo-" / "matic" too)."""
    if not (first and more) or isinstance(first[-1], Preformatted) or isinstance(more[0], Preformatted):
        return (*first, *more)
    end, start = first[-1].rstrip(), more[0].lstrip()
    if end.endswith("-") and start[:1].islower():
        return (*first[:-1], rejoin_hyphenated([end, start])[0], *more[1:])
    if not SENTENCE_END.search(end):
        return (*first[:-1], f"{end} {start}", *more[1:])
    return (*first, *more)


def _date_fallback(article: Article, raw: RawText | None, profiles: Profiles) -> Article:
    """A date the parser could not read: by the source profile's date patterns, a day in the
    text placed in the sidecar's or collection's year, or the date in the file name."""
    if article.date is not None or raw is None:
        return article
    if found := profiles.profile_date(article.source, raw.text):
        note = f"{article.source} profile date pattern: {found.text}"
        return dataclasses.replace(
            article, date=found.value, date_precision=found.precision, date_source="profile", date_note=note
        )
    year = raw.sidecar.get("year")
    lead = " ".join(x for x in (article.dateline, *article.body[:2]) if x)
    if year and (found := with_year(lead, year)):
        note = f"text gives {found.text}; year {year} from {raw.sidecar.get('year_from', 'the sidecar')}"
        return dataclasses.replace(article, date=found.value, date_precision="day", date_source="text", date_note=note)
    if found := date_from_filename(raw.path.name):
        note = f"file name {raw.path.name}"
        return dataclasses.replace(article, date=found.value, date_precision="day", date_source="filename", date_note=note)
    return article


def _apply_sidecar(article: Article, raw: RawText | None, rep: Report, profiles: Profiles) -> Article:
    article = _date_fallback(article, raw, profiles)
    if raw is None or not raw.sidecar:
        return article
    changes = {}
    for key, value in raw.sidecar.items():
        if key in COLLECTION_FACTS:
            continue
        if key not in SIDECAR_FIELDS:
            rep.warn(f"{raw.path}.yaml", f"unknown field {key!r} ignored; known: {', '.join(sorted(SIDECAR_FIELDS))}")
            continue
        if key == "date":
            if isinstance(value, datetime):
                value = value.date()
            if not isinstance(value, date):
                rep.warn(f"{raw.path}.yaml", f"date {value!r} is not YYYY-MM-DD; ignored")
                continue
            changes.update(date_source="sidecar", date_precision=raw.sidecar.get("date_precision", "day"))
        if key in ("byline", "captions", "topics") and not isinstance(value, list):
            value = [value]
        if isinstance(value, list):
            value = tuple(str(v) for v in value)
        if key == "story":
            value = _story_id(value, f"{raw.path}.yaml", rep)
        changes[key] = value
    return dataclasses.replace(article, **changes)


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
    profiles = _load_profiles(settings.sources_dir, rep)
    vocabulary = load_vocabulary(settings.topics_file)
    raws = _read_all(paths, rep, settings.max_raw_bytes, once=once)
    by_path = {str(r.path): r for r in raws}
    articles = []
    seen: dict[str, int] = {}
    for article in _parse_all(raws, profiles, rep):
        raw = by_path.get(article.origin[0])
        key = _origin_key(Path(article.origin[0]), settings.raw_dir)
        seen[key] = seen.get(key, 0) + 1
        uid = f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{key}#{seen[key]}')}"
        article = dataclasses.replace(article, uid=uid)
        if len(article.title) > MAX_TITLE_CHARS:
            article = dataclasses.replace(article, title="", body=(article.title, *article.body))
            article = article.with_warning(f"the first line is too long for a headline (over {MAX_TITLE_CHARS} characters)")
        if not article.title:
            first = article.body[0] if article.body else ""
            article = dataclasses.replace(article, title=" ".join(first.split()[:12]) or Path(key).stem)
            article = article.with_warning("no headline found; the title is the first words of the text")
        article = _apply_sidecar(article, raw, rep, profiles)
        articles.append(article)

    subjects = frozenset(t.label for t in vocabulary.topics if t.cues)
    sidecar_topics = {str(r.path) for r in raws if "topics" in r.sidecar}
    articles = [_tag(a, vocabulary, settings, raw_has_topics=a.origin[0] in sidecar_topics) for a in articles]
    editor = editor or {}
    articles = [_editor(a, editor.get(a.uid, {})) for a in articles]
    fixed = {uid: e["story"] for uid, e in editor.items() if e.get("story")}
    fixed.update({a.uid: a.story for a in articles if a.story and a.uid not in fixed})
    articles = stories.group(articles, subjects=subjects, window_days=settings.window_days, known=known, fixed=fixed)
    articles = stories.infer_dates(articles)
    out = []
    for article in articles:
        if article.date is None:
            article = dataclasses.replace(article, status="draft").with_warning(
                "no date found: kept as a draft. Set `date: YYYY-MM-DD` in the article's front matter "
                f"or in a sidecar file {Path(article.origin[0]).name}.yaml beside the raw text"
            )
        out.append(article)
    for article in out:
        for message in article.warnings:
            rep.warn(article.origin[0], message)
    return out


def _load_profiles(folder: Path | None, rep: Report) -> Profiles:
    """Every source profile that can be read; a broken one is named and left out, the build goes on."""
    if folder is None or not folder.is_dir():
        return Profiles()
    loaded = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            loaded.append(load_profile(path))
        except (ProfileError, OSError, UnicodeDecodeError) as exc:
            message = " ".join(str(exc).removeprefix(f"{path}: ").split())
            rep.warn(str(path), f"{message}; this source profile is not used until it is fixed")
    return Profiles(tuple(loaded))


def _tag(article: Article, vocabulary: Vocabulary, settings: Settings, *, raw_has_topics: bool) -> Article:
    if raw_has_topics:
        return article
    exclude = frozenset(x for x in (article.source, article.credit) if x)
    probe = dataclasses.replace(article, body=_head(article.body, TOPIC_TEXT_CHARS))
    topics = assign_topics(probe, vocabulary, limit=settings.max_topics, exclude=exclude).topics
    return dataclasses.replace(article, topics=topics)


def _head(paragraphs: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """The first `limit` characters of a body, cut at a paragraph (or inside an overlong one).

    >>> _head(("one", "two", "three"), 5)
    ('one', 'tw')
    """
    out, left = [], limit
    for paragraph in paragraphs:
        if left <= 0:
            break
        out.append(paragraph[:left])
        left -= len(paragraph)
    return tuple(out)


def _story_id(value, where: str, rep: Report) -> str | None:
    """A story id is part of URLs and file names: only a slug is taken as it is."""
    story = slugify(str(value)) or None
    if story != value:
        rep.warn(where, f"story {value!r} is not a slug (a-z, 0-9, -): used {story!r} instead")
    return story


def _editor(article: Article, fields: dict) -> Article:
    if not fields:
        return article
    changes = {k: v for k, v in fields.items() if k in ("date", "topics", "story")}
    if "story" in changes:
        changes["story"] = slugify(changes["story"]) or None
    if "date" in changes:
        changes.update(date_source="editor", date_precision="day", date_note=None)
    return dataclasses.replace(article, **changes)


def ingest(settings: Settings) -> Report:
    """Raw texts to Markdown articles: stages 1-8, writing only what changed, one build at a time."""
    settings.articles_dir.mkdir(parents=True, exist_ok=True)
    with content_lock(settings.articles_dir.parent, wait=settings.lock_wait):
        before = ingestcache.inputs_digest(settings, settings.max_raw_bytes)
        previous = ingestcache.load(settings.articles_dir)
        if previous and previous["digest"] == before:
            return _replay(previous)
        rep = _ingest(settings)
        if not rep.skipped or all(where != str(settings.topics_file) for where, _ in rep.skipped):
            ingestcache.save(
                settings.articles_dir,
                ingestcache.inputs_digest(settings, settings.max_raw_bytes),
                unchanged=[*rep.written, *rep.unchanged],
                kept=rep.kept,
                warnings=[w for w in rep.warnings if w not in rep.said_once],
                skipped=rep.skipped,
            )
        return rep


def _replay(previous: dict) -> Report:
    """The report of a run that nothing has changed since: its messages are said again."""
    rep = Report(unchanged=list(previous["unchanged"]), kept=list(previous["kept"]), cached=True)
    for where, message in previous["warnings"]:
        rep.warn(where, message)
    for where, message in previous["skipped"]:
        rep.skip(where, message)
    return rep


def _inside(paths: list[Path], raw_dir: Path, rep: Report) -> list[Path]:
    """Raw files whose real location is inside the raw folder; links out of it are refused."""
    root = raw_dir.resolve()
    kept = []
    for path in paths:
        real = path.resolve()
        if real.is_relative_to(root):
            kept.append(path)
        else:
            rep.skip(str(path), f"is a link to {real}, outside {raw_dir}: refused. Copy the file into {raw_dir} instead")
    return kept


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
    editor: dict[str, dict] = {}
    for name, record in sorted(manifest.files.items()):
        if manifest.edited(name) and record.get("uid"):
            path = settings.articles_dir / name
            try:
                meta, _ = frontmatter.load(path.read_text(encoding="utf-8"))
            except (frontmatter.FrontMatterError, UnicodeDecodeError) as exc:
                rep.warn(str(path), f"{' '.join(str(exc).split())}; fix it by hand (Newsdesk will not overwrite it)")
                continue
            editor[record["uid"]] = frontmatter.editor_fields(meta)

    paths = _inside(list_raw_files(settings.raw_dir), settings.raw_dir, rep) if settings.raw_dir.is_dir() else []
    if not settings.raw_dir.is_dir():
        rep.warn(str(settings.raw_dir), "raw folder not found; nothing to ingest")
    try:
        articles = extract(paths, settings, rep, known=manifest.known_stories(), editor=editor, once=True)
    except VocabularyError as exc:  # re-tagging every article without the vocabulary would lose its topics
        where = settings.topics_file or settings.raw_dir
        rep.skip(str(where), f"{' '.join(str(exc).split())}. Fix it; until then the articles are left as they are")
        return rep

    taken: set[str] = set()
    names: dict[str, str] = {}
    for article in articles:
        name = manifest.file_for(article.uid)
        if name and name not in taken:
            taken.add(name)
            names[article.uid] = name
    for article in articles:
        if article.uid not in names:
            base = slugify(f"{article.source or ''} {article.title}")[:90].strip("-")
            base = base or slugify(Path(article.origin[0]).stem)[:90].strip("-") or "article"  # a title of emoji
            names[article.uid] = unique(base, {n.removesuffix(".md") for n in taken}) + ".md"
            taken.add(names[article.uid])

    live = set()
    for article in articles:
        name = names[article.uid]
        live.add(name)
        slug = name.removesuffix(".md")
        origin = tuple(_content_relative(Path(o), settings.raw_dir) for o in article.origin)
        text = frontmatter.dump(dataclasses.replace(article, slug=slug, origin=origin))
        result = write_article(manifest, name, text, uid=article.uid, story=article.story, origin=origin)
        {"written": rep.written, "unchanged": rep.unchanged, "kept-edited": rep.kept}[result.status].append(name)
        if result.status == "kept-edited":
            _tell_once(manifest, name, rep)

    for name in sorted(set(manifest.files) - live):
        path = settings.articles_dir / name
        if manifest.edited(name):
            _tell_once(manifest, name, rep, orphan=True)
            continue
        path.unlink(missing_ok=True)
        del manifest.files[name]
        rep.removed.append(name)
        log.warning("%s: removed; its raw text is gone from %s", path, settings.raw_dir)
    if readable:
        manifest.save()
    return rep


def _tell_once(manifest: Manifest, name: str, rep: Report, *, orphan: bool = False) -> None:
    """Say once per edit that an edited article was kept (and not again on every build)."""
    path = manifest.path.parent / name
    digest = sha256(path.read_bytes())
    record = manifest.files[name]
    if record.get("told") == digest:
        return
    record["told"] = digest
    count = len(rep.warnings)
    _warn_edited(rep, path, orphan=orphan)
    rep.said_once.extend(rep.warnings[count:])


def _warn_edited(rep: Report, path: Path, *, orphan: bool) -> None:
    if orphan:
        rep.warn(str(path), "its raw text is gone, but it was edited by hand: kept. Delete it if it should go")
    else:
        rep.warn(
            str(path),
            "edited by hand: kept as it is, the newly generated version was not written. Delete the file to regenerate it",
        )
