"""Markdown with YAML front matter: the article files editors read and may change.

YAML is always written by PyYAML's safe dumper and read by guard's bounded safe loader, so
any title (with ": ", quotes, "#" or "---") round-trips exactly.

libyaml's emitter writes the same bytes as PyYAML's own, several times faster, except for a
few characters it escapes where PyYAML writes them out (beyond the Basic Multilingual Plane,
such as emoji; NEL and the Unicode line and paragraph separators; lone surrogates): front
matter holding one of them is written by PyYAML's emitter, so the bytes never depend on
which emitter ran.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

import yaml

from . import guard
from .dates import format_date
from .records import Article, Markdown, Preformatted, article_fields

EMITTED_APART = re.compile("[\U00010000-\U0010ffff\x85\u2028\u2029\ud800-\udfff]")
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FIELDS = article_fields(front=True)  # the schema is the record's: see records.Article
FRONT = re.compile(r"\A---\n(?P<meta>.*?\n)(?:---|\.\.\.)\n(?P<body>.*)\Z", re.DOTALL)
BLOCK_START = re.compile(r"^(\s*)([#>+*=-]|\d+[.)]\s|\|)")


class FrontMatterError(ValueError):
    """Front matter that cannot be read; the message says what is wrong."""


def escape_markdown(paragraph: str) -> str:
    """Plain text that Markdown will show as written, not run as markup or HTML.

    >>> escape_markdown("1. <b>bold</b> *not* [a](b)")
    '1\\\\. &lt;b&gt;bold&lt;/b&gt; \\\\*not\\\\* \\\\[a\\\\](b)'
    """
    if isinstance(paragraph, Preformatted):
        return fence(paragraph)
    if isinstance(paragraph, Markdown):
        return paragraph
    text = paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)
    # A leading colon starts a definition, ~~~ a code block (Markdown extra); "=" has no escape.
    text = re.sub(r"^([:~=])", lambda m: f"&#{ord(m.group(1))};", text)
    return re.sub(r"^([#+|-])", r"\\\1", text)


def fence(block: str) -> str:
    """A table as a fenced code block, the fence longer than any backtick run inside it.

    >>> print(fence("Shr   1.93 vs 16 cts"))
    ```text
    Shr   1.93 vs 16 cts
    ```
    """
    longest = max((len(m) for m in re.findall(r"`+", block)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}text\n{block}\n{marks}"


def metadata(article: Article) -> dict:
    """Front matter fields of an article, in a fixed order, empty ones left out."""
    out = {}
    for name in FIELDS:  # the values themselves: they are immutable (no deep copy as asdict makes)
        value = getattr(article, name, None)
        if name == "status" and value == "published":
            continue
        if isinstance(value, tuple):
            value = list(value)
        if name == "origin" and len(value) == 1:
            value = value[0]
        if name == "provenance":
            value = dict(value)
        if value in (None, "", [], {}):
            continue
        out[name] = value
    return out


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for pair in value.items() for v in pair for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def dump(article: Article) -> str:
    """The whole Markdown file for an article."""
    fields = metadata(article)
    apart = any(EMITTED_APART.search(s) for s in _strings(fields))
    dumper = yaml.SafeDumper if apart else FAST_DUMPER
    meta = yaml.dump(fields, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
    body = "\n\n".join(escape_markdown(p) for p in article.body)
    return f"---\n{meta}---\n\n{body}\n"


def load(text: str) -> tuple[dict, str]:
    """Front matter and body of a Markdown file; raises FrontMatterError when unreadable."""
    m = FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        raise FrontMatterError("no YAML front matter: the file must start with a line '---'")
    try:
        meta = guard.parse_yaml(m["meta"], first_line=2)
    except guard.GuardError as exc:
        raise FrontMatterError(f"front matter {exc}") from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of field: value")
    return meta, m["body"]


def editor_fields(meta: dict) -> dict:
    """What an editor set that the pipeline must respect: date, topics, story."""
    out = {}
    value = meta.get("date")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        out["date"] = value
    if isinstance(meta.get("topics"), list | tuple):
        out["topics"] = tuple(str(t) for t in meta["topics"])
    if meta.get("story"):
        out["story"] = str(meta["story"])
    return out


def to_json(article: Article) -> dict:
    """The stable machine interface (`newsdesk extract --json`): one object per article,
    every front-matter field (empty ones too), the warnings, and the body as Markdown."""
    values = dataclasses.asdict(article)
    out = {}
    for name in FIELDS:
        value = values[name]
        if isinstance(value, tuple | list):
            value = dict(value) if name == "provenance" else list(value)
        if name == "origin" and len(value) == 1:
            value = value[0]
        if name == "date":
            value = format_date(article.date, article.date_precision)
        elif isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    out["warnings"] = list(article.warnings)
    out["body"] = "\n\n".join(escape_markdown(p) for p in article.body)
    return out
