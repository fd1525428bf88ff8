"""LexisNexis classic HTML exports (Nexis UK, LexisNexis Academic), in any interface language.

Each document sits between `<DOCFULL> -->` and `<!-- … </DOCFULL>` comments; its
paragraphs are `<P>`s whose classes (from the file's own stylesheet) say which are
centred. Documents are cut from the text one at a time and parsed alone, so an
export of thousands costs the memory of one. A document Nexis could not display
("We are sorry but there is an error in this document…") is dropped and named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from ..records import Article, RawText
from . import nexis
from .base import FormatError
from .nexis_fields import counter

if TYPE_CHECKING:
    from .base import Context

FORMAT = "nexis-html"
KINDS = frozenset({"html"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
START, END = "<DOCFULL> -->", "</DOCFULL>"
STYLE = re.compile(r"\.(c\d{1,4})\s*\{([^}]{0,2000})\}")
SNIFF_CHARS = 20_000


def _text(raw: RawText) -> str:
    """The export's HTML: Nexis writes ASCII with entities, older exports cp1252 bytes."""
    if raw.text:
        return raw.text
    try:
        return raw.data.decode("utf-8")
    except UnicodeDecodeError:
        return raw.data.decode("cp1252", errors="replace")


def score(raw: RawText) -> float:
    """1.0 for an HTML file whose start holds a Nexis document marker or counter."""
    if raw.kind != "html":
        return 0.0
    head = _text(raw)[:SNIFF_CHARS]
    if START in head or re.search(r">\s*\d{1,6} of \d{1,7} DOCUMENTS\s*<", head):
        return 1.0
    return 0.0


def centred_classes(html: str) -> frozenset[str]:
    """The stylesheet classes that centre text (`.c0 { text-align: center; }`)."""
    head = html[: html.find("</HEAD>") if "</HEAD>" in html else SNIFF_CHARS]
    return frozenset(m[1] for m in STYLE.finditer(head) if re.search(r"text-align:\s*center", m[2]))


def chunks(html: str) -> Iterator[str]:
    """The HTML of each document, cut at the export's DOCFULL comments (the whole body if there are none)."""
    pos = html.find(START)
    if pos < 0:
        yield html
        return
    while pos >= 0:
        end = html.find(END, pos)
        end = len(html) if end < 0 else end
        yield html[pos + len(START) : end]
        pos = html.find(START, end)


def _para_text(el) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = "".join(el.itertext()).replace("\u00a0", " ")
    return "\n".join(" ".join(x.split()) for x in text.split("\n")).strip()


def paras(fragment: str, centred: frozenset[str]) -> list[nexis.Para]:
    """The paragraphs and tables of one document, in order."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for junk in root.xpath(".//style | .//script | .//img"):
        junk.drop_tree()
    out: list[nexis.Para] = []
    for el in root.iter("p", "table"):
        if el.tag == "p" and any(a.tag == "table" for a in el.iterancestors()):
            continue
        if el.tag == "table":
            rows = [" | ".join(_para_text(td) for td in tr.iter("td", "th")) for tr in el.iter("tr")]
            out.append(nexis.Para("\n".join(r for r in rows if r.strip(" |")), table=True))
            continue
        classes = {el.get("class", "")} | {a.get("class", "") for a in el.iterancestors("div")}
        out.append(nexis.Para(_para_text(el), centered=bool(classes & centred)))
    return out


def documents(html: str) -> Iterator[tuple[int, list[nexis.Para] | None, str]]:
    """(number, paragraphs after the counter, or None for a document Nexis could not display, its first words)."""
    centred = centred_classes(html)
    number = 0
    for chunk in chunks(html):
        found = [p for p in paras(chunk, centred) if p.text]
        marks = [i for i, p in enumerate(found) if counter().match(p.text)]
        if not marks:
            if found:
                number += 1
                yield number, None, found[0].text[:80]
            continue
        for k, start in enumerate(marks):
            number += 1
            stop = marks[k + 1] if k + 1 < len(marks) else len(found)
            yield number, found[start + 1 : stop], ""


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    raw = group[0]
    articles: list[Article] = []
    dropped: list[str] = []
    for number, found, words in documents(_text(raw)):
        if found is None:
            dropped.append(f"document {number} is not a Nexis document ({words!r}): dropped; export it again from Nexis")
            continue
        doc = nexis.read_classic(found)
        articles.append(nexis.to_article(doc, f"{raw.path}#{number}", FORMAT, ctx))
    if dropped and articles:
        first = articles[0]
        for message in dropped:
            first = first.with_warning(message)
        articles[0] = first
    elif dropped:
        raise FormatError("; ".join(dropped))
    return articles
