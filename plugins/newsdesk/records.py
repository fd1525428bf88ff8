"""Records passed from one pipeline stage to the next.

Every stage takes and returns these frozen dataclasses, so a stage can never
change what an earlier stage saw; `dataclasses.replace` makes the next record.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class RawText:
    """A raw file as received, decoded to text; the file itself is never touched."""

    path: Path
    text: str
    encoding: str
    sha256: str
    sidecar: dict = field(default_factory=dict)
    sidecar_problems: tuple[tuple[str, str], ...] = ()  # (file, "`field`: what is wrong") for fields left out

    @property
    def name(self) -> str:
        return self.path.name


class Preformatted(str):
    """A body paragraph whose line breaks and spacing are meaning (a table): never reflowed.

    It is still a `str`, so every stage and the JSON interface treat it as a paragraph;
    only the Markdown writer looks at the type and fences it.
    """

    __slots__ = ()


@dataclass(frozen=True)
class Block:
    """One line of a raw text with the role a parser gave it."""

    text: str
    role: str  # body, title, header, footer, caption, masthead, blank, ...


@dataclass(frozen=True)
class Article:
    """One article found in one or more raw files, cleaned and described."""

    origin: tuple[str, ...]
    format: str
    title: str
    body: tuple[str, ...]  # paragraphs, plain text (Markdown is made on output)
    title_raw: str | None = None
    subtitle: str | None = None
    section: str | None = None
    source: str | None = None
    source_domain: str | None = None
    publication: str | None = None
    page: int | None = None
    country: str | None = None
    language: str | None = None
    date: date | None = None
    date_precision: str | None = None  # day, month or year
    date_source: str | None = None  # text, profile, filename, sidecar, inferred, editor
    date_note: str | None = None
    dateline: str | None = None
    byline: tuple[str, ...] = ()
    credit: str | None = None
    captions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    story: str | None = None
    source_url: str | None = None
    original_url: str | None = None
    uid: str | None = None
    slug: str | None = None
    status: str = "published"
    warnings: tuple[str, ...] = ()

    def with_warning(self, message: str) -> Article:
        return dataclasses.replace(self, warnings=(*self.warnings, message))


@dataclass(frozen=True)
class SourceProfile:
    """What Newsdesk knows of one publisher; loaded from a YAML file, never code."""

    key: str
    name: str
    domain: str | None = None
    mastheads: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    boilerplate: tuple[str, ...] = ()  # regular expressions matched on whole lines
    url: str | None = None
    date_patterns: tuple[str, ...] = ()  # regular expressions whose group `date` is the publication date


@dataclass(frozen=True)
class Topic:
    """A vocabulary entry: the label shown on tag pages and the words that name it."""

    label: str
    kind: str  # person, organisation, place, subject
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # aliases that only count when the label is named too
    iptc: str | None = None
