"""ProQuest documents: the article page (HTML) and the "Your ProQuest Research" alert e-mails.

Both print each document the same way: the title, then `Author:`, `Publication info:`,
`Abstract:`, `Full text:` and the text, then labelled lines (`Subject:`,
`Publication date:`, `Section:`, `ProQuest document ID:` …). An e-mail (MIME,
often quoted-printable) holds many documents, each after an `<a name="DocID_…">`
anchor, between the alert's own boilerplate. The labels are data
(rules/proquest_labels.yaml); the page is read as lines, so the same reading
serves the page, the e-mail and a forwarded e-mail whose mail program rewrote the markup.
"""

from __future__ import annotations

import dataclasses
import email
import re
from collections.abc import Iterable, Iterator
from email import policy
from functools import lru_cache
from pathlib import Path

import yaml

from .. import languages
from ..dates import parse_local_date
from ..records import Article, RawText
from .base import FormatError
from .htmltext import CHUNK, decoded_chunks, lines

FORMAT = "proquest"
KINDS = frozenset({"html", "eml"})
MANY = True  # one file holds many articles: it may be as big as its kind allows (limits.py)
RULES = Path(__file__).resolve().parent.parent / "rules" / "proquest_labels.yaml"
MARK = "DocID_"
SNIFF_BYTES = 4 << 20
LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /,]{1,40}?):(?:\s+(?P<value>.*))?$")
EDITION = re.compile(r":?\s*\[(?P<edition>[^\[\]]{1,80})\]$")
PUBLICATION_INFO = re.compile(r"^(?P<source>[^;\[]+?)\s*[;\[].*?(?::\s*(?P<page>[^:]{1,20}?)\.?)?$")
DOCUMENT_TAGS = re.compile(r"</?(?:html|body)\b[^<>]{0,500}>", re.IGNORECASE)
COMPANY = re.compile(r"Name:\s*(?P<name>[^;]+)")


@lru_cache(maxsize=1)
def labels() -> dict:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    data["noise"] = frozenset(data["noise"])
    data["no_author"] = frozenset(a.casefold() for a in data["no_author"])
    return data


def _unfolded(data: bytes) -> bytes:
    """The bytes with quoted-printable soft line breaks taken out, for sniffing."""
    return data[:SNIFF_BYTES].replace(b"=\r\n", b"").replace(b"=\n", b"")


def score(raw: RawText) -> float:
    head = _unfolded(raw.data) if raw.kind == "eml" else raw.data[:SNIFF_BYTES]
    if b"ProQuest document ID" in head or (MARK.encode() in head and b"Publication info:" in head):
        return 1.0
    return 0.0


def page_lines(raw: RawText) -> Iterator:
    """The document's text as lines (and DocID marks): from the page, or from the e-mail's HTML
    part (its text part when it has no HTML)."""
    if raw.kind != "eml":
        return lines(_unnested(decoded_chunks(raw.data)), marks=(MARK,))
    message = email.message_from_bytes(raw.data, policy=policy.default)
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        raise FormatError("is an e-mail without an HTML or text part: forward the ProQuest alert again")
    try:
        content = part.get_content()
    except (LookupError, UnicodeError) as exc:
        raise FormatError(f"has an e-mail part that cannot be decoded ({exc}): save the alert again") from exc
    if part.get_content_subtype() == "plain":
        return iter([x.strip() for x in content.split("\n") if x.strip()])
    return lines(_unnested(content[i : i + CHUNK] for i in range(0, len(content), CHUNK)), marks=(MARK,))


def _unnested(chunks: Iterable[str]) -> Iterator[str]:
    """The markup without `<html>` and `<body>` tags: ProQuest puts each document's own inside
    the page, and the parser would end the page at the first `</html>`. A tag cut by the end of
    a piece is carried to the next."""
    carry = ""
    for chunk in chunks:
        text = carry + chunk
        cut = text.rfind("<")
        cut = cut if cut > text.rfind(">") else len(text)
        carry = text[cut:]
        yield DOCUMENT_TAGS.sub(" ", text[:cut])
    yield DOCUMENT_TAGS.sub(" ", carry)


def documents(found: Iterable) -> Iterator[tuple[str | None, list[str]]]:
    """(anchor name, lines) per document, as they come: a document starts at each DocID mark.
    Without marks (a text part), at each title line standing above `Author:` or `Publication info:`."""
    before: list[str] = []
    anchor, doc = None, None
    for item in found:
        if isinstance(item, tuple):
            if doc is not None:
                yield anchor, doc
            anchor, doc = item[1], []
        elif doc is not None:
            doc.append(item)
        else:
            before.append(item)
    if doc is not None:
        yield anchor, doc
        return
    starts = [i - 1 for i, x in enumerate(before) if i and x.startswith(("Author:", "Publication info:"))]
    starts = [s for s in starts if not before[s].startswith("Author:")]
    for a, b in zip(starts, [*starts[1:], len(before)], strict=False):
        yield None, before[a:b]


def _label(line: str, group: str) -> tuple[str, str] | None:
    """(field, value) of a labelled line of the head or the tail, else None."""
    table = labels()[group]
    if line in table:
        return table[line], ""
    m = LABEL.match(line)
    if m and m["label"] in table:
        return table[m["label"]], (m["value"] or "").strip()
    return None


