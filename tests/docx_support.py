"""Word files for the tests, written with python-docx: invented text in the layouts Newsdesk reads."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


@dataclass(frozen=True)
class NexisDoc:
    headline: str
    source: str = "The Coastal Ledger"
    date_line: str = "March 14, 2024 Thursday"
    fields: tuple[tuple[str, str], ...] = (("Section", "LOCAL; Pg. 4"), ("Length", "120 words"), ("Byline", "Lena Ortiz"))
    body: tuple[str, ...] = ("The harbour authority raised ferry fares on Thursday.",)
    graphic: str | None = None
    load_date: str = "March 15, 2024"
    copyright: str | None = "Copyright 2024 Coastal Ledger Media All Rights Reserved"
    classification: tuple[tuple[str, str], ...] = field(default=(("Language", "ENGLISH"),))
    doc_id: str | None = None  # linked from the headline, as Nexis Uni does


def _linked(document, text: str, url: str) -> None:
    """A bold paragraph whose text is a hyperlink (python-docx has no public call for one)."""
    r_id = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    p = document.add_paragraph()
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    p._p.append(link)


def _bold(document, text: str, size: int | None = None):
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return p


def _label(document, label: str, value: str) -> None:
    p = document.add_paragraph()
    p.add_run(f"{label}:").bold = True
    p.add_run(f"\u00a0{value}")


def nexis_uni(docs: list[NexisDoc], *, cover: bool = True) -> bytes:
    """A Nexis Uni DOCX export: cover page with contents, then each document ending in "End of Document"."""
    document = docx.Document()
    if cover:
        document.add_paragraph("User Name: A. READER")
        document.add_paragraph("Date and Time: Monday, May 4, 2026 9:12:00 AM CEST")
        document.add_paragraph("Job Number: 12345678")
        _bold(document, f"Documents ({len(docs)})")
        for n, doc in enumerate(docs, 1):
            document.add_paragraph(f"{n}. {doc.headline}")
            document.add_paragraph("Client/Matter: -None-")
            document.add_paragraph("Search Terms: harbour ferry")
            table = document.add_table(rows=2, cols=2)
            cells = (("Content Type", "Narrowed by"), ("News", "Sources: The Coastal Ledger"))
            for (a, b), row in zip(cells, table.rows, strict=True):
                row.cells[0].text, row.cells[1].text = a, b
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for doc in docs:
        if doc.doc_id:
            _linked(document, doc.headline, f"https://advance.lexis.example/api/document?id={doc.doc_id}&context=1")
        else:
            _bold(document, doc.headline, 16)
        document.add_paragraph(doc.source)
        document.add_paragraph(doc.date_line)
        if doc.copyright:
            document.add_paragraph(doc.copyright)
        for label, value in doc.fields:
            _label(document, label, value)
        _bold(document, "Body", 14)
        for text in doc.body:
            document.add_paragraph(text)
        if doc.graphic:
            _bold(document, "Graphic")
            document.add_paragraph(doc.graphic)
        if doc.classification:
            _bold(document, "Classification")
            for label, value in doc.classification:
                _label(document, label, value)
        _label(document, "Load-Date", doc.load_date)
        _bold(document, "End of Document")
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return save(document)


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding `streams` at its root,
    as Word writes an encrypted .docx (EncryptionInfo, EncryptedPackage) or an old .doc.
    Every stream is padded to 4,096 bytes or more, so none needs the mini stream."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's order: shorter names first
    chunks = [streams[n].ljust(max(4096, -(-len(streams[n]) // 512) * 512), b"\0") for n in names]
    fat, start, sector = [FAT_SECTOR, END], [], 2  # sector 0: the FAT, 1: the directory
    for chunk in chunks:
        count = len(chunk) // 512
        start.append(sector)
        fat += [sector + i + 1 for i in range(count - 1)] + [END]
        sector += count
    assert len(fat) <= 128, "one FAT sector holds 128 sectors"

    def entry(name: str, kind: int, right: int, child: int, first: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        head = encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, NO_STREAM, right, child)
        return head + b"\0" * 36 + struct.pack("<IQ", first, size)

    directory = entry("Root Entry", 5, NO_STREAM, 1, END, 0)
    for i, name in enumerate(names, 1):  # each on the right of the one before: a valid search tree
        directory += entry(name, 2, i + 1 if i < len(names) else NO_STREAM, NO_STREAM, start[i - 1], len(streams[name]))
    directory = directory.ljust(-(-len(directory) // 512) * 512, b"\0")
    assert len(directory) == 512, "one directory sector holds four entries"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0) + struct.pack("<108I", *[FREE] * 108)
    )  # fmt: skip
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack(f"<{128 - len(fat)}I", *[FREE] * (128 - len(fat)))
    return header + fat_sector + directory + b"".join(chunks)
