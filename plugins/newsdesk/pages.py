"""Reader pages Pelican does not make: one page per source and an index of sources;
and the files crawlers read: sitemap.xml, the Google News sitemap, robots.txt.

A source is the outlet named in an article's `source` field. This generator runs
after NewsdeskGenerator, so stories are known when the sitemap is written.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from . import seo
from .prune import search_index_problem
from .slugs import slugify, unique
from .store import write_atomic

log = logging.getLogger("newsdesk")

UNKNOWN_SOURCE = "unknown source"


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

    @property
    def latest(self):
        return self.articles[0]

    @property
    def page_name(self) -> str:
        return self.url.removesuffix(".html")


def group_sources(articles: list, url_pattern: str) -> list[Source]:
    """Articles grouped by outlet, outlets sorted by name (case-insensitive)."""
    groups: dict[str, list] = {}
    for article in articles:
        groups.setdefault(str(article.metadata.get("source") or UNKNOWN_SOURCE), []).append(article)
    taken: set[str] = set()
    sources = []
    for name in sorted(groups, key=str.casefold):
        members = sorted(groups[name], key=lambda a: (a.date, a.url), reverse=True)
        slug = unique(slugify(name) or "source", taken)
        url = url_pattern.format(slug=slug)
        first = members[0].metadata
        sources.append(Source(name, slug, url, url, tuple(members), first.get("source_url"), first.get("country")))
    return sources


def add_filters(generator) -> None:
    """Jinja filters for the theme: NewsArticle JSON-LD and absolute (canonical) links."""
    generator.env.filters.setdefault("news_article_json", _news_article_json(generator.settings))
    generator.env.filters.setdefault("absolute_url", lambda url: seo.absolute(public_url(generator.settings), url or ""))


def public_url(settings: dict) -> str:
    """The site's public address; pages use relative links, canonical ones use this."""
    return settings.get("SITEURL") or "http://localhost:8000"


def _news_article_json(settings: dict):
    def render(article):
        return seo.script_json(seo.news_article(article, public_url(settings), settings.get("SITENAME", "Newsdesk")))

    return render


class ReaderPagesGenerator(Generator):
    """Source pages and the sitemaps and robots.txt."""

    def generate_context(self) -> None:
        pattern = self.settings.get("NEWSDESK_SOURCE_URL", "sources/{slug}.html")
        self.sources = group_sources(list(self.context.get("articles", [])), pattern)
        for source in self.sources:
            for article in source.articles:
                article.source_info = source
        self.context["sources"] = self.sources
        tags = self.context.get("tags", [])
        self.context["topic_urls"] = {tag.name: tag.url for tag, _ in tags}
        self.context["topic_counts"] = sorted(((t, len(a)) for t, a in tags), key=lambda tc: (-tc[1], tc[0].name.casefold()))
        self.context["NEWSDESK_SOURCES_INDEX"] = self.settings.get("NEWSDESK_SOURCES_INDEX", "sources/index.html")

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS")
        for source in self.sources:
            writer.write_file(
                source.save_as,
                self.get_template("source"),
                self.context,
                relative_urls=relative,
                paginated={"articles": list(source.articles), "dates": list(source.articles)},
                template_name="source",
                page_name=source.page_name,
                url=source.url,
                source=source,
            )
        index = self.context["NEWSDESK_SOURCES_INDEX"]
        writer.write_file(
            index,
            self.get_template("sources"),
            self.context,
            relative_urls=relative,
            page_name=index.removesuffix(".html"),
            url=index,
        )
        self._write_crawler_files()

    def _sitemap_entries(self) -> list[seo.SitemapEntry]:
        base = public_url(self.settings)
        articles = sorted(self.context.get("articles", []), key=lambda a: (a.date, a.url), reverse=True)

        def newest(items) -> str | None:
            items = list(items)
            return seo.article_date(max(items, key=lambda a: a.date)) if items else None

        def entry(url: str, items=()) -> seo.SitemapEntry:
            return seo.SitemapEntry(seo.absolute(base, url), newest(items))

        entries = [entry("index.html", articles)]
        entries += [seo.SitemapEntry(seo.absolute(base, a.url), seo.modified_date(a)) for a in articles]
        stories = self.context.get("stories", [])
        entries.append(entry(self.settings.get("NEWSDESK_STORIES_INDEX", "stories/index.html"), articles))
        entries += [entry(s.url, s.articles) for s in stories]
        entries.append(entry(self.settings.get("TAGS_URL", "tags.html"), articles))
        entries += [entry(tag.url, tagged) for tag, tagged in sorted(self.context.get("tags", []), key=lambda kv: kv[0].slug)]
        entries.append(entry(self.context["NEWSDESK_SOURCES_INDEX"], articles))
        entries += [entry(s.url, s.articles) for s in self.sources]
        entries.append(entry(self.settings.get("ARCHIVES_URL", "archives.html"), articles))
        for period in self.context.get("period_archives", {}).get("month", []):
            entries.append(entry(period["url"], period["articles"]))
        entries += [entry(p.url) for p in self.context.get("pages", [])]
        return entries

    def _write_crawler_files(self) -> None:
        settings = self.settings
        output = Path(self.output_path)
        base = public_url(settings)
        sitemap = settings.get("NEWSDESK_SITEMAP", "sitemap.xml")
        news_sitemap = settings.get("NEWSDESK_NEWS_SITEMAP", "news-sitemap.xml")
        site_name = settings.get("SITENAME", "Newsdesk")
        articles = list(self.context.get("articles", []))
        write_atomic(output / sitemap, seo.sitemap_xml(self._sitemap_entries()).encode("utf-8"))
        days = int(settings.get("NEWSDESK_NEWS_SITEMAP_DAYS", 2))
        write_atomic(output / news_sitemap, seo.news_sitemap_xml(articles, base, site_name, days).encode("utf-8"))
        robots = seo.robots_txt(
            base,
            list(settings.get("NEWSDESK_ROBOTS_DISALLOW", [])),
            [sitemap, news_sitemap],
            allow_all=bool(settings.get("NEWSDESK_ROBOTS_ALLOW", True)),
        )
        write_atomic(output / "robots.txt", robots.encode("utf-8"))
        log.info("newsdesk: %d sources; %s, %s and robots.txt written", len(self.sources), sitemap, news_sitemap)


def index_for_search(pelican) -> None:
    """Rebuild the Pagefind index after a build when asked (`make devserver` does).

    `make html` and `make publish` run Pagefind themselves once Pelican is done.
    """
    if not pelican.settings.get("NEWSDESK_PAGEFIND_ON_BUILD"):
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        log.error("pagefind failed (search index not updated): %s", (result.stderr or result.stdout).strip())
    elif problem := search_index_problem(Path(pelican.output_path)):
        log.error("pagefind exited 0 but %s", problem)
