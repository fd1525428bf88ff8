"""`newsdesk check`: is `content/` fit to build? Every finding names the file and what to do.

Errors are what would break the build or publish something wrong (unreadable front
matter, a field of the wrong type, two articles with one slug); warnings are what an
editor should look at (an inferred or missing date, a source no profile knows, a story
title for a story no article is in, a raw text that is gone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, guard
from .profiles import ProfileError, Profiles, load_profile
from .sanitize import URL_FIELDS, safe_url
from .store import MANIFEST, Manifest

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Field types come from the front-matter schema (guard: records.Article and rules/schemas.yaml).
KNOWN_FIELDS = frozenset(frontmatter.FIELDS) | {"tags", "summary", "modified", "category", "author", "authors"}


@dataclass(frozen=True)
class Finding:
    """One thing wrong (error) or worth a look (warning) in one file."""

    path: str
    level: str  # error, warning
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper()} {self.path}: {self.message}"


@dataclass(frozen=True)
class Checked:
    """An article file that could be read: its path and front matter."""

    path: Path
    meta: dict


def _schema(path: Path, meta: dict) -> list[Finding]:
    """The front-matter schema (rules/schemas.yaml, the one the build reads with), then what only a
    whole article must have: a title, a date unless it is a draft, slugs and http(s) addresses."""
    out = []

    def error(message: str) -> None:
        out.append(Finding(str(path), "error", message))

    def warning(message: str) -> None:
        out.append(Finding(str(path), "warning", message))

    fields, problems = guard.check_mapping(meta, "front_matter", str(path), unknown="keep")
    for problem in problems:
        error(str(problem))
    if "title" not in fields and "title" not in {p.field for p in problems}:
        error("no `title:`; every article needs one")
    status = fields.get("status", "published")
    value = fields.get("date")
    if "date" in {p.field for p in problems}:
        pass
    elif value is None:
        if status == "draft":
            warning("no date: it stays a draft until `date: YYYY-MM-DD` is set")
        else:
            error("no date: set `date: YYYY-MM-DD` (or `status: draft` to keep it unpublished)")
    elif fields.get("date_source") == "inferred":
        note = fields.get("date_note") or "no note says why"
        warning(f"date {value} was inferred ({note}); check it and set `date_source: editor` once confirmed")
    for name in ("story", "slug"):
        if name in fields and not SLUG.match(fields[name]):
            error(f"`{name}: {fields[name]}` must be a slug (a-z, 0-9 and single hyphens); it becomes a URL")
    for name in URL_FIELDS:
        if name in fields and safe_url(fields[name]) is None:
            error(f"`{name}: {fields[name]}` is not an http(s) address; it is left off the page. Correct or remove it")
    for name in sorted(set(meta) - KNOWN_FIELDS, key=str):
        warning(f"unknown field `{name}:` (a typo?); known fields: {', '.join(frontmatter.FIELDS)}")
    return out


def _articles(folder: Path) -> tuple[list[Checked], list[Finding]]:
    checked, findings = [], []
    files, too_deep = guard.walk_files(folder)
    findings += [Finding(str(p), "warning", "is nested too deep: not read. Move its files up") for p in too_deep]
    for path in files:
        if path.suffix != ".md" or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            meta, _ = frontmatter.load(guard.read_text(path, guard.MAX_ARTICLE_BYTES))
        except guard.GuardError as exc:
            findings.append(Finding(str(path), "error", str(exc)))
            continue
        except frontmatter.FrontMatterError as exc:
            message = " ".join(str(exc).split())  # YAML's own message spans lines and points with a caret
            findings.append(Finding(str(path), "error", f"{message}; fix it by hand (Newsdesk never overwrites edited articles)"))
            continue
        checked.append(Checked(path, meta))
        findings += _schema(path, meta)
    return checked, findings


def _duplicate_slugs(checked: list[Checked]) -> list[Finding]:
    first: dict[str, Path] = {}
    out = []
    for item in checked:
        slug = item.meta.get("slug") if isinstance(item.meta.get("slug"), str) else item.path.stem
        if slug in first:
            message = f"slug {slug!r} is also used by {first[slug]}; one page would hide the other. Change one `slug:`"
            out.append(Finding(str(item.path), "error", message))
        else:
            first[slug] = item.path
    return out


def _stories(checked: list[Checked], stories_file: Path) -> list[Finding]:
    if not stories_file.is_file():
        return []
    data, problems = guard.load_entries(stories_file, "story", "title")
    out = [Finding(p.path, "warning" if p.field else "error", str(p)) for p in problems]
    used = {str(item.meta.get("story")) for item in checked if item.meta.get("story")}
    dangling = sorted(set(data) - used)
    what = "has a title here but no article is in it (dangling); remove it or fix the id"
    return out + [Finding(str(stories_file), "warning", f"story {story!r} {what}") for story in dangling]


def _sources(checked: list[Checked], sources_dir: Path) -> list[Finding]:
    out, loaded, problems = [], [], []
    for path in sorted([*sources_dir.glob("*.yaml"), *sources_dir.glob("*.yml")]) if sources_dir.is_dir() else []:
        try:
            loaded.append(load_profile(path, problems))
        except (ProfileError, OSError) as exc:
            out.append(Finding(str(path), "error", f"{' '.join(str(exc).removeprefix(f'{path}: ').split())}; not used"))
    out += [Finding(p.path, "warning", str(p)) for p in problems]
    profiles = Profiles(tuple(loaded))
    for item in checked:
        source = item.meta.get("source")
        if isinstance(source, str) and source and profiles.by_name(source) is None:
            what = f"has no profile in {sources_dir}; add one (name, mastheads, domain) or correct `source:`"
            out.append(Finding(str(item.path), "warning", f"source {source!r} {what}"))
        elif not source:
            out.append(Finding(str(item.path), "warning", "no `source:`; it will show as 'unknown source'"))
    return out


def _origins(checked: list[Checked], content: Path) -> list[Finding]:
    out = []
    for item in checked:
        origin = item.meta.get("origin")
        for name in [origin] if isinstance(origin, str) else origin if isinstance(origin, list) else []:
            if isinstance(name, str) and not guard.exists(content / name):
                what = "is gone; delete the article if it should go too"
                out.append(Finding(str(item.path), "warning", f"its raw text {name} {what}"))
    return out


def check(content: Path, articles: str = "articles", sources: str = "sources", stories: str = "stories.yaml") -> list[Finding]:
    """Every finding for a content folder, errors and warnings, in file order."""
    folder = content / articles
    if not folder.is_dir():
        return [Finding(str(folder), "error", "no articles folder; run `newsdesk ingest` first")]
    findings: list[Finding] = []
    checked: list[Checked] = []

    def manifest() -> list[Finding]:
        problems: list = []
        try:
            Manifest.load(folder, problems)
        except ValueError as exc:
            return [Finding(str(folder / MANIFEST), "error", str(exc).removeprefix(f"{folder / MANIFEST}: "))]
        return [Finding(p.path, "error", str(p)) for p in problems]

    def articles_found() -> list[Finding]:
        found, out = _articles(folder)
        checked.extend(found)
        return out

    stages = (
        manifest,
        articles_found,
        lambda: _duplicate_slugs(checked),
        lambda: _stories(checked, content / stories),
        lambda: _sources(checked, content / sources),
        lambda: _origins(checked, content),
    )
    for stage in stages:
        try:
            findings += stage()
        except Exception as exc:  # check must report, never crash
            what = f"check stopped early ({type(exc).__name__}: {exc}); please report this as a Newsdesk bug"
            findings.append(Finding(str(content), "error", what))
    return findings
