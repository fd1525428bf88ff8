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
    kind: str = "text"  # what the file is (kinds.py): text, html, mhtml, eml, xml, pdf, docx
    data: bytes = b""  # the file's bytes for every kind read from bytes (`text` is "" then)
    part: int | None = None  # page number when one file gives several texts (a PDF's pages)
    sidecar_problems: tuple[tuple[str, str], ...] = ()  # (file, "`field`: what is wrong") for fields left out

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def origin(self) -> str:
        """Where an article from this text came from: the file, and its page when the file gave several."""
        return str(self.path) if self.part is None else f"{self.path}#p{self.part}"


class Preformatted(str):
    """A body paragraph whose line breaks and spacing are meaning (a table): never reflowed.

    It is still a `str`, so every stage and the JSON interface treat it as a paragraph;
    only the Markdown writer looks at the type and fences it.
    """

    __slots__ = ()


class Markdown(str):
    """A body paragraph already written as safe Markdown (a saved page's heading, list, quote
    or link), built by its format from escaped text: written as it is, never escaped again."""

    __slots__ = ()


# Field metadata, read by the front-matter writer, `newsdesk check` and the sidecar reader, so
# the schema is written once: `front` (False: never in front matter), `kind` (text, list, date,
# int, choice, pairs), `choices`, and `sidecar` (False: an editor cannot set it beside a raw text).
DATE_SOURCES = ("text", "profile", "filename", "sidecar", "inferred", "editor")


def _f(default=None, kind: str = "text", **meta):
    factory = {"list": tuple, "pairs": tuple}.get(kind)
    if factory is not None and default is None:
        return field(default_factory=factory, metadata={"kind": kind, **meta})
    return field(default=default, metadata={"kind": kind, **meta})


@dataclass(frozen=True, kw_only=True)
class Article:
    """One article found in one or more raw files, cleaned and described.

    Fields are in the order they are written in front matter.
    """

    title: str = _f("")
    slug: str | None = _f(sidecar=False)
    subtitle: str | None = _f()
    date: date | None = _f(kind="date")  # noqa: RUF009
    date_precision: str | None = _f(kind="choice", choices=("day", "month", "year"))
    date_source: str | None = _f(kind="choice", choices=DATE_SOURCES)
    date_note: str | None = _f()
    source: str | None = _f()
    source_domain: str | None = _f()
    source_url: str | None = _f()
    original_url: str | None = _f()
    publication: str | None = _f()
    section: str | None = _f()
    page: int | None = _f(kind="int")
    country: str | None = _f()
    language: str | None = _f()
    dateline: str | None = _f()
    byline: tuple[str, ...] = _f(kind="list")
    credit: str | None = _f()
    captions: tuple[str, ...] = _f(kind="list")
    topics: tuple[str, ...] = _f(kind="list")
    story: str | None = _f()
    status: str = _f("published", kind="choice", choices=("published", "draft", "hidden"))
    uid: str | None = _f(sidecar=False)
    format: str = _f("plain", sidecar=False)
    origin: tuple[str, ...] = _f(kind="list", sidecar=False)
    title_raw: str | None = _f()
    updated: date | None = _f(kind="date")  # noqa: RUF009
    description: str | None = _f()
    accession: str | None = _f()  # an export's accession number or document id: the article's identity
    edition: str | None = _f()
    word_count: int | None = _f(kind="int")
    load_date: date | None = _f(kind="date")  # noqa: RUF009
    copyright: str | None = _f()
    graphic: str | None = _f()  # an export's graphic notes
    correction: str | None = _f()  # a correction the database appended to the article (ProQuest)
    keywords: tuple[str, ...] = _f(kind="list")
    provenance: tuple[tuple[str, str], ...] = _f(kind="pairs", sidecar=False)  # (field, where its value came from)
    body: tuple[str, ...] = _f(kind="list", front=False, sidecar=False)  # paragraphs, plain text
    date_partial: str | None = _f(front=False, sidecar=False)  # a day the text names without a year ("March 3")
    warnings: tuple[str, ...] = _f(kind="list", front=False, sidecar=False)

    def with_warning(self, message: str) -> Article:
        return dataclasses.replace(self, warnings=(*self.warnings, message))


def article_fields(**wanted) -> tuple[str, ...]:
    """Names of the Article fields whose metadata matches, e.g. `article_fields(kind="list")`."""
    return tuple(
        f.name
        for f in dataclasses.fields(Article)
        if all(f.metadata.get(k, True if k in ("front", "sidecar") else None) == v for k, v in wanted.items())
    )


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
