"""The site's one view of stories and sources: pages and feeds agree on every source's slug and page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from newsdesk.site.view import build_view
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag

pytestmark = pytest.mark.unit


def articles(settings: dict, sources: list[str | None], story: str | None = None) -> list[Article]:
    start = datetime(2024, 3, 1, tzinfo=UTC)
    out = []
    for i, source in enumerate(sources):
        meta = {"title": f"Item {i}", "slug": f"item-{i}", "date": start + timedelta(days=i), "uid": f"urn:x:{i}"}
        meta["tags"] = [Tag("Harbour", settings)]
        if source:
            meta["source"] = source
        if story:
            meta["story"] = story
        out.append(Article(f"<p>Text {i}</p>", metadata=meta, settings=settings, source_path=f"a{i}.md"))
    return out


def view(tmp_path, names: list[str | None], **settings):
    config = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "SITENAME": "Test", **settings}
    items = articles(config, names, story="harbour-strike")
    tags = [(Tag("Harbour", config), items)]
    return build_view({"articles": items, "tags": tags, "pages": []}, config), items


def test_names_differing_in_case_get_one_slug_each_shared_by_page_and_feed(tmp_path):
    site, _ = view(tmp_path, ["le monde", "Le Monde", "le monde", "Le Monde"], NEWSDESK_SOURCE_URL="sources/{slug}.html")
    pages = {s.name: s for s in site.sources}
    assert [s.name for s in site.sources] == ["Le Monde", "le monde"]  # the same order whatever order articles come in
    assert pages["Le Monde"].slug == "le-monde" and pages["le monde"].slug == "le-monde-2"
    for name, page in pages.items():
        feed = site.feeds.source(name)
        assert feed.key == f"feeds/sources/{page.slug}" and feed.page_url == page.url


def test_source_feeds_follow_the_source_pages_without_a_setting(tmp_path):
    site, _ = view(tmp_path, ["Harbour Times"])
    (page,) = site.sources
    assert page.url == "sources/harbour-times.html"
    assert site.feeds.source("Harbour Times").page_url == page.url


def test_articles_with_no_source_get_a_page_but_no_feed(tmp_path):
    site, items = view(tmp_path, [None, "Harbour Times"])
    assert [s.name for s in site.sources] == ["Harbour Times", "unknown source"]
    assert site.feeds.source("unknown source") is None
    assert site.source_of(items[0]).name == "unknown source"


def test_every_article_finds_its_story_and_source_in_the_view(tmp_path):
    site, items = view(tmp_path, ["A", "B"])
    (story,) = site.stories
    assert all(site.story_of(a) is story for a in items)
    assert site.story_of(object()) is None
    assert story.atom_url == site.feeds.stories[story.id].atom_path == "feeds/stories/harbour-strike.atom.xml"
    assert [link.path for link in site.feeds.for_page(items[0])][:2] == [story.atom_url, story.rss_url]


def test_copies_recorded_at_ingest_are_read_not_computed_again(tmp_path):
    config = {**DEFAULT_CONFIG, "PATH": str(tmp_path)}
    items = articles(config, ["Wire A", "Paper B", "Paper C"], story="s")
    for article in items[:2]:  # different words, yet ingest said they print one text
        article.metadata["copy_group"] = "copy-1"
    (story,) = build_view({"articles": items, "tags": [], "pages": []}, config).stories
    assert [(c.article, c.also_in) for c in story.timeline] == [(items[0], ("Paper B",)), (items[2], ())]
