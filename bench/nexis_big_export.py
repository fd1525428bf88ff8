"""Memory and time of reading big Nexis exports (5,000 invented documents) in each export shape.

    .venv/bin/python bench/nexis_big_export.py [DOCUMENTS [PARAGRAPHS]]

Each shape is parsed in a fresh process, which prints its peak resident memory, so the
figures compare the file's own size (the bytes a build holds anyway) with what parsing
adds: documents are cut and parsed one at a time, a DOCX is streamed from its zip. A
document has PARAGRAPHS body paragraphs (40: about 4 kB of text, as in the corpus's Nexis
exports), so 5,000 of them are over the 8 MB a raw file of one article may have; each row
names the limit the file gets (limits.py) and the pipeline row reads it as a build does.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

PARAGRAPHS = 40
BODY = "The harbour authority raised ferry fares on Thursday, the first rise in ten years, for day {n}."
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def text_export(n: int, paragraphs: int = PARAGRAPHS) -> bytes:
    out = []
    for i in range(1, n + 1):
        out += [f"{' ' * 30}{i} of {n} DOCUMENTS", "", f"{' ' * 30}The Coastal Ledger", "", f"{' ' * 27}March 14, 2024 Thursday",
                "", f"Tide report {i}", "", "BYLINE: Lena Ortiz", "", "LENGTH: 212 words", ""]  # fmt: skip
        out += [BODY.format(n=i), ""] * paragraphs + ["LOAD-DATE: March 15, 2024", "", "LANGUAGE: ENGLISH", "", ""]
    return "\n".join(out).encode()


def html_export(n: int, paragraphs: int = PARAGRAPHS) -> bytes:
    style = '<STYLE TYPE="text/css"><!--\n.c0 { text-align: center; }\n.c4 { text-align: left; }\n--></STYLE>'
    out = [f"<HTML><HEAD>{style}</HEAD><BODY>"]
    for i in range(1, n + 1):
        out.append(
            f'<A NAME="DOC_ID_{i}_0"></A><!-- Hide XML section from browser\n<DOC NUMBER=1>\n<DOCFULL> -->\n'
            f'<DIV CLASS="c0"><P>{i} of {n} DOCUMENTS</P></DIV><DIV CLASS="c0"><P>The Coastal Ledger</P></DIV>'
            f'<DIV CLASS="c0"><P>March 14, 2024 Thursday</P></DIV><DIV CLASS="c4"><P>Tide report {i}</P></DIV>'
            '<DIV CLASS="c4"><P>BYLINE: Lena Ortiz</P></DIV><DIV CLASS="c4"><P>LENGTH: 212 words</P></DIV><DIV CLASS="c4">'
            + f"<P>{BODY.format(n=i)}</P>"
            * paragraphs
            + '</DIV><DIV CLASS="c4"><P>LOAD-DATE: March 15, 2024</P></DIV>'
            "<!-- Hide XML section from browser\n</DOCFULL>\n</DOC> -->\n"
        )
    return ("".join(out) + "</BODY></HTML>").encode()


def docx_export(n: int, paragraphs: int = PARAGRAPHS) -> bytes:
    def p(text: str, bold: bool = False) -> str:
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    parts = [p("User Name: A. READER"), p("Job Number: 1"), p(f"Documents ({n})", True)]
    for i in range(1, n + 1):
        parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        parts += [p(f"Tide report {i}", True), p("The Coastal Ledger"), p("March 14, 2024 Thursday"), p("Length: 212 words"),
                  p("Byline: Lena Ortiz"), p("Body", True)]  # fmt: skip
        parts += [p(BODY.format(n=i))] * paragraphs + [p("Load-Date: March 15, 2024"), p("End of Document", True)]
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(parts)}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr("word/document.xml", xml)
    return out.getvalue()


def child(path: str, kind: str) -> None:
    """Parse one export (kind "pipeline": all of stages 1-7 on it) and print the figures as JSON, in a fresh process."""
    from newsdesk import pipeline
    from newsdesk.formats import base, nexis_docx, nexis_html, nexis_text
    from newsdesk.records import RawText

    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if kind == "pipeline":
        folder = Path(path).parent
        settings = pipeline.Settings(
            raw_dir=folder,
            articles_dir=folder / "_articles",
            sources_dir=ROOT / "content" / "sources",
            topics_file=ROOT / "content" / "topics.yaml",
        )
        articles = pipeline.extract([Path(path)], settings, pipeline.Report())
    else:
        module = {"text": nexis_text, "html": nexis_html, "docx": nexis_docx}[kind]
        raw = RawText(path=Path(path), text=data.decode() if kind == "text" else "", encoding="utf-8", sha256="", kind=kind,
                      data=b"" if kind == "text" else data)  # fmt: skip
        articles = module.parse([raw], base.Context())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": len(articles), "seconds": seconds, "before_mb": before / 1024, "peak_mb": peak / 1024}))


def main(argv: list[str]) -> int:
    if len(argv) > 2 and argv[1] == "--child":
        child(argv[2], argv[3])
        return 0
    from newsdesk import limits, pipeline

    n = int(argv[1]) if len(argv) > 1 else 5000
    paragraphs = int(argv[2]) if len(argv) > 2 else PARAGRAPHS
    print(f"Nexis exports of {n} invented documents of {paragraphs} paragraphs: peak memory of a fresh process parsing each")
    print("  (pipeline: the text export through stages 1-7, topics and stories included)")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make in (("text", text_export), ("html", html_export), ("docx", docx_export), ("pipeline", text_export)):
            path = Path(tmp) / kind / ("big.txt" if kind == "pipeline" else f"big.{kind}")
            path.parent.mkdir()
            path.write_bytes(make(n, paragraphs))
            settings = pipeline.Settings(raw_dir=path.parent, articles_dir=path.parent / "_articles")
            limit = limits.limit_for(path, path.read_bytes()[: limits.HEAD], 1 << 40, settings)  # at any size
            inner = len(zipfile.ZipFile(path).read("word/document.xml")) if kind == "docx" else path.stat().st_size
            command = [sys.executable, __file__, "--child", str(path), kind]
            run = subprocess.run(command, capture_output=True, text=True, check=True)
            got = json.loads(run.stdout)
            print(
                f"  {kind:<8} file {path.stat().st_size / 1e6:6.1f} MB (markup {inner / 1e6:6.1f} MB, "
                f"limit {limit.bytes / 1048576:.0f} MB for {limit.what})  "
                f"articles {got['articles']:>5}  "
                f"{got['seconds']:6.1f} s  peak {got['peak_mb']:6.0f} MB (after reading the file {got['before_mb']:5.0f} MB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
