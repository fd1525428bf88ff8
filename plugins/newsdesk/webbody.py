"""The article text of a saved web page, as Markdown paragraphs, and its figure captions.

1. captions      `<figure>` captions read before anything is removed
2. main content  trafilatura (fast mode) finds the article's blocks in the page without its
                 scripts and styles; it measured best on the corpus (README, "Saved web
                 pages"), and it drops nav, ads and comments
3. cleanup       our rules (rules/web.yaml): hidden blocks, newsletter/share/reprint lines,
                 date lines, the headline and standfirst repeated at the top, a trailing
                 run of link lists ("related", "read more")
4. Markdown      headings, lists, block quotes, tables and http(s) links as Markdown built
                 from escaped text, so nothing from the page's markup reaches the site
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import trafilatura
import yaml
from lxml import etree
from trafilatura.settings import Extractor

from .frontmatter import escape_markdown
from .records import Markdown, Preformatted

RULES = Path(__file__).with_name("rules") / "web.yaml"
HEADING = re.compile(r"h([1-6])")
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|])")
LINK_SHARE = 0.6  # a block whose text is mostly link text is navigation when it ends the page
DATE_LINE_CHARS = 90
RETRY_WORDS = 40  # fewer words from the fast rules and the fallback extractors are asked too


@dataclass(frozen=True)
class Body:
    """The article text: Markdown paragraphs, the same as plain text, and the captions."""

    paragraphs: tuple[str, ...]
    plain: tuple[str, ...]
    captions: tuple[str, ...] = ()
    subtitle: str | None = None
    extracted: str = ""  # all the main content's text before cleanup (a wall's message is there)


@dataclass(frozen=True)
class _Block:
    markdown: str
    plain: str
    kind: str  # p, head, list, quote, table, code
    link_share: float = 0.0
    hidden: bool = False


@cache
def rules() -> dict:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    data["boilerplate_re"] = re.compile("|".join(f"(?:{p})" for p in data["boilerplate"]), re.IGNORECASE)
    data["date_line_re"] = re.compile("|".join(f"(?:{p})" for p in data["date_lines"]), re.IGNORECASE)
    data["hidden_re"] = re.compile("|".join(f"(?:{p})" for p in data["hidden_classes"]), re.IGNORECASE)
    return data


def norm(text: str) -> str:
    """Text compared without case, spacing and punctuation.

    >>> norm("  The   Headline — now! ")
    'the headline now'
    """
    return " ".join(re.findall(r"\w+", text.casefold()))


def figure_captions(tree) -> tuple[str, ...]:
    """Captions of the page's figures, in page order, each once."""
    found: dict[str, None] = {}
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text:
            found.setdefault(text)
    return tuple(found)


@cache
def _extractor(fast: bool) -> Extractor:
    """Trafilatura's settings, made once (making them costs more than a small page's text).
    The "xml" output leaves the body as a tree, without the plain text we do not use; links
    are resolved here, for the few the article keeps, not for every link of the page."""
    return Extractor(output_format="xml", fast=fast, comments=False, tables=True, links=True, images=False)


def main_content(tree, url: str | None, *, fast: bool = True):
    """The element trafilatura keeps as the article's main content, or None; its links made
    absolute against the page's address.

    Fast mode (its own rules only) is tried first; the slower fallback extractors only
    for a page where those rules found (almost) nothing. Trafilatura works on a copy: the
    tree is left as it was.
    """
    document = trafilatura.bare_extraction(tree, options=_extractor(fast))
    body = getattr(document, "body", None) if document else None
    if body is not None and url:
        for ref in body.iter("ref"):
            if target := ref.get("target"):
                try:
                    ref.set("target", urljoin(url, target.strip()))
                except ValueError:  # a malformed address ("http://[x"): no link
                    ref.attrib.pop("target")
    return body


def extract_body(tree, url: str | None, title: str | None = None, description: str | None = None) -> Body:
    """Article text of a parsed page; `title` and `description` are dropped where the page
    repeats them at the top of the text (they are the article's title and subtitle).
    The page's scripts and styles are taken out of the tree first."""
    captions = figure_captions(tree)
    without_code(tree)
    found = _found(main_content(tree, url))
    if sum(len(b.plain.split()) for b in found) < RETRY_WORDS:
        found = _found(main_content(tree, url, fast=False)) or found
    blocks, subtitle = _clean(found, title, description, captions)
    return Body(
        paragraphs=tuple(_paragraph(b) for b in blocks),
        plain=tuple(b.plain for b in blocks),
        captions=captions,
        subtitle=subtitle,
        extracted=" ".join(b.plain for b in found[:200])[:20_000],
    )


def without_code(tree) -> None:
    """The page without what is never the article's text: scripts (but JSON-LD, where
    trafilatura's baseline finds an article body), styles, drawings, templates, menus,
    asides, footers and form controls. Trafilatura drops them too, but only after copying
    and measuring the whole page with them (a fifth of its time)."""
    for node in list(tree.iter("script")):
        if (node.get("type") or "").strip().lower() != "application/ld+json":
            node.drop_tree()
    etree.strip_elements(tree, *rules()["never_text"], with_tail=False)


def _found(content) -> list[_Block]:
    return [b for b in _blocks(content) if b.plain] if content is not None else []


def _paragraph(block: _Block) -> str:
    if block.kind == "code":
        return Preformatted(block.plain)
    if block.kind == "p" and not block.link_share and "\n" not in block.plain:
        return block.plain  # plain text: the writer escapes it
    return Markdown(block.markdown)


