"""Word files for the tests, written with python-docx: invented text in the layouts Newsdesk reads."""

from __future__ import annotations

import io
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
