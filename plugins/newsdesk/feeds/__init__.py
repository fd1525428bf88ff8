"""The feeds: every feed of the site in Atom, RSS 2.0 and JSON Feed 1.1, and one OPML list.

- `spec`: what a feed is (FeedSpec, where its files go) and the site-wide feed settings (FeedMeta);
- `entries`: one entry per article, built once and shared by every feed that lists it;
- `index`: which feeds exist and what each lists, and the autodiscovery links of every page;
- `atom_rss`, `jsonfeed`, `opml`: the writers, bytes from entries;
- `state`: what the feeds said last build, so an entry's `updated` moves only when it changes;
- `write`: writing every feed once per format, and the build's feed report;
- `subscribe`: the Subscribe page's list of feeds.
"""
