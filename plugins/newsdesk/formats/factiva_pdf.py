"""Factiva single-article PDFs, one text file per page (`<id>.pNN.txt`, as `pdftotext -layout` gives).

Page 1 opens with a header block: optional column and section, the headline (it
may wrap), byline and credit, "N words", date, optional time, source name, source
code, optional edition and page, language, copyright. Every page ends with
"Page N of M © 2018 Factiva, Inc. All rights reserved."; the last page ends with
"Document <accession no>" and a "Search Summary" of the query that found it.
None of that is the article, and an article's pages are one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import agencies, languages
from ..clean import readable_title, reflow, split_dateline, squeeze_spaces
from ..dates import FoundDate, parse_date
from ..profiles import Profiles
from ..records import Article, Preformatted, RawText
from . import wire
from .base import Context

FORMAT = "factiva-pdf"
KINDS = frozenset({"text"})

FOOTER = re.compile(r"^\s*Page (?P<page>\d+) of (?P<pages>\d+) (?:©|\(c\)) ?\d{4} Factiva\b.*$", re.IGNORECASE)
WORDS = re.compile(r"^\s*(?P<words>\d[\d,]*) words\s*$")
TIME = re.compile(r"^\s*\d{1,2}:\d{2}\s*$")
DOCUMENT = re.compile(r"^\s*Document (?P<accession>[A-Za-z0-9]{12,})\s*$")
SEARCH_SUMMARY = re.compile(r"^\s*Search Summary\s*$")
COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\s*(?:\(c\)|©)?|\(c\)|©|c\.)\s*\d{4}\b", re.IGNORECASE)
SOURCE_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
COPYRIGHT = re.compile(r"copyright|\(c\)|©|rights reserved|^\s*c\. \d{4}\b", re.IGNORECASE)
PAGE_FILE = re.compile(r"^(?P<id>.+)\.p(?P<page>\d{1,3})$")
BYLINE = re.compile(r"^\s*(?:By|Compiled by|BY)\s++(?P<names>.{1,300}?)\.?\s*+$")  # bounded: linear in the line
ROLE = re.compile(r"\b(?:Staff Writer|Special to|Staff|Correspondent|Reporter|Editor)\b")
NAME = re.compile(r"^(?:[A-Z][a-z'’-]+|[A-Z]\.)(?: (?:[A-Z][a-z'’-]+|[A-Z]\.|Mc[A-Z][a-z]+)){1,3}(?: in [A-Z][A-Za-z ]+)?$")
WRAP_WIDTH = 85  # a headline line this long ran on to the next line
COLUMNS = re.compile(r"\S {3,}\S")


def score(raw: RawText) -> float:
    """2.0: Factiva's "Page N of M © Factiva" footer is unmistakable, whatever the page holds."""
    return 2.0 if any(FOOTER.match(x) for x in raw.text.split("\n")[-12:]) else 0.0


def page_key(raw: RawText) -> tuple[str, str, int]:
    """(folder, PDF id, page number): a PDF read directly is its file and the page read from it;
    a page text is `<id>.pNN.txt`, else its footer's "Page N"."""
    if raw.part is not None:
        return str(raw.path.parent), raw.path.name, raw.part
    stem = raw.path.name.rsplit(".", 1)[0]
    if m := PAGE_FILE.match(stem):
        return str(raw.path.parent), m["id"], int(m["page"])
    footer = next((m for x in raw.text.split("\n") if (m := FOOTER.match(x))), None)
    return str(raw.path.parent), stem, int(footer["page"]) if footer else 1


def group(raws: list[RawText]) -> list[list[RawText]]:
    """The pages of each PDF together and in order: one article per PDF."""
    groups: dict[tuple[str, str], list[tuple[int, RawText]]] = {}
    for raw in raws:
        folder, pdf, page = page_key(raw)
        groups.setdefault((folder, pdf), []).append((page, raw))
    return [[r for _, r in sorted(pages, key=lambda x: x[0])] for _, pages in sorted(groups.items())]


def _lines(pages: list[RawText]) -> tuple[list[str], int | None]:
    """The text of all pages with footers, form feeds and the trailer taken out; and the page count."""
    out: list[str] = []
    total = None
    for raw in pages:
        lines = raw.text.replace("\f", "\n").split("\n")
        page = []
        for line in lines:
            if m := FOOTER.match(line):
                total = int(m["pages"])
                continue
            page.append(line)
        while page and not page[-1].strip():
            page.pop()
        out.extend(page)
    for i, line in enumerate(out):
        if DOCUMENT.match(line) or SEARCH_SUMMARY.match(line):
            out = out[:i]
            break
    while out and not out[-1].strip():
        out.pop()
    return out, total


def _agency(line: str) -> bool:
    """A credit line names a news agency (of the shared list, its longer names) or a wire desk."""
    return bool(agencies.mentioned(line, min_length=5)) or any(desk in line for desk in agencies.desks())


