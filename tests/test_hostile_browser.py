"""In a real (headless) browser, no script from a raw text runs on any page that shows it.

The raw text carries <script>, <img onerror>, javascript: links, <svg onload> and raw HTML
blocks; each payload calls alert(), which would open a dialog. Pages are loaded from disk,
links that carry a javascript: address would be clicked, and no dialog, console message or
page error may appear.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_hostile import BAD, articles_by_origin, copy_site, pelican

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is installed by `make test` (tests/system-packages.txt)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = copy_site(tmp_path_factory.mktemp("browser"))
    shutil.copy(BAD / "script-injection.txt", site / "content" / "raw")
    assert pelican(site).returncode == 0
    return site


def test_no_script_from_a_raw_text_runs(built):
    from playwright.sync_api import sync_playwright

    article = articles_by_origin(built)["script-injection.txt"]
    out = built / "output"
    story = next((out / "stories").glob("2021-*.html"))
    pages = [out / "articles" / article["file"].replace(".md", ".html"), out / "index.html", out / "archives.html", story]
    events: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
            page.on("console", lambda m: events.append(f"console: {m.text}"))
            page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
            for path in pages:
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                page.wait_for_timeout(200)  # an <img onerror> fires after its failed load
                assert page.locator("h1, h2, li").count() > 0, path
                for link in page.locator("a").all():
                    href = link.get_attribute("href") or ""
                    assert not href.strip().lower().startswith("javascript:"), (path, href)
                page.mouse.move(200, 200)
                page.mouse.move(400, 300)
            page.goto(pages[0].as_uri())
            assert "<img src=x onerror=alert(1)>" in page.locator("div.body").inner_text()
            assert page.evaluate("document.querySelectorAll('script:not([type=\"application/ld+json\"])').length") == 0
        finally:
            browser.close()
    assert events == []
