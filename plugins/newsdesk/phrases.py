"""A phrase counted as whole words in a text: the topic tagger's question, thousands of times per article.

Each phrase's pattern is compiled once (the vocabulary asks for every label, alias and cue on
every article; building the pattern again each time cost more than the search).
"""

from __future__ import annotations

import re
from functools import lru_cache


def count_phrase(text: str, phrase: str, *, ignore_case: bool = False) -> int:
    """How often `phrase` stands in `text` as whole words (not inside a longer word or a hyphenation)."""
    return len(_pattern(phrase, ignore_case).findall(text))


@lru_cache(maxsize=1 << 16)
def _pattern(phrase: str, ignore_case: bool) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE if ignore_case else 0)