def _is_byline(lines: list[str], body: str) -> bool:
    """Whether the last header line is a byline, role or credit rather than (the end of) the headline.

    A line that only looks like a name is not taken when it runs on from a long
    headline line, when its words are ordinary words of the text, or when taking
    it would leave a lone word as the headline.
    """
    line, previous = lines[-1], lines[-2]
    if BYLINE.match(line) or ROLE.search(line) or _agency(line):
        return True
    if len(previous) >= WRAP_WIDTH or (len(lines) == 2 and len(previous.split()) < 3):
        return False
    if line.isupper() and "," in line and len(line.split()) <= 8:
        return True
    if NAME.match(line):
        words = {w.casefold() for w in re.findall(r"[A-Za-z]+", line) if w != "in"}
        ordinary = {w for w in re.findall(r"\b[a-z]+\b", body)}
        return not words & ordinary
    return "," in line and all(NAME.match(p.strip()) or _agency(p) for p in line.split(","))


@dataclass(frozen=True)
class Meta:
    """The header lines Factiva prints about an article, whatever their order."""

    date: FoundDate | None = None
    source: str | None = None  # the line after the date (and time): the publication, in the usual order
    code: str | None = None  # the source code ("NYTF")
    language: str | None = None
    copyright: tuple[str, ...] = ()


def _is_meta(line: str) -> bool:
    text = squeeze_spaces(line)
    return bool(
        WORDS.match(text)
        or TIME.match(text)
        or languages.code_of(text)
        or _is_copyright(text)
        or (len(text.split()) <= 5 and (d := parse_date(text)) and d.precision == "day")
    )


def _is_copyright(text: str) -> bool:
    return len(text) <= 200 and bool(COPYRIGHT_LINE.match(text) or re.search(r"(?i)all rights reserved\.?$", text))


def _meta_lines(lines: list[str], idx: int) -> tuple[list[str], list[str], int]:
    """(head lines, meta lines, where the body starts). The meta runs on from "N words" to the
    language and copyright lines; meta lines printed above it (date, language, copyright) join it."""
    window = [squeeze_spaces(x) for x in lines[idx + 1 : idx + 12]]
    end = next((j for j, x in enumerate(window) if languages.code_of(x)), None)
    if end is None:
        rights = next((j for j, x in enumerate(window) if _is_copyright(x)), None)
        end = rights if rights is not None else 1 + bool(len(window) > 1 and TIME.match(window[1]))
    end += 1
    while end < len(window) and COPYRIGHT.search(window[end]):
        end += 1
    above = [x for x in lines[:idx] if x.strip()]
    head = [x for x in above if not _is_meta(x)]
    meta = [squeeze_spaces(x) for x in above if _is_meta(x)] + window[:end]
    return head, meta, idx + 1 + end


def _read_meta(meta: list[str]) -> Meta:
    found = source = code = language = None
    copyright_lines = []
    for text in meta:
        if not text or WORDS.match(text) or TIME.match(text):
            continue
        if found is None and len(text.split()) <= 5 and (d := parse_date(text)) and d.precision == "day":
            found = d
        elif languages.code_of(text) and language is None:
            language = text
        elif COPYRIGHT.search(text):
            copyright_lines.append(text)
        elif found and source is None:
            source = text
        elif SOURCE_CODE.match(text) and code is None:
            code = text
    return Meta(found, source, code, language, tuple(copyright_lines))


def _publication(head: list[str], meta: list[str], facts: Meta, profiles: Profiles) -> str | None:
    """The publication when it is printed above the headline: the line a profile names, or the
    holder the copyright line names ("(c) 2004 Investor's Business Daily")."""
    rights = " ".join(facts.copyright).casefold()
    for line in (squeeze_spaces(x) for x in head):
        if profiles.by_name(line) or profiles.by_masthead(line):
            return line
        unnamed = facts.source is None or SOURCE_CODE.match(facts.source)
        if unnamed and len(line.split()) >= 2 and line.casefold() in rights:
            return line
    return None


