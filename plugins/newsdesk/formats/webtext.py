"""Text copied from a web page whose first line is the page's address, then the headline,
the date line(s) and the body: the address is the article's `original_url` and names the
outlet; it is never the title.
"""

from __future__ import annotations

import re
from datetime import date

from ..clean import reflow, split_dateline, squeeze_spaces
from ..dates import FoundDate, parse_date
from ..profiles import Profiles
from ..records import Article, RawText
from ..webmeta import url_date
from ..webpage import canonical_url, domain_of, outlet
from .base import Context

FORMAT = "web-text"
KINDS = frozenset({"text"})
ADDRESS = re.compile(r"https?://[^\s<>\"]{3,2000}")
DATE_LINE_CHARS = 80  # a date line is short: "Friday, Sep 10, 2010 | Updated 8:52 PM EDT"
DATE_LINES = 3  # looked for among the first lines after the headline
UPDATED = re.compile(r"\b(?:last updated|updated|last modified)\b", re.IGNORECASE)
NUMERIC = re.compile(r"\b(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})\b")
YEAR_FIRST = re.compile(r"\b((?:19|20)\d{2})[./](\d{1,2})[./](\d{1,2})\b")
DAY_FIRST_TLDS = frozenset({"uk", "au", "in", "ie", "nz", "za"})  # where 4/5/2012 is the 4th of May


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _first_lines(text: str, count: int) -> list[str]:
    out = []
    for line in text[:20_000].split("\n"):
        if line.strip():
            out.append(line.strip())
            if len(out) == count:
                break
    return out


def looks_like(text: str) -> bool:
    """The first line is one http(s) address alone, and a headline follows it."""
    first = _first_lines(text, 2)
    return len(first) == 2 and bool(ADDRESS.fullmatch(first[0])) and not ADDRESS.match(first[1])


def score(raw: RawText) -> float:
    """1.5 for a text whose first line is an address alone, above the other text formats'
    guesses: an address is a stronger sign than any heading or dateline."""
    return 1.5 if looks_like(raw.text) else 0.0


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    (raw,) = group
    return [parse_text(raw.text, str(raw.path), ctx.profiles)]


def _line_date(line: str, domain: str | None) -> FoundDate | None:
    """A date line's day: written out (also in capitals), year first, or numeric, read
    day first where the outlet's country writes it so (and when dotted).

    >>> _line_date("POSTED: 04/02/07, 9:00 PM PDT", "example.com").value
    datetime.date(2007, 4, 2)
    >>> _line_date("Last updated 13:26 14/09/2013", "example.co.uk").value
    datetime.date(2013, 9, 14)
    """
    if found := parse_date(line) or parse_date(line.title()):
        return found
    if m := YEAR_FIRST.search(line):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := NUMERIC.search(line):
        day_first = m[2] == "." or (domain or "").rsplit(".", 1)[-1] in DAY_FIRST_TLDS
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        month, day = (second, first) if day_first else (first, second)
        year += 2000 if year < 100 else 0
    else:
        return None
    try:
        return FoundDate(date(year, month, day), "day", m[0])
    except ValueError:
        return None


def parse_text(text: str, origin: str, profiles: Profiles) -> Article:
    lines = _lines(text)
    while lines and not lines[0].strip():
        lines.pop(0)
    address = lines.pop(0).strip()
    while lines and not lines[0].strip():
        lines.pop(0)
    title = squeeze_spaces(lines.pop(0)) if lines else ""
    found, date_note = None, None
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > DATE_LINES or len(line.strip()) > DATE_LINE_CHARS:
            break
        published = UPDATED.split(line)[0] or line
        if when := _line_date(published, domain_of(address)) or _line_date(line, domain_of(address)):
            found, date_note = when, f"date line: {line.strip()}"
            del lines[i]
            break
    url = canonical_url(address)
    if found is None and (day := url_date(url)):
        date_note = f"address date path: {day.isoformat()}"
        found = parse_date(day.isoformat())
    domain = domain_of(url)
    source, profile = outlet(profiles, domain)
    paragraphs = reflow(lines)
    dateline = credit = None
    if paragraphs:
        dateline, credit, paragraphs[0] = split_dateline(paragraphs[0])
    warnings = () if profile else (f"no source profile has the domain {domain!r}; source taken as {source!r}",)
    return Article(
        origin=(origin,),
        format=FORMAT,
        title=title,
        body=tuple(p for p in paragraphs if p),
        source=source,
        source_domain=profile.domain if profile else domain,
        country=profile.country if profile else None,
        language=profile.language if profile else None,
        date=found.value if found else None,
        date_precision=found.precision if found else None,
        date_source="text" if found else None,
        date_note=date_note if found else None,
        dateline=dateline,
        credit=credit,
        source_url=(profile.url if profile else None) or (f"https://{domain}/" if domain else None),
        original_url=url,
        warnings=warnings,
    )
