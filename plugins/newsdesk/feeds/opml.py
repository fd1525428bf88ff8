"""An OPML 2.0 subscription list of every feed: import it once into a reader, get everything.

Each feed is listed once (its Atom file), grouped by kind, so importing it
does not subscribe to the same feed three times.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from .spec import FeedMeta, FeedSpec, absolute, xml_safe

GROUPS = (("site", "Everything"), ("story", "Stories"), ("topic", "Topics"), ("source", "Sources"))


def opml_bytes(title: str, specs: list[FeedSpec], meta: FeedMeta, modified: datetime) -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = xml_safe(title)
    etree.SubElement(head, "dateModified").text = format_datetime(modified)
    etree.SubElement(head, "ownerName").text = xml_safe(meta.author)
    body = etree.SubElement(root, "body")
    for kind, label in GROUPS:
        members = [s for s in specs if s.kind == kind]
        if not members:
            continue
        group = etree.SubElement(body, "outline", text=label, title=label)
        for spec in members:
            etree.SubElement(
                group,
                "outline",
                type="rss",
                text=xml_safe(spec.title),
                title=xml_safe(spec.title),
                description=xml_safe(spec.subtitle),
                xmlUrl=absolute(meta.siteurl, spec.atom_path),
                htmlUrl=absolute(meta.siteurl, spec.page_url),
                language=meta.language,
            )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
