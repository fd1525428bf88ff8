"""E-paper clippings (PressReader style): masthead, headline, "-", body, captions, footers.

The layout puts the photo caption twice (once with "?? AGENCY ??" markers, once
with the agency glued in front) and ends with "Newspapers in <language>" /
"Newspapers from <country>" footers; none of that belongs in the body.
"""

from __future__ import annotations

import re

from ..clean import reflow, restore_dropped_dashes, split_dateline, squeeze_spaces
from ..dates import parse_date
from ..records import Article, RawText
from .base import Context

FORMAT = "epaper-clipping"
KINDS = frozenset({"text"})


def score(raw: RawText) -> float:
    return 1.0 if looks_like(raw.text) else 0.0


FOOTER_LANGUAGE = re.compile(r"^\s*Newspapers in (?P<language>[A-Z][a-z]+)\s*$")
FOOTER_COUNTRY = re.compile(r"^\s*Newspapers from (?P<country>[A-Z](?:[\w .'-]*?[\w.'-])?)\s*$")  # ends on a letter: linear
CAPTION = re.compile(r"^\s*\?\?\s*(?P<credit>[A-Z][\w .&/-]{0,40}?)\s*\?\?\s*(?P<text>\S.*)$")
SEPARATOR = re.compile(r"^\s*[-–—]\s*$")
BYLINE = re.compile(r"^\s*By\s+(?P<names>[A-Z][\w.'’ -]+(?:, [A-Z][\w.'’ -]+)*)\s*$")  # "and" splits later
LANGUAGES = {
    "English": "en",
    "French": "fr",
    "German": "de",
    "Spanish": "es",
    "Italian": "it",
    "Portuguese": "pt",
    "Russian": "ru",
    "Dutch": "nl",
    "Thai": "th",
    "Chinese": "zh",
    "Japanese": "ja",
    "Arabic": "ar",
}


def looks_like(text: str) -> bool:
    lines = text.split("\n")
    return any(FOOTER_LANGUAGE.match(x) or FOOTER_COUNTRY.match(x) or CAPTION.match(x) for x in lines) or (
        sum(bool(SEPARATOR.match(x)) for x in lines[:12]) == 1
    )


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_heading_like(block: list[str]) -> bool:
    text = " ".join(block).strip()
    return len(block) <= 3 and len(text) <= 160 and not text.endswith((".", ",", ";"))


def parse(group: list[RawText], ctx: Context) -> list[Article]:
    (raw,) = group
    profiles = ctx.profiles
    language = country = credit = None
    captions: list[str] = []
    kept: list[list[str]] = []
    boilerplate = profiles.boilerplate()
    for block in _blocks(raw.text):
        lines = []
        for line in block:
            if any(p.search(line) for p in boilerplate):
                continue
            if m := FOOTER_LANGUAGE.match(line):
                language = m["language"]
            elif m := FOOTER_COUNTRY.match(line):
                country = m["country"]
            elif m := CAPTION.match(line):
                credit = credit or m["credit"].strip()
                text = squeeze_spaces(m["text"])
                if text not in captions:
                    captions.append(text)
            elif any(squeeze_spaces(line) in (c, f"{credit} {c}") for c in captions) or _repeats_caption(line, captions):
                continue
            else:
                lines.append(line)
        if lines:
            kept.append(lines)

    source = profile = None
    if kept and (profile := profiles.by_masthead(" ".join(kept[0]))):
        source = profile.name
        kept = kept[1:]

    end = _head_end(kept)
    head, kept = kept[:end], kept[end:]
    if kept and len(kept[0]) == 1 and SEPARATOR.match(kept[0][0]):
        kept = kept[1:]
    found = None
    for i, block in enumerate(head):
        if len(" ".join(block).split()) <= 6 and (found := parse_date(" ".join(block))):
            head = head[:i] + head[i + 1 :]
            break
    masthead_first = len(head) >= 3 or (len(head) == 2 and not _looks_like_masthead(head[1]))
    if profile is None and masthead_first and _looks_like_masthead(head[0]):
        source = squeeze_spaces(" ".join(head.pop(0)))
        profile = profiles.by_name(source)
    title = squeeze_spaces(" ".join(head[0])) if head else ""
    subtitle = squeeze_spaces(" ".join(" ".join(b) for b in head[1:])) or None

    byline: tuple[str, ...] = ()
    if kept and (m := BYLINE.match(" ".join(kept[0]))):
        byline = tuple(n.strip() for n in re.split(r",| and ", m["names"]) if n.strip())
        kept = kept[1:]

    paragraphs = [p for block in kept for p in reflow(block)]
    dateline = agency = None
    if paragraphs:
        dateline, agency, first = split_dateline(paragraphs[0])
        paragraphs[0] = first
    whole = "\n".join(paragraphs)
    body = tuple(restore_dropped_dashes(whole).split("\n")) if paragraphs else ()

    warnings = ()
    if profile is None:
        taken = f"source taken as {source!r} from the masthead" if source else "no masthead found"
        warnings = (f"no source profile matched; {taken}",)
    return [
        Article(
            origin=(raw.origin,),
            format=FORMAT,
            title=title,
            subtitle=subtitle,
            body=body,
            source=source,
            source_domain=profile.domain if profile else None,
            country=country or (profile.country if profile else None),
            language=LANGUAGES.get(language, language) if language else (profile.language if profile else None),
            date=found.value if found else None,
            date_precision=found.precision if found else None,
            date_source="text" if found else None,
            dateline=dateline,
            byline=byline,
            credit=agency or credit,
            captions=tuple(captions),
            source_url=profile.url if profile else None,
            warnings=warnings,
        )
    ]


def _head_end(blocks: list[list[str]]) -> int:
    """Where the headline blocks end: at the "-" separator, else the byline, else the first body-like block."""
    for i, block in enumerate(blocks[:5]):
        if len(block) == 1 and SEPARATOR.match(block[0]):
            return i
    for i, block in enumerate(blocks[:5]):
        text = squeeze_spaces(" ".join(block))
        if BYLINE.match(text) or not _is_heading_like(block) or split_dateline(text)[0]:
            return i
    return min(1, len(blocks))


def _looks_like_masthead(block: list[str]) -> bool:
    """A newspaper's name: a few words, each capitalised ("The Highland Courier"), no sentence."""
    words = squeeze_spaces(" ".join(block)).split()
    small = {"of", "the", "and", "de", "la", "le", "du", "des", "di", "del"}
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w in small or not w[:1].isalpha() for w in words)


def _repeats_caption(line: str, captions: list[str]) -> bool:
    """The caption printed again with only the agency in front ("AFP A security guard...")."""
    text = squeeze_spaces(line)
    return any(text.endswith(c) and len(text) - len(c) <= 40 for c in captions)
