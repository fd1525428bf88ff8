"""E-paper clippings and cut-out articles: masthead, section label, headline, subheadline,
byline, dateline, body, photo captions, agency sign-off and footers.

No profile is needed to read the head: each part is told by its layout and its words
(`heads.py`). A masthead seen on several clippings of one folder is a known source for
all of them. PressReader-style clippings print a caption twice (with "?? AGENCY ??"
markers, then with the agency glued in front) and end with "Newspapers in <language>" /
"Newspapers from <country>" footers; none of that belongs in the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import yaml

from .. import agencies, heads, languages
from ..clean import lift_drop_cap, reflow, restore_dropped_dashes, split_dateline, squeeze_spaces
from ..dates import FoundDate, parse_date
from ..profiles import Profiles
from ..records import Article, RawText
from ..slugs import slugify
from . import wire
from .base import SUGGESTION, Context

FORMAT = "epaper-clipping"
KINDS = frozenset({"text"})

FOOTER_LANGUAGE = re.compile(r"^\s*Newspapers in (?P<language>[A-Z][a-z]+)\s*$")
FOOTER_COUNTRY = re.compile(r"^\s*Newspapers from (?P<country>[A-Z](?:[\w .'-]*?[\w.'-])?)\s*$")  # ends on a letter: linear
CAPTION = re.compile(r"^\s*\?\?\s*(?P<credit>[A-Z][\w .&/-]{0,40}?)\s*\?\?\s*(?P<text>\S.*)$")
SEPARATOR = re.compile(r"^\s*[-–—]\s*$")
BYLINE = re.compile(r"^\s*By\s+(?P<names>[A-Z][\w.'’ -]+(?:, [A-Z][\w.'’ -]+)*)\s*$")  # "and" splits later
# the end mark some papers close an article with, initials of the writer before it: "jardin.Th. D. ■"
END_MARK = re.compile(r"(?<=[.!?»\"”])\s*(?P<initials>(?:[A-ZÀ-Þ][a-zà-ÿ]?\.\s?){1,4})?\s*[■□▪◆]\s*$")
DROP_CAP_END = re.compile(r"\S\s+\S+\s+[A-ZÀ-Þ]$")
HEAD_BLOCKS = 7  # the head never runs further than this many blocks


@dataclass(frozen=True)
class Head:
    """What the top of a clipping says before the body starts."""

    source: str | None = None
    date: FoundDate | None = None
    page: int | None = None
    section: str | None = None
    title: str = ""
    subtitle: str | None = None
    byline: tuple[str, ...] = ()
    credit: str | None = None
    body_start: int = 0


def score(raw: RawText) -> float:
    """1.2 for a masthead with a date or a section label above a headline, 1.1 for a paper's
    name above it (both beat wire copy, whose title line would take the masthead), 1.0 for
    PressReader marks or a drop capital, 0.9 for an agency sign-off."""
    blocks = _blocks(raw.text)
    lines = raw.text.split("\n")
    if not blocks:
        return 0.0
    first = squeeze_spaces(" ".join(blocks[0]))
    headed = len(blocks) > 2 and _is_heading_like(blocks[1])
    masthead = heads.read_masthead(first) if len(blocks[0]) == 1 else None
    if headed and masthead and masthead.date and (masthead.name or _is_heading_like(blocks[2])):
        return 1.2
    if headed and len(blocks[0]) == 1 and heads.is_section_label(first, before_heading=True):
        return 1.2
    second = squeeze_spaces(" ".join(blocks[1])) if len(blocks) > 2 else ""
    named = len(blocks[0]) == 1 and heads.looks_like_name_of_paper(first)
    if named and second and heads.is_section_label(second, before_heading=True) and _is_heading_like(blocks[2]):
        return 1.2
    if named and second and (line := heads.read_masthead(second)) and line.date and not line.name:
        return 1.2
    if named and headed and (not _is_heading_like(blocks[2]) or heads.names_a_paper(first)):
        return 1.1  # a paper's name above the headline: wire copy has no masthead
    if any(FOOTER_LANGUAGE.match(x) or FOOTER_COUNTRY.match(x) or CAPTION.match(x) for x in lines):
        return 1.0
    if sum(bool(SEPARATOR.match(x)) for x in lines[:12]) == 1:
        return 1.0
    if (
        len(blocks) > 1
        and len(blocks[0]) == 1
        and DROP_CAP_END.search(blocks[0][0][-60:])
        and lift_drop_cap(first, blocks[1][0])[0] != first
    ):
        return 1.0
    last = squeeze_spaces(" ".join(blocks[-1]))
    signed = agencies.sign_off(last) or agencies.trailing_sign_off(last)[1]
    if len(blocks) > 2 and _is_heading_like(blocks[0]) and signed:
        return 0.9
    return 0.0


def group(raws: list[RawText]) -> list[list[RawText]]:
    """The clippings of one folder together, so a masthead seen on several is known for all."""
    folders: dict[str, list[RawText]] = {}
    for raw in raws:
        folders.setdefault(str(raw.path.parent), []).append(raw)
    return [sorted(g, key=lambda r: str(r.path)) for _, g in sorted(folders.items())]


def known_mastheads(raws: list[RawText]) -> dict[str, int]:
    """Paper names printed as the first line of two or more clippings, with how many."""
    seen: Counter = Counter()
    for raw in raws:
        blocks = _blocks(raw.text)
        if blocks and len(blocks[0]) == 1 and (m := heads.read_masthead(blocks[0][0])) and m.name:
            seen[m.name] += 1
    return {name: n for name, n in seen.items() if n >= 2}


def parse_group(raws: list[RawText], profiles: Profiles) -> list[Article]:
    """One article per clipping; a masthead no profile knows but several clippings print is
    taken as the source for each, and the first of them suggests a profile to save."""
    known = known_mastheads(raws)
    suggested: set[str] = set()
    articles = []
    for raw in raws:
        article = parse_one(raw, profiles, known)
        name = article.source
        if name in known and name not in suggested and not profiles.by_name(name):
            suggested.add(name)
            article = article.with_warning(_suggest_profile(name, known[name], article))
        articles.append(article)
    return articles


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    return parse_group(group, ctx.profiles)


def _suggest_profile(name: str, count: int, article: Article) -> str:
    profile = {"name": name, "mastheads": [name]}
    if article.language:
        profile["language"] = article.language
    if article.country:
        profile["country"] = article.country
    text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False).strip()
    return (
        f"{SUGGESTION}{count} clippings carry the masthead {name!r}, which no source profile describes; "
        f"to describe it, save this as content/sources/{slugify(name)}.yaml and add its boilerplate lines:\n{text}"
    )


def _blocks(text: str) -> list[list[str]]:
    """Blank-line blocks; a headline run on into its body by a drop capital
    ("... incendie N" / "OYELLES-GODAULT. Il") is a block of its own."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out = []
    for block in blocks:
        if len(block) > 1 and DROP_CAP_END.search(block[0][-60:]) and re.match(r"^\s*[A-ZÀ-Þ]{2,}", block[1]):
            out.extend([block[:1], block[1:]])
        elif block:
            out.append(block)
    return out


