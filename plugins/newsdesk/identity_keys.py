"""What makes two exported articles the same article when no accession number says so.

Nexis exports carry no document id, so a re-export (or a second export that
overlaps the first) is recognised by source, date and headline, written the way
every export prints them alike: case, accents, punctuation, spacing and Nexis's
"- Correction Appended" note do not count.
"""

from __future__ import annotations

import dataclasses
import re

from unidecode import unidecode

from .records import Article

NOTE = re.compile(r"\s*[-–—]\s*correction appended\s*$", re.IGNORECASE)
NOT_WORD = re.compile(r"[^a-z0-9]+")


def _norm(text: str) -> str:
    return NOT_WORD.sub(" ", unidecode(NOTE.sub("", text)).casefold()).strip()


def same_article_key(article: Article) -> str | None:
    """A key equal for two exports of one article: "source|date|headline", or None when one is missing.

    >>> from datetime import date
    >>> a = Article(origin=("a.html#1",), format="nexis-html", title="Castrol gets touch of Frost",
    ...             body=(), source="The Irish Times", date=date(1995, 6, 16))
    >>> same_article_key(a)
    'the irish times|1995-06-16|castrol gets touch of frost'
    >>> b = Article(origin=("b.docx#7",), format="nexis-docx", title="CASTROL GETS TOUCH OF FROST - Correction Appended",
    ...             body=(), source="The Irish Times ", date=date(1995, 6, 16))
    >>> same_article_key(b) == same_article_key(a)
    True
    """
    if article.accession:
        return f"accession|{article.accession}"
    if not (article.source and article.date and article.title):
        return None
    headline = _norm(article.title)
    if not headline:
        return None
    return f"{_norm(article.source)}|{article.date.isoformat()}|{headline}"


def one_per_article(articles: list[Article]) -> list[Article]:
    """Articles found in more than one export (or twice in one) as one article: the first found,
    with every place it was found in its `origin`. Order is kept, so the result is deterministic.

    >>> from datetime import date
    >>> a = Article(origin=("a.docx#1",), format="nexis-docx", title="Fares rise", body=(), accession="urn:contentItem:1")
    >>> b = dataclasses.replace(a, origin=("b.docx#4",))
    >>> [x.origin for x in one_per_article([a, b])]
    [('a.docx#1', 'b.docx#4')]
    """
    first: dict[str, int] = {}
    out: list[Article] = []
    for article in articles:
        key = same_article_key(article)
        if key is None or key not in first:
            if key is not None:
                first[key] = len(out)
            out.append(article)
            continue
        kept = out[first[key]]
        origin = tuple(dict.fromkeys((*kept.origin, *article.origin)))
        out[first[key]] = dataclasses.replace(kept, origin=origin)
    return out
