"""What every output can hold: the characters XML 1.0 and JSON text cannot carry, removed.

Used on every string an article brings (guard.py reads them, store.py and the reader write
them on), so no page, feed or sitemap is made invalid by one character of a raw text.
"""

from __future__ import annotations

import re

# What XML 1.0 and JSON text cannot carry (or carry only escaped, which readers choke on): C0
# controls but tab and line ends, and the Unicode noncharacters (U+FFFE, U+FDD0..U+FDEF, ...).
UNCARRIABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")


def carriable(text: str) -> str:
    """Text every output format can hold: the characters XML and JSON cannot carry are removed.

    >>> carriable("Talks\ufffe resume\x0b")
    'Talks resume'
    """
    return UNCARRIABLE.sub("", text)


def carriable_values(value):
    """`carriable` on every string in a value (lists, tuples and mappings too)."""
    if isinstance(value, str):
        return carriable(value)
    if isinstance(value, list | tuple):
        return type(value)(carriable_values(v) for v in value)
    if isinstance(value, dict):
        return {k: carriable_values(v) for k, v in value.items()}
    return value
