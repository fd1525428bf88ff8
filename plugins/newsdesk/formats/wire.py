"""Wire copy as the agencies deliver it (Reuters, AP): title line, dateline, wrapped body, sign-off.

A paragraph starts on an indented line and runs on over lines at the margin.
Indented lines that do not run on and line up in columns (results, prices) are a
table, kept as a preformatted block. The sign-off ("Reuter", "(Reporting by ...)")
says who wrote it, so it goes to credit and byline, not the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import agencies
from ..clean import SENTENCE_END, readable_title, rejoin_hyphenated, squeeze_spaces
from ..dates import month_number, parse_date
from ..records import Article, Preformatted, RawText
from .base import Context

FORMAT = "wire"
KINDS = frozenset({"text"})


def score(raw: RawText) -> float:
    return 1.0 if looks_like(raw.text) else 0.0


MONTH_DAY = re.compile(r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})\b")
AFTER_DATE = re.compile(
    r"^\s*,?\s*(?:\((?P<agency>[A-Za-z][A-Za-z ]{0,20})\)|/(?P<slashed>[A-Za-z][\w -]{0,30})/)?\s*[-–—]{1,2}\s*(?P<rest>.*)$"
)
# press-release wires: "HUNTSVILLE, Ala. - (BUSINESS WIRE) - March 8, 2004 - ADTRAN said"
AGENCY_FIRST = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’\- ]+(?:, [A-Z][A-Za-z.]+)?)\s*[-–—]{1,2}\s*\((?P<agency>[A-Z][A-Za-z ]{0,20})\)\s*[-–—]{1,2}\s*"
    r"(?P<when>(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}), \d{4})\s*[-–—]{1,2}\s*(?P<rest>.*)$"
)
AP_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’\- ]+(?:, [A-Z][A-Za-z.]+)?)\s*"
    r"\((?P<agency>[A-Za-z][A-Za-z ]{0,20})\)\s*[-–—]{1,2}\s*(?P<rest>.*)$"
)
PLACE = re.compile(r"^[A-Z][A-Za-z.'’&\- ]*(?:,[ \t]*[A-Za-z][A-Za-z.'’&\- ]*){0,3}$")  # spaces: one place to match


@dataclass(frozen=True)
class Dateline:
    """Where and when a wire story was filed, as its first line says."""

    place: str
    when: str | None  # the words, e.g. "March 3"
    month: int | None
    day: int | None
    agency: str | None
    rest: str  # the start of the first paragraph


def read_dateline(line: str) -> Dateline | None:
    """ "    BASLE, March 3 - Sandoz said" -> place BASLE, March 3, rest; forgives wire typos.

    >>> read_dateline("    ATLANTA , MArch 3 -National Data said").place
    'ATLANTA'
    >>> read_dateline("  WASHINGTON (AP) - The Senate voted").agency
    'AP'
    >>> read_dateline("CHICAGO, July 14 /PRNewswire/ -- Man Securities said").agency
    'PRNewswire'
    >>> read_dateline("HUNTSVILLE, Ala. - (BUSINESS WIRE) - March 8, 2004 - ADTRAN said").place
    'HUNTSVILLE, Ala.'
    >>> read_dateline("    The company said on March 3 - a record") is None
    True
    """
    for m in MONTH_DAY.finditer(line[:80]):
        month = month_number(m["month"])
        after = AFTER_DATE.match(line[m.end() :])
        place = line[: m.start()].strip(" ,-*\t")
        if month is None or after is None or not PLACE.match(place) or len(place.split()) > 7:
            continue
        caps = [c for c in place.split(",")[0] if c.isalpha()]
        if not caps or (sum(c.isupper() for c in caps) < 0.5 * len(caps) and len(place.split()) > 2):
            continue
        agency = after["agency"] or after["slashed"]
        return Dateline(place, squeeze_spaces(line[m.start() : m.end()]), month, int(m["day"]), agency, after["rest"])
    if (m := AGENCY_FIRST.match(line)) and month_number(m["month"]):
        return Dateline(m["place"].strip(), m["when"], month_number(m["month"]), int(m["day"]), m["agency"], m["rest"])
    if m := AP_DATELINE.match(line):
        return Dateline(m["place"].strip(), None, None, None, m["agency"], m["rest"])
    return None


REPORTING = re.compile(r"^\s*\((?P<credits>(?:Additional )?[Rr]eporting by .*)\)\s*$")
# Names are separated by commas only in the pattern (" and " is inside [^,]+): linear in the line.
BYLINE = re.compile(r"^\s*(?i:by) (?P<names>[A-Z][^,]+(?:, (?:and )?[A-Z][^,]+)*?)(?:, (?P<agency>Reuters?|AP))?\s*$")
CONTRIBUTED = re.compile(r"^Associated Press writers? (?P<names>.+?) contributed to this report\.?$")
RULE = re.compile(r"^\s*_{3,}\s*$")
NAME_CASE = re.compile(r"^[A-Z][A-Z'’.-]+$")
COLUMNS = re.compile(r"\S {2,}\S")


def looks_like(text: str) -> bool:
    """A title line, then within three lines a dateline: indented ("    BASLE, March 3 -") or
    naming its agency ("WASHINGTON (AP) —")."""
    lines = [x for x in text.split("\n") if x.strip()][:4]
    if len(lines) < 2 or lines[0][:1].isspace():
        return False
    return any((d := read_dateline(x)) and (x[:1].isspace() or d.agency) for x in lines[1:4])


def _names(text: str) -> tuple[str, ...]:
    """ "Andrew Osborn and Tom Balmforth" -> ("Andrew Osborn", "Tom Balmforth"); "LISA MARTEN" -> "Lisa Marten"."""
    names = (n.strip(" .") for n in re.split(r",\s*|\s+(?:and|AND)\s+", text) if n.strip(" ."))
    return tuple(" ".join(w.capitalize() if NAME_CASE.match(w) else w for w in n.split()) for n in names)


def _sign_off(lines: list[str]) -> tuple[list[str], str | None, tuple[str, ...]]:
    """Take the sign-off lines off the end: (lines left, agency, reporters)."""
    agency, reporters = None, ()
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if lines and (signed := agencies.sign_off(lines[-1])):
        agency = signed
        lines = lines[:-1]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    for n in range(1, 4):
        chunk = " ".join(x.strip() for x in lines[-n:])
        if chunk.startswith("(") and (m := REPORTING.match(chunk)):
            reporting = [p.strip() for p in m["credits"].split(";")]
            names = [p.split(" by ", 1)[1] for p in reporting if re.match(r"(?:Additional )?[Rr]eporting by ", p)]
            reporters = tuple(x for n in names for x in _names(n))
            lines = lines[:-n]
            break
    return lines, agency, reporters


def _without_place(name: str) -> str:
    """ "Jim Heintz in Moscow" -> "Jim Heintz"; in one pass (a regex anchored at the end rescans per " in ").

    >>> _without_place("Jim Heintz in Moscow"), _without_place("Lynn Berry"), _without_place("X in, Kyiv")
    ('Jim Heintz', 'Lynn Berry', 'X in, Kyiv')
    """
    start = len(name)
    while start > 0 and (name[start - 1].isalnum() or name[start - 1] in "_ ."):
        start -= 1
    at = name.find(" in ", start)
    while at != -1 and not (name[at + 4 : at + 5].isupper() and len(name) > at + 5):
        at = name.find(" in ", at + 1)
    return name[:at] if at != -1 else name


def _contributors(lines: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """AP's closing "___" and "Associated Press writers X in Y and Z contributed to this report."."""
    text = [x.strip() for x in lines]
    while text and not text[-1]:
        text.pop()
    if text and (m := CONTRIBUTED.match(text[-1])):
        names = tuple(_without_place(n) for n in _names(m["names"]))
        keep = lines[: len(text) - 1]
        while keep and (not keep[-1].strip() or RULE.match(keep[-1])):
            keep = keep[:-1]
        return keep, names
    return lines, ()


