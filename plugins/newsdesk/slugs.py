"""URL slugs that stay readable and never collide."""

from __future__ import annotations

import re

from unidecode import unidecode


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by hyphens.

    >>> slugify("Kremlin breaks diplomatic ties with Nato")
    'kremlin-breaks-diplomatic-ties-with-nato'
    >>> slugify("Płock: Straße & C++")
    'plock-strasse-c-plus-plus'
    """
    text = unidecode(text).replace("+", " plus ").replace("#", " sharp ")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever is free; the result is added to `taken`."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
