"""The site as readers get it: built by `make html`, served on 127.0.0.1, opened in Chromium.

Each page type is opened at desktop and phone widths (screenshots in tests/artifacts/),
must log no console error, make no outside request, overflow no narrow screen, and pass
axe-core with no serious or critical violation. Search must find both seed articles.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import ARTIFACTS, DESKTOP, PHONE, crawl, launch, serve, watch
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

SITE_URL = "http://localhost:8000"
REPORT = "articles/bne-intellinews-russia-breaks-of-diplomatic-ties-with-nato.html"
CLIPPING = "articles/bangkok-post-kremlin-breaks-diplomatic-ties-with-nato.html"
PAGE_TYPES = {
    "home": "index.html",
    "story": "stories/2021-11-nato-russia-sergei-lavrov.html",
    "stories": "stories/index.html",
    "article": CLIPPING,
    "article-month-date": REPORT,
    "topic": "topics/nato.html",
    "topics": "topics/index.html",
    "source": "sources/bangkok-post.html",
    "sources": "sources/index.html",
    "archive": "archives.html",
    "month": "archives/2021/11/index.html",
    "about": "about.html",
    "search": "search.html",
}


@pytest.fixture(scope="module")
def served(sample_build):
    site, _ = sample_build
    with serve(site / "output") as base:
        yield site / "output", base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def open_page(browser, url: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
    page = context.new_page()
    seen = watch(page)
    page.goto(url, wait_until="networkidle")
    return context, page, seen


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_reads_well_on_desktop_and_phone(served, browser, name):
    _, base = served
    ARTIFACTS.mkdir(exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page, seen = open_page(browser, base + PAGE_TYPES[name], viewport)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
            assert seen.errors == [], (name, label, seen.errors)
            assert seen.outside == [], (name, label, seen.outside)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} is {width}px wide at {label} width {viewport['width']}px"
            assert page.locator("h1").count() == 1, name
            violations = serious(Axe().run(page))
            assert violations == [], (name, label, violations)
        finally:
            context.close()


@pytest.mark.parametrize("name", ["home", "article", "story", "search"])
def test_dark_and_320px(served, browser, name):
    """Dark mode keeps contrast (axe) and the smallest phones get no sideways scrolling."""
    _, base = served
    context, page, seen = open_page(browser, base + PAGE_TYPES[name], {"width": 320, "height": 640}, "dark")
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}-dark-320.png"), full_page=True)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(20, 20, 20)", background
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
        assert serious(Axe().run(page)) == [], name
        assert seen.errors == [] and seen.outside == []
    finally:
        context.close()


def test_print_stylesheet_hides_navigation(served, browser):
    _, base = served
    context, page, _ = open_page(browser, base + CLIPPING, DESKTOP)
    try:
        page.emulate_media(media="print")
        assert page.locator("nav.sections").is_hidden()
        assert page.locator("article h1").is_visible()
        page.pdf(path=str(ARTIFACTS / "article-print.pdf"))
    finally:
        context.close()


def test_search_finds_both_lavrov_articles_and_filters(served, browser):
    _, base = served
    context, page, seen = open_page(browser, base + "search.html", DESKTOP)
    try:
        page.locator(".pagefind-ui__search-input").fill("Lavrov")
        results = page.locator(".pagefind-ui__result-link")
        results.nth(1).wait_for()
        hrefs = sorted(results.evaluate_all("links => links.map(a => new URL(a.href).pathname)"))
        assert hrefs == ["/" + CLIPPING, "/" + REPORT]
        page.screenshot(path=str(ARTIFACTS / "search-results-desktop.png"), full_page=True)
        assert serious(Axe().run(page)) == [], "search results"
        found = page.evaluate(
            """async () => {
                const pagefind = await import("./pagefind/pagefind.js");
                const filters = await pagefind.filters();
                const one = await pagefind.search("Lavrov", {filters: {source: "Bangkok Post"}});
                const topic = await pagefind.search("Lavrov", {filters: {topic: "Josep Borrell"}});
                const urls = async (r) => Promise.all(r.results.map(async x => (await x.data()).url));
                return {filters, source: await urls(one), topic: await urls(topic)};
            }"""
        )
        assert set(found["filters"]["source"]) == {"Bangkok Post", "bne IntelliNews"}
        assert found["filters"]["topic"]["NATO"] == 2
        assert found["source"] == ["/" + CLIPPING]
        assert found["topic"] == ["/" + REPORT]
        assert seen.errors == [] and seen.outside == []
    finally:
        context.close()


def test_search_from_query_string(served, browser):
    """search.html?q=… (the header's search link can carry a query) runs the search at once."""
    _, base = served
    context, page, _ = open_page(browser, base + "search.html?q=Stoltenberg", PHONE)
    try:
        page.locator(".pagefind-ui__result-link").first.wait_for()
        assert page.locator(".pagefind-ui__result-link").count() == 1
    finally:
        context.close()


def test_no_broken_internal_link_or_anchor(served):
    output, _ = served
    checked, broken = crawl(output, SITE_URL)
    assert broken == []
    assert checked > 200


def test_article_json_ld_parses_in_the_browser(served, browser):
    _, base = served
    context, page, _ = open_page(browser, base + REPORT, DESKTOP)
    try:
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    finally:
        context.close()
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Russia breaks of diplomatic ties with Nato"
    assert data["datePublished"] == "2021-11"
    assert data["publisher"] == {"@type": "Organization", "name": "bne IntelliNews", "url": "https://www.intellinews.com/"}
    assert {"name": "NATO", "@type": "Thing"} in data["about"]


def test_no_outside_resources_and_no_render_blocking_script(served):
    """Static hosts only: every stylesheet, script and font is local; scripts are deferred."""
    output, _ = served
    pages = sorted(output.rglob("*.html"))
    assert len(pages) >= 10, f"the sample site has at least 10 pages, found {len(pages)}"
    scripts = 0
    for html in pages:
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script", src=True):
            assert script.has_attr("defer") or script.has_attr("async"), (html.name, script["src"])
            assert "://" not in script["src"], (html.name, script["src"])
            scripts += 1
        for link in page.find_all("link", rel="stylesheet"):
            assert "://" not in link["href"], (html.name, link["href"])
    assert scripts >= 1, "the search page loads its script"
    sheets = sorted((output / "theme").rglob("*.css"))
    assert sheets, "the theme's stylesheets are in output/theme"
    for css in sheets:
        text = css.read_text(encoding="utf-8")
        assert "@font-face" not in text and "url(" not in text and "@import" not in text, css.name
