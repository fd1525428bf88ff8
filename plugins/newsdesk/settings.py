"""Every NEWSDESK_* setting and its default, in one mapping (as Pelican's DEFAULT_CONFIG).

The plugin, the command line, the generators and the feeds all read their settings
through `setting()` or `Settings.from_pelican()`, so no default is written twice.
`pelicanconf.py` explains each one to site owners.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

MB = 1024 * 1024

DEFAULTS: Mapping[str, object] = {
    "NEWSDESK_INGEST": True,  # clean content/raw into content/articles on every build
    "NEWSDESK_RAW_PATH": "raw",
    "NEWSDESK_ARTICLES_PATH": "articles",
    "NEWSDESK_SOURCES_PATH": "sources",
    "NEWSDESK_TOPICS_FILE": "topics.yaml",
    "NEWSDESK_STORIES_FILE": "stories.yaml",
    "NEWSDESK_MAX_TOPICS": 8,
    "NEWSDESK_STORY_WINDOW_DAYS": 7,
    "NEWSDESK_MAX_RAW_BYTES": 8 * MB,  # a raw file that is one article or page (limits.py)
    # A raw file of many articles or pages, read one at a time: its kind's limit (limits.py).
    "NEWSDESK_MAX_EXPORT_BYTES": {
        "text": 64 * MB,
        "html": 128 * MB,
        "xml": 128 * MB,
        "eml": 128 * MB,
        "docx": 256 * MB,
        "pdf": 256 * MB,
    },
    "NEWSDESK_MAX_PDF_PAGES": 2000,  # a PDF with more pages is named, not read
    "NEWSDESK_PROGRESS_EVERY": 500,  # a progress line each time this many more articles are read (0: none)
    "NEWSDESK_LOCK_WAIT": 120.0,  # seconds a build waits for another one's lock
    "NEWSDESK_LOCK_BUSY": "stop",  # still busy then: "stop" the build (exit 3) or "skip" ingest (devserver)
    "NEWSDESK_WORKERS": 0,  # processes cleaning raw texts at ingest (0: one per core)
    "NEWSDESK_SCHEDULER": None,  # tcp://host:port of a Dask scheduler for the per-text stages
    "NEWSDESK_STORY_URL": "stories/{id}.html",
    "NEWSDESK_STORIES_INDEX": "stories/index.html",
    "NEWSDESK_SOURCE_URL": "sources/{slug}.html",
    "NEWSDESK_SOURCES_INDEX": "sources/index.html",
    "NEWSDESK_FEED_PATH": "feeds",
    "NEWSDESK_FEED_MAX_ITEMS": 50,
    "NEWSDESK_FEED_STATE_FILE": "articles/.newsdesk-feedstate.json",
    "NEWSDESK_FEED_ICON": None,
    "NEWSDESK_FEED_LOGO": None,
    "NEWSDESK_SITEMAP": "sitemap.xml",
    "NEWSDESK_NEWS_SITEMAP": "news-sitemap.xml",
    "NEWSDESK_NEWS_SITEMAP_DAYS": 2,
    "NEWSDESK_ROBOTS_ALLOW": True,
    "NEWSDESK_ROBOTS_DISALLOW": ["/drafts/", "/pagefind/"],
    "NEWSDESK_PAGEFIND_ON_BUILD": False,
    "NEWSDESK_THEME_STATIC_PATHS": [],  # theme folders copied only when a file changes (THEME_STATIC_PATHS: [])
    "NEWSDESK_PRUNE_OUTPUT": True,  # delete from output/ what the build no longer produces (prune.py)
}


def setting(settings: Mapping, key: str):
    """A NEWSDESK_* value from Pelican's settings, else its one default."""
    if key not in DEFAULTS:
        raise KeyError(f"{key} is not a Newsdesk setting")
    value = settings.get(key)
    return DEFAULTS[key] if value is None else value


def export_limits(value: Mapping | int) -> tuple[tuple[str, int], ...]:
    """NEWSDESK_MAX_EXPORT_BYTES as (kind, bytes) pairs: a mapping changes the kinds it names
    (the others keep their default), a number is every kind's limit.

    >>> dict(export_limits({"pdf": 512 * MB}))["pdf"] // MB, dict(export_limits(10))["html"]
    (512, 10)
    """
    default = DEFAULTS["NEWSDESK_MAX_EXPORT_BYTES"]
    given = value if isinstance(value, Mapping) else dict.fromkeys(default, value)
    return tuple((kind, int(given.get(kind, default.get(kind, 0)))) for kind in dict.fromkeys([*default, *given]))


@dataclass(frozen=True)
class Settings:
    """Where things are and how ingest behaves; built from pelicanconf or the command line."""

    raw_dir: Path
    articles_dir: Path
    sources_dir: Path | None = None
    topics_file: Path | None = None
    stories_file: Path | None = None  # editors' titles, merges and splits of stories (storyids.py)
    max_topics: int = DEFAULTS["NEWSDESK_MAX_TOPICS"]
    window_days: int = DEFAULTS["NEWSDESK_STORY_WINDOW_DAYS"]
    max_raw_bytes: int = DEFAULTS["NEWSDESK_MAX_RAW_BYTES"]
    max_export_bytes: tuple[tuple[str, int], ...] = tuple(DEFAULTS["NEWSDESK_MAX_EXPORT_BYTES"].items())
    max_pdf_pages: int = DEFAULTS["NEWSDESK_MAX_PDF_PAGES"]
    progress_every: int = DEFAULTS["NEWSDESK_PROGRESS_EVERY"]
    lock_wait: float = DEFAULTS["NEWSDESK_LOCK_WAIT"]
    workers: int = DEFAULTS["NEWSDESK_WORKERS"]
    scheduler: str | None = DEFAULTS["NEWSDESK_SCHEDULER"]

    @classmethod
    def for_content(cls, content: Path, values: Mapping | None = None, **overrides) -> Settings:
        """Settings for a content folder, from NEWSDESK_* values (Pelican's or the command line's)."""
        values = values or {}

        def get(key: str):
            return setting(values, key)

        built = {
            "raw_dir": content / get("NEWSDESK_RAW_PATH"),
            "articles_dir": content / get("NEWSDESK_ARTICLES_PATH"),
            "sources_dir": content / get("NEWSDESK_SOURCES_PATH"),
            "topics_file": content / get("NEWSDESK_TOPICS_FILE"),
            "stories_file": content / get("NEWSDESK_STORIES_FILE"),
            "max_topics": int(get("NEWSDESK_MAX_TOPICS")),
            "window_days": int(get("NEWSDESK_STORY_WINDOW_DAYS")),
            "max_raw_bytes": int(get("NEWSDESK_MAX_RAW_BYTES")),
            "max_export_bytes": export_limits(get("NEWSDESK_MAX_EXPORT_BYTES")),
            "max_pdf_pages": int(get("NEWSDESK_MAX_PDF_PAGES")),
            "progress_every": int(get("NEWSDESK_PROGRESS_EVERY")),
            "lock_wait": float(get("NEWSDESK_LOCK_WAIT")),
            "workers": int(get("NEWSDESK_WORKERS")),
            "scheduler": get("NEWSDESK_SCHEDULER"),
        }
        known = {f.name for f in fields(cls)}
        built.update({k: v for k, v in overrides.items() if k in known and v is not None})
        return cls(**built)

    @classmethod
    def from_pelican(cls, pelican_settings: Mapping) -> Settings:
        return cls.for_content(Path(pelican_settings["PATH"]), pelican_settings)
