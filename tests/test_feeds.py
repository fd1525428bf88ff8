"""Feeds as readers see them: feedparser, the RFC 4287 RELAX NG schema, RSS 2.0 and JSON Feed 1.1
rules, and newsboat reading the story feed from a local server.

The sample site gets one hand-written article beside the seeds: it has a relative link, an image
and XML-illegal control characters, and belongs to no story.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
import rnc2rng
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, copy_sample_site
from lxml import etree

SCHEMA = Path(__file__).parent / "fixtures" / "feeds" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEURL = "http://localhost:8000"
STORY = "2021-11-nato-russia-sergei-lavrov"
SEED_TITLES = ["Russia breaks of diplomatic ties with Nato", "Kremlin breaks diplomatic ties with Nato"]
BANGKOK = "bangkok-post-kremlin-breaks-diplomatic-ties-with-nato.md"
HAND_WRITTEN = """\
---
title: Wire desk test note
slug: wire-desk-test-note
date: 2021-11-05
source: Newsdesk Test Wire
source_url: https://wire.example.org/
byline:
- Ada Reporter
topics:
- NATO
uid: urn:uuid:0f6c2d1e-5a7b-4c3d-9e8f-101112131415
---

A short note written for the tests\x0b with a vertical tab and an escape\x1b character.

See the [about page]({filename}/pages/about.md) and the chart below.

![Chart](../images/chart.png)
"""
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
JSONFEED_TOP = {"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon",
                "favicon", "authors", "language", "expired", "hubs", "items"}  # fmt: skip
JSONFEED_ITEM = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
                 "date_published", "date_modified", "authors", "tags", "language", "attachments"}  # fmt: skip


def make_site(folder: Path) -> Path:
    copy_sample_site(folder)
    (folder / "content" / "articles" / "wire-desk-test-note.md").write_text(HAND_WRITTEN, encoding="utf-8")
    return folder


def build(site: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-v", *extra],
        cwd=site, capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "400"},
    )  # fmt: skip
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("feeds"))
    build(site)
    return site


def feed_files(site: Path, suffix: str) -> list[Path]:
    return sorted((site / "output" / "feeds").rglob(f"*{suffix}"))


@functools.cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287 Appendix B, compact syntax converted to XML (an empty prefix is not XML, so it goes)."""
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMA)))
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def atom_entries(path: Path) -> list[etree._Element]:
    return etree.parse(str(path)).getroot().findall(f"{ATOM}entry")


# --- what exists ----------------------------------------------------------------------------


def test_every_feed_exists_in_three_formats_and_the_opml_lists_them(built):
    out = built / "output"
    topics = sorted(p.stem for p in (out / "topics").glob("*.html") if p.stem != "index")
    keys = ["feeds/all", f"feeds/stories/{STORY}", "feeds/sources/bangkok-post", "feeds/sources/bne-intellinews",
            "feeds/sources/newsdesk-test-wire", *(f"feeds/topics/{t}" for t in topics)]  # fmt: skip
    assert "nato" in topics and len(topics) >= 8
    for key in keys:
        for suffix in (".atom.xml", ".rss.xml", ".json"):
            assert (out / f"{key}{suffix}").is_file(), key + suffix
    opml = etree.parse(str(out / "feeds" / "all.opml")).getroot()
    assert opml.get("version") == "2.0" and opml.findtext("head/title")
    listed = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")]
    assert sorted(listed) == sorted(f"{SITEURL}/{k}.atom.xml" for k in keys)
    assert [g.get("text") for g in opml.find("body")] == ["Everything", "Stories", "Topics", "Sources"]


def test_feedparser_finds_no_problem_in_any_feed(built):
    files = feed_files(built, ".xml")  # feedparser 6.0 reads no JSON Feed; see the JSON Feed test
    assert len(files) >= 2 * 12
    for path in files:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries, path
        assert feed.version in ("atom10", "rss20"), (path, feed.version)


# --- Atom: RFC 4287 ---------------------------------------------------------------------------


