"""Memory and time of reading big exports: 500 and 5,000 invented articles per export shape.

    .venv/bin/python bench/exports_memory.py

Each export is written to a temporary folder and parsed in a fresh process, which prints its
peak resident memory. Bounded memory means the peak grows with the articles kept (the
Article records), not with the markup: the 5,000-article figure stays far below ten times
the 500-article one plus the file size. Each row names the limit a build gives the file
(limits.py: an export may be bigger than the 8 MB of one article). Figures only; nothing is asserted.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
FIXTURES = ROOT / "tests" / "fixtures"
SIZES = (500, 5000)

CHILD = """
import hashlib, resource, sys, time
from pathlib import Path
sys.path.insert(0, {plugins!r})
from newsdesk.formats import {module}
from newsdesk.formats.base import Context
from newsdesk.profiles import Profiles
from newsdesk.records import RawText
from newsdesk.topics import Vocabulary
path = Path({path!r})
data = path.read_bytes()
text = data.decode("utf-8") if {kind!r} == "text" else ""
raw = RawText(path, text, "utf-8", "", kind={kind!r}, data=b"" if text else data)
start = time.process_time()
articles = {module}.parse([raw], Context(Profiles(), Vocabulary()))
seconds = time.process_time() - start
print(len(articles), round(seconds, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def repeated(path: Path, start: str, end: str, n: int) -> str:
    """The fixture with its first article (from `start` to just before `end`) repeated n times."""
    text = path.read_text(encoding="utf-8")
    a = text.index(start)
    b = text.index(end, a + len(start))
    return text[:a] + text[a:b] * n + text[b:]


def exports(folder: Path, n: int) -> list[tuple[str, str, Path]]:
    fx = FIXTURES / "factiva_export"
    pq = FIXTURES / "proquest" / "page.html"
    made = {
        "factiva Article Format HTML": ("factiva_html", "html", fx / "article_format_en.html",
                                        '<div id="article-', '<div id="article-HBGZT00020240306'),
        "factiva field-coded text": ("factiva_export", "text", fx / "field_coded.txt", "HD  Police", "SE  Sport"),
        "factiva XML": ("factiva_xml", "xml", fx / "factiva.xml", "      <ppsarticle>",
                        "      <ppsarticle>\n        <article>\n   "),
        "proquest page": ("proquest", "html", pq, '<div style="margin-bottom:20px', "</body>"),
    }  # fmt: skip
    out = []
    for name, (module, kind, fixture, start, end) in made.items():
        text = repeated(fixture, start, end, n)
        path = folder / f"{module}-{n}.{'txt' if kind == 'text' else kind}"
        path.write_text(text, encoding="utf-8")
        out.append((name, module, path, kind))
    return out


def main() -> int:
    from newsdesk import limits
    from newsdesk.settings import Settings

    print(f"exports memory: peak resident memory and CPU time of one parse, {' and '.join(map(str, SIZES))} articles")
    with tempfile.TemporaryDirectory() as tmp:
        rows: dict[str, list[str]] = {}
        for n in SIZES:
            for name, module, path, kind in exports(Path(tmp), n):
                code = CHILD.format(plugins=str(ROOT / "plugins"), module=module, path=str(path), kind=kind)
                result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                count, seconds, peak = result.stdout.split()
                size = path.stat().st_size / 1048576
                settings = Settings(raw_dir=path.parent, articles_dir=path.parent / "_articles")
                limit = limits.limit_for(path, path.read_bytes()[: limits.HEAD], 1 << 40, settings)  # at any size
                rows.setdefault(name, []).append(
                    f"{count} articles ({size:.1f} MB; limit {limit.bytes / 1048576:.0f} MB, {limit.what}): "
                    f"{seconds} s, peak {peak} MB"
                )
        for name, cells in rows.items():
            print(f"{name}: " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
