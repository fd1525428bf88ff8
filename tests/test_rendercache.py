"""Markdown rendered once per article text: the second build takes the HTML the first rendered."""

from __future__ import annotations

import json

from building import pelican
from conftest import copy_sample_site
from newsdesk.site.rendercache import CACHE, RenderCache


def test_a_text_is_rendered_once_and_only_what_was_used_is_kept(tmp_path):
    calls = []

    def convert(text):
        return lambda: calls.append(text) or f"<p>{text}</p>"

    first = RenderCache(tmp_path, "salt")
    assert first.render("a", convert("a")) == "<p>a</p>"
    assert first.render("a", convert("a")) == "<p>a</p>"
    first.render("b", convert("b"))
    first.save()
    assert calls == ["a", "b"]
    second = RenderCache(tmp_path, "salt")
    assert second.render("a", convert("a")) == "<p>a</p>" and calls == ["a", "b"]  # from the file
    second.save()
    assert list(json.loads((tmp_path / CACHE).read_text())["html"]) == list(second.now)  # "b" is gone
    assert RenderCache(tmp_path, "other code or settings").before == {}


def test_second_build_renders_from_the_cache_and_writes_the_same_site(tmp_path):
    site = copy_sample_site(tmp_path)
    pelican(site)
    cache = json.loads((site / "output" / CACHE).read_text(encoding="utf-8"))
    assert len(cache["html"]) == len(list((site / "content").rglob("*.md")))  # articles and pages
    before = _site(site / "output")
    (site / "output" / "index.html").unlink()  # rendered again, from cached article HTML
    pelican(site)
    assert _site(site / "output") == before


def _site(output):
    """What a host serves (the build's own state files, hidden, left out: they hold file times)."""
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file() and not p.name.startswith(".")}