def _is_heading_like(block: list[str]) -> bool:
    text = " ".join(block).strip()
    if len(block) > 3 or len(text) > 160:
        return False
    text = re.sub(r"(?:\b[A-Za-z]\.){2,}$", "", text)  # "... TRADE DEAL WITH U.S."
    return not text.endswith((".", ",", ";"))


@dataclass
class _Marks:
    """What the lines outside the article's text said: footers, captions, credits."""

    language: str | None = None
    country: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)


def _strip_marks(raw: RawText, profiles: Profiles) -> tuple[list[list[str]], _Marks]:
    """Blocks with boilerplate, footers and captions taken out (into the marks)."""
    marks = _Marks()
    boilerplate = profiles.boilerplate()
    kept: list[list[str]] = []
    for n, block in enumerate(_blocks(raw.text)):
        lines = []
        for line in block:
            if any(p.search(line) for p in boilerplate):
                continue
            if m := FOOTER_LANGUAGE.match(line):
                marks.language = m["language"]
            elif m := FOOTER_COUNTRY.match(line):
                marks.country = m["country"]
            elif m := CAPTION.match(line):
                marks.credit = marks.credit or agencies.canonical(m["credit"]) or m["credit"].strip()
                _add_caption(marks, squeeze_spaces(m["text"]))
            elif any(squeeze_spaces(line) in (c, f"{marks.credit} {c}") for c in marks.captions) or _repeats_caption(
                line, marks.captions
            ):
                continue
            else:
                lines.append(line)
        caption = heads.read_caption(" ".join(lines)) if n and 0 < len(lines) <= 4 else None
        if caption:
            _add_caption(marks, caption[0])
            marks.credit = marks.credit or caption[1]
        elif lines:
            kept.append(lines)
    return kept, marks


def _add_caption(marks: _Marks, text: str) -> None:
    if text and text not in marks.captions:
        marks.captions.append(text)


