"""Saved web pages (`.html`, `.htm`, gzip-compressed, "Web page, complete", `.mhtml`): the
article's text and its metadata, whatever the site around it.

Decoding and the address are webpage.py's, metadata webmeta.py's, the text webbody.py's;
this module joins them into an Article and turns away what is not an article (an empty
page, a paywall or consent wall, an error page) with a message saying what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..decode import repair
from ..records import Article, RawText
from ..webbody import Body, extract_body, rules
from ..webmeta import PageMeta, page_address, page_meta
from ..webpage import Page, decode_page, domain_of, outlet, parse_html, unpack_mhtml
from .base import Context, FormatError

FORMAT = "web-page"
KINDS = frozenset({"html", "mhtml"})
BIG_SCRIPT = 1_000_000  # characters of inline script worth telling the editor about
MIN_WORDS = 25  # fewer words than this is not an article text


WALLS = {
    "paywall": "shows only a paywall, not the article: save the page again while logged in as a subscriber",
    "consent wall": "shows only a cookie consent wall: answer the cookie question in the browser, then save the page again",
    "error page": "is an error page (page not found), not an article: check the address and save the article's own page",
}


class PageError(FormatError):
    """A page that holds no article; the message says why and what to do."""


def score(raw: RawText) -> float:
    """Any web page; below 1.0 so that a format made for one kind of HTML export wins."""
    return 0.5 if raw.kind in KINDS else 0.0


def _address(raw: RawText) -> str:
    """The canonical address a saved page gives, else its path (a page that says none is itself)."""
    try:
        page = page_of(raw.data, raw.kind)
        tree = parse_html(page.html)
    except (PageError, ValueError):
        return str(raw.path)
    return (page_address(tree, page.address) if tree is not None else None) or str(raw.path)


def group(raws: list[RawText]) -> list[list[RawText]]:
    """Saves of one page (addresses that differ only in tracking parameters or a fragment)
    form one document, so they give one article."""
    by_address: dict[str, list[RawText]] = {}
    for raw in raws:
        by_address.setdefault(_address(raw), []).append(raw)
    return list(by_address.values())


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    """The article of a page; of several saves of one page, the one with the most text."""
    read = [(web_read(raw), raw) for raw in group]
    best, raw = max(read, key=lambda rr: (word_count(rr[0].plain), -group.index(rr[1])))
    origin = (str(raw.path), *(str(r.path) for r in group if r is not raw))
    article = to_article(best, origin, ctx.profiles, ctx.vocabulary)
    if len(group) > 1:
        others = ", ".join(r.path.name for r in group if r is not raw)
        article = article.with_warning(f"the same page was saved more than once ({others}): read once, from {raw.path.name}")
    return [article]


def web_read(raw: RawText) -> ReadPage:
    return read_page(raw.data, raw.path.name, kind=raw.kind)


@dataclass(frozen=True)
class ReadPage:
    """One saved page read: its metadata, its text and what was noticed on the way."""

    meta: PageMeta
    body: Body
    encoding: str
    warnings: tuple[str, ...] = ()

    @property
    def plain(self) -> tuple[str, ...]:
        return self.body.plain


def page_of(data: bytes, kind: str = "html") -> Page:
    """The decoded page of a file's bytes (an MHTML archive's first HTML part)."""
    if kind == "mhtml":
        page = unpack_mhtml(data)
        if page is None:
            raise PageError("is a web archive (MHTML) without an HTML page in it: save the page again")
        return page
    return decode_page(data)


def read_page(data: bytes, name: str = "", url: str | None = None, kind: str = "html") -> ReadPage:
    """Metadata and text of a saved page; raises PageError when it holds no article."""
    page = page_of(data, kind)
    tree = parse_html(page.html)
    page_body = tree.find(".//body") if tree is not None else None
    if page_body is None or not page_body.text_content().strip():
        raise PageError("is an empty web page (no text in its <body>): save the page again once it has loaded")
    warnings = list(page.warnings)
    script = sum(len(s.text or "") for s in tree.iter("script"))
    if script > BIG_SCRIPT:
        warnings.append(f"carries {script / 1e6:.1f} MB of inline script, not read (only the page's text is)")
    meta = page_meta(tree, page.address or url)
    address = meta.original_url or page.address or url
    body = extract_body(tree, address, meta.title, meta.description)
    words = word_count(body.plain)
    wall = _wall(tree, body, words)
    if wall:
        raise PageError(WALLS[wall])
    if words < MIN_WORDS:
        raise PageError(
            f"holds no article text (only {words} words found outside menus and boxes): "
            "check it is a saved article page, not an index or a page still loading"
        )
    return ReadPage(meta, body, page.encoding, tuple(warnings))


def word_count(paragraphs: tuple[str, ...]) -> int:
    """Words of a text; for scripts written without spaces, one word per two characters."""
    words = sum(len(p.split()) for p in paragraphs)
    return max(words, sum(len(p) for p in paragraphs) // 6 if words < MIN_WORDS else 0)


def _wall(tree, body: Body, words: int) -> str | None:
    """ "paywall", "consent wall" or "error page" when a page of few words says it is one.

    A consent wall hides the whole page, so it is only looked for when no text is left;
    a paywall leaves a teaser and says so in it; an error page says so in its headings.
    """
    r = rules()
    if words > r["wall_max_words"]:
        return None
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2")][:20]
    heads = " ".join([" ".join((tree.findtext(".//title") or "").split()), *headings])
    page = tree.find(".//body")
    text = " ".join(page.text_content().split())[:50_000] if page is not None else ""
    where = {"paywall": f"{heads} {body.extracted}", "consent wall": text, "error page": heads}
    for kind, patterns in r["walls"].items():
        if kind == "consent wall" and words >= MIN_WORDS:
            continue
        if any(re.search(p, where[kind], re.IGNORECASE) for p in patterns):
            return kind
    return None


def _repaired(paragraph: str) -> str:
    """Mojibake repaired in one paragraph, keeping what kind of paragraph it is."""
    return type(paragraph)(repair(paragraph)) if type(paragraph) is not str else repair(paragraph)


def to_article(read: ReadPage, origin: tuple[str, ...], profiles, vocabulary) -> Article:
    """The Article of a page read; the source is the profile whose domain the page's
    address has, else the site's name; keywords map to topics through the vocabulary."""
    meta = read.meta
    domain = domain_of(meta.original_url)
    source, profile = outlet(profiles, domain, meta.source)
    warnings = list(read.warnings)
    title = repair(meta.title) if meta.title else ""  # none: the pipeline's title chain says so
    if profile is None and source:
        warnings.append(f"no source profile has the domain {domain or source!r}; source taken as {source!r}")
    labels = (vocabulary.label_for(k) for k in meta.keywords) if vocabulary is not None else ()
    topics = tuple(dict.fromkeys(label for label in labels if label))
    provenance = dict(meta.provenance)
    if profile is not None:
        provenance["source"] = f"source profile {profile.key} (domain {profile.domain})"
    elif source == domain:
        provenance["source"] = "address domain"
    if read.body.captions:
        provenance["captions"] = "figcaption"
    return Article(
        origin=origin,
        format=FORMAT,
        title=title,
        body=tuple(_repaired(p) for p in read.body.paragraphs),
        subtitle=repair(read.body.subtitle) if read.body.subtitle else None,
        section=meta.section,
        source=source,
        source_domain=profile.domain if profile else domain,
        country=profile.country if profile else None,
        language=meta.language or (profile.language if profile else None),
        date=meta.date,
        date_precision="day" if meta.date else None,
        date_source="text" if meta.date else None,
        date_note=f"page metadata: {provenance['date']}" if meta.date else None,
        byline=tuple(repair(b) for b in meta.byline),
        captions=tuple(repair(c) for c in read.body.captions),
        topics=topics,
        source_url=(profile.url if profile else None) or (f"https://{domain}/" if domain else None),
        original_url=meta.original_url,
        updated=meta.updated if meta.updated and meta.date and meta.updated > meta.date else None,
        description=repair(meta.description) if meta.description else None,
        accession=meta.original_url,
        word_count=word_count(read.body.plain),
        keywords=meta.keywords,
        provenance=tuple(sorted(provenance.items())),
        warnings=tuple(warnings),
    )