def document_fields(doc: list[str]) -> dict:
    """The fields of one document's lines: head labels, the text, tail labels. The tail starts
    at the first run of two tail labels after "Full text:" (a text's own "Where: …" lines
    stay text); lines after the last tail label are the alert's footer."""
    fields: dict = {"text": [], "abstract": [], "caption": []}
    doc = [x for x in doc if x not in labels()["noise"]]
    last = max((i for i, x in enumerate(doc) if _label(x, "tail")), default=len(doc) - 1)
    start = next((i for i, x in enumerate(doc) if _label(x, "head") and _label(x, "head")[0] == "text"), 0)
    tail = next(
        (i for i in range(start + 1, last + 1) if _label(doc[i], "tail") and (i == last or _label(doc[i + 1], "tail"))),
        last + 1,
    )
    current = None
    for i, line in enumerate(doc[: last + 1]):
        if i == 0 and not _label(line, "head"):
            fields["title"] = line
            continue
        found = _label(line, "tail") if i >= tail else None if current == "text" else _label(line, "head")
        if found:
            current, value = found
            value = "" if value in labels()["noise"] else value
            if current in ("text", "abstract", "caption"):
                fields[current].extend([value] if value else [])
            elif current != "skip":
                fields[current] = value
        elif current in ("text", "abstract"):
            fields[current].append(line)
    return fields


def _names(value: str | None) -> tuple[str, ...]:
    """ "Olivarez-Giles, Nathan; Roe, Jane" -> ("Nathan Olivarez-Giles", "Jane Roe"); Anonymous -> ()."""
    out = []
    for name in (value or "").split(";"):
        name = name.strip()
        if not name or name.casefold() in labels()["no_author"]:
            continue
        last, comma, first = name.partition(", ")
        out.append(f"{first} {last}" if comma and first and "," not in first else name)
    return tuple(out)


def _list(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(";") if x.strip()]


def _body(text: list[str]) -> tuple[list[str], str | None]:
    """The text's paragraphs and the correction note ProQuest puts first, taken out."""
    prefix = labels()["correction"]
    body = [p for p in text if p != "html>"]  # left of a broken `<html>` tag in the text markup
    if body and body[0].startswith(prefix):
        return body[1:], body[0][len(prefix) :].strip() or None
    return body, None


def to_article(anchor: str | None, fields: dict, origin: tuple[str, ...], ctx) -> Article:
    title = fields.get("title") or ""
    edition = None
    if m := EDITION.search(title):
        title, edition = title[: m.start()].rstrip(), m["edition"]
    info = PUBLICATION_INFO.match(fields.get("publication_info") or "")
    source = (fields.get("publication") or "").split(";")[0].strip() or (info["source"] if info else None)
    page = info["page"] if info and info["page"] else fields.get("pages")
    found = parse_local_date(fields.get("date") or "") or parse_local_date(fields.get("publication_info") or "")
    body, correction = _body(fields["text"])
    abstract = " ".join(fields["abstract"]) or None
    keywords = [*_list(fields.get("subjects")), *_list(fields.get("people")), *_list(fields.get("locations"))]
    keywords += _list(fields.get("company"))
    keywords += [m["name"].strip() for m in COMPANY.finditer(fields.get("companies") or "")]
    keywords = list(dict.fromkeys(keywords))
    profile = ctx.profiles.by_name(source) if source else None
    number = fields.get("id") or (anchor.rsplit("_", 1)[-1] if anchor else None)
    url = (fields.get("url") or "").split("?")[0]
    warnings = []
    if not body and abstract:
        body, warnings = [abstract], ["ProQuest gives only the abstract of this document"]
    return Article(
        origin=origin,
        format=FORMAT,
        title=title,
        body=tuple(body),
        section=fields.get("section") or None,
        source=profile.name if profile else source,
        source_domain=profile.domain if profile else None,
        source_url=profile.url if profile else None,
        country=profile.country if profile else None,
        publication="ProQuest",
        page=int(page) if page and page.isdigit() else None,
        language=languages.code_of(fields.get("language")) or fields.get("language") or None,
        date=found.value if found else None,
        date_precision="day" if found else None,
        date_source="text" if found else None,
        date_note=f"ProQuest publication date: {found.text}" if found else None,
        dateline=fields.get("dateline") or None,
        byline=_names(fields.get("author")),
        credit=fields.get("credit") or None,
        captions=tuple(fields["caption"]),
        topics=tuple(dict.fromkeys(t for x in keywords if ctx.vocabulary and (t := ctx.vocabulary.label_for(x)))),
        keywords=tuple(keywords),
        original_url=url if url.startswith("https://") else None,
        description=abstract,
        accession=f"proquest:{number}" if number else None,
        edition=edition,
        copyright=fields.get("copyright") or None,
        correction=correction,
        warnings=tuple(warnings),
    )


def parse(group: list[RawText], ctx) -> list[Article]:
    raw = group[0]
    found = [
        to_article(anchor, document_fields(doc), (f"{raw.path}#{n}",), ctx)
        for n, (anchor, doc) in enumerate(documents(page_lines(raw)), 1)
    ]
    if not found:
        raise FormatError("holds no ProQuest document (no title above an `Author:` or `Publication info:` line)")
    return [dataclasses.replace(found[0], origin=(str(raw.path),))] if len(found) == 1 else found
