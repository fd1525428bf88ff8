"""Stage 5: topics for each article, from the vocabulary and the names in its head.

Topics come from the headline and the first paragraphs; reading further in a very long
text (a 1 MB line) only costs time. Topics an editor set in a sidecar stick.
"""

from __future__ import annotations

import dataclasses

from .records import Article
from .topics import Vocabulary, assign_topics

TOPIC_TEXT_CHARS = 20_000


def head(paragraphs: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """The first `limit` characters of a body, cut at a paragraph (or inside an overlong one).

    >>> head(("one", "two", "three"), 5)
    ('one', 'tw')
    """
    out, left = [], limit
    for paragraph in paragraphs:
        if left <= 0:
            break
        out.append(paragraph[:left])
        left -= len(paragraph)
    return tuple(out)


def tag(article: Article, vocabulary: Vocabulary, limit: int, *, fixed: bool) -> Article:
    """The article with its topics (`fixed`: an editor set them for its raw text; kept).

    Topics a format gave (an export's own indexing, a page's keywords, when the vocabulary knows
    them, e.g. Factiva's region and subject codes) come first, then those found in the text.
    """
    if fixed:
        return article
    exclude = frozenset(x for x in (article.source, article.credit) if x)
    probe = dataclasses.replace(article, body=head(article.body, TOPIC_TEXT_CHARS))
    found = assign_topics(probe, vocabulary, limit=limit, exclude=exclude).topics
    return dataclasses.replace(article, topics=tuple(dict.fromkeys((*article.topics, *found)))[:limit])
