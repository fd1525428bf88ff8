"""Nothing from a raw text runs in a reader's browser.

Two rules, each enforced by a well-kept library rather than by regular expressions:
- HTML that Pelican renders from an article (its body, its summary) is cleaned with
  nh3 (ammonia): an allow-list of tags and attributes, no `on*` handlers, no script or
  style, links only to http(s), mailto or relative addresses.
- Every other value a template prints (titles, sources, captions, tags) is text: the
  theme autoescapes it (JINJA_ENVIRONMENT), and only the cleaned body is printed `|safe`;
  addresses from front matter that go into an href must be http(s).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import nh3

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
# Front matter fields that templates and feeds put in an href.
URL_FIELDS = ("original_url", "source_url")


def clean_html(html: str) -> str:
    """HTML with everything that could run or load script taken out; text is kept.

    >>> clean_html('<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x()">y</a></p>')
    '<p>Hi <a rel="noopener noreferrer">y</a></p>'
    """
    # Comments stay: they never run, and plugins use them as placeholders (<!-- newsdesk:feeds -->).
    return nh3.clean(html, tags=set(TAGS), attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES), strip_comments=False)


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
