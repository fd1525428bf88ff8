"""The key of a page: a digest of everything it shows, so an unchanged key means an unchanged page.

A page is made from a template, the site-wide inputs every page shares (the plugin's code,
the theme, the settings, the menu of pages) and the values passed for it (an article, a tag
and its articles, a story, a source, one page of a list). Each article counts by the bytes of
its file, its address, its source's page and its story. Pages that list the whole site (the
front page, the indexes, the archive) depend on every article; an article's page depends on
its own file, its story's articles and its source. A value of a kind not known here gives no
key: that page is always rendered.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from ..ingestcache import code_digest
from .sources import Source
from .stories import Story

# Templates that show only what is passed to them; every other one reads site-wide lists.
LOCAL_TEMPLATES = frozenset({"article", "page", "tag", "source", "story", "period_archives"})
# Passed to local templates by Pelican, but never read by this theme's local templates.
UNREAD = frozenset({"all_articles"})
# Settings that say where the site is on this machine, not what it shows (the theme counts by its files).
WHERE = frozenset({"PATH", "OUTPUT_PATH", "THEME", "PLUGIN_PATHS", "CACHE_PATH"})
# Markers of links to other content ({filename}/about.md): such a body depends on every address.
LINK_MARKERS = ("{filename}", "{static}", "{attach}", "{index}", "{tag}", "{category}", "{author}", "|filename|")


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8")).hexdigest()


def folder_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class PageKeys:
    """The key of every write of one build (see module docstring); built by the site's view."""

    def __init__(self, view, context: dict, settings: dict) -> None:
        self.view, self.context = view, context
        kept = {k: v for k, v in settings.items() if k not in WHERE}
        settings_text = json.dumps(kept, sort_keys=True, default=lambda o: type(o).__name__)
        menu = [(p.title, p.url) for p in context.get("pages", [])]
        theme = Path(settings.get("THEME", "theme"))
        self.base = _digest(code_digest(), folder_digest(theme / "templates"), settings_text, menu)
        self.tokens: dict[int, str] = {}  # by id(article): Pelican's articles hash by value
        self.groups: dict[tuple[str, int], str] = {}  # stories and sources, by id
        self._everything: str | None = None
        self._addresses: str | None = None

    def __call__(self, name: str, template, relative_urls, template_name, kwargs: dict) -> str | None:
        kind = Path(getattr(template, "name", "") or "").stem
        parts = [self.base, name, kind, bool(relative_urls), template_name]
        for key in sorted(kwargs):
            if kind in LOCAL_TEMPLATES and key in UNREAD:
                continue
            value = kwargs[key]
            token = self.own_page(value) if isinstance(value, Content) else self.value(value)
            if token is None:
                return None
            parts.append((key, token))
        if kind not in LOCAL_TEMPLATES:
            parts.append(self.everything())
        return _digest(*parts)

    def value(self, value) -> str | None:
        if value is None or isinstance(value, str | int | float | bool):
            return repr(value)
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, Content):
            return self.content(value)
        if isinstance(value, Story):
            return self.story(value)
        if isinstance(value, Source):
            return self.source(value)
        if isinstance(value, URLWrapper):
            return repr((type(value).__name__, value.name, value.slug, value.url))
        if isinstance(value, list | tuple):
            tokens = [self.value(v) for v in value]
            return None if None in tokens else _digest(*tokens)
        if isinstance(value, dict):
            tokens = [(str(k), self.value(v)) for k, v in sorted(value.items())]
            return None if any(t is None for _, t in tokens) else _digest(*tokens)
        return None

    def content(self, item) -> str:
        """An article or page as a list shows it: its file, address, source page and story."""
        token = self.tokens.get(id(item))
        if token is not None:
            return token
        raw = self._file(item)
        source = self.view.source_of(item)
        story = self.view.story_of(item)
        parts = [raw, item.url, getattr(item, "save_as", None), getattr(item, "status", None)]
        parts += [source.url if source else None, story.id if story else None]
        if type(item).__name__ == "Page":
            parts.append(item._content)  # pages are filled in after reading (the Subscribe page's list)
        if any(marker in raw for marker in LINK_MARKERS):
            parts.append(self.addresses())
        token = self.tokens[id(item)] = _digest(*parts)
        return token

    def own_page(self, item) -> str:
        """An article on its own page also shows its story's other articles and its source's name
        and address (not the source's other articles: one more of them changes no page of the rest)."""
        story, source = self.view.story_of(item), self.view.source_of(item)
        return _digest(self.content(item), self.story(story) if story else None, self.source_face(source) if source else None)

    def source_face(self, source: Source) -> str:
        return _digest(source.name, source.slug, source.url, source.homepage, source.country, source.named)

    def story(self, story: Story) -> str:
        key = ("story", id(story))
        if key not in self.groups:
            timeline = [(c.article.url, c.also_in) for c in story.timeline]
            members = [self.content(a) for a in story.articles]
            self.groups[key] = _digest(
                story.id, story.title, story.summary, story.topics, story.url, story.feed_key, timeline, members
            )
        return self.groups[key]

    def source(self, source: Source) -> str:
        key = ("source", id(source))
        if key not in self.groups:
            members = [self.content(a) for a in source.articles]
            self.groups[key] = _digest(self.source_face(source), members)
        return self.groups[key]

    def everything(self) -> str:
        """Every article, story, source and topic: what the site-wide pages show."""
        if self._everything is None:
            articles = [self.content(a) for a in self.context.get("articles", [])]
            stories = [self.story(s) for s in self.view.stories]
            sources = [self.source(s) for s in self.view.sources]
            topics = [(t.name, t.slug, len(a)) for t, a in self.context.get("tags", [])]
            self._everything = _digest(articles, stories, sources, topics)
        return self._everything

    def addresses(self) -> str:
        if self._addresses is None:
            items = [*self.context.get("articles", []), *self.context.get("pages", [])]
            self._addresses = _digest(sorted((str(getattr(a, "relative_source_path", "")), a.url) for a in items))
        return self._addresses

    @staticmethod
    def _file(item) -> str:
        try:
            return Path(item.source_path).read_text(encoding="utf-8", errors="replace")
        except (OSError, TypeError):
            return repr((item.title, item.url, getattr(item, "_content", None)))
