"""PDF files for the tests, written with reportlab: invented page texts laid out as a PDF writer lays them."""

from __future__ import annotations

import io
import re

from reportlab.pdfgen import canvas

CELL = re.compile(r"\S+(?: \S+)*")  # a run of words with single spaces: one piece of a laid-out line


def render(pages: list[str], *, font: str = "Courier", size: float = 9, width: float = 612, encrypt=None) -> bytes:
    """A PDF with one page per text: each line on its row, each run of words at its column.

    Columns are placed on a grid of the font's average character width, as PDF
    writers place table cells; with Courier that grid is exact.
    """
    grid = 0.6 * size if font == "Courier" else 0.5 * size
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, 792), invariant=1, encrypt=encrypt)
    for text in pages:
        pdf.setFont(font, size)
        for row, line in enumerate(text.replace("\f", "").rstrip("\n").split("\n")):
            for cell in CELL.finditer(line.replace("\xa0", " ")):
                pdf.drawString(36 + cell.start() * grid, 756 - row * 1.2 * size, cell.group())
        pdf.showPage()
    pdf.save()
    return out.getvalue()
