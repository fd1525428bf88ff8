"""Site settings for the sample Newsdesk site. Every NEWSDESK_* setting is explained here."""

import os

AUTHOR = "Newsdesk"
SITENAME = "Newsdesk"
SITESUBTITLE = "News coverage collected from many outlets, cleaned and grouped into stories"
# Absolute base of feed links. Pages use relative links (RELATIVE_URLS) and work from any
# host; feeds need absolute ones. `make serve` serves at this address; publishconf.py
# sets the real one.
SITEURL = os.environ.get("SITEURL", "http://localhost:8000")
RELATIVE_URLS = True

PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_CATEGORY = "News"

ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".#*", ".*"]

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["pelican.plugins.yaml_metadata", "newsdesk"]
THEME = "theme"
# Pelican copies the theme's static files on every build; Newsdesk copies these folders of the
# theme instead, only when a file changes, so a build with no change writes nothing.
THEME_STATIC_PATHS = []
NEWSDESK_THEME_STATIC_PATHS = ["static"]

ARTICLE_URL = "articles/{slug}.html"
ARTICLE_SAVE_AS = "articles/{slug}.html"
DRAFT_URL = "drafts/{slug}.html"
DRAFT_SAVE_AS = "drafts/{slug}.html"
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = "{slug}.html"
TAG_URL = "topics/{slug}.html"
TAG_SAVE_AS = "topics/{slug}.html"
TAGS_URL = "topics/index.html"
TAGS_SAVE_AS = "topics/index.html"
ARCHIVES_SAVE_AS = "archives.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives", "search"]
DEFAULT_PAGINATION = 20
SUMMARY_MAX_LENGTH = 40

# Pelican's own feeds are off: Newsdesk writes every feed with feedgen (one feed path).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# Reproducible builds: no cache state leaks between runs.
LOAD_CONTENT_CACHE = False

# --- Newsdesk -------------------------------------------------------------------------
# Clean content/raw into content/articles at the start of every build (also --autoreload).
NEWSDESK_INGEST = True
# Raw texts as received, relative to PATH. Never modified.
NEWSDESK_RAW_PATH = "raw"
# Where generated Markdown articles go, relative to PATH. Editors may change them.
NEWSDESK_ARTICLES_PATH = "articles"
# One YAML profile per publisher (name, mastheads, domain, country, language, boilerplate).
NEWSDESK_SOURCES_PATH = "sources"
# The controlled vocabulary of topics (labels, aliases, kinds, subject cues).
NEWSDESK_TOPICS_FILE = "topics.yaml"
# Editors' story titles and summaries, and hand corrections of the grouping:
# `story-id: {title: ..., summary: ..., merge: [other-id], split: [raw/file.txt]}`.
NEWSDESK_STORIES_FILE = "stories.yaml"
# At most this many topics per article, most salient first.
NEWSDESK_MAX_TOPICS = 8
# No longer a wall: stories weigh the days between articles as evidence (storygroup.py,
# DECAY_DAYS); kept so that existing settings files still load. Not used.
NEWSDESK_STORY_WINDOW_DAYS = 7
# Where story pages go; {id} is the story id.
NEWSDESK_STORY_URL = "stories/{id}.html"
NEWSDESK_STORIES_INDEX = "stories/index.html"
# Folder of all feeds under the output: all.atom.xml, stories/<id>.*, topics/<slug>.*
NEWSDESK_FEED_PATH = "feeds"
# Entries per feed, newest first.
NEWSDESK_FEED_MAX_ITEMS = 50
# What the feeds said last build (entry digests and `updated` times), relative to PATH.
# Keeps `updated` moving only when an entry changes; delete it to start afresh.
NEWSDESK_FEED_STATE_FILE = "articles/.newsdesk-feedstate.json"
# Feed icon (square, small) and logo (wide), paths under the output or absolute URLs; None: none.
NEWSDESK_FEED_ICON = None
NEWSDESK_FEED_LOGO = None

# --- Theme: reader pages and files for crawlers -----------------------------------------
# Archives by month: archives/2021/11/index.html.
MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/index.html"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL
# Lists longer than DEFAULT_PAGINATION get numbered pages (index2.html, ...).
PAGINATED_TEMPLATES = {"index": None, "tag": None, "source": None, "period_archives": None}
# Page N of a list is <name>.N.html: Pelican's default <name>N.html makes page 3 of the topic
# "Person 2" topics/person-23.html, the page of the topic "Person 23" (a build error at scale);
# slugs never hold a dot, so these names cannot meet a topic's or a source's.
PAGINATION_PATTERNS = (
    (1, "{name}{extension}", "{name}{extension}"),
    (2, "{name}.{number}{extension}", "{name}.{number}{extension}"),
)
# One page per outlet (the article's `source`), and an index of outlets.
NEWSDESK_SOURCE_URL = "sources/{slug}.html"
NEWSDESK_SOURCES_INDEX = "sources/index.html"
# sitemaps.org sitemap of every page, and a Google News sitemap of the articles of the
# last NEWSDESK_NEWS_SITEMAP_DAYS days before the newest article (not before "now").
NEWSDESK_SITEMAP = "sitemap.xml"
NEWSDESK_NEWS_SITEMAP = "news-sitemap.xml"
NEWSDESK_NEWS_SITEMAP_DAYS = 2
# robots.txt: False asks every crawler to stay away; the paths listed are never crawled.
NEWSDESK_ROBOTS_ALLOW = True
NEWSDESK_ROBOTS_DISALLOW = ["/drafts/", "/pagefind/"]
# Rebuild the Pagefind search index at the end of every Pelican build. Off: `make html`
# and `make publish` run Pagefind once; `make devserver`/`regenerate` switch this on.
NEWSDESK_PAGEFIND_ON_BUILD = False
# Headlines, bylines, captions come from raw texts: the theme escapes every value; only
# rendered Markdown (`content|safe`) is inserted as HTML.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# A raw file that is one article or page (plain text, wire, clipping, saved page) bigger than
# this (bytes) is refused with a message before it is read.
NEWSDESK_MAX_RAW_BYTES = 8 * 1024 * 1024
# A raw file of many articles or pages (an export, an alert e-mail, a Word file, a PDF) may be
# as big as its kind's figure here (bytes); the kinds not named keep their defaults.
NEWSDESK_MAX_EXPORT_BYTES = {"text": 64 * 1024 * 1024, "html": 128 * 1024 * 1024, "pdf": 256 * 1024 * 1024}
# A progress line each time this many more articles are read (counts only; 0: none).
NEWSDESK_PROGRESS_EVERY = 500
# A PDF with more pages than this is named in the summary and not read (split it into parts).
NEWSDESK_MAX_PDF_PAGES = 2000
# Seconds a build waits for another build's ingest (lock: content/.newsdesk.lock), then stops.
NEWSDESK_LOCK_WAIT = 120
