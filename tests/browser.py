"""Helpers for the browser tests: build the sample site with the real Makefile, serve it
on 127.0.0.1, drive Debian's Chromium with Playwright, and crawl the output for links."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup
from building import make  # noqa: F401 (the browser tests build through it)
from conftest import ROOT, copy_sample_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ARTIFACTS = ROOT / "tests" / "artifacts"


def copy_site(folder: Path) -> Path:
    """The sample site (settings, theme, plugins, raw content) in `folder`, no articles yet."""
    return copy_sample_site(folder)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) as a static host would; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's Chromium, headless; never a browser downloaded by Playwright."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: run `make test` (installs tests/system-packages.txt) or apt-get install chromium"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@dataclass
class PageWatch:
    """What a page did that a reader would suffer from: console errors, outside requests."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def watch(page) -> PageWatch:
    """Record console errors and uncaught exceptions; block and record any non-local request."""
    seen = PageWatch()
    page.on("console", lambda msg: msg.type == "error" and seen.errors.append(msg.text))
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))

    def route(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", None) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            seen.outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return seen


@dataclass(frozen=True)
class BrokenLink:
    page: str
    href: str
    why: str


def _ids(path: Path, cache: dict) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {tag["id"] for tag in soup.find_all(id=True)} | {
            a["name"] for a in soup.find_all("a", attrs={"name": True})
        }
    return cache[path]


def crawl(output: Path, site_url: str) -> tuple[int, list[BrokenLink]]:
    """Every internal href/src in every HTML page of `output` must name a file (and anchor) there.

    Links under `site_url` (canonical, feeds' absolute form) count as internal too.
    Returns the number of links checked and the broken ones.
    """
    broken: list[BrokenLink] = []
    checked = 0
    anchors: dict[Path, set[str]] = {}
    for html in sorted(output.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "source", "iframe"]):
            href = tag.get("href") or tag.get("src")
            if not href or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            if href.startswith(site_url):
                target, fragment = urldefrag(href[len(site_url) :].lstrip("/"))
                path = output / unquote(target)
            elif urlsplit(href).scheme or href.startswith("//"):
                continue
            else:
                target, fragment = urldefrag(href)
                path = (html.parent / unquote(target)) if target else html
            checked += 1
            rel = html.relative_to(output).as_posix()
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(BrokenLink(rel, href, "no such file"))
            elif fragment and path.suffix == ".html" and fragment not in _ids(path, anchors):
                broken.append(BrokenLink(rel, href, f"no #{fragment} in {path.relative_to(output)}"))
    return checked, broken