def _clean(blocks: list[_Block], title: str | None, description: str | None, captions: tuple[str, ...]):
    r = rules()
    drop_text = {norm(c) for c in captions}
    kept = []
    for b in blocks:
        text = b.plain
        if b.hidden or norm(text) in drop_text or r["boilerplate_re"].fullmatch(" ".join(text.split())):
            continue
        if len(text) <= DATE_LINE_CHARS and r["date_line_re"].search(text) and b.kind in ("p", "head"):
            continue
        kept.append(b)
    subtitle = None
    heads = {norm(t) for t in (title,) if t}
    while kept and kept[0].kind in ("head", "p") and heads and norm(kept[0].plain) in heads:
        kept.pop(0)
    if kept and description and kept[0].kind == "head" and norm(kept[0].plain) == norm(description):
        subtitle = kept.pop(0).plain
    while kept and (kept[-1].link_share >= LINK_SHARE or kept[-1].kind == "head"):
        kept.pop()
    return kept, subtitle


def _escape_inline(text: str) -> str:
    return INLINE_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m.group(1), "\\" + m.group(1)), text)


def _link(node) -> tuple[str, str, int]:
    """Markdown, plain text and link-text length of a `<ref>`: a link only to an http(s) address."""
    text = " ".join("".join(node.itertext()).split())
    target = (node.get("target") or "").strip()
    if not text:
        return "", "", 0
    if re.match(r"https?://[^\s()<>]+$", target):
        return f"[{_escape_inline(text)}]({target})", text, len(text)
    return _escape_inline(text), text, len(text)


def _inline(node) -> tuple[str, str, int]:
    """Markdown and plain text of an element's content, and how much of it is link text."""
    md, plain, linked = [], [], 0
    if node.text:
        md.append(_escape_inline(node.text))
        plain.append(node.text)
    for child in node:
        if child.tag == "ref":
            m, p, n = _link(child)
            linked += n
        elif child.tag == "lb":
            m, p = "\n", "\n"
        elif child.tag in ("list", "table", "quote", "head", "graphic"):
            m = p = ""
        else:
            m, p, n = _inline(child)
            linked += n
        md.append(m)
        plain.append(p)
        if child.tail:
            md.append(_escape_inline(child.tail))
            plain.append(child.tail)
    return _squeeze("".join(md)), _squeeze("".join(plain)), linked


def _squeeze(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _hidden(node) -> bool:
    marks = f"{node.get('class') or ''} {node.get('id') or ''}"
    return bool(marks.strip()) and bool(rules()["hidden_re"].search(marks))


def _blocks(content) -> list[_Block]:
    out: list[_Block] = []
    for node in content:
        if not isinstance(node.tag, str):
            continue
        out.extend(_block(node))
    return out


def _share(linked: int, plain: str) -> float:
    return linked / len(plain) if plain else 0.0


def _block(node) -> list[_Block]:
    tag = node.tag
    if tag == "head":
        md, plain, linked = _inline(node)
        m = HEADING.fullmatch(node.get("rend") or "")
        level = max(2, int(m.group(1))) if m else 3
        return [_Block(f"{'#' * level} {md.replace(chr(10), ' ')}", plain, "head", _share(linked, plain), _hidden(node))]
    if tag == "list":
        return [_list(node)]
    if tag == "quote":
        md, plain, linked = _inline(node)
        quoted = "\n".join(f"> {line}" for line in md.split("\n"))
        return [_Block(quoted, plain, "quote", _share(linked, plain), _hidden(node))]
    if tag == "table":
        return [_table(node)]
    if tag == "code":
        return [_Block("", "".join(node.itertext()).strip("\n"), "code")]
    if tag in ("p", "div", "hi", "ref", "item", "cell", "row"):
        md, plain, linked = _inline(node)
        blocks = [_Block(_start_safe(md), plain, "p", _share(linked, plain), _hidden(node))]
        for child in node:
            if child.tag in ("list", "table", "quote", "head"):
                blocks.extend(_block(child))
        return blocks
    return []


def _start_safe(md: str) -> str:
    """A paragraph that does not start a Markdown block by accident ("1. ", "# ", "- ")."""
    lines = md.split("\n")
    return "\n".join(escape_markdown(line[:1]) + line[1:] if line[:1] in "#+-=:~" else _ordinal_safe(line) for line in lines)


def _ordinal_safe(line: str) -> str:
    return re.sub(r"^(\d{1,9})([.)])(\s)", r"\1\\\2\3", line)


def _list(node) -> _Block:
    marker = "1." if (node.get("rend") or "") == "ol" else "-"
    md_lines, plain_lines, linked = [], [], 0
    for item in node.iter("item"):
        md, plain, n = _inline(item)
        if plain:
            md_lines.append(f"{marker} {md.replace(chr(10), ' ')}")
            plain_lines.append(plain.replace("\n", " "))
            linked += n
    plain = "\n".join(plain_lines)
    return _Block("\n".join(md_lines), plain, "list", _share(linked, plain), _hidden(node))


def _table(node) -> _Block:
    rows = []
    for row in node.iter("row"):
        cells = [" ".join("".join(c.itertext()).split()) for c in row.iter("cell")]
        if any(cells):
            rows.append(cells)
    if not rows:
        return _Block("", "", "table")
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(_escape_inline(c) for c in r) + " |" for r in rows]
    lines.insert(1, "|" + " --- |" * width)
    plain = "\n".join(" ".join(c for c in r if c) for r in rows)
    return _Block("\n".join(lines), plain, "table")
