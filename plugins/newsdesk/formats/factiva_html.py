"""Factiva HTML exports: the "Article Format" and the field-coded export, many articles a file.

Article Format: per article a `div.article` holding the section, the headline
(`div#hd`), the author (`div.author`), then one `div` per meta line in the interface
language of the user who exported it (credit, "877 Wörter", "9 Januar 1993", time,
source name, source code, edition, page, language, copyright), the paragraphs
(`p.articleParagraph`) and trailing `p`s (captions, the publisher, "Document <AN>").
Field-coded: per article a table of rows `<td class="index">HD</td><td>…</td>`.
Both are read as they stream in, one article at a time, so a 5,000-article export
costs the memory of one article's markup.
"""

from __future__ import annotations

import re

from lxml import etree

from ..dates import parse_local_date
from ..records import Article, RawText
from . import factiva_export as fx
from .base import FormatError
from .htmltext import decoded_chunks, text_of

FORMAT = "factiva-html"
KINDS = frozenset({"html"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
SNIFF_BYTES = 2 << 20  # the first article is found within the first 2 MB (style sheets, view state)
PAGE = re.compile(r"^(?:[A-Z]{0,4}\d{1,4}[A-Z]?|\d{1,4}-\d{1,4})$")
EDITION = re.compile(r"[A-Za-z][a-z]{2}")  # words, not a code ("BIDE") or numbers ("0 2017")
NOT_EDITION = re.compile(r"^(?:Volume|Vol\.|Issue|ISSN|Band|Heft|Nr\.)", re.IGNORECASE)


def score(raw: RawText) -> float:
    head = raw.data[:SNIFF_BYTES]
    if b'class="article' not in head and b"class='article" not in head:
        return 0.0
    if b'id="hd"' in head or (b'class="index"' in head and b"<b>HD</b>" in head):
        return 1.0
    return 0.0


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _is_article(element) -> bool:
    return "article" in _classes(element)


def _has_content(element) -> bool:
    return element.find('.//div[@id="hd"]') is not None or element.find('.//td[@class="index"]') is not None


def _free(element) -> None:
    """Drop what was read so that memory holds one article's markup, not the whole export."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def article_elements(data: bytes):
    """The `div.article` elements of an export, in order, each freed once the caller moves on."""
    parser = etree.HTMLPullParser(events=("end",), tag="div", recover=True, no_network=True)
    for chunk in decoded_chunks(data):
        parser.feed(chunk)
        yield from _ready(parser)
    parser.close()
    yield from _ready(parser)


def _ready(parser):
    for _, element in parser.read_events():
        if not _is_article(element):
            continue
        if _has_content(element):
            yield element
        _free(element)


def _leaves(article):
    """The `div`s and `p`s of an article that hold text, not other blocks, in reading order."""
    for node in article.iter("div", "p"):
        if node is not article and node.find("div") is None and node.find("p") is None:
            yield node


def format_fields(article) -> fx.Fields:
    """The Article Format's lines as Factiva codes (SE, HD, BY, WC, PD, …, TD, ART, AN)."""
    pre: list[str] = []
    meta: list[str] = []
    body: list[str] = []
    trailing: list[str] = []
    fields: fx.Fields = {}
    for node in _leaves(article):
        text = text_of(node)
        if node.get("id") == "hd" or node.getparent().get("id") == "hd":
            fields["HD"] = text
        elif not text:
            continue
        elif "HD" not in fields:
            pre.append(text)
        elif "author" in _classes(node):
            fields["BY"] = text
        elif node.tag == "p" and any(c.endswith("articleParagraph") for c in _classes(node)):
            body.append(text)
        elif node.tag == "p" or body or trailing:
            trailing.append(text)
        else:
            meta.append(text)
    if pre:
        fields["SE"] = "; ".join(pre)
    fields.update(meta_fields(meta))
    fields["TD"] = body
    if trailing and (number := fx.accession(trailing[-1])):
        fields["AN"] = number
        trailing = trailing[:-2] if len(trailing) >= 2 else []  # the line above it names the publisher
    fields["ART"] = trailing
    return fields


def meta_fields(meta: list[str]) -> fx.Fields:
    """Credit, word count, date, time, source, code, edition, page, language, copyright from
    the meta lines, told apart by what each line is rather than by where it stands."""
    fields: fx.Fields = {}
    at = next((i for i, x in enumerate(meta) if fx.word_count(x) is not None), None)
    if at is None:  # no word count: the date line starts the block
        at = next((i for i, x in enumerate(meta) if parse_local_date(x)), len(meta)) - 1
    else:
        fields["WC"] = meta[at]
    if at > 0:
        fields["CR"] = "; ".join(meta[:at])
    rest = meta[at + 1 :]
    if rest and parse_local_date(rest[0]):
        fields["PD"] = rest.pop(0)
    if rest and fx.TIME.match(rest[0]):
        fields["ET"] = rest.pop(0)
    language = next((i for i, x in enumerate(rest) if fx.language_code(x)), None)
    if language is not None:
        fields["LA"] = rest[language]
        if rest[language + 1 :]:
            fields["CY"] = " ".join(rest[language + 1 :])
        rest = rest[:language]
    for code, value in zip(("SN", "SC"), rest[:2], strict=False):
        fields[code] = value
    for value in rest[2:]:  # page, edition, time, volume, a second source code: told apart by their look
        if fx.TIME.match(value):
            fields.setdefault("ET", value)
        elif PAGE.match(value):
            fields.setdefault("PG", value)
        elif EDITION.search(value) and not NOT_EDITION.match(value):
            fields.setdefault("ED", value)
    return fields


def coded_fields(article) -> fx.Fields:
    """The rows of a field-coded article: code cell, value cell (paragraphs for LP and TD)."""
    fields: fx.Fields = {}
    for cell in article.iter("td"):
        if cell.get("class") != "index":
            continue
        code = text_of(cell)
        value = cell.getnext()
        if not code or value is None:
            continue
        if code in fx.PARAGRAPH_FIELDS:
            fields[code] = [t for p in value.iter("p") if (t := text_of(p))] or [text_of(value)]
        elif code in fx.CODED_FIELDS:
            fields[code] = fx.coded_entries(text_of(value))
        elif code == "AN":
            fields[code] = fx.accession(text_of(value)) or text_of(value)
        else:
            fields[code] = text_of(value)
    return fields


def parse(group: list[RawText], ctx) -> list[Article]:
    raw = group[0]
    articles: list[Article] = []
    for element in article_elements(raw.data):
        coded = element.find('.//td[@class="index"]') is not None
        fields = coded_fields(element) if coded else format_fields(element)
        if not (fields.get("HD") or fields.get("LP") or fields.get("TD")):
            continue  # an empty frame, no article
        n = len(articles) + 1
        article = fx.to_article(fields, (f"{raw.path}#{n}",), ctx, number=n, fmt=FORMAT)
        if not article.accession:
            article = article.with_warning("no accession number (Document …): the export may be cut off here")
        articles.append(article)
    if not articles:
        raise FormatError("looks like a Factiva export but holds no article with a headline: export it again from Factiva")
    if len(articles) == 1:
        articles[0] = fx.single(articles[0], raw)
    return articles
