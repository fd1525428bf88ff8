"""Stories as the site shows them: every outlet's article on one event, from the `story` field.

Ingest decides which articles tell one event (stories.py); here the site only gathers them,
titles them (the editor's title from stories.yaml, else the coverage's most central headline
and sentences, storycompare.py, which also says what each outlet adds)
and lays out the timeline, where copies of one wire text are listed once with the papers
that also printed it. Ingest records those copies (`copy_group` in the front matter); a story
none of whose articles carries one is compared here, as articles written before ingest
recorded copies were.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import guard, storycompare
from ..feeds.spec import FeedFiles, feed_key
from ..settings import setting
from ..stories import near_copies

log = logging.getLogger("newsdesk")
UNKNOWN_SOURCE = "unknown source"
COPY_GROUP = "copy_group"  # front matter: articles printing one text share this value


@dataclass(frozen=True)
class Coverage:
    """One line of a story's timeline: an article, and the papers that printed the same text."""

    article: object
    also_in: tuple[str, ...] = ()

    @property
    def syndicated(self) -> bool:
        return bool(self.also_in)


@dataclass(frozen=True)
class Story(FeedFiles):
    """One event as told by every outlet; articles oldest first, copies of one text listed once."""

    id: str
    title: str
    summary: str
    articles: tuple
    topics: tuple[str, ...]
    url: str
    save_as: str
    feed_key: str
    timeline: tuple[Coverage, ...] = ()
    comparison: object = None  # storycompare.Comparison: what each outlet adds, where outlets disagree

    atom_url, rss_url, json_url = FeedFiles.atom_path, FeedFiles.rss_path, FeedFiles.json_path  # the theme's names

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.metadata.get("source") or UNKNOWN_SOURCE for a in self.articles))

    @property
    def first(self):
        return self.articles[0]

    @property
    def latest(self):
        return max(self.articles, key=lambda a: a.date)


def story_titles(path: Path) -> dict[str, dict]:
    """Editors' titles and summaries for stories, from content/stories.yaml (checked by guard)."""
    if not path.is_file():
        return {}
    titles, problems = guard.load_entries(path, "story", "title")
    for problem in problems:
        log.error("%s: %s", problem.path, problem)
    return titles


def copy_groups(members: list) -> list[list[int]]:
    """Which members (by index) print one text: as ingest recorded it, else compared here."""
    if len(members) < 2:
        return [list(range(len(members)))]
    if not any(a.metadata.get(COPY_GROUP) for a in members):
        return near_copies([re.sub(r"<[^>]+>", " ", a.content) for a in members])
    groups: dict[str, list[int]] = {}
    for i, article in enumerate(members):
        groups.setdefault(str(article.metadata.get(COPY_GROUP) or f"\0{i}"), []).append(i)
    return sorted(groups.values())


def timeline(members: list) -> tuple[Coverage, ...]:
    """Syndicated copies of one wire text under their first printing, with "also in" sources."""
    first_of = {min(copies): sorted(copies) for copies in copy_groups(members)}
    out = []
    for i, article in enumerate(members):
        if i in first_of:
            others = [members[j].metadata.get("source") or UNKNOWN_SOURCE for j in first_of[i][1:]]
            out.append(Coverage(article, tuple(dict.fromkeys(others))))
    return tuple(out)


def representative(articles: list):
    """The article sharing most topics with the rest: its headline heads the story."""
    counts = Counter(t.name for a in articles for t in getattr(a, "tags", []))
    return max(articles, key=lambda a: (sum(counts[t.name] for t in getattr(a, "tags", [])), -a.date.timestamp()))


def build_stories(articles: list, settings: dict) -> tuple[Story, ...]:
    """Every story of the build, newest first."""
    titles = story_titles(Path(settings["PATH"]) / setting(settings, "NEWSDESK_STORIES_FILE"))
    groups: dict[str, list] = {}
    for article in articles:
        story_id = article.metadata.get("story")
        if story_id:
            groups.setdefault(str(story_id), []).append(article)
    url_pattern = setting(settings, "NEWSDESK_STORY_URL")
    vocabulary = storycompare.site_vocabulary(settings)
    stories = []
    for story_id, members in sorted(groups.items()):
        members.sort(key=lambda a: (a.date, a.metadata.get("uid", "")))
        lead = representative(members)
        counts = Counter(t.name for a in members for t in getattr(a, "tags", []))
        shared = tuple(t for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n > 1 or len(members) == 1)
        editor = titles.get(story_id, {})
        coverage = timeline(members)
        compared = storycompare.for_story(coverage, vocabulary)  # no editor's title: the coverage's own
        stories.append(
            Story(
                id=story_id,
                title=editor.get("title") or compared.title or lead.title,
                summary=editor.get("summary") or compared.summary_text or lead.summary,
                articles=tuple(members),
                topics=shared[:10],
                url=url_pattern.format(id=story_id),
                save_as=url_pattern.format(id=story_id),
                feed_key=feed_key(settings, "story", story_id),
                timeline=coverage,
                comparison=compared,
            )
        )
    stories.sort(key=lambda s: (s.latest.date, s.id), reverse=True)
    return tuple(stories)
