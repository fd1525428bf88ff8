"""The screenshot of a story page built from several outlets: docs/story-comparison.png.

Builds the sample site with the invented comparison fixtures (tests/fixtures/compare) in
a temporary folder, serves it on 127.0.0.1 and shoots the story page with Debian's
Chromium through Playwright (as the browser tests do). Nothing is downloaded.

    .venv/bin/python bench/story_screenshot.py [OUT.png]
"""

from __future__ import annotations

import functools
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))

from conftest import copy_sample_site  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from storysites import build, use_fixtures  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = copy_sample_site(Path(tmp))
        use_fixtures(site, "compare")
        build(site)
        (page_path,) = (site / "output" / "stories").glob("2025-05-*.html")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site / "output")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.goto(f"http://127.0.0.1:{server.server_port}/stories/{page_path.name}")
                page.screenshot(path=str(out), full_page=True)
                browser.close()
        finally:
            server.shutdown()
    print(f"story_screenshot: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "story-comparison.png")
