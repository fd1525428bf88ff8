"""Names of files the site side keeps among the articles, where ingest must not count them.

The feed state sits in content/articles/ (it is committed with the articles, so entries keep
their `updated` times), yet it is written by the feeds after ingest: the ingest cache skips it
when it digests ingest's inputs. Naming it here keeps the ingest cache and the feeds apart.
"""

FEED_STATE = ".newsdesk-feedstate.json"  # what the feeds said last build (feeds/state.py)
