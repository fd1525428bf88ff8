"""Addresses of stories that merged into another keep working: a small page that sends the reader on.

When new coverage joins two stories, the older id is kept (storyids.py) and the other
story's page would vanish, breaking bookmarks, links and feed readers. The manifest
records, per article, the story ids it was filed under before (`former_stories`); an id
that is no longer a story redirects to the story most of its articles are in now. An
editor's `merge:` in stories.yaml says the same directly and wins.

The page is plain HTML: `rel=canonical` for search engines, a meta refresh for
browsers, and a link for everyone else. No script.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter, defaultdict
from pathlib import Path

from .slugs import slugify
from .store import Manifest, write_atomic
from .storyids import load_edits


def plan(records: dict[str, dict], current: set[str], merged_into: dict[str, str]) -> dict[str, str]:
    """Former story id -> the story it lives on in, for every former id that is no story now.

    >>> recs = {"a.md": {"story": "s1", "former_stories": ["s2"]}, "b.md": {"story": "s1"}}
    >>> plan(recs, {"s1"}, {})
    {'s2': 's1'}
    >>> plan(recs, {"s1", "s2"}, {})  # s2 is a story again: its own page, no redirect
    {}
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for record in records.values():
        story = record.get("story")
        for old in record.get("former_stories", ()):
            if old not in current and story in current:
                votes[old][story] += 1
    out = {old: min(c, key=lambda s: (-c[s], s)) for old, c in votes.items()}
    out.update({old: new for old, new in merged_into.items() if old not in current and new in current})
    # An id is part of a file name in output/: only a slug is ever used as one.
    return {old: new for old, new in sorted(out.items()) if old and slugify(old) == old}


def page(title: str, target: str, canonical: str) -> str:
    """The redirect page: canonical link, refresh, and a visible link."""
    t, href, canon = html.escape(title), html.escape(target, quote=True), html.escape(canonical, quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{t}</title>\n"
        f'<link rel="canonical" href="{canon}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This story is now part of <a href="{href}">{t}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def write_pages(settings: dict, output: Path, stories: dict[str, str]) -> list[str]:
    """Write a redirect page for every former story id; `stories` maps current ids to titles.

    Returns the pages written (relative to output/), for the build summary.
    """
    content = Path(settings["PATH"])
    try:  # the guarded manifest: a file of the wrong shape (ingest names it) gives no redirects
        records = Manifest.load(content / settings.get("NEWSDESK_ARTICLES_PATH", "articles")).files
    except (OSError, ValueError):
        records = {}
    edits, _ = load_edits(content / settings.get("NEWSDESK_STORIES_FILE", "stories.yaml"))
    pattern = settings.get("NEWSDESK_STORY_URL", "stories/{id}.html")
    site = str(settings.get("SITEURL") or "").rstrip("/")
    written = []
    for old, new in plan(records, set(stories), edits.merged_into()).items():
        source, target = pattern.format(id=old), pattern.format(id=new)
        relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
        canonical = f"{site}/{target}" if site else relative
        write_atomic(output / source, page(stories[new], relative, canonical).encode("utf-8"))
        written.append(source)
    return written
