"""Production settings: `make publish`. Absolute URLs for pages and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The address the site is published at; feeds and canonical links use it.
SITEURL = os.environ.get("SITEURL", "https://newsdesk.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

# robots.txt of the public site: NEWSDESK_ROBOTS_ALLOW=0 in the environment keeps
# crawlers away (e.g. a staging copy); drafts are never crawled.
NEWSDESK_ROBOTS_ALLOW = os.environ.get("NEWSDESK_ROBOTS_ALLOW", "1") != "0"
NEWSDESK_ROBOTS_DISALLOW = ["/drafts/", "/pagefind/"]
