"""Factiva exports: what the HTML, XML and text exports share, and the field-coded text export.

Every Factiva export, whatever its file, describes an article by the same fields:
the two-letter codes of the field-coded export (HD headline, BY byline, PD date,
SN source, LP/TD paragraphs, NS subjects, RE regions, AN accession number…).
The HTML and XML readers (factiva_html.py, factiva_xml.py) map what they find onto
these codes, and one function here makes the Article, so the three agree.

The field-coded text export ("Full Article/Report plus Indexing" saved as text) is
read here: a code at the start of a line, its value on the line or on the lines
below, articles one after another, each ending with its AN field.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import yaml

from ..clean import readable_title, split_dateline, squeeze_spaces
from ..dates import parse_local_date
from ..records import Article, RawText
from . import wire
from .base import FormatError
from .htmltext import one_line

FORMAT = "factiva-export"
KINDS = frozenset({"text"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
RULES = Path(__file__).resolve().parent.parent / "rules"

# The codes of one article; values are text, lists of paragraphs (LP, TD, captions) or,
# for NS/RE/CO/IN, lists of (code, name).
Fields = dict[str, object]

CODE_LINE = re.compile(r"^(?P<code>[A-Z]{2,3})(?:(?: {2,8}|\t)(?P<value>\S.*))?$")
CODED_ENTRY = re.compile(r"^\s*(?P<code>[a-z0-9_]{2,12})\s*:\s*(?P<name>.+?)\s*$")
TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:GMT|ET|[AP]M))?$")
LIST_NUMBER = re.compile(r"^(?P<n>\d{1,5})\) ")
BY = re.compile(r"^(?:By|BY|Von|VON|Par|Por|Di)\s+", re.UNICODE)
NAME_SPLIT = re.compile(r"\s*;\s*|\s+(?:and|und|et|y|&)\s+")
SNIFF_LINES = 4000  # the first article's codes are among the first lines
MIN_CODES = 4  # a text with fewer known codes at line starts is not a field-coded export


@lru_cache(maxsize=1)
def labels() -> dict:
    """rules/factiva_labels.yaml, with the language names folded for lookup."""
    data = yaml.safe_load((RULES / "factiva_labels.yaml").read_text(encoding="utf-8"))
    data["language_of"] = {str(n).casefold(): code for code, names in data["languages"].items() for n in names}
    data["word_count"] = {str(w).casefold() for w in data["word_count"]}
    data["document"] = tuple(str(w) for w in data["document"])
    return data


@lru_cache(maxsize=1)
def codes() -> dict:
    """rules/factiva_codes.yaml: subject and region codes -> labels, and the codes left out."""
    data = yaml.safe_load((RULES / "factiva_codes.yaml").read_text(encoding="utf-8"))
    return {"broad": frozenset(data["broad"]), "NS": data["subjects"], "RE": data["regions"]}


def word_count(line: str) -> int | None:
    """877 from "877 Wörter", "8165 字", "1,285 words"; None for any other line.

    >>> [word_count(x) for x in ("877 Wörter", "8165 字", "1,285 words", "9 Januar 1993")]
    [877, 8165, 1285, None]
    """
    number, _, word = squeeze_spaces(line).partition(" ")
    digits = number.replace(",", "").replace(".", "")
    if digits.isdigit() and word.casefold() in labels()["word_count"]:
        return int(digits)
    return None


def language_code(line: str) -> str | None:
    """ISO code of a language line in any interface language ("Englisch", "英文" -> "en")."""
    return labels()["language_of"].get(squeeze_spaces(line).casefold())


def accession(line: str) -> str | None:
    """The accession number of a "Document …" line ("Dokument …", "文件 …"), or None.

    >>> accession("Dokument TAGON00020170401ed4100001")
    'TAGON00020170401ed4100001'
    >>> accession("Document of the week") is None
    True
    """
    word, _, number = squeeze_spaces(line).partition(" ")
    if word in labels()["document"] and re.fullmatch(r"[A-Za-z0-9-]{12,40}", number):
        return number
    return None


def coded_entries(value: str) -> list[tuple[str, str]]:
    """`gcrim : Crime | usa : United States` -> [("gcrim", "Crime"), ("usa", "United States")].

    >>> coded_entries("gvote : Elections | gcat : Political/General News")
    [('gvote', 'Elections'), ('gcat', 'Political/General News')]
    """
    return [(m["code"], m["name"]) for part in value.split("|") if (m := CODED_ENTRY.match(part))]


def keywords(fields: Fields) -> tuple[str, ...]:
    """Subject, region and company labels in that order, each once: the code's label from
    rules/factiva_codes.yaml, else the name the export gives; broad groupings left out."""
    table = codes()
    out: list[str] = []
    for field in ("NS", "RE", "CO"):
        for code, name in fields.get(field) or ():
            if code in table["broad"]:
                continue
            label = table.get(field, {}).get(code) or name
            if label and label not in out:
                out.append(label)
    return tuple(out)


def byline(value: str | None) -> tuple[str, ...]:
    """Names from a byline: "By ALAN RIDING" -> ("ALAN RIDING",); "A and B" -> both.

    >>> byline("By Jane Roe, Max Muster and John Doe")
    ('Jane Roe', 'Max Muster', 'John Doe')
    """
    value = BY.sub("", (value or "").strip())
    if not value or "(" in value:
        return (value,) if value else ()
    names = NAME_SPLIT.split(value)
    if len(names) > 1:  # "A, B and C"
        names = [n for part in names for n in part.split(", ")]
    return tuple(n.strip(" ,") for n in names if n.strip(" ,"))


def _dateline(paragraphs: list[str]) -> tuple[list[str], str | None, str | None]:
    """A dateline taken off the first paragraph: (paragraphs, place, agency)."""
    if not paragraphs:
        return paragraphs, None, None
    if found := wire.read_dateline(paragraphs[0]):
        place, agency, rest = found.place, found.agency, found.rest
    else:
        place, agency, rest = split_dateline(paragraphs[0])
    return [p for p in (rest, *paragraphs[1:]) if p], place, agency


def to_article(fields: Fields, origin: tuple[str, ...], ctx, *, number: int | None = None, fmt: str = FORMAT) -> Article:
    """The Article the codes of one export entry describe; `number` is its place in a numbered list."""
    headline = str(fields.get("HD") or "")
    if number is not None and (m := LIST_NUMBER.match(headline)) and int(m["n"]) == number:
        headline = headline[m.end() :]
    body, dateline, agency = _dateline([*fields.get("LP", ()), *fields.get("TD", ())])
    found = parse_local_date(str(fields.get("PD") or ""))
    source = str(fields["SN"]) if fields.get("SN") else None
    profile = ctx.profiles.by_name(source) if source else None
    page = str(fields.get("PG") or "")
    labels_ = keywords(fields)
    topics = tuple(dict.fromkeys(t for x in labels_ if ctx.vocabulary and (t := ctx.vocabulary.label_for(x))))
    title = readable_title(headline, " ".join(body[:3]))
    warnings = () if headline else ("the export gives this article no headline (HD)",)
    return Article(
        origin=origin,
        format=fmt,
        title=title,
        title_raw=headline if title != headline else None,
        body=tuple(body),
        section=str(fields["SE"]) if fields.get("SE") else None,
        source=profile.name if profile else source,
        source_domain=profile.domain if profile else None,
        source_url=profile.url if profile else None,
        country=profile.country if profile else None,
        publication="Factiva",
        page=int(page) if page.isdigit() and int(page) > 0 else None,
        language=language_code(str(fields.get("LA") or "")) or (str(fields["LA"]) if fields.get("LA") else None),
        date=found.value if found else None,
        date_precision="day" if found else None,
        date_source="text" if found else None,
        date_note=f"Factiva PD: {found.text}" if found else None,
        dateline=dateline,
        byline=byline(str(fields.get("BY") or "")),
        credit=agency or (str(fields["CR"]) if fields.get("CR") else None),
        captions=tuple(fields.get("ART", ())),
        topics=topics,
        keywords=labels_,
        accession=str(fields["AN"]) if fields.get("AN") else None,
        edition=str(fields["ED"]) if fields.get("ED") else None,
        word_count=word_count(str(fields.get("WC") or "")),
        copyright=str(fields["CY"]) if fields.get("CY") else None,
        warnings=warnings,
    )


# The field-coded text export


def _known(code: str) -> bool:
    return code in labels()["fields"]


def score(raw: RawText) -> float:
    """1.0 for a field-coded export: HD and AN (or PD) fields among its line-start codes."""
    head = itertools.islice(io.StringIO(raw.text), SNIFF_LINES)
    found = {m["code"] for line in head if (m := CODE_LINE.match(line.rstrip())) and _known(m["code"])}
    return 1.0 if len(found) >= MIN_CODES and "HD" in found and found & {"AN", "PD"} else 0.0


PARAGRAPH_FIELDS = frozenset({"LP", "TD", "ART"})
CODED_FIELDS = frozenset({"NS", "RE", "CO", "IN"})


def _value(code: str, lines: list[str]) -> object:
    """A field's lines as its value: paragraphs (blank-line blocks) for LP/TD, (code, name)
    pairs for NS/RE/CO/IN, the accession number for AN, else one line of text."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs = [one_line(" ".join(b)) for b in blocks if b]
    if code in PARAGRAPH_FIELDS:
        return paragraphs
    text = one_line(" ".join(paragraphs))
    if code in CODED_FIELDS:
        return coded_entries(text)
    if code == "AN":  # the number, not the trailer a text export prints after the last one
        return next((number for p in paragraphs if (number := accession(p))), paragraphs[0] if paragraphs else text)
    return text