def _read_head(blocks: list[list[str]], profiles: Profiles, known: dict[str, int]) -> Head:
    """Masthead, date line, section label, headline and subheadlines, byline: in that order, each optional."""
    head: dict = {}
    i = 0
    first = squeeze_spaces(" ".join(blocks[0])) if blocks else ""
    masthead = heads.read_masthead(first) if blocks and len(blocks[0]) == 1 else None
    profile = profiles.by_masthead(first) or (profiles.by_masthead(masthead.name) if masthead and masthead.name else None)
    below = squeeze_spaces(" ".join(blocks[1])) if len(blocks) > 1 and len(blocks[1]) == 1 else ""
    dated_below = (line := heads.read_masthead(below)) is not None and line.date is not None and not line.name
    named = masthead is not None and masthead.name is not None and (dated_below or heads.names_a_paper(masthead.name))
    if len(blocks) < 3 or (masthead and not (masthead.date or named)) or not _is_heading_like(blocks[1]):
        named = False  # a name alone, with nothing under it, is a headline
    if profile or (masthead and (masthead.date or masthead.name in known or named)):
        head.update(date=masthead.date if masthead else None, page=masthead.page if masthead else None)
        if profile or masthead.name:
            head.update(source=profile.name if profile else masthead.name)
        i = 1
    rest = list(range(i, min(len(blocks), i + HEAD_BLOCKS)))
    for j in rest[:3]:  # a date line under the masthead ("Thursday, March 5, 1987")
        text = squeeze_spaces(" ".join(blocks[j]))
        line = heads.read_masthead(text) if len(blocks[j]) == 1 else None
        if line and line.date and not line.name:
            head["date"] = head.get("date") or line.date
            rest.remove(j)
            break
    rest, section = _take_section(blocks, rest)
    stop = _head_end(blocks, rest)
    titles = rest[:stop]
    if "source" not in head and titles:
        second = " ".join(blocks[titles[1]]) if len(titles) > 1 else ""
        masthead_first = len(titles) >= 3 or (len(titles) == 2 and not heads.looks_like_name_of_paper(second))
        if masthead_first and heads.looks_like_name_of_paper(" ".join(blocks[titles[0]])):
            name = squeeze_spaces(" ".join(blocks[titles[0]]))
            found = profiles.by_masthead(name)
            head["source"] = found.name if found else name
            titles, section = _take_section(blocks, titles[1:])
    after = rest[stop:]
    if after and SEPARATOR.match(" ".join(blocks[after[0]])):
        after = after[1:]
    byline: tuple[str, ...] = ()
    credit = None
    if after and (names := heads.read_byline(" ".join(blocks[after[0]]))):
        byline, credit = names, agencies.mentioned(" ".join(blocks[after[0]]))
        after = after[1:]
    start = after[0] if after else (rest[-1] + 1 if rest else i)
    title = squeeze_spaces(" ".join(blocks[titles[0]])) if titles else ""
    subtitle = squeeze_spaces(" ".join(" ".join(blocks[j]) for j in titles[1:])) or None
    return Head(title=title, subtitle=subtitle, section=section, byline=byline, credit=credit, body_start=start, **head)


def _take_section(blocks: list[list[str]], ids: list[int]) -> tuple[list[int], str | None]:
    """A section label ("WORLD NEWS", "Business") heading the blocks, when a headline follows it."""
    if len(ids) < 2 or len(blocks[ids[0]]) != 1 or not _is_heading_like(blocks[ids[1]]):
        return ids, None
    label = squeeze_spaces(blocks[ids[0]][0])
    if heads.read_byline(" ".join(blocks[ids[1]])) or not heads.is_section_label(label, before_heading=True):
        return ids, None
    return ids[1:], re.sub(r"\s*[|·•]\s*\d{1,3}$", "", label)


def _head_end(blocks: list[list[str]], rest: list[int]) -> int:
    """How many of the head blocks are headlines: up to the "-" separator, a byline or the body.
    Below the headline only a line or two of words is a subheadline (rows of figures are a table)."""
    for n, j in enumerate(rest[:5]):
        if len(blocks[j]) == 1 and SEPARATOR.match(blocks[j][0]):
            return n
    for n, j in enumerate(rest[:5]):
        text = squeeze_spaces(" ".join(blocks[j]))
        if heads.read_byline(text) or not _is_heading_like(blocks[j]):
            return n
        if n and (split_dateline(text)[0] or wire.read_dateline(text)):  # a headline may hold " - "
            return n
        if n and (len(blocks[j]) > 2 or _digit_share(text) > 0.12):
            return n
    return min(1, len(rest))