def test_every_atom_feed_validates_against_the_rfc_4287_schema(built):
    schema = atom_schema()
    for path in feed_files(built, ".atom.xml"):
        doc = etree.parse(str(path))
        assert schema.validate(doc), (path, schema.error_log.last_error)
        feed = doc.getroot()
        # The Schematron rules of RFC 4287 (section 4.1.1 and 4.1.2) the grammar cannot say.
        entries = feed.findall(f"{ATOM}entry")
        assert feed.find(f"{ATOM}author") is not None or all(e.find(f"{ATOM}author") is not None for e in entries)
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(ids) == len(set(ids)), path
        for entry in entries:
            alternate = [ln for ln in entry.findall(f"{ATOM}link") if ln.get("rel", "alternate") == "alternate"]
            assert alternate or entry.find(f"{ATOM}content") is not None
            assert entry.find(f"{ATOM}summary") is not None


def test_the_schema_rejects_an_atom_feed_without_id(built):
    doc = etree.parse(str(built / "output" / "feeds" / "all.atom.xml"))
    feed = doc.getroot()
    feed.remove(feed.find(f"{ATOM}id"))
    assert not atom_schema().validate(doc)


def test_atom_feed_level_elements(built):
    path = built / "output" / "feeds" / "stories" / f"{STORY}.atom.xml"
    feed = etree.parse(str(path)).getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    editor_title = yaml.safe_load((ROOT / "content" / "stories.yaml").read_text(encoding="utf-8"))[STORY]["title"]
    assert feed.findtext(f"{ATOM}title") == f"{editor_title} — Newsdesk"
    assert "2 articles from 2 sources" in feed.findtext(f"{ATOM}subtitle")
    links = {ln.get("rel"): ln.get("href") for ln in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{SITEURL}/feeds/stories/{STORY}.atom.xml", "alternate": f"{SITEURL}/stories/{STORY}.html"}
    assert feed.findtext(f"{ATOM}generator").startswith("Newsdesk")
    newest = max(datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in feed.findall(f"{ATOM}entry"))
    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == newest


def test_entries_credit_the_outlet_carry_topics_and_come_newest_first(built):
    feed = feedparser.parse((built / "output" / "feeds" / "all.atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Wire desk test note", *SEED_TITLES]
    note, bne, bangkok = feed.entries
    assert note.author == "Ada Reporter" and bangkok.author == "AFP" and bne.author == "bne IntelliNews"
    assert bangkok.source.title == "Bangkok Post" and bangkok.source.links[0].href == "https://www.bangkokpost.com/"
    assert {"nato", "russia", "sergei-lavrov"} <= {t.term for t in bangkok.tags}
    assert {t.label for t in bangkok.tags} >= {"NATO", "Sergei Lavrov"}
    assert bangkok.id == "urn:uuid:329b96a4-5c98-5b93-adc5-0d26c23423df"
    assert bangkok.published.startswith("2021-10-18") and bangkok.updated.startswith("2021-10-18")
    assert bangkok.summary.startswith("Russia said on Monday") and len(bangkok.summary) < len(bangkok.content[0].value)
    assert "MOSCOW" in bangkok.content[0].value and "security guard patrols" in bangkok.content[0].value


def test_content_links_are_absolute_and_control_characters_gone(built):
    raw = (built / "output" / "feeds" / "sources" / "newsdesk-test-wire.atom.xml").read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", raw)
    html = feedparser.parse(raw).entries[0].content[0].value
    soup = BeautifulSoup(html, "html.parser")
    assert soup.img["src"] == f"{SITEURL}/images/chart.png"
    assert soup.a["href"] == f"{SITEURL}/about.html"
    assert "tests with a vertical tab" in html


# --- RSS 2.0 --------------------------------------------------------------------------------


def test_every_rss_feed_follows_the_rss_2_rules(built):
    for path in feed_files(built, ".rss.xml"):
        rss = etree.parse(str(path)).getroot()
        assert rss.tag == "rss" and rss.get("version") == "2.0"
        (channel,) = rss.findall("channel")
        for required in ("title", "link", "description"):
            assert (channel.findtext(required) or "").strip(), (path, required)
        assert channel.findtext("link").startswith("http")
        self_link = channel.find("{http://www.w3.org/2005/Atom}link[@rel='self']")
        assert self_link.get("href") == f"{SITEURL}/{path.relative_to(built / 'output').as_posix()}"
        assert channel.findtext("language") == "en"
        for name in ("pubDate", "lastBuildDate"):
            assert RFC822.match(channel.findtext(name)), (path, name)
        items = channel.findall("item")
        assert items
        dates = []
        for item in items:
            assert item.findtext("title") or item.findtext("description")
            guid = item.find("guid")
            assert guid.text.startswith("urn:uuid:") and guid.get("isPermaLink") == "false"
            assert RFC822.match(item.findtext("pubDate")), item.findtext("pubDate")
            dates.append(parsedate_to_datetime(item.findtext("pubDate")))
            source = item.find("source")
            assert source is not None and source.get("url", "").startswith("https://") and source.text
            assert item.findtext("{http://purl.org/dc/elements/1.1/}creator")
            for category in item.findall("category"):
                assert category.text
        assert dates == sorted(dates, reverse=True), path


# --- JSON Feed 1.1 --------------------------------------------------------------------------


def test_every_json_feed_follows_the_1_1_spec(built):
    for path in feed_files(built, ".json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(feed["title"], str) and feed["title"]
        assert {k for k in feed if not k.startswith("_")} <= JSONFEED_TOP
        assert feed["feed_url"] == f"{SITEURL}/{path.relative_to(built / 'output').as_posix()}"
        assert feed["home_page_url"].startswith(SITEURL)
        assert all(isinstance(a["name"], str) for a in feed["authors"])
        assert isinstance(feed["items"], list) and feed["items"]
        for item in feed["items"]:
            assert {k for k in item if not k.startswith("_")} <= JSONFEED_ITEM
            assert isinstance(item["id"], str) and item["id"].startswith("urn:uuid:")
            assert isinstance(item["content_html"], str) and item["content_html"]
            for name in ("date_published", "date_modified"):
                assert RFC3339.match(item[name]), (path, item[name])
            assert item["url"].startswith(SITEURL)
            assert all(isinstance(t, str) for t in item["tags"])
        published = [datetime.fromisoformat(i["date_published"]) for i in feed["items"]]
        assert published == sorted(published, reverse=True)


# --- pages point to their feeds -----------------------------------------------------------------


def discovered(site: Path, page: str) -> list[str]:
    soup = BeautifulSoup((site / "output" / page).read_text(encoding="utf-8"), "html.parser")
    hrefs = []
    for link in soup.select("head link[rel=alternate]"):
        assert link["type"] in ("application/atom+xml", "application/rss+xml", "application/feed+json")
        target = (site / "output" / Path(page).parent / link["href"]).resolve()
        assert target.is_file(), (page, link["href"])
        hrefs.append(target.relative_to((site / "output").resolve()).as_posix())
    return hrefs


def test_every_page_offers_its_own_feeds_then_the_site_feeds(built):
    site_feeds = ["feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json"]
    assert discovered(built, "index.html") == site_feeds
    assert discovered(built, "about.html") == site_feeds
    story = discovered(built, f"stories/{STORY}.html")
    assert story[:3] == [f"feeds/stories/{STORY}.atom.xml", f"feeds/stories/{STORY}.rss.xml", f"feeds/stories/{STORY}.json"]
    assert story[3:] == site_feeds
    assert discovered(built, "topics/nato.html")[0] == "feeds/topics/nato.atom.xml"
    article = discovered(built, "articles/bangkok-post-kremlin-breaks-diplomatic-ties-with-nato.html")
    assert article[0] == f"feeds/stories/{STORY}.atom.xml" and article[3] == "feeds/sources/bangkok-post.atom.xml"
    assert discovered(built, "articles/wire-desk-test-note.html")[0] == "feeds/sources/newsdesk-test-wire.atom.xml"


def test_subscribe_page_lists_every_feed_and_the_opml(built):
    soup = BeautifulSoup((built / "output" / "subscribe.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.select("main a")}
    assert "feeds/all.opml" in hrefs
    for path in feed_files(built, ".atom.xml") + feed_files(built, ".rss.xml") + feed_files(built, ".json"):
        assert path.relative_to(built / "output").as_posix() in hrefs


# --- ids and `updated` ---------------------------------------------------------------------------


def test_updated_moves_only_when_the_digest_changes(tmp_path):
    from newsdesk.feeds.state import FeedState

    state = FeedState(tmp_path / "state.json")
    published = datetime.fromisoformat("2021-10-18T00:00:00+00:00")
    edited = datetime.fromisoformat("2021-12-01T09:30:00+00:00")
    assert state.updated("urn:a", "d1", published, edited) == published  # first seen
    assert state.updated("urn:a", "d1", published, edited) == published  # unchanged: file time ignored
    assert state.updated("urn:a", "d2", published, edited) == edited  # changed: when the file changed
    assert state.changed == {"urn:a"}
    assert state.updated("urn:a", "d2", published, published) == edited  # recorded time kept
    later = datetime.fromisoformat("2022-01-02T00:00:00+00:00")
    assert state.updated("urn:a", "d2", published, edited, modified=later) == later  # an editor's `modified`
    state.save()
    again = FeedState.load(tmp_path / "state.json")
    assert again.updated("urn:a", "d2", published, edited, modified=later) == later


def test_an_article_without_uid_gets_a_stable_one_and_a_warning(caplog):
    from newsdesk.feeds.entries import article_uid
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    date = datetime.fromisoformat("2021-11-05T00:00:00+00:00")
    article = Article("<p>x</p>", {"title": "Hand", "date": date}, DEFAULT_CONFIG, source_path="/site/content/articles/hand.md")
    first, second = article_uid(article), article_uid(article)
    assert first == second and re.match(r"^urn:uuid:[0-9a-f-]{36}$", first)
    assert "hand.md: no `uid` in the front matter" in caplog.text


# --- a real reader ------------------------------------------------------------------------------


@pytest.fixture
def served(built):
    """output/ over HTTP on 127.0.0.1, a free port; stopped after the test."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built / "output"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def newsboat(home: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("newsboat")
    assert exe, "newsboat is not installed: `make test` installs it (tests/system-packages.txt)"
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local")}
    return subprocess.run([exe, *args], cwd=home, env=env, capture_output=True, text=True, timeout=60, check=True)


@pytest.mark.parametrize("suffix", [".atom.xml", ".rss.xml"])
def test_newsboat_reads_the_story_feed_from_a_local_server(served, tmp_path, suffix):
    url = f"{served}/feeds/stories/{STORY}{suffix}"
    (tmp_path / "urls").write_text(f"{url}\n", encoding="utf-8")
    (tmp_path / "config").write_text("download-timeout 10\n", encoding="utf-8")
    result = newsboat(tmp_path, "-u", "urls", "-c", "cache.db", "-C", "config", "-x", "reload", "print-unread")
    assert "2 unread articles" in result.stdout
    with sqlite3.connect(tmp_path / "cache.db") as db:
        query = "SELECT title, guid, author FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC"
        rows = db.execute(query, (url,)).fetchall()
    assert [r[0] for r in rows] == SEED_TITLES
    assert [r[2] for r in rows] == ["bne IntelliNews", "AFP"]
    assert all(r[1].startswith("urn:uuid:") for r in rows)


def test_newsboat_imports_the_opml_list(built, tmp_path):
    newsboat(tmp_path, "-u", "urls", "-i", str(built / "output" / "feeds" / "all.opml"))
    urls = [line.split()[0] for line in (tmp_path / "urls").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert f"{SITEURL}/feeds/stories/{STORY}.atom.xml" in urls
    assert len(urls) == len(feed_files(built, ".atom.xml"))


# --- corrections and rebuilds -------------------------------------------------------------------


def test_a_rebuild_with_no_change_rewrites_no_feed(tmp_path):
    site = make_site(tmp_path)
    build(site)
    files = [*(p for p in feed_files(site, "") if p.is_file()), site / "content" / "articles" / ".newsdesk-feedstate.json"]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    log = build(site)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files} == before
    assert "0 files written; entries 0 added, 0 changed, 0 removed" in " ".join(log.split())


def test_correcting_title_and_date_changes_the_entry_in_place(tmp_path):
    site = make_site(tmp_path)
    build(site)
    story = site / "output" / "feeds" / "stories" / f"{STORY}.atom.xml"
    first = {e.id: e for e in feedparser.parse(story.read_bytes()).entries}
    article = site / "content" / "articles" / BANGKOK
    text = article.read_text(encoding="utf-8")
    text = text.replace("title: Kremlin breaks diplomatic ties with Nato", "title: Kremlin cuts ties with Nato")
    article.write_text(text.replace("date: 2021-10-18", "date: 2021-10-19"), encoding="utf-8")
    edited_at = datetime.fromisoformat("2021-12-01T09:30:00+00:00").timestamp()
    os.utime(article, (edited_at, edited_at))
    log = " ".join(build(site).split())

    second = {e.id: e for e in feedparser.parse(story.read_bytes()).entries}
    assert second.keys() == first.keys()
    uid = "urn:uuid:329b96a4-5c98-5b93-adc5-0d26c23423df"
    assert second[uid].title == "Kremlin cuts ties with Nato"
    assert second[uid].published.startswith("2021-10-19")
    assert second[uid].updated == "2021-12-01T09:30:00+00:00"
    other = next(k for k in first if k != uid)
    assert second[other].updated == first[other].updated
    assert f"feeds/stories/{STORY}: 0 added, 1 changed, 0 removed" in log
    feed = etree.parse(str(story)).getroot()
    assert feed.findtext(f"{ATOM}updated") == "2021-12-01T09:30:00+00:00"
    # The next build, with nothing changed, keeps that `updated`.
    before = story.stat().st_mtime_ns
    build(site)
    assert story.stat().st_mtime_ns == before


def test_a_deleted_article_leaves_its_feeds_and_the_report_says_so(tmp_path):
    site = make_site(tmp_path)
    log = " ".join(build(site).split())
    assert "feeds/all: 3 added, 0 changed, 0 removed" in log and "more feeds changed" in log
    (site / "content" / "articles" / "wire-desk-test-note.md").unlink()
    log = " ".join(build(site).split())
    assert "feeds/all: 0 added, 0 changed, 1 removed" in log
    assert "feeds/topics/nato: 0 added, 0 changed, 1 removed" in log
    titles = [e.title for e in feedparser.parse((site / "output" / "feeds" / "all.atom.xml").read_bytes()).entries]
    assert titles == SEED_TITLES


def test_maximum_items_icon_and_logo_are_settings(tmp_path):
    site = make_site(tmp_path)
    build(site, "-e", "NEWSDESK_FEED_MAX_ITEMS=1", 'NEWSDESK_FEED_ICON="images/icon.png"', 'NEWSDESK_FEED_LOGO="images/logo.png"')
    feed = etree.parse(str(site / "output" / "feeds" / "all.atom.xml")).getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Wire desk test note"]
    assert feed.findtext(f"{ATOM}icon") == f"{SITEURL}/images/icon.png"
    assert feed.findtext(f"{ATOM}logo") == f"{SITEURL}/images/logo.png"
    assert atom_schema().validate(feed.getroottree())
    rss = etree.parse(str(site / "output" / "feeds" / "all.rss.xml")).getroot()
    assert rss.findtext("channel/image/url") == f"{SITEURL}/images/logo.png"
    jf = json.loads((site / "output" / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert jf["icon"] == f"{SITEURL}/images/logo.png" and jf["favicon"] == f"{SITEURL}/images/icon.png"
    assert len(jf["items"]) == 1


def test_an_unreadable_feed_state_is_named_and_the_build_goes_on(tmp_path):
    site = make_site(tmp_path)
    state = site / "content" / "articles" / ".newsdesk-feedstate.json"
    state.write_text("{not json", encoding="utf-8")
    log = " ".join(build(site).split())
    assert ".newsdesk-feedstate.json: unreadable feed state" in log
    assert json.loads(state.read_text(encoding="utf-8"))["version"] == 1
    assert (site / "output" / "feeds" / "all.atom.xml").is_file()
