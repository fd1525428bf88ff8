"""Stage 9: the site. Story pages and all feeds, as a Pelican generator.

Pelican's own generators make the article, tag and archive pages; this one
adds what only Newsdesk knows: stories, and the feeds (see feedset.py).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from pelican.generators import Generator
from pelican.log import console

from . import feedset, redirects, storycompare
from .dates import format_date
from .stories import near_copies

log = logging.getLogger("newsdesk")


@dataclass(frozen=True)
class Coverage:
    """One line of a story's timeline: an article, and the papers that printed the same text."""

    article: object
    also_in: tuple[str, ...] = ()

    @property
    def syndicated(self) -> bool:
        return bool(self.also_in)


@dataclass(frozen=True)
class Story:
    """One event as told by every outlet; articles oldest first, copies of one text listed once."""

    id: str
    title: str
    summary: str
    articles: tuple
    topics: tuple[str, ...]
    url: str
    save_as: str
    atom_url: str
    rss_url: str
    json_url: str
    timeline: tuple[Coverage, ...] = ()
    comparison: object = None  # storycompare.Comparison: what each outlet adds, where they disagree

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.metadata.get("source") or "unknown source" for a in self.articles))

    @property
    def first(self):
        return self.articles[0]

    @property
    def latest(self):
        return max(self.articles, key=lambda a: a.date)


def story_titles(path: Path) -> dict[str, dict]:
    """Editors' titles and summaries for stories, from content/stories.yaml."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        log.error("%s: not valid YAML, story titles ignored: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.error("%s: expected `story-id: {title: ..., summary: ...}` entries; ignored", path)
        return {}
    return {str(k): (v if isinstance(v, dict) else {"title": str(v)}) for k, v in data.items()}


def _timeline(members: list) -> tuple[Coverage, ...]:
    """Syndicated copies of one wire text under their first printing, with "also in" sources."""
    texts = [re.sub(r"<[^>]+>", " ", a.content) for a in members]
    first_of: dict[int, list[int]] = {}
    for copies in near_copies(texts):
        first_of[min(copies)] = sorted(copies)
    out = []
    for i, article in enumerate(members):
        if i in first_of:
            others = [members[j].metadata.get("source") or "unknown source" for j in first_of[i][1:]]
            out.append(Coverage(article, tuple(dict.fromkeys(others))))
    return tuple(out)


def _representative(articles: list):
    """The article sharing most topics with the rest: its headline heads the story."""
    counts = Counter(t.name for a in articles for t in getattr(a, "tags", []))
    return max(articles, key=lambda a: (sum(counts[t.name] for t in getattr(a, "tags", [])), -a.date.timestamp()))


def news_date(article) -> str:
    """A date as honest as its evidence: "November 2021", "18 October 2021 (inferred)"."""
    precision = article.metadata.get("date_precision", "day")
    if precision == "month":
        text = article.date.strftime("%B %Y")
    elif precision == "year":
        text = article.date.strftime("%Y")
    else:
        text = f"{article.date.day} {article.date.strftime('%B %Y')}"
    if article.metadata.get("date_source") == "inferred":
        text += " (inferred)"
    return text


def iso_date(article) -> str:
    return format_date(article.date.date(), article.metadata.get("date_precision", "day"))


class NewsdeskGenerator(Generator):
    """Stories from the articles' `story` field; feeds for the site, stories and topics."""

    def generate_context(self) -> None:
        settings = self.settings
        articles = list(self.context.get("articles", []))
        titles = story_titles(Path(settings["PATH"]) / settings.get("NEWSDESK_STORIES_FILE", "stories.yaml"))
        groups: dict[str, list] = {}
        for article in articles:
            story_id = article.metadata.get("story")
            if story_id:
                groups.setdefault(str(story_id), []).append(article)
        stories = []
        vocabulary = storycompare.site_vocabulary(settings)
        url_pattern = settings.get("NEWSDESK_STORY_URL", "stories/{id}.html")
        feed_dir = settings.get("NEWSDESK_FEED_PATH", "feeds")
        for story_id, members in sorted(groups.items()):
            members.sort(key=lambda a: (a.date, a.metadata.get("uid", "")))
            lead = _representative(members)
            counts = Counter(t.name for a in members for t in getattr(a, "tags", []))
            shared = tuple(t for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n > 1 or len(members) == 1)
            editor = titles.get(story_id, {})
            timeline = _timeline(members)
            compared = storycompare.for_story(timeline, vocabulary)
            story = Story(
                id=story_id,
                title=editor.get("title") or compared.title or lead.title,
                summary=editor.get("summary") or compared.summary_text or lead.summary,
                articles=tuple(members),
                topics=shared[:10],
                url=url_pattern.format(id=story_id),
                save_as=url_pattern.format(id=story_id),
                atom_url=f"{feed_dir}/stories/{story_id}.atom.xml",
                rss_url=f"{feed_dir}/stories/{story_id}.rss.xml",
                json_url=f"{feed_dir}/stories/{story_id}.json",
                timeline=timeline,
                comparison=compared,
            )
            stories.append(story)
            for article in members:
                article.story_info = story
        stories.sort(key=lambda s: (s.latest.date, s.id), reverse=True)
        self.stories = stories
        self.context["stories"] = stories
        index, self.feed_plan = feedset.plan(settings, articles, stories, self.context.get("tags", []))
        self.context["newsdesk_feeds"] = index
        feedset.fill_subscribe_pages(self.context.get("pages", []), index)

    def generate_output(self, writer) -> None:
        for story in self.stories:
            writer.write_file(
                story.save_as,
                self.get_template("story"),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS"),
                story=story,
                page_name=story.url.removesuffix(".html"),
                url=story.url,
            )
        index = self.settings.get("NEWSDESK_STORIES_INDEX", "stories/index.html")
        writer.write_file(
            index,
            self.get_template("stories"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS"),
            page_name=index.removesuffix(".html"),
            url=index,
        )
        moved = redirects.write_pages(self.settings, Path(self.output_path), {s.id: s.title for s in self.stories})
        report = feedset.write_all(self.context["newsdesk_feeds"], self.feed_plan, self.settings, Path(self.output_path))
        # The feed report is for the person running the build: shown like Pelican's own "Done:".
        console.print(f"newsdesk: {len(self.stories)} stories, {len(moved)} merged (redirected)", markup=False, highlight=False)
        for line in report.lines():
            console.print(line, markup=False, highlight=False)