def coded_articles(lines: Iterator[str]) -> Iterator[Fields]:
    """The field dicts of a field-coded text, one per article: an article ends with its AN
    field, or where a field it already has (HD) starts again."""
    fields: Fields = {}
    code: str | None = None
    value: list[str] = []
    for line in lines:
        m = CODE_LINE.match(line.rstrip())
        if m and _known(m["code"]):
            if code:
                fields[code] = _value(code, value)
            if (code == "AN" or m["code"] in fields) and fields.get("HD") is not None:
                yield fields
                fields = {}
            code, value = m["code"], [m["value"] or ""]
        elif code:
            value.append(line)
    if code:
        fields[code] = _value(code, value)
    if fields.get("HD") is not None or fields.get("LP") or fields.get("TD"):
        yield fields


def single(article: Article, raw: RawText) -> Article:
    """The one article of an export that holds one: its origin is the file itself."""
    return dataclasses.replace(article, origin=(str(raw.path),))


def parse(group: list[RawText], ctx) -> list[Article]:
    raw = group[0]
    articles = [to_article(f, (f"{raw.path}#{n}",), ctx) for n, f in enumerate(coded_articles(io.StringIO(raw.text)), 1)]
    if not articles:
        raise FormatError("has Factiva field codes but no article (HD and LP/TD): export it again from Factiva")
    return [single(articles[0], raw)] if len(articles) == 1 else articles
