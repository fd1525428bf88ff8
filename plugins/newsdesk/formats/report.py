"""PDF report pages (the text of one page per file, as `pdftotext` gives it).

A page carries running heads ("Page 27 - RusRPTNov21", "P. 27"), a running
foot naming the report and its site, a row of page numbers, and one or more
articles that each start at a numbered section heading ("2.6 Title").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .. import heads, languages
from ..clean import (
    SENTENCE_END,
    is_page_number_run,
    learn_repeated_lines,
    mask_digits,
    reflow,
    rejoin_hyphenated,
    squeeze_spaces,
)
from ..dates import FoundDate, parse_date
from ..profiles import Profiles
from ..records import Article, Preformatted, RawText
from .base import Context

FORMAT = "report-page"
KINDS = frozenset({"text"})

HEADER = re.compile(r"^\s*Page (?P<page>\d+) - (?P<code>[A-Za-z0-9]+)\s*$")
PAGE_MARK = re.compile(r"^\s*P\.\s?(?P<page>\d+)\s*$")
FOOTER = re.compile(
    r"""^\s*(?:(?P<page>\d{1,4})\s+)?(?P<pub>\S(?:.*?\S)?)\s+  # pub ends on a letter: linear
        (?P<site>(?:https?://)?www\.(?P<domain>[\w-]+(?:\.[\w-]+)+)\S*)
        (?:\s+(?P<page_after>\d{1,4}))?\s*$""",
    re.VERBOSE,
)
# "2.6 Title"; a wrapped line starting "3.81 billion" is no heading
HEADING = re.compile(r'^\s*(?P<section>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<title>[A-ZÀ-Þ"“‘(\d].{2,160}?)\s*$')
# a page number alone at a page's edge: "- 4 -", "Page 4", "Seite 4 von 9", "4"
EDGE_PAGE = re.compile(
    r"^\s*(?:[-–]\s*)?(?:(?:Page|Seite|Página|Pagina|Pag\.|p\.)\s*)?(?P<page>\d{1,4})(?:\s*(?:of|/|von|de|di)\s*\d{1,4})?(?:\s*[-–])?\s*$"
)
EDGE_LINES = 2  # running heads and feet sit in the first and last lines of a page
MAX_HEADING_WORDS = 16


@dataclass(frozen=True)
class PageFacts:
    """What a report page says about itself outside its articles."""

    page: int | None = None
    code: str | None = None
    publication: str | None = None
    domain: str | None = None
    masthead: str | None = None  # the report's name in a running head ("Harbour Markets Weekly")
    date: FoundDate | None = None  # the issue date a running head gives


def _furniture(lines: list[str]) -> tuple[int, bool]:
    """How many lines are page furniture, and whether one is a running head with the page number."""
    hits = sum(bool(HEADER.match(x) or PAGE_MARK.match(x) or is_page_number_run(x) or _is_page_foot(x)) for x in lines)
    running = any((head := heads.read_masthead(x)) and head.page and _is_running_head(x) for x in _edges(lines))
    return hits + running, running


def looks_like(text: str) -> bool:
    """A report page has a page header, page marker, site footer or page-number run, or a
    running head naming the report and the page ("Harbour Markets Weekly · Page 3")."""
    lines = text.split("\n")
    hits, running = _furniture(lines)
    return hits >= 3 or (hits >= 2 and (running or any(HEADING.match(x) for x in lines) or _has_plain_heading(lines)))


def score(raw: RawText) -> float:
    """1.0; 1.3 with a running head and a foot (a report page even when its running head looks
    like a clipping's masthead), a tenth more for each further piece of page furniture."""
    lines = raw.text.split("\n")
    if not looks_like(raw.text):
        return 0.0
    hits, running = _furniture(lines)
    return min(1.5, 1.0 + 0.3 * (running and hits >= 2) + 0.1 * max(hits - 2, 0))


def _has_plain_heading(lines: list[str]) -> bool:
    page = _layout(lines)
    return any(_is_plain_heading(page, i) for i in range(1, len(lines)))


def _is_page_foot(line: str) -> bool:
    """A running foot: report name, site and page number on one short line (not any line ending in a URL)."""
    m = FOOTER.match(line)
    return bool(m and (m["page"] or m["page_after"]) and len(line.strip()) <= 120)


def _publication(name: str) -> tuple[str, str | None]:
    """ "RUSSIA Country Report November 2021" -> ("Russia Country Report, November 2021", ...)."""
    found = parse_date(name)
    words = [w.capitalize() if w.isupper() and len(w) > 3 else w for w in name.split()]
    base = " ".join(words)
    if found:
        base = squeeze_spaces(base.replace(found.text, "")).rstrip(",")
        return f"{base}, {found.text}", found.text
    return base, None


def _facts(lines: list[str]) -> PageFacts:
    page = code = publication = domain = masthead = date = None
    for line in lines:
        if m := HEADER.match(line):
            page, code = int(m["page"]), m["code"]
        elif m := PAGE_MARK.match(line):
            page = page or int(m["page"])
        elif (m := FOOTER.match(line)) and (m["page"] or m["page_after"]):
            page = page or int(m["page"] or m["page_after"])
            publication, _ = _publication(m["pub"])
            domain = m["domain"].lower()
    for line in _edges(lines):
        if m := EDGE_PAGE.match(line):
            page = page or int(m["page"])
        elif (head := heads.read_masthead(line)) and _is_running_head(line) and (head.page or head.date):
            page = page or head.page
            masthead = masthead or head.name
            date = date or head.date
    return PageFacts(page, code, publication, domain, masthead, date)


def _edges(lines: list[str]) -> list[str]:
    text = [x for x in lines if x.strip()]
    return text[:EDGE_LINES] + text[-EDGE_LINES:] if len(text) > 2 * EDGE_LINES else text[:1]


def _is_running_head(line: str) -> bool:
    """A running head names the report with separators ("Harbour Markets Weekly · 5 March 1987 · Page 3")."""
    return bool(re.search(r"[|·•]", line)) and not HEADING.match(line)


def _is_debris(line: str, boilerplate, edges: frozenset[str] = frozenset()) -> bool:
    if HEADER.match(line) or PAGE_MARK.match(line) or is_page_number_run(line):
        return True
    if line in edges and (EDGE_PAGE.match(line) or (heads.read_masthead(line) and _is_running_head(line))):
        return True
    if (m := FOOTER.match(line)) and (m["page"] or m["page_after"]):
        return True
    if line.strip() == "\f":
        return True
    return any(p.search(line) for p in boilerplate)


def parse_page(raw: RawText, profiles: Profiles, learned: frozenset[str] = frozenset()) -> list[Article]:
    """Articles on one report page; a leading fragment without heading comes first, untitled."""
    lines = raw.text.replace("\f", "\n").split("\n")
    facts = _facts(lines)
    boilerplate = profiles.boilerplate()
    edges = frozenset(_edges(lines))
    kept = [x for x in lines if not _is_debris(x, boilerplate, edges) and mask_digits(x) not in learned]

    profile = profiles.by_domain(facts.domain) if facts.domain else None
    profile = profile or (profiles.by_masthead(facts.masthead) if facts.masthead else None)
    source = profile.name if profile else (facts.masthead or facts.domain)
    found = parse_date(facts.publication or "")
    where = "report footer"
    if facts.date and (found is None or (facts.date.precision == "day" and found.precision != "day")):
        found, where = facts.date, "report running head"

    chunks: list[tuple[str | None, str | None, list[str]]] = [(None, None, [])]
    layout = _layout(kept)
    for i, line in enumerate(kept):
        if m := HEADING.match(line):
            chunks.append((m["section"], squeeze_spaces(m["title"]), []))
        elif _is_plain_heading(layout, i, first_page=facts.page == 1):
            chunks.append((None, squeeze_spaces(line), []))
        else:
            chunks[-1][2].append(line)

    articles = []
    for section, title, body_lines in chunks:
        language = languages.detect(" ".join(body_lines)) or (profile.language if profile else None)
        paragraphs = reflow(body_lines, language=language)
        dateline, body = _read_dateline(tuple(paragraphs), language) if title else (None, tuple(paragraphs))
        body = tuple(p for p in body if p)
        if title is None and not body:
            continue
        articles.append(
            Article(
                origin=(raw.origin,),
                format=FORMAT,
                title=title or "",
                section=section,
                body=body,
                source=source,
                source_domain=facts.domain,
                publication=facts.publication,
                page=facts.page,
                country=profile.country if profile else None,
                language=language,
                dateline=dateline,
                date=found.value if found else None,
                date_precision=found.precision if found else None,
                date_source="text" if found else None,
                date_note=f"{where}: {found.text}" if found else None,
                source_url=profile.url if profile else None,
                warnings=() if profile else (f"no source profile matched; source taken as {source!r}",),
            )
        )
    return articles


@dataclass(frozen=True)
class _Layout:
    """A page's lines with what heading detection asks of each, worked out once (linear)."""

    lines: list[str]
    width: int
    top: int  # the first line with text
    above: list[int]  # the line with text before each line (-1: none)
    below: list[int]  # the line with text after each line (len: none)


def _layout(lines: list[str]) -> _Layout:
    above, below, last = [], [len(lines)] * len(lines), -1
    for i, line in enumerate(lines):
        above.append(last)
        if line.strip():
            last = i
    nxt = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        below[i] = nxt
        if lines[i].strip():
            nxt = i
    top = next((i for i, x in enumerate(lines) if x.strip()), len(lines))
    return _Layout(lines, max((len(x.rstrip()) for x in lines), default=0), top, above, below)


def _is_plain_heading(page: _Layout, i: int, *, first_page: bool = False) -> bool:
    """A heading without a number: a short line set apart above by a blank line (or the page
    top), not a sentence nor a row of figures, with a paragraph starting below it."""
    lines = page.lines
    words = lines[i].split()
    if (i and lines[i - 1].strip()) or not 0 < len(words) <= MAX_HEADING_WORDS:
        return False
    line = re.sub(r"(?:\b[A-Za-z]\.){2,}$", "", " ".join(words))  # "... deal with U.S."
    if not line or SENTENCE_END.search(line) or line.endswith(","):
        return False
    after = squeeze_spaces(lines[page.below[i]]) if page.below[i] < len(lines) else ""
    if not after:  # the last line of the page: a heading whose story starts overleaf
        above = lines[page.above[i]].strip() if page.above[i] >= 0 else ""
        return bool(above and SENTENCE_END.search(above)) and len(words) >= 2 and line[:1].isupper()
    chars = line.replace(" ", "")
    if not line.lstrip("(“\"'")[:1].isupper() or heads.read_byline(line):
        return False
    letters = sum(c.isalpha() for c in chars) / len(chars)
    if len(words) >= 2 and letters >= 0.6 and heads.read_dateline(after, None)[0]:  # a story's first line follows
        return True
    if letters < 0.75:
        return False
    if heads.read_dateline(line, None)[0]:  # the first line of a story, its heading on the page before
        return False
    if not (after[:1].isupper() and len(words) >= 2 and (len(lines[i].rstrip()) < 0.8 * page.width or line.isupper())):
        return False
    if first_page or page.top < i:
        return True
    # at the top of the page it may be a table row or a short line going on from the page before
    capitalised = [w for w in words if w[:1].isupper()]
    return line.isupper() or len(capitalised) >= 0.6 * len(words) or len(after) >= 0.8 * page.width


def page_facts(raw: RawText) -> PageFacts:
    """Page number and report code, for joining articles that run across pages."""
    return _facts(raw.text.replace("\f", "\n").split("\n"))


def _report_key(raw: RawText) -> str:
    """The report a page belongs to: its PDF when read from one, else one folder, one report
    (issues of one bulletin share its name and month)."""
    if raw.part is not None:
        return f"pdf:{raw.path}"
    facts = page_facts(raw)
    return f"{raw.path.parent}\n{facts.code or facts.publication or ''}"


def _page_number(raw: RawText) -> int | None:
    """A PDF's own page order when read from one (printed numbers may be missing), else the printed number."""
    return raw.part if raw.part is not None else page_facts(raw).page


def group(raws: list[RawText]) -> list[list[RawText]]:
    """The pages of each report together, in page order whatever the file order."""
    by_report: dict[str, list[tuple[int, str, RawText]]] = {}
    for raw in raws:
        by_report.setdefault(_report_key(raw), []).append((_page_number(raw) or 0, str(raw.path), raw))
    return [[r for *_, r in sorted(pages, key=lambda x: x[:2])] for _, pages in sorted(by_report.items())]


def parse(pages: list[RawText], ctx: Context) -> list[Article]:
    """The articles of one report's pages; running heads and feet learned from its pages.

    A page whose text starts with no heading continues the last article of the page
    before it (page number one less); it stays apart when that page was not given.
    """
    learned = frozenset(learn_repeated_lines([_page_edges(r) for r in pages], min_pages=2))
    articles: list[Article] = []
    last_on_page: dict[int, int] = {}
    for raw in pages:
        number = _page_number(raw)
        found = parse_page(raw, ctx.profiles, learned)
        prev = last_on_page.get(number - 1) if number else None
        if found and not found[0].title and prev is not None:
            head, more = articles[prev], found[0].body
            dateline = head.dateline
            if head.title and not head.body and dateline is None:  # a heading at a page's foot: its story starts here
                dateline, more = _read_dateline(more, found[0].language or head.language)
            articles[prev] = dataclasses.replace(
                head, origin=(*head.origin, *found[0].origin), body=_join_pages(head.body, more), dateline=dateline
            )
            found = found[1:]
            last_on_page[number] = prev
        if found and not found[0].title and number and number > 1 and number - 1 not in last_on_page:
            found[0] = found[0].with_warning(
                f"the page starts mid-article and page {number - 1} of this report was not given: kept apart"
            )
        articles.extend(found)
        if found and number:
            last_on_page[number] = len(articles) - 1
    return articles


def _read_dateline(body: tuple[str, ...], language: str | None) -> tuple[str | None, tuple[str, ...]]:
    """The dateline a story's first paragraph starts with ("AMSTERDAM, March 3 -"), and the body without it."""
    if not body:
        return None, body
    dateline, _, _, rest = heads.read_dateline(body[0], language)
    return dateline, (rest, *body[1:]) if rest else body[1:]


def _page_edges(raw: RawText, depth: int = 3) -> list[str]:
    """The first and last lines of a page: where running heads and feet sit (a line repeated mid-page is text)."""
    lines = [x for x in raw.text.replace("\f", "\n").split("\n") if x.strip() and not HEADING.match(x)]
    return lines[:depth] + lines[-depth:]


def _join_pages(first: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """Glue a paragraph cut by a page break back together ("diplo-" / "matic" too)."""
    if not (first and more) or isinstance(first[-1], Preformatted) or isinstance(more[0], Preformatted):
        return (*first, *more)
    end, start = first[-1].rstrip(), more[0].lstrip()
    if end.endswith("-") and start[:1].islower():
        return (*first[:-1], rejoin_hyphenated([end, start])[0], *more[1:])
    if not SENTENCE_END.search(end):
        return (*first[:-1], f"{end} {start}", *more[1:])
    return (*first, *more)
