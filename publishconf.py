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
