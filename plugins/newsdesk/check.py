"""`newsdesk check`: is `content/` fit to build? Every finding names the file and what to do.

Errors are what would break the build or publish something wrong (unreadable front
matter, a field of the wrong type, two articles with one slug); warnings are what an
editor should look at (an inferred or missing date, a source no profile knows, a story
title for a story no article is in, a raw text that is gone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path

import yaml

from . import frontmatter
from .profiles import ProfileError, load_profiles
from .records import Article, article_fields
from .sanitize import URL_FIELDS, safe_url
from .store import MANIFEST, Manifest

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Field rules come from the article record's schema (records.Article): types and allowed values.
TEXT_FIELDS = tuple(n for n in article_fields(kind="text", front=True) if n not in ("slug", "story"))  # title first
LIST_FIELDS = tuple(n for n in article_fields(kind="list", front=True) if n != "origin")
CHOICES = {f.name: f.metadata["choices"] for f in fields(Article) if "choices" in f.metadata}
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
    out = []

    def error(message: str) -> None:
        out.append(Finding(str(path), "error", message))

    def warning(message: str) -> None:
        out.append(Finding(str(path), "warning", message))

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        error("no `title:`; every article needs one")
    for name in TEXT_FIELDS[1:]:
        if name in meta and meta[name] is not None and not isinstance(meta[name], str | int | float):
            error(f"`{name}:` must be text, not {type(meta[name]).__name__}")
    for name in LIST_FIELDS:
        value = meta.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str | int | float) for v in value)):
            error(f"`{name}:` must be a list of text, e.g. `{name}: [one, two]`")
    for name, allowed in CHOICES.items():
        if name in meta and meta[name] not in allowed:
            error(f"`{name}: {meta[name]}` is not one of {', '.join(allowed)}")
    status = meta.get("status", "published")
    value = meta.get("date")
    if value is None:
        if status == "draft":
            warning("no date: it stays a draft until `date: YYYY-MM-DD` is set")
        else:
            error("no date: set `date: YYYY-MM-DD` (or `status: draft` to keep it unpublished)")
    elif not isinstance(value, date | datetime):
        error(f"`date: {value}` is not a date; write it as YYYY-MM-DD")
    elif meta.get("date_source") == "inferred":
        note = meta.get("date_note") or "no note says why"
        warning(f"date {value} was inferred ({note}); check it and set `date_source: editor` once confirmed")
    for name in ("story", "slug"):
        if name in meta and not (isinstance(meta[name], str) and SLUG.match(meta[name])):
            error(f"`{name}: {meta[name]}` must be a slug (a-z, 0-9 and single hyphens); it becomes a URL")
    for name in URL_FIELDS:
        if name in meta and safe_url(meta[name]) is None:
            error(f"`{name}: {meta[name]}` is not an http(s) address; it is left off the page. Correct or remove it")
    origin = meta.get("origin")
    origins = [origin] if isinstance(origin, str) else origin if isinstance(origin, list) else [None]
    if origin is not None and not all(isinstance(o, str) for o in origins):
        error("`origin:` must be a raw file name or a list of them")
    for name in sorted(set(meta) - KNOWN_FIELDS):
        warning(f"unknown field `{name}:` (a typo?); known fields: {', '.join(frontmatter.FIELDS)}")
    return out


def _articles(folder: Path) -> tuple[list[Checked], list[Finding]]:
    checked, findings = [], []
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            meta, _ = frontmatter.load(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            findings.append(Finding(str(path), "error", f"not UTF-8 ({exc}); save it as UTF-8"))
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
    try:
        data = yaml.safe_load(stories_file.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return [Finding(str(stories_file), "error", f"not valid YAML ({exc}); story titles would be ignored")]
    if not isinstance(data, dict):
        return [Finding(str(stories_file), "error", "must be `story-id: {title: ..., summary: ...}` entries")]
    used = {str(item.meta.get("story")) for item in checked if item.meta.get("story")}
    dangling = sorted(set(map(str, data)) - used)
    what = "has a title here but no article is in it (dangling); remove it or fix the id"
    return [Finding(str(stories_file), "warning", f"story {story!r} {what}") for story in dangling]


def _sources(checked: list[Checked], sources_dir: Path) -> list[Finding]:
    try:
        profiles = load_profiles(sources_dir)
    except (ProfileError, yaml.YAMLError, OSError) as exc:
        return [Finding(str(sources_dir), "error", str(exc))]
    out = []
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
            if isinstance(name, str) and not (content / name).exists():
                what = "is gone; delete the article if it should go too"
                out.append(Finding(str(item.path), "warning", f"its raw text {name} {what}"))
    return out


def check(content: Path, articles: str = "articles", sources: str = "sources", stories: str = "stories.yaml") -> list[Finding]:
    """Every finding for a content folder, errors and warnings, in file order."""
    folder = content / articles
    if not folder.is_dir():
        return [Finding(str(folder), "error", "no articles folder; run `newsdesk ingest` first")]
    findings = []
    try:
        Manifest.load(folder)
    except ValueError as exc:
        findings.append(Finding(str(folder / MANIFEST), "error", str(exc)))
    checked, found = _articles(folder)
    findings += found
    findings += _duplicate_slugs(checked)
    findings += _stories(checked, content / stories)
    findings += _sources(checked, content / sources)
    findings += _origins(checked, content)
    return findings
