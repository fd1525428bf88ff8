"""PDF report pages (the text of one page per file, as `pdftotext` gives it).

A page carries running heads ("Page 27 - RusRPTNov21", "P. 27"), a running
foot naming the report and its site, a row of page numbers, and one or more
articles that each start at a numbered section heading ("2.6 Title").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..clean import SENTENCE_END, is_page_number_run, learn_repeated_lines, mask_digits, reflow, rejoin_hyphenated, squeeze_spaces
from ..dates import parse_date
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
HEADING = re.compile(r"^\s*(?P<section>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<title>\S.{2,160}?)\s*$")


@dataclass(frozen=True)
class PageFacts:
    """What a report page says about itself outside its articles."""

    page: int | None = None
    code: str | None = None
    publication: str | None = None
    domain: str | None = None


def score(raw: RawText) -> float:
    """A report page has a page header, page marker, site footer or page-number run."""
    lines = raw.text.split("\n")
    hits = sum(bool(HEADER.match(x) or PAGE_MARK.match(x) or is_page_number_run(x) or _is_page_foot(x)) for x in lines)
    return 1.0 if (hits >= 2 and any(HEADING.match(x) for x in lines)) or hits >= 3 else 0.0


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
    page = code = publication = domain = None
    for line in lines:
        if m := HEADER.match(line):
            page, code = int(m["page"]), m["code"]
        elif m := PAGE_MARK.match(line):
            page = page or int(m["page"])
        elif (m := FOOTER.match(line)) and (m["page"] or m["page_after"]):
            page = page or int(m["page"] or m["page_after"])
            publication, _ = _publication(m["pub"])
            domain = m["domain"].lower()
    return PageFacts(page, code, publication, domain)


def _is_debris(line: str, boilerplate) -> bool:
    if HEADER.match(line) or PAGE_MARK.match(line) or is_page_number_run(line):
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
    kept = [x for x in lines if not _is_debris(x, boilerplate) and mask_digits(x) not in learned]

    profile = profiles.by_domain(facts.domain) if facts.domain else None
    source = profile.name if profile else facts.domain
    found = parse_date(facts.publication or "")

    chunks: list[tuple[str | None, str | None, list[str]]] = [(None, None, [])]
    for line in kept:
        if m := HEADING.match(line):
            chunks.append((m["section"], squeeze_spaces(m["title"]), []))
        else:
            chunks[-1][2].append(line)

    articles = []
    for section, title, body_lines in chunks:
        body = tuple(reflow(body_lines))
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
                language=profile.language if profile else None,
                date=found.value if found else None,
                date_precision=found.precision if found else None,
                date_source="text" if found else None,
                date_note=f"report footer: {found.text}" if found else None,
                source_url=profile.url if profile else None,
                warnings=() if profile else (f"no source profile matched; source taken as {source!r}",),
            )
        )
    return articles


def page_facts(raw: RawText) -> PageFacts:
    """Page number and report code, for joining articles that run across pages."""
    return _facts(raw.text.replace("\f", "\n").split("\n"))


def _report_key(raw: RawText) -> str:
    """The report a page belongs to: its PDF when read from one, else its running head or foot."""
    if raw.part is not None:
        return f"pdf:{raw.path}"
    facts = page_facts(raw)
    return facts.code or facts.publication or str(raw.path.parent)


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
            head = articles[prev]
            articles[prev] = dataclasses.replace(
                head, origin=(*head.origin, *found[0].origin), body=_join_pages(head.body, found[0].body)
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
