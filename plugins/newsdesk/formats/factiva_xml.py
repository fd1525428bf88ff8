"""Factiva XML (the `PPSResponse` of Factiva's delivery API and its exports), many articles a file.

Each `<article>` has `accessionNo`, `headline`, `byline`, `leadParagraph`,
`tailParagraphs` (as `<paragraph>`s, or as hard-wrapped text whose indented lines
start paragraphs), `publicationDate` (`dateTime` or `date`), `sourceName`,
`sourceCode`, `sectionName`, `baseLanguage`, `copyright`, `wordCount`, and the
codes `newsSubject`, `region`, `company` with their names. Read as a stream of
articles: no entity is expanded and no DTD or network is touched.
"""

from __future__ import annotations

import io
import re

from lxml import etree

from ..clean import squeeze_spaces
from ..records import Article, RawText
from . import factiva_export as fx
from .base import FormatError
from .htmltext import fixed, one_line

FORMAT = "factiva-xml"
KINDS = frozenset({"xml"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
SNIFF_BYTES = 64 * 1024
INDENTED = re.compile(r"^[ \t]+\S")
TEXT_FIELDS = {  # element -> code
    "headline": "HD",
    "byline": "BY",
    "credit": "CR",
    "sectionName": "SE",
    "sourceName": "SN",
    "sourceCode": "SC",
    "edition": "ED",
    "pages": "PG",
    "baseLanguage": "LA",
    "copyright": "CY",
    "wordCount": "WC",
    "accessionNo": "AN",
}
CODED = {"newsSubject": "NS", "region": "RE", "company": "CO", "industry": "IN"}


def score(raw: RawText) -> float:
    head = raw.data[:SNIFF_BYTES]
    return 1.0 if b"global.factiva.com" in head or (b"<ppsarticle" in head and b"<accessionNo>" in head) else 0.0


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element) -> str:
    return one_line("".join(element.itertext(tag=etree.Element)))


def _paragraphs(element) -> list[str]:
    """`<paragraph>` children, or wrapped text in which an indented line starts a paragraph."""
    found = [t for p in element if _local(p) == "paragraph" and (t := _text(p))]
    if found:
        return found
    blocks: list[list[str]] = []
    for line in fixed("".join(element.itertext(tag=etree.Element))).split("\n"):
        if not line.strip():
            continue
        if INDENTED.match(line) or not blocks:
            blocks.append([])
        blocks[-1].append(line.strip())
    return [squeeze_spaces(" ".join(b)) for b in blocks]


def article_fields(article) -> fx.Fields:
    """One `<article>` as Factiva codes."""
    fields: fx.Fields = {"LP": [], "TD": []}
    for child in article:
        name = _local(child)
        if name in TEXT_FIELDS:
            fields[TEXT_FIELDS[name]] = _text(child)
        elif name == "leadParagraph":
            fields["LP"] = _paragraphs(child)
        elif name == "tailParagraphs":
            fields["TD"] = _paragraphs(child)
        elif name == "publicationDate":
            fields["PD"] = _text(child)[:10]
        elif name in CODED:
            label = next((_text(n) for n in child if _local(n) == "name"), "")
            fields.setdefault(CODED[name], []).append((child.get("code") or "", label))
    if str(fields.get("WC") or "").isdigit():
        fields["WC"] = f"{fields['WC']} words"
    fields["LA"] = str(fields.get("LA") or "").lower() or None
    return fields


def articles(data: bytes):
    """The `<article>` elements in order, each freed once read."""
    parse = etree.iterparse(
        io.BytesIO(data), events=("end",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    for _, element in parse:
        if _local(element) == "article":
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]


def parse(group: list[RawText], ctx) -> list[Article]:
    """Every article of the file; one that breaks off keeps the articles before the break."""
    raw = group[0]
    found: list[Article] = []
    try:
        for n, element in enumerate(articles(raw.data), 1):
            found.append(fx.to_article(article_fields(element), (f"{raw.path}#{n}",), ctx, fmt=FORMAT))
    except etree.XMLSyntaxError as exc:
        if not found:
            raise FormatError(f"is not well-formed XML ({exc}); export it again from Factiva") from exc
        found[-1] = found[-1].with_warning(f"the XML breaks off after this article ({exc}): the rest is lost")
    return [fx.single(found[0], raw)] if len(found) == 1 else found
