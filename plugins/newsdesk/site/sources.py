"""The outlets: one list, used by the source pages, the source feeds and every link to a source.

A source is the outlet named in an article's `source` field; articles that name none are
gathered under "unknown source" (a page, but no feed). Names that differ only in case are
different sources, ordered the same way in every build whatever order the articles come in,
so a source's page and its feed always share one slug.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import setting
from ..slugs import slugify, unique
from .stories import UNKNOWN_SOURCE


@dataclass(frozen=True)
class Source:
    """One outlet and its articles, newest first."""

    name: str
    slug: str
    url: str
    save_as: str
    articles: tuple
    homepage: str | None = None
    country: str | None = None
    named: bool = True  # False for the articles that name no source: they get no feed

    @property
    def latest(self):
        return self.articles[0]

    @property
    def page_name(self) -> str:
        return self.url.removesuffix(".html")


def group_sources(articles: list, settings: dict) -> tuple[Source, ...]:
    """Articles grouped by outlet, outlets sorted by name (case-insensitive, then as written)."""
    pattern = setting(settings, "NEWSDESK_SOURCE_URL")
    groups: dict[str, list] = {}
    for article in articles:
        groups.setdefault(str(article.metadata.get("source") or UNKNOWN_SOURCE), []).append(article)
    taken: set[str] = set()
    sources = []
    for name in sorted(groups, key=lambda n: (n.casefold(), n)):
        members = sorted(groups[name], key=lambda a: (a.date, a.url), reverse=True)
        slug = unique(slugify(name) or "source", taken)
        url = pattern.format(slug=slug)
        first = members[0].metadata
        named = any(a.metadata.get("source") for a in members)
        sources.append(Source(name, slug, url, url, tuple(members), first.get("source_url"), first.get("country"), named))
    return tuple(sources)