def _digit_share(text: str) -> float:
    chars = text.replace(" ", "")
    return sum(c.isdigit() for c in chars) / max(len(chars), 1)


def _join_drop_cap(blocks: list[list[str]], title: str, text: str) -> tuple[list[list[str]], str]:
    """A drop capital set apart: at the headline's end ("... incendie N" / "OYELLES-GODAULT.",
    the body going on in the next line, not after a blank one: "... USAIR U" / "" / "NEW YORK:"
    keeps its U) or on a line of its own before the body."""
    if not blocks:
        return blocks, title
    first = blocks[0]
    if len(first[0].strip()) == 1 and first[0].strip().isupper() and (len(first) > 1 or len(blocks) > 1):
        nxt = first[1] if len(first) > 1 else blocks[1][0]
        if re.match(r"^[A-ZÀ-Þ]{2,}", nxt.lstrip()):
            joined = first[0].strip() + nxt.lstrip()
            blocks = [[joined, *first[2:]], *blocks[1:]] if len(first) > 1 else [[joined, *blocks[1][1:]], *blocks[2:]]
            return blocks, title
    if not re.search(rf"{re.escape(title.split()[-1] if title else '')}[ \t]*\n[ \t]*{re.escape(first[0].strip()[:20])}", text):
        return blocks, title
    title, line = lift_drop_cap(title, first[0])
    return [[line, *first[1:]], *blocks[1:]], title


def parse_one(raw: RawText, profiles: Profiles, known: dict[str, int]) -> Article:
    blocks, marks = _strip_marks(raw, profiles)
    head = _read_head(blocks, profiles, known)
    body_blocks, title = _join_drop_cap(blocks[head.body_start :], head.title, raw.text)
    sign_off = None
    if body_blocks and len(body_blocks[-1]) == 1 and (sign_off := agencies.sign_off(body_blocks[-1][0])):
        body_blocks = body_blocks[:-1]
    sample = " ".join(" ".join(b) for b in body_blocks)
    language = languages.code_of(marks.language) or languages.detect(f"{title}. {sample}")
    profile = profiles.by_name(head.source) if head.source else None
    language = language or (profile.language if profile else None)
    paragraphs = [p for block in body_blocks for p in reflow(block, language=language)]
    if paragraphs and not sign_off:
        paragraphs[-1], sign_off = agencies.trailing_sign_off(paragraphs[-1])
    byline = head.byline
    if paragraphs and (m := END_MARK.search(paragraphs[-1])):
        paragraphs[-1] = paragraphs[-1][: m.start()].rstrip()
        byline = byline or ((squeeze_spaces(m["initials"]),) if m["initials"] else ())
    paragraphs = [heads.unglue_numbers(p, language) for p in paragraphs]
    dateline = agency = when = None
    if paragraphs:
        dateline, agency, when, paragraphs[0] = heads.read_dateline(paragraphs[0], language)
    paragraphs = [p for p in paragraphs if p]
    whole = "\n".join(paragraphs)
    body = tuple(restore_dropped_dashes(whole).split("\n")) if paragraphs else ()
    found = head.date
    note = f"masthead: {found.text}" if found else None
    if found is None and paragraphs and (lede := parse_date(paragraphs[0])) and lede.precision == "day":
        found, note = lede, f"first paragraph: {lede.text}"
    warnings = []
    if profile is None:
        taken = f"source taken as {head.source!r} from the masthead" if head.source else "no masthead found"
        warnings.append(f"no source profile matched; {taken}")
    if when and found is None:
        warnings.append(f"the dateline gives {when} without a year: set `year:` in {raw.path.name}.yaml or collection.yaml")
    credit = agencies.canonical(agency) if agency else None
    credit = credit or agency or head.credit or sign_off or marks.credit
    return Article(
        origin=(raw.origin,),
        format=FORMAT,
        title=title,
        subtitle=head.subtitle,
        section=head.section,
        body=body,
        source=head.source,
        source_domain=profile.domain if profile else None,
        page=head.page,
        country=marks.country or (profile.country if profile else None),
        language=language,
        date=found.value if found else None,
        date_precision=found.precision if found else None,
        date_source="text" if found else None,
        date_note=note,
        dateline=dateline,
        byline=byline,
        credit=credit,
        captions=tuple(marks.captions),
        source_url=profile.url if profile else None,
        warnings=tuple(warnings),
    )


def _repeats_caption(line: str, captions: list[str]) -> bool:
    """The caption printed again with only the agency in front ("AFP A security guard...")."""
    text = squeeze_spaces(line)
    return any(text.endswith(c) and len(text) - len(c) <= 40 for c in captions)
