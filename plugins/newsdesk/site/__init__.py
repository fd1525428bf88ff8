"""The site side: what Newsdesk adds to Pelican's pages, one room per kind of page or file.

- `stories` and `sources`: the story and source lists (one each, built once per build);
- `view`: the one shared view of them (a frozen dataclass) every generator and template reads,
  instead of attributes patched onto Pelican's articles;
- `generators`: the Pelican generators that write story pages, source pages, crawler files, feeds;
- `crawlers` (sitemaps, robots.txt), `jsonld` (schema.org NewsArticle), `filters` (the theme's
  Jinja filters, added by one receiver), `search` (the Pagefind index under the dev server).
The feeds themselves are the `newsdesk.feeds` package.
"""
