"""The Pelican generators of the pages and files only Newsdesk knows about.

Pelican's own generators make the article, tag and archive pages. These add story pages,
source pages, the crawler files and the feeds; each reads the build's one view
(site/view.py), built by whichever of them asks first, so their order does not matter.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.log import console

from .. import redirects
from ..feeds.write import write_all
from ..settings import setting
from .crawlers import write_crawler_files
from .keys import PageKeys
from .output import OutputRecord, OutputWriter
from .view import SiteView, view_of


def say(line: str) -> None:
    """A line for the person running the build, shown like Pelican's own "Done:"."""
    console.print(line, markup=False, highlight=False)


class ViewGenerator(Generator):
    """A generator that reads the build's view."""

    view: SiteView

    def generate_context(self) -> None:
        self.view = view_of(self.context, self.settings)

    @property
    def view_keys(self) -> PageKeys:
        return self.context[OutputWriter.CONTEXT_KEY]

    @property
    def record(self) -> OutputRecord:
        return OutputRecord.for_build(Path(self.output_path))

    def write_page(self, writer, save_as: str, template: str, **values) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS"),
            page_name=values.pop("page_name", save_as.removesuffix(".html")),
            url=values.pop("url", save_as),
            **values,
        )


class StoriesGenerator(ViewGenerator):
    """One page per story, and the index of stories."""

    def generate_output(self, writer) -> None:
        for story in self.view.stories:
            self.write_page(writer, story.save_as, "story", story=story, page_name=story.url.removesuffix(".html"), url=story.url)
        self.write_page(writer, setting(self.settings, "NEWSDESK_STORIES_INDEX"), "stories")
        moved = redirects.write_pages(self.settings, Path(self.output_path), {s.id: s.title for s in self.view.stories})
        say(f"newsdesk: {len(self.view.stories)} stories, {len(moved)} merged (redirected)")


class SourcesGenerator(ViewGenerator):
    """One page per source (paginated like a tag page), and the index of sources."""

    def generate_output(self, writer) -> None:
        for source in self.view.sources:
            self.write_page(
                writer,
                source.save_as,
                "source",
                paginated={"articles": list(source.articles), "dates": list(source.articles)},
                template_name="source",
                page_name=source.page_name,
                url=source.url,
                source=source,
            )
        self.write_page(writer, self.view.sources_index, "sources")


class FeedsGenerator(ViewGenerator):
    """Every feed (site, stories, topics, sources) in three formats, the OPML list, the feed report."""

    def generate_output(self, writer) -> None:
        compared = {s.feed_key: s.comparison for s in self.view.stories if s.comparison}
        report = write_all(self.view.feeds, list(self.view.planned), self.settings, self.record, self.view_keys.base, compared)
        for line in report.lines():
            say(line)


class CrawlerFilesGenerator(ViewGenerator):
    """sitemap.xml, the Google News sitemap and robots.txt."""

    def generate_output(self, writer) -> None:
        write_crawler_files(self.view, self.context, self.settings, self.record.write)


class ThemeFilesGenerator(ViewGenerator):
    """The theme's static files (CSS, scripts), copied only when they change.

    Pelican copies THEME_STATIC_PATHS on every build; the site sets that to [] and names the
    folders in NEWSDESK_THEME_STATIC_PATHS instead, so a build with no change writes nothing.
    """

    def generate_output(self, writer) -> None:
        theme = Path(self.settings["THEME"])
        target = self.settings.get("THEME_STATIC_DIR", "theme")
        for folder in setting(self.settings, "NEWSDESK_THEME_STATIC_PATHS"):
            source = theme / folder
            for path in sorted(source.rglob("*")) if source.is_dir() else ():
                if path.is_file():
                    self.record.write(f"{target}/{path.relative_to(source).as_posix()}", path.read_bytes())


GENERATORS = (StoriesGenerator, FeedsGenerator, SourcesGenerator, CrawlerFilesGenerator, ThemeFilesGenerator)
