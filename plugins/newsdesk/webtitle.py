"""The headline of a saved page, as a reader sees it.

Readers (and the people who annotate pages) take the headline printed on the page, not the
one written for search engines and share cards: metadata titles are often rewritten
("Receita de …", "… | Site") where the `<h1>` is the article's own. So:

1. visible headings  the `<h1>`s, without a kicker printed in front of the headline
                     ("<span>Klimaschutz</span> Bohren, bis es heiß wird") or text the page
                     hides from sight; an `<h1>` that is the site's name is not a headline
2. agreement         the heading that shares most of its words with the metadata's title
                     (JSON-LD, OpenGraph, `<meta>`) or the `<title>` is the headline
3. fallback          else the metadata's title, else a lone heading, else the `<title>`,
                     each without the site's name the page adds ("Headline | Site")
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree

from .webbody import rules

# Separators a page puts between its headline and its site or section name; a colon only
# with a space before it ("Headline : Site"), so "Brexit: what next" stays whole.
SEPARATOR = re.compile(r"\s+[|–—·•:»«~/-]{1,2}(?:\s+[»«|])?\s+|\s*[|│ǀ]\s*")
PIPE = re.compile(r"[|│ǀ]")
PUNCTUATION_ONLY = re.compile(r"^[\W_]*$")
MAX_TITLE, MAX_HEADINGS = 500, 50  # characters of a title, and `<h1>`s, looked at: bounded work
KICKER_WORDS = 6  # a kicker is a few words in front of a longer headline
AGREEMENT = 0.5  # share of the shorter title's words the other must have
COVERAGE = 0.3  # and of the longer's
SOFT_HYPHEN = "\u00ad"  # a hyphenation hint, not a letter of the headline
BLOCK_TAGS = frozenset({"br", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "small", "li"})
SITE_WORDS = 4  # a site's name is a few words; a longer piece naming the domain is a headline
COMMON_LABELS = frozenset({"www", "com", "org", "net", "info", "blog", "news"})


def words(text: str) -> list[str]:
    """Words compared without case.

    >>> words("Rain, at LAST!")
    ['rain', 'at', 'last']
    """
    return re.findall(r"\w+", text.casefold())


def compact(text: str) -> str:
    """Letters and digits only, for names written differently ("Krimiblog-Archiv", "krimiblog.de").

    >>> compact("Die Zeit-Online.de")
    'diezeitonlinede'
    """
    return "".join(re.findall(r"[^\W_]+", text.casefold()))


def agreement(a: str, b: str) -> float:
    """How far two titles agree: 0 unless the other has most of the shorter one's words
    and the shorter is not a small part of the longer (a section's name in front of it).

    >>> agreement("Rain at last", "Rain at last in the north")
    1.5
    >>> agreement("Weather", "Weather: rain at last in the north")
    0.0
    """
    x, y = set(words(a)), set(words(b))
    if not x or not y:
        return 0.0
    shorter, longer = len(x & y) / min(len(x), len(y)), len(x & y) / max(len(x), len(y))
    return shorter + longer if shorter >= AGREEMENT and longer >= COVERAGE else 0.0


@cache
def _invisible():
    return re.compile(rules()["title"]["invisible_classes"], re.IGNORECASE)


def _invisible_node(node) -> bool:
    marks = f"{node.get('class') or ''} {node.get('id') or ''}"
    return node.get("aria-hidden") == "true" or bool(marks.strip() and _invisible().search(marks))


def _text(node) -> str:
    """An element's visible text, a space where a block or line break separates words
    (walked without recursion: a page may nest thousands of elements in a heading)."""
    out = []
    walk = etree.iterwalk(node, events=("start", "end"))
    for event, element in walk:
        if element is node:
            if event == "start" and node.text:
                out.append(node.text)
            continue
        shown = isinstance(element.tag, str) and not _invisible_node(element)
        gap = " " if shown and element.tag in BLOCK_TAGS else ""
        if event == "start":
            if shown:
                out.extend((gap, element.text or ""))
            else:
                walk.skip_subtree()  # its end still comes, with its tail
        else:
            out.extend((gap, element.tail or ""))
    return _squeeze("".join(out))


def _squeeze(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.replace(SOFT_HYPHEN, "").split()))


def _parts(node) -> list[tuple[str, bool]]:
    """The heading's visible pieces in order, each (text, printed by a child element); a
    lone wrapper (`<h1><span>…</span></h1>`) is looked into."""
    while len(node) == 1 and isinstance(node[0].tag, str) and not (node.text or "").strip() and not (node[0].tail or "").strip():
        node = node[0]
    parts = [((node.text or "").strip(), False)]
    for child in node:
        if isinstance(child.tag, str) and not _invisible_node(child):
            parts.append((_text(child), True))
        parts.append(((child.tail or "").strip(), False))
    return [(t, element) for t, element in parts if t and not PUNCTUATION_ONLY.match(t)]


def heading_text(node) -> str:
    """A heading's text without the kicker a page prints in front of the headline.

    >>> import lxml.html
    >>> heading_text(lxml.html.fromstring("<h1><span>Climate</span> Drilling until it gets hot</h1>"))
    'Drilling until it gets hot'
    >>> heading_text(lxml.html.fromstring("<h1>Rain <em>at last</em></h1>"))
    'Rain at last'
    """
    parts = _parts(node)
    if len(parts) >= 2 and parts[0][1]:
        kicker, rest = len(parts[0][0].split()), sum(len(t.split()) for t, _ in parts[1:])
        following = parts[1][0]
        if kicker <= KICKER_WORDS and kicker <= rest and not following[:1].islower():
            return _squeeze(" ".join(t for t, _ in parts[1:]))
    return _text(node)


def site_like(text: str, sites: tuple[str, ...], host: str | None) -> bool:
    """Whether a title's piece names the site: one of its names, or its domain's name.

    >>> site_like("Krimiblog-Archiv", (), "archiv.krimiblog.de")
    True
    >>> site_like("Rain at last", ("The Daily Example",), "dailyexample.com")
    False
    """
    piece = compact(text)
    if not piece:
        return True
    for site in sites:
        name = compact(site)
        if name and (piece == name or (len(piece) >= 4 and piece in name) or (len(name) >= 4 and name in piece)):
            return True
    labels = [compact(label) for label in (host or "").split(".")[:-1] if label not in COMMON_LABELS]
    short = len(text.split()) <= SITE_WORDS
    return any(len(label) >= 4 and ((short and label in piece) or (len(piece) >= 5 and piece in label)) for label in labels)


def without_site(title: str, sites: tuple[str, ...], host: str | None, *, page: bool = False) -> str:
    """A title without the site's name around the headline; of a `<title>` (`page`), which
    also names sections and the site's slogan, the headline's piece alone.

    >>> without_site("Rain at last | The Daily Example", ("The Daily Example",), None)
    'Rain at last'
    >>> without_site("Rain at last - the north is green | Example", ("Example",), None)
    'Rain at last - the north is green'
    >>> without_site("News - Rain at last | Example", (), None, page=True)
    'Rain at last'
    >>> without_site("Rain at last: the north is green again", (), None)
    'Rain at last: the north is green again'
    """
    pieces = [p for p in SEPARATOR.split(title) if p.strip()]
    if len(pieces) < 2:
        return title
    first, last = 0, len(pieces)
    while last - first > 1 and site_like(pieces[last - 1], sites, host):
        last -= 1
    while last - first > 1 and site_like(pieces[first], sites, host):
        first += 1
    if page and first and "»" in title:
        first = last - 1  # "Site » Archive » Headline"
    elif page:
        if last - first > 1 and len(pieces[first].split()) == 1 and len(pieces[first + 1].split()) > 1:
            first += 1  # a section's name in front ("News - Headline")
        last = first + 1
    elif last == len(pieces) and last - first > 1 and len(pieces[-1].split()) <= 2 and PIPE.search(_gap(title, pieces)):
        last -= 1  # a short name after a bar is the site's ("Headline | Example"); after a dash it may be the headline's
    start = title.find(pieces[first])
    end = title.rfind(pieces[last - 1]) + len(pieces[last - 1])
    return title[start:end].strip() if 0 <= start < end else title


def _gap(title: str, pieces: list[str]) -> str:
    """The separator before a title's last piece."""
    end = title.rfind(pieces[-1])
    return title[title.rfind(pieces[-2], 0, end) + len(pieces[-2]) : end]


def headline(tree, meta_title: str | None, sites: tuple[str, ...], address: str | None) -> tuple[str | None, str | None]:
    """(headline, where it was read: None for `meta_title`, the metadata's title) of a parsed page."""
    found, how = _headline(tree, meta_title[:MAX_TITLE] if meta_title else None, sites, address)
    return (_squeeze(found), how) if found else (None, None)


def _headline(tree, meta_title: str | None, sites: tuple[str, ...], address: str | None) -> tuple[str | None, str | None]:
    host = urlsplit(address).hostname if address else None
    page_title = " ".join((tree.findtext(".//title") or "")[:MAX_TITLE].split()) or None
    texts = list(dict.fromkeys(t for t in (heading_text(node) for node in islice(tree.iter("h1"), MAX_HEADINGS)) if t))
    texts = [t for t in texts if not site_like(t, sites, host)]
    names = tuple(t for t in texts if _names_site(t, sites, host, page_title))
    sites = (*sites, *names)
    meta_refs = [meta_title, without_site(meta_title, sites, host)] if meta_title else []
    page_refs = [page_title, without_site(page_title, sites, host, page=True)] if page_title else []
    best, score = None, 0.0
    for text in texts:
        for reference in meta_refs + ([] if text in names else page_refs):
            if (found := agreement(text, reference)) > score:
                best, score = text, found
    if best:
        return best, None if best in meta_refs else "h1"  # the metadata's title, printed as it is
    if meta_title:
        return without_site(meta_title, sites, host), None
    headings = [t for t in texts if t not in names]
    if len(headings) == 1:
        return headings[0], "h1"
    if page_title:
        return without_site(page_title, sites, host, page=True), "title element"
    return None, None


def _names_site(text: str, sites: tuple[str, ...], host: str | None, page_title: str | None) -> bool:
    """An `<h1>` printing the site's name: the `<title>`'s last piece ("Headline | <h1>"),
    or the end of it ("Headline - <h1>" where the `<h1>` has a dash of its own) after a
    headline (not after a section's name: "News - <h1>" is the headline), or its
    first piece in the blogs' "Site » Archive » Headline"."""
    pieces = [p for p in SEPARATOR.split(page_title or "") if p.strip()]
    if len(pieces) < 2:
        return False
    name = compact(text)
    ends = any(
        name == compact("".join(pieces[i:])) and any(len(p.split()) > 1 and not site_like(p, sites, host) for p in pieces[:i])
        for i in range(1, len(pieces))
    )
    blog = "»" in (page_title or "") and not site_like(pieces[-1], sites, host)
    return ends or (blog and name == compact(pieces[0]))
