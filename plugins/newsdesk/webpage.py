"""A saved web page as text: its bytes decoded (whatever its `<meta charset>` claims), an
MHTML archive unpacked to its page, and the page's address made canonical.

The charset a page declares is often wrong (a CMS template says UTF-8 over cp1252 bytes),
so the bytes are believed before the declaration; a mismatch is reported, not hidden.
Mojibake is repaired in the article's text, not in the whole markup (ftfy over a page's
scripts and menus would cost more than all the rest).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.html
from charset_normalizer import from_bytes
from lxml import etree

from .decode import CONTROL

# Only the head of a page is searched for its declaration: bounded work on any page.
HEAD_BYTES = 4096
CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# huge_tree: a page with megabytes of inline script still parses to its end.
PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False)
# Query parameters that say how a reader came to the page, not which page it is.
TRACKING = re.compile(
    r"^(?:utm_\w*|fbclid|gclid|dclid|gclsrc|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref_src|cmpid|ocid)$", re.I
)


@dataclass(frozen=True)
class Page:
    """The markup of one saved page, decoded, and what was learned on the way."""

    html: str
    encoding: str
    address: str | None = None  # where an archive says the page came from (MHTML Content-Location)
    warnings: tuple[str, ...] = ()


def declared_charset(data: bytes) -> str | None:
    """The charset a page's `<meta>` declares, as a Python codec name, or None."""
    m = CHARSET.search(data[:HEAD_BYTES])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_page(data: bytes, declared: str | None = None) -> Page:
    """Text of an HTML page: a BOM, else UTF-8 when the bytes are UTF-8, else the declared
    charset, else the detected one; a declaration the bytes contradict is reported."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return Page(CONTROL.sub("", data.decode(name)), name)
    declared = declared or declared_charset(data)
    warnings: list[str] = []
    try:
        text, used = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, used = _legacy(data, declared)
    if declared and declared not in (used, "ascii") and not (used == "utf-8" and data.isascii()):
        warnings.append(
            f"the page declares charset {declared} but its bytes are {used}: read as {used} "
            "(check the result; save the page again if letters look wrong)"
        )
    return Page(CONTROL.sub("", text), used, warnings=tuple(warnings))


def _legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    if declared and declared not in ("utf-8", "utf-8-sig"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data[:200_000]).best()
    name = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(name), name
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"


def unpack_mhtml(data: bytes) -> Page | None:
    """The page inside a single-file web archive (`.mhtml`/`.mht`): its first text/html part."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset()
        try:
            declared = codecs.lookup(charset).name if charset else None
        except LookupError:
            declared = None
        page = decode_page(payload, declared)
        where = part.get("Content-Location") or message.get("Snapshot-Content-Location") or message.get("Content-Location")
        return Page(page.html, page.encoding, address=str(where).strip() if where else None, warnings=page.warnings)
    return None


def canonical_url(url: str | None) -> str | None:
    """An http(s) address without tracking parameters, fragment or default port, so that two
    saves of one page name one article; None for anything that is not an http(s) address.

    >>> canonical_url("HTTPS://www.Example.com:443/a/b?utm_source=x&id=3&fbclid=y#top")
    'https://www.example.com/a/b?id=3'
    >>> canonical_url("javascript:alert(1)") is None
    True
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def domain_of(url: str | None) -> str | None:
    """The host of an address without "www.", for matching a source profile.

    >>> domain_of("https://www.example.co.uk/news/1")
    'example.co.uk'
    """
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def parse_html(html: str):
    """The page's element tree (lxml), or None when the markup holds no document at all."""
    html = html.lstrip("\ufeff \t\r\n")
    if html.startswith("<?xml"):
        html = html[html.find("?>") + 2 :]
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html, parser=PARSER)
    except (etree.ParserError, ValueError):
        return None


def outlet(profiles, domain: str | None, site_name: str | None = None):
    """(source name, profile) of a page: the profile whose domain the page's address has,
    else the site's own name, else the domain; a parent domain's profile counts too
    ("news.example.com" is "example.com")."""
    profile = None
    if domain:
        parts = domain.split(".")
        for i in range(max(1, len(parts) - 1)):
            if profile := profiles.by_domain(".".join(parts[i:])):
                break
    return (profile.name if profile else site_name or domain), profile
