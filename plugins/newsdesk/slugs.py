"""URL slugs that stay readable and never collide."""

from __future__ import annotations

import hashlib
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


SPELLED = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}


def topic_slug(name: str) -> str:
    """The tag-page slug of a topic: one topic, one page, and no two topics on one page.

    Names that differ only in case, accents, dots or apostrophes are one topic and share
    a slug; any other difference that plain hyphenation would lose gets a short digest.

    >>> topic_slug("C"), topic_slug("C++"), topic_slug("C#")
    ('c', 'c-plus-plus', 'c-sharp')
    >>> topic_slug("NATO") == topic_slug("Nato"), topic_slug("Łódź") == topic_slug("Lodz")
    (True, True)
    >>> topic_slug("AC/DC") != topic_slug("AC DC")
    True
    """
    key = unidecode(name).casefold()
    for char, word in SPELLED.items():
        key = key.replace(char, word)
    key = " ".join(re.sub(r"[.'’`]", "", key).split())
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    if not slug or re.search(r"[^a-z0-9 -]", key):
        slug = f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}".strip("-")
    return slug
