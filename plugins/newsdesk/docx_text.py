"""The paragraphs of a Word (.docx) file, in order, with their styles and tables.

A database export can hold thousands of articles in one `word/document.xml`
(60 kB of XML each), so the part is streamed: each top-level paragraph or table is
read with python-docx's element classes, handed on and dropped, and memory stays
at one block whatever the file's length. Broken and encrypted files raise
`DocxError` with what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from posixpath import dirname, join, normpath

import docx  # noqa: F401  (registers python-docx's element classes with its parser)
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup, parse_xml
from docx.styles import BabelFish
from lxml import etree

from .kinds import kind_named, ole_kind

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
HEADING_STYLE = re.compile(r"^(?:heading|berschrift|titre) ?(\d)$", re.IGNORECASE)
TITLE_STYLES = frozenset({"title", "titel", "titre"})
CHUNK = 1 << 16
# Runs whose text counts: plain, in links, tracked insertions, smart tags and simple fields.
RUNS = etree.XPath(
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r", namespaces=nsmap
)
TEXT_ITEMS = etree.XPath("./w:t | ./w:tab | ./w:br | ./w:cr | ./w:noBreakHyphen | ./w:ptab", namespaces=nsmap)


class DocxError(ValueError):
    """A .docx that cannot be read, with what to do about it."""


@dataclass(frozen=True)
class DocxBlock:
    """One paragraph or table of a Word file, as a reader sees it."""

    text: str  # the paragraph's text, line breaks as "\n"; a table's rows as "a | b" lines
    style: str = ""  # the paragraph style's name ("Heading 1", "Title", "Normal"), "" if none
    level: int | None = None  # 0 for a title, N for a heading of level N (style or outline level)
    bold: bool = False  # every run with text is bold
    page_break: bool = False  # a page or section break comes before this block
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, row by row (empty for a paragraph)
    bookmarks: tuple[str, ...] = ()  # names of bookmarks that start in this paragraph
    links: tuple[str, ...] = ()  # the addresses its hyperlinks point to


def _zip(data: bytes) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):  # an encrypted .docx or an old .doc: named as the raw folder names it
        raise DocxError(kind_named(ole_kind(data)).refusal())
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocxError(f"is not a readable .docx (the zip container is broken: {exc}); save it again from Word") from exc


def _read(zf: zipfile.ZipFile, name: str, limit: int = 8 << 20) -> bytes | None:
    """A small part of the package (relationships, styles), refused when absurdly large."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise DocxError(f"has a {name} of {info.file_size} bytes; save the document again from Word")
    return zf.read(info)


def _target(zf: zipfile.ZipFile, rels_name: str, rel_type: str) -> str | None:
    blob = _read(zf, rels_name)
    if blob is None:
        return None
    base = dirname(dirname(rels_name))
    for rel in etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True)):
        if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return normpath(target.lstrip("/")) if target.startswith("/") else normpath(join(base, target))
    return None


def _rels_name(document: str) -> str:
    return join(dirname(document), "_rels", document.rsplit("/", 1)[-1] + ".rels")


def _links(zf: zipfile.ZipFile, document: str) -> dict[str, str]:
    """Relationship id -> address of the document's external hyperlinks."""
    blob = _read(zf, _rels_name(document))
    if blob is None:
        return {}
    rels = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    return {
        r.get("Id", ""): r.get("Target", "") for r in rels if r.get("TargetMode") == "External" and r.get("Type") == HYPERLINK
    }


