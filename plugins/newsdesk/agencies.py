"""News agencies, from `rules/agencies.yaml`: one list for every parser that meets them.

A wire dateline "(Reuters)", a clipping's sign-off "— AP", a caption's "REUTERS/Jo Doe"
and a Factiva credit line all name an agency; each becomes the same `credit`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

RULES = Path(__file__).with_name("rules") / "agencies.yaml"
DASHES = "-–—"


@cache
def _printed() -> dict[str, str]:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return {str(p): str(a["name"]) for a in data["agencies"] for p in (a["name"], *a.get("printed", ()))}


def pattern() -> str:
    """A regular expression alternation of every printed agency name, longest first."""
    return _names_pattern()


@cache
def _names_pattern() -> str:
    return "|".join(re.escape(p) for p in sorted(_printed(), key=len, reverse=True))


@cache
def _sign_off() -> re.Pattern:
    """A closing line that only names the agency: "— Reuters", "(Reuters)", "REUTERS", "- AP"."""
    return re.compile(rf"^\s*(?:[{DASHES}]{{1,2}}\s*)?(?P<open>\()?(?P<agency>{_names_pattern()})(?(open)\))\.?\s*$")


@cache
def _trailing() -> re.Pattern:
    """The agency glued to the end of a last paragraph: "... he said. — Reuters", "... Pay April 17 (AP)"."""
    names = _names_pattern()
    return re.compile(rf"(?:(?<=[.!?”\"'])\s+[{DASHES}]{{1,2}}\s*(?P<a1>{names})|(?<=\S)\s+\((?P<a2>{names})\))\.?\s*$")


@cache
def desks() -> frozenset[str]:
    return frozenset(yaml.safe_load(RULES.read_text(encoding="utf-8")).get("desks", ()))


def canonical(printed: str) -> str | None:
    """The agency a printed name stands for ("REUTER" -> "Reuters"), or None.

    >>> canonical("REUTER"), canonical("The Associated Press"), canonical("Taipei Times")
    ('Reuters', 'AP', None)
    """
    return _printed().get(printed.strip())


def printed_names() -> tuple[str, ...]:
    """Every way an agency is printed, longest first (for building patterns)."""
    return tuple(sorted(_printed(), key=len, reverse=True))


def sign_off(line: str) -> str | None:
    """The agency a closing line names, or None.

    >>> sign_off("— Reuters"), sign_off("(AP)"), sign_off("REUTERS"), sign_off("Reuters said.")
    ('Reuters', 'AP', 'Reuters', None)
    """
    m = _sign_off().match(line)
    return _printed()[m["agency"]] if m else None


def trailing_sign_off(paragraph: str) -> tuple[str, str | None]:
    """A last paragraph without the agency glued to its end: (paragraph, agency).

    >>> trailing_sign_off("The vote is on Friday. — Reuters")
    ('The vote is on Friday.', 'Reuters')
    >>> trailing_sign_off("Talks went on (AP) all night.")
    ('Talks went on (AP) all night.', None)
    """
    m = _trailing().search(paragraph[-80:])
    if not m:
        return paragraph, None
    cut = len(paragraph) - 80 + m.start() if len(paragraph) > 80 else m.start()
    return paragraph[:cut].rstrip(), _printed()[m["a1"] or m["a2"]]


def mentioned(text: str, min_length: int = 1) -> str | None:
    """The first agency a line names anywhere, as a word ("Reuters Photo", "ASSOCIATED PRESS");
    `min_length` leaves out short printed forms ("AP", "PA") where a headline could hold them.

    >>> mentioned("By Jane Doe, Associated Press"), mentioned("Apart from that"), mentioned("PA TURNPIKE", 5)
    ('AP', None, None)
    """
    for m in _mention().finditer(text):
        if len(m.group(0)) >= min_length:
            return _printed()[m.group(0)]
    return None


@cache
def _mention() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{_names_pattern()})(?![\w-])")