def _header(head: list[str], body: str) -> tuple[str, str | None, tuple[str, ...], str | None]:
    """(headline, section, byline, credit) from the lines above "N words"; a "By ..." line
    printed above the headline is a byline too."""
    lines = [squeeze_spaces(x) for x in head if x.strip()]
    byline: list[str] = []
    credit = None
    for line in lines[:-1]:
        if m := BYLINE.match(line):
            byline.append(m["names"].split(",")[0])
            lines.remove(line)
    while len(lines) > 1 and _is_byline(lines, body):
        line = lines.pop()
        if m := BYLINE.match(line):
            byline.insert(0, m["names"].split(",")[0])
        elif ROLE.search(line):
            continue
        elif _agency(line) and not NAME.match(line.split(",")[0].strip()):
            credit = credit or line
        elif NAME.match(line) or ("," in line and not ROLE.search(line)):
            byline.insert(0, line)
    start = len(lines) - 1
    while start > 0 and len(lines[start - 1]) >= WRAP_WIDTH:
        start -= 1
    title = " ".join(lines[start:]) if lines else ""
    section = "; ".join(lines[:start]) or None
    names = tuple(n.strip() for b in byline for n in re.split(r",\s*|\s+and\s+", b) if n.strip())
    return title, section, names, credit


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line blocks reflowed; blocks laid out in columns (rows of a table, even one row a
    block, with their caps labels between) are gathered into one preformatted table."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    kinds = [_block_kind(b) for b in blocks]
    out: list[str] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and (kinds[j] == "rows" or (kinds[j] == "label" and "rows" in kinds[j + 1 : j + 2])):
            j += 1
        if j > i and "rows" in kinds[i:j] and (j - i >= 2 or len(blocks[i]) >= 2):
            table = [x for b in blocks[i:j] for x in b]
            indent = min(len(x) - len(x.lstrip()) for x in table)
            out.append(Preformatted("\n".join(x[indent:] for x in table)))
            i = j
            continue
        out.extend(reflow(blocks[i], wrapped=True))
        i += 1
    return out


def _block_kind(block: list[str]) -> str:
    """rows (laid out in columns), label (a short caps line such as "SIX MONTHS") or text."""
    laid_out = sum(bool(COLUMNS.search(x.strip())) or x.startswith("    ") for x in block)
    if laid_out >= max(1, len(block) / 2):
        return "rows"
    if len(block) == 1 and block[0].strip().isupper() and len(block[0].split()) <= 4:
        return "label"
    return "text"


def _drop_trailers(paragraphs: list[str], boilerplate: tuple[re.Pattern, ...]) -> list[str]:
    """Publishers' subscription and copyright lines at the end of an article (patterns from the
    profiles), and the lone rules ("-") that separated them."""
    while paragraphs and (any(p.search(paragraphs[-1]) for p in boilerplate) or not re.search(r"\w", paragraphs[-1])):
        paragraphs = paragraphs[:-1]
    return paragraphs


def parse(pages: list[RawText], ctx: Context) -> list[Article]:
    """One article from all the pages of one Factiva PDF."""
    profiles = ctx.profiles
    lines, total = _lines(pages)
    accession = next((m["accession"] for r in pages for x in r.text.split("\n")[-40:] if (m := DOCUMENT.match(x))), None)
    origin = tuple(r.origin for r in pages)
    idx = next((i for i, x in enumerate(lines[:25]) if WORDS.match(x)), None)
    warnings: list[str] = []
    if total and total != len(pages):
        warnings.append(f"{len(pages)} of the PDF's {total} pages were given; the article is incomplete")
    if idx is None:
        body = _paragraphs(lines)
        return [Article(origin=origin, format=FORMAT, title="", body=tuple(body), warnings=tuple(warnings))]
    head, meta, end = _meta_lines(lines, idx)
    facts = _read_meta(meta)
    found, language = facts.date, facts.language
    publication = _publication(head, meta, facts, profiles)
    source = publication or facts.source
    rest = lines[end:]
    body_text = " ".join(rest)
    head = [x for x in head if squeeze_spaces(x) != publication]
    title_raw, section, byline, credit = _header(head, body_text)
    paragraphs = _drop_trailers(_paragraphs(rest), profiles.boilerplate())
    dateline = agency = None
    if paragraphs and not isinstance(paragraphs[0], Preformatted):
        if found_dateline := wire.read_dateline(paragraphs[0]):
            dateline, agency, paragraphs[0] = found_dateline.place, found_dateline.agency, found_dateline.rest
        else:
            dateline, agency, paragraphs[0] = split_dateline(paragraphs[0])
        paragraphs = [p for p in paragraphs if p]
    profile = profiles.by_name(source) if source else None
    title = readable_title(title_raw, body_text)
    return [
        Article(
            origin=origin,
            format=FORMAT,
            title=title,
            title_raw=title_raw if title != title_raw else None,
            section=section,
            body=tuple(paragraphs),
            source=profile.name if profile else source,
            source_domain=profile.domain if profile else None,
            source_url=profile.url if profile else None,
            publication="Factiva",
            language=languages.code_of(language),
            country=profile.country if profile else None,
            date=found.value if found else None,
            date_precision=found.precision if found else None,
            date_source="text" if found else None,
            date_note=f"Factiva header: {found.text}" if found else None,
            dateline=dateline,
            byline=byline,
            credit=agency or credit,
            accession=accession,
            word_count=int(WORDS.match(lines[idx])["words"].replace(",", "")),
            copyright=facts.copyright[0] if facts.copyright else None,
            warnings=tuple(warnings),
        )
    ]