def _styles(zf: zipfile.ZipFile, document: str) -> dict[str, tuple[str, int | None]]:
    """Style id -> (name, heading level), following `basedOn` for the level."""
    name = _target(zf, _rels_name(document), STYLES) or join(dirname(document), "styles.xml")
    blob = _read(zf, name)
    if blob is None:
        return {}
    try:
        root = parse_xml(blob)
    except etree.XMLSyntaxError:
        return {}
    raw: dict[str, tuple[str, int | None, str | None]] = {}
    for style in root.iterchildren(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if not sid:
            continue
        label = BabelFish.internal2ui(style.name_val or sid)
        outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        raw[sid] = (label, _level(label, outline), style.basedOn_val)
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            raw[""] = raw[sid]  # the style of a paragraph that names none
    out: dict[str, tuple[str, int | None]] = {}
    for sid, (label, level, based) in raw.items():
        seen = {sid}
        while level is None and based in raw and based not in seen:
            seen.add(based)
            level, based = raw[based][1], raw[based][2]
        out[sid] = (label, level)
    return out


def _level(style_name: str, outline) -> int | None:
    if style_name.casefold() in TITLE_STYLES:
        return 0
    if m := HEADING_STYLE.match(style_name.replace("Ü", "").replace("ü", "")):
        return int(m[1])
    if outline is not None and (val := outline.get(qn("w:val"), "")).isdigit() and int(val) < 9:
        return int(val) + 1
    return None


def _run_text(run) -> tuple[str, bool]:
    """A run's text and whether a page break is in it."""
    parts = []
    page = False
    for item in TEXT_ITEMS(run):
        if item.tag == qn("w:br") and item.get(qn("w:type")) in ("page", "column"):
            page = page or item.get(qn("w:type")) == "page"
            parts.append("\f")
        else:
            parts.append(str(item))
    return "".join(parts), page


def _bold(run) -> bool:
    rpr = run.rPr
    return rpr is not None and rpr.b is not None and rpr.b.val is not False


def _paragraphs(p, styles: dict[str, tuple[str, int | None]], links: dict[str, str], page_break: bool) -> list[DocxBlock]:
    """One paragraph, cut where it holds a page break; a break at its end is the next block's (last has no text)."""
    texts: list[str] = []
    bold = True
    for run in RUNS(p):
        text, _ = _run_text(run)
        texts.append(text)
        if text.strip().strip("\f"):
            bold = bold and _bold(run)
    ppr = p.pPr
    sid = p.style or ""
    name, level = styles.get(sid, (sid, None))
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    level = level if level is not None else _level("", outline)
    page_break = page_break or (ppr is not None and ppr.pageBreakBefore_val is True)
    marks = tuple(b.get(qn("w:name"), "") for b in p.iterchildren(qn("w:bookmarkStart")))
    targets = tuple(dict.fromkeys(t for h in p.iterchildren(qn("w:hyperlink")) if (t := links.get(h.get(qn("r:id"), "")))))
    pieces = "".join(texts).split("\f")
    return [
        DocxBlock(
            text=piece,
            style=name,
            level=level,
            bold=bold and bool(piece.strip()),
            page_break=page_break or i > 0,
            bookmarks=marks if i == 0 else (),
            links=targets if i == 0 else (),
        )
        for i, piece in enumerate(pieces)
    ]


def _table(tbl, page_break: bool) -> DocxBlock:
    rows = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            paras = ("".join(_run_text(r)[0] for r in RUNS(p)).replace("\f", "") for p in tc.iter(qn("w:p")))
            cells.append("\n".join(x for x in paras if x.strip()).strip())
        rows.append(tuple(cells))
    text = "\n".join(" | ".join(c.replace("\n", " ") for c in row) for row in rows if any(row))
    return DocxBlock(text=text, page_break=page_break, rows=tuple(rows))


def _ends_page(p) -> bool:
    """A section break in this paragraph (the next starts a new page in Nexis exports and most files)."""
    ppr = p.pPr
    return ppr is not None and ppr.find(qn("w:sectPr")) is not None


def iter_blocks(data: bytes) -> Iterator[DocxBlock]:
    """The blocks of the main document of a .docx, streamed from the zip.

    Raises DocxError when the file is not a readable .docx.
    """
    zf = _zip(data)
    document = _target(zf, "_rels/.rels", OFFICE_DOCUMENT) or "word/document.xml"
    try:
        info = zf.getinfo(document)
    except KeyError:
        raise DocxError("is not a Word document (it has no word/document.xml); export or save it as .docx again") from None
    styles, links = _styles(zf, document), _links(zf, document)
    parser = etree.XMLPullParser(events=("end",), resolve_entities=False, no_network=True, huge_tree=True)
    parser.set_element_class_lookup(element_class_lookup)
    body, wanted = qn("w:body"), {qn("w:p"), qn("w:tbl")}
    pending_break = False
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
                for _, el in parser.read_events():
                    parent = el.getparent()
                    if el.tag not in wanted or parent is None:
                        continue
                    top = parent.tag == body or (parent.tag == qn("w:sdtContent") and _under_body(parent, body))
                    if not top:
                        continue
                    if el.tag == qn("w:tbl"):
                        yield _table(el, pending_break)
                        pending_break = False
                    else:
                        found = _paragraphs(el, styles, links, pending_break)
                        pending_break = _ends_page(el)
                        if len(found) > 1 and not found[-1].text.strip() and not found[-1].bookmarks:
                            found, pending_break = found[:-1], True
                        yield from found
                    el.clear()
                    while el.getprevious() is not None:
                        del parent[0]
            parser.close()
    except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DocxError(f"has a broken word/document.xml ({exc}); open it in Word and save it again") from exc


def _under_body(el, body: str) -> bool:
    sdt = el.getparent()
    return sdt is not None and sdt.getparent() is not None and sdt.getparent().tag == body


def core_title(data: bytes) -> str | None:
    """The title in the file's properties (docProps/core.xml), when one was set."""
    try:
        zf = _zip(data)
        blob = _read(zf, "docProps/core.xml")
    except DocxError:
        return None
    if not blob:
        return None
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    found = root.find("{http://purl.org/dc/elements/1.1/}title")
    return found.text.strip() if found is not None and found.text and found.text.strip() else None
