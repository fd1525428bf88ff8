"""LexisNexis / Nexis Uni documents, whatever the export they came in.

The classic text and HTML exports and the Nexis Uni DOCX export print the same
document: source, date line, headline, labelled fields ("BYLINE:", "Length:"),
body, tail fields ("LOAD-DATE:", "LANGUAGE:") and copyright. Each export module
turns its file into `Para`s, one document at a time; this module tells fields,
body and tail apart and makes the Article (nexis_fields reads the values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..clean import squeeze_spaces
from ..records import Article, Preformatted
from .nexis_fields import (
    PAGE,
    credit,
    language_code,
    names,
    parse_date_line,
    rules,
    split_source,
    subjects,
    tidy_headline,
    unglue,
    word_count,
)

if TYPE_CHECKING:
    from .base import Context

MAX_LABEL = 32
COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)|\(C\))", re.IGNORECASE)
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Para:
    """One paragraph of an export, with the layout facts that tell fields from text."""

    text: str
    centered: bool = False  # classic exports centre the source, date line, edition and copyright
    table: bool = False  # rows of a table, "a | b" lines, kept as they are


@dataclass(frozen=True)
class Document:
    """The fields of one Nexis document as printed."""

    headline: str | None = None
    source: str | None = None
    date_line: str | None = None
    edition: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # field key -> value ("byline" -> "By A. Writer")
    body: tuple[str, ...] = ()
    copyright: str | None = None
    original_url: str | None = None
    accession: str | None = None  # the export's document id (Nexis Uni: "urn:contentItem:…")


def label(text: str, *, capitals: bool) -> tuple[str, str, str] | None:
    """(field key or "", label as printed, value) for "LABEL: value"; "" is a label the rules do not name.

    Classic exports print labels in capitals, so `capitals` refuses "Update: the vote" in a body.

    >>> label("LOAD-DATE: June 13, 2000", capitals=True)
    ('load_date', 'LOAD-DATE', 'June 13, 2000')
    >>> label("Update: the vote was close", capitals=True) is None
    True
    """
    head, colon, value = text[: MAX_LABEL + 1].partition(":")
    if not colon or not head or head != head.strip() or "  " in head:
        return None
    if capitals and not head.isupper():
        return None
    if not re.fullmatch(r"[^\W\d_][\w/-]*(?: [\w/-]+){0,2}", head):
        return None
    value = squeeze_spaces(text[len(head) + 1 :])
    return rules().labels.get(head.casefold(), ""), head, value


def read_fields(paras: list[Para], start: int, *, capitals: bool) -> tuple[dict[str, str], int]:
    """The labelled head fields from `start` on: (fields, index of the first body paragraph)."""
    found: dict[str, str] = {}
    i = start
    while i < len(paras):
        got = label(paras[i].text, capitals=capitals)
        if got is None or (got[0] not in rules().head and got[0] != ""):
            break
        key, printed, value = got
        found.setdefault(key or printed.casefold(), value)
        i += 1
    return found, i


def read_tail(paras: list[Para], *, capitals: bool) -> tuple[dict[str, str], str | None]:
    """Tail fields (a label with no value takes the paragraphs after it) and the copyright notice."""
    found: dict[str, str] = {}
    copyright = None
    current = None
    for para in paras:
        text = para.text.strip()
        if not text:
            continue
        got = label(text, capitals=capitals)
        if got is not None:
            key, printed, value = got
            current = key or printed.casefold()
            found.setdefault(current, value)
            continue
        flat = squeeze_spaces(text.replace("\n", " "))
        if COPYRIGHT.match(flat):
            copyright = copyright or flat
            current = None
        elif current is not None and not found.get(current):
            found[current] = flat
    return found, copyright


def body_paragraphs(paras: list[Para]) -> tuple[list[str], str | None]:
    """Body text cleaned: blank and rule paragraphs dropped, a blank line inside one (two line breaks) ends it,
    glued paragraphs split, tables kept as preformatted rows; a last lone URL is the original address."""
    out: list[str] = []
    for para in paras:
        if para.table:
            out.append(Preformatted(para.text.strip()))
            continue
        for piece in re.split(r"\n[ \t]*\n", para.text):
            text = squeeze_spaces(piece.replace("\n", " "))
            if text and re.search(r"\w", text):
                out.extend(unglue(text))
    url = None
    if out and URL.match(out[-1]):
        url = out.pop()
    return out, url


def read_classic(paras: list[Para]) -> Document:
    """One document of a classic export (text or HTML), from the paragraphs after its "N of M DOCUMENTS"."""
    paras = [p for p in paras if p.text.strip()]
    laid_out = any(p.centered for p in paras)
    i = 0
    pre: list[str] = []
    while i < len(paras) and label(paras[i].text, capitals=True) is None:
        if (laid_out and not paras[i].centered) or (not laid_out and len(pre) >= 2):
            break
        pre.append(paras[i].text)
        i += 1
    source = squeeze_spaces(pre[0]) if pre else None
    date_line = edition = None
    for n, text in enumerate(pre[1:], 1):
        lines = [squeeze_spaces(x) for x in text.split("\n") if x.strip()]
        if date_line is None and parse_date_line(lines[0])[0]:
            date_line = lines[0]
            extra = [x for x in lines[1:] + [squeeze_spaces(t.replace("\n", " ")) for t in pre[n + 1 :]] if x]
            edition = "\n".join(extra) or None
            break
    start = i
    while i < len(paras) and label(paras[i].text, capitals=True) is None:
        i += 1
    headline = squeeze_spaces(" ".join(p.text.replace("\n", " ") for p in paras[start:i])) or None
    fields, i = read_fields(paras, i, capitals=True)
    end = i
    while (
        end < len(paras)
        and not ((got := label(paras[end].text, capitals=True)) and got[0])
        and not (paras[end].centered and COPYRIGHT.match(paras[end].text.strip()))
    ):
        end += 1
    body, url = body_paragraphs(paras[i:end])
    tail, copyright = read_tail(paras[end:], capitals=True)
    for key, value in tail.items():
        fields.setdefault(key, value)
    return Document(
        headline=headline,
        source=source,
        date_line=date_line,
        edition=edition,
        fields=fields,
        body=tuple(body),
        copyright=copyright,
        original_url=url,
    )


def to_article(doc: Document, origin: str, fmt: str, ctx: Context) -> Article:
    """The Article for one Nexis document; fields the export prints are kept as printed."""
    f = doc.fields
    value, words, edition = parse_date_line(doc.date_line or "")
    source, source_edition = split_source(doc.source)
    headline, corrected = tidy_headline(doc.headline)
    notes = {n.casefold() for n in rules().lists["correction_appended"]}
    extra = " ".join(w for w in (doc.edition or "").split("\n") if w.strip().casefold() not in notes) or None
    load, _, _ = parse_date_line(f.get("load_date", ""))
    profile = (ctx.profiles.by_name(source) or ctx.profiles.by_masthead(source)) if source else None
    page = PAGE.search(f.get("section", ""))
    warnings: list[str] = []
    title = headline
    if not title:
        first = next((p for p in doc.body if not isinstance(p, Preformatted)), "")
        title = first[:120].rsplit(" ", 1)[0] + "…" if len(first) > 120 else first
        title = title or ", ".join(x for x in (source, doc.date_line) if x)
        warnings.append("the document has no headline: its first words are the title; set `title:` in the article")
    return Article(
        origin=(origin,),
        format=fmt,
        title=title,
        body=doc.body,
        section=f.get("section") or None,
        page=int(page.group(1)) if page else None,
        source=profile.name if profile else source,
        source_domain=profile.domain if profile else None,
        source_url=profile.url if profile else None,
        country=profile.country if profile else None,
        publication="Nexis",
        language=language_code(f.get("language")) or (profile.language if profile else None),
        date=value,
        date_precision="day" if value else None,
        date_source="text" if value else None,
        date_note=f"Nexis date line: {words}" if value else None,
        dateline=f.get("dateline") or None,
        byline=names(f.get("byline")),
        credit=credit(f.get("byline")),
        description=f.get("highlight") or None,
        title_raw=squeeze_spaces(doc.headline.replace("\n", " ")) if corrected and doc.headline else None,
        edition=extra or source_edition or edition or f.get("edition") or None,
        word_count=word_count(f.get("length")),
        load_date=load,
        copyright=doc.copyright,
        graphic=f.get("graphic") or None,
        keywords=subjects(f.get("subject")),
        original_url=doc.original_url,
        accession=doc.accession,
        warnings=tuple(warnings),
    )
