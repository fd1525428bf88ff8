"""Pelican's two quadratic paths, made linear: tag pages and month archives at archive scale;
and its addresses worked out once.

Pelican finds the articles of a tag page with `article in tag_articles` over every article
(a list scan per article and tag: articles × tag memberships), and the articles of a period
archive with `article in period_dates` over every article (articles × articles). Both ask
only "is this article one of these"; answered from a set of identities, or by sorting the
period's articles into the site's order, the pages come out the same.

An article's `url` is a property that formats the URL settings again on every read (pages,
feeds, keys and story lists read it tens of times per article: a tenth of a build). Once the
articles are final, each is given its own (Pelican's `override_url`, which the property
returns when set): the same string, made once. (`save_as` is left alone: an override of it
would also let two articles overwrite each other's page without Pelican's warning.)
"""

from __future__ import annotations


class Members(list):
    """A tag's articles, as Pelican's list, that answers `in` without a scan."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids


def tag_members(generator) -> None:
    """Receiver of `article_generator_finalized`: every tag's articles become `Members`, and
    every article's address is made once."""
    for tag in list(generator.tags):
        generator.tags[tag] = Members(generator.tags[tag])
    generator.context["tags"] = list(generator.tags.items())
    for group in (generator.articles, generator.translations, generator.drafts, generator.drafts_translations):
        for article in group:
            if not hasattr(article, "override_url"):
                article.override_url = article.url


def linear_period_archives(generator) -> None:
    """Receiver of `article_generator_pretaxonomy`: this generator's period archives built in N log N."""
    build = generator._build_period_archives

    def build_linear(sorted_articles, articles, settings):
        archives = build(sorted_articles, [], settings)  # Pelican's own grouping, without its scan
        order = {id(article): i for i, article in enumerate(articles)}
        for periods in archives.values():
            for archive in periods:
                archive["articles"] = sorted(archive["dates"], key=lambda a: order[id(a)])
        return archives

    generator._build_period_archives = build_linear
