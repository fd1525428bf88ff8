"""Nothing from a raw text runs in a reader's browser.

Two rules, each enforced by a well-kept library rather than by regular expressions:
- HTML that Pelican renders from an article (its body, its summary) is cleaned with
  nh3 (ammonia): an allow-list of tags and attributes, no `on*` handlers, no script or
  style, links only to http(s), mailto or relative addresses.
- Every other value a template prints (titles, sources, captions, tags) is text: the
  templates autoescape it, and only the cleaned body and summary are marked as HTML.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

log = logging.getLogger("newsdesk")

TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl", "dt", "em",
     "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
     "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
     "thead", "time", "tr", "u", "ul"}
)  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
HTML_ATTRIBUTES = ("content", "summary")
# Front matter fields that templates and feeds put in an href.
URL_FIELDS = ("original_url", "source_url")


def clean_html(html: str) -> str:
    """HTML with everything that could run or load script taken out; text is kept.

    >>> clean_html('<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x()">y</a></p>')
    '<p>Hi <a rel="noopener noreferrer">y</a></p>'
    """
    return nh3.clean(html, tags=set(TAGS), attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES))


def safe_url(value) -> str | None:
    """An absolute http(s) address as it is, anything else (javascript:, data:, relative) None.

    >>> safe_url("https://example.org/a"), safe_url(" JavaScript:alert(1)"), safe_url("data:text/html,x")
    ('https://example.org/a', None, None)
    """
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def clean_content(content) -> None:
    """Clean a Pelican content object's rendered HTML in place (body and summary)."""
    if isinstance(getattr(content, "_content", None), str):
        content._content = clean_html(content._content)
    metadata = getattr(content, "metadata", {})
    for name in URL_FIELDS:
        if name in metadata and safe_url(metadata[name]) is None:
            log.warning("%s: `%s: %s` is not an http(s) address; left out", content.source_path, name, metadata[name])
            del metadata[name]
            if hasattr(content, name):
                delattr(content, name)
    summary = metadata.get("summary")
    if isinstance(summary, str):
        content.metadata["summary"] = clean_html(summary)
        content._summary = content.metadata["summary"]


def autoescape(env) -> None:
    """Turn on autoescaping in a Jinja environment; the cleaned body and summary print as HTML.

    Pelican's `content` and `summary` are plain strings, so lookups of those two
    attributes on a content object are marked safe here (they were cleaned by
    `clean_content` when the object was made); every other value is escaped.
    """
    from pelican.contents import Content

    if getattr(env, "_newsdesk_autoescape", False):
        return
    env.autoescape = True
    lookup = env.getattr

    def getattr_marking_html(obj, attribute):
        value = lookup(obj, attribute)
        if attribute in HTML_ATTRIBUTES and isinstance(obj, Content) and isinstance(value, str):
            return Markup(value)
        return value

    env.getattr = getattr_marking_html
    env._newsdesk_autoescape = True