def _paragraphs(lines: list[str]) -> list[str]:
    """Indented lines start paragraphs; a run of lines that never run on, in columns, is a table."""
    groups: list[list[str]] = []
    for line in rejoin_hyphenated(lines, keep_hyphens=True):
        if not line.strip():
            if groups and groups[-1]:
                groups.append([])
            continue
        if line[:1].isspace() or not groups or not groups[-1]:
            groups.append([line])
        else:
            groups[-1].append(line)
    groups = [g for g in groups if g]
    rows = [len(g) == 1 and (bool(COLUMNS.search(g[0].strip())) or not SENTENCE_END.search(g[0].strip())) for g in groups]
    out: list[str] = []
    i = 0
    while i < len(groups):
        j = i
        while j < len(groups) and rows[j]:
            j += 1
        if j - i >= 2:
            table = [g[0] for g in groups[i:j]]
            indent = min(len(x) - len(x.lstrip()) for x in table)
            out.append(Preformatted("\n".join(x[indent:].rstrip() for x in table)))
            i = j
            continue
        out.append(squeeze_spaces(" ".join(x.strip() for x in groups[i])))
        i += 1
    return [p for p in out if p.strip()]


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    (raw,) = group
    profiles = ctx.profiles
    lines = raw.text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title_raw = squeeze_spaces(lines.pop(0)) if lines else ""
    byline: tuple[str, ...] = ()
    credit = None
    while lines and (not lines[0].strip() or BYLINE.match(lines[0])):
        if m := BYLINE.match(lines.pop(0)):
            byline = _names(m["names"])
            credit = (agencies.canonical(m["agency"]) or m["agency"]) if m["agency"] else None
    dateline = read_dateline(lines[0]) if lines else None
    if dateline:
        credit = credit or ((agencies.canonical(dateline.agency) or dateline.agency) if dateline.agency else None)
        lines[0] = "    " + dateline.rest if dateline.rest.strip() else ""
    lines, agency, reporters = _sign_off(lines)
    lines, contributors = _contributors(lines)
    body = _paragraphs(lines)
    credit = credit or agency
    profile = profiles.by_masthead(credit) if credit else None

    when = dateline.when if dateline else None
    found = note = None
    lede = parse_date(body[0]) if body else None
    if lede and lede.precision == "day" and (not when or (lede.value.month, lede.value.day) == (dateline.month, dateline.day)):
        found, note = lede, f"first paragraph: {lede.text}"
    warnings = ()
    if profile is None:
        warnings = (*warnings, f"no source profile matched; source taken as {credit!r} from the dateline or sign-off")
    title = readable_title(title_raw, "\n".join(body))
    return [
        Article(
            origin=(raw.origin,),
            format=FORMAT,
            title=title,
            title_raw=title_raw if title != title_raw else None,
            body=tuple(body),
            source=profile.name if profile else credit,
            source_domain=profile.domain if profile else None,
            source_url=profile.url if profile else None,
            language=profile.language if profile else None,
            dateline=dateline.place if dateline else None,
            byline=tuple(dict.fromkeys((*byline, *reporters, *contributors))),
            credit=credit,
            date=found.value if found else None,
            date_precision=found.precision if found else None,
            date_source="text" if found else None,
            date_note=note,
            date_partial=when,
            warnings=warnings,
        )
    ]
