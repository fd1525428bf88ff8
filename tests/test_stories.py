"""Stories: the fixture set of three events told by several outlets groups exactly right,
ids are stable, and an editor's `story:` sticks."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from newsdesk import frontmatter, stories
from newsdesk.pipeline import Settings, extract, ingest
from newsdesk.reading import list_raw_files

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
EXPECTED = [
    {"1a-wire-dock-strike.txt", "1b-ledger-dock-strike-reprint.txt", "1c-courier-dock-strike.txt", "1d-lowlands-dock-strike.txt"},
    {"2a-lowlands-plant-fire.txt", "2b-courier-plant-fire.txt", "2c-wire-plant-fire.txt"},
    {"3a-wire-ferry-strike.txt", "3b-ledger-ferry-strike.txt", "3c-courier-ferry-strike.txt"},
]


@pytest.fixture
def desk(tmp_path: Path) -> Settings:
    """The fixture raw texts and sources in a content folder of their own."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "raw", content / "raw")
    shutil.copytree(FIXTURES / "sources", content / "sources")
    shutil.copy(ROOT / "content" / "topics.yaml", content / "topics.yaml")
    return Settings(
        raw_dir=content / "raw",
        articles_dir=content / "articles",
        sources_dir=content / "sources",
        topics_file=content / "topics.yaml",
    )


def groups(articles) -> list[set[str]]:
    by_story: dict[str, set[str]] = {}
    for article in articles:
        by_story.setdefault(article.story, set()).add(Path(article.origin[0]).name)
    return sorted(by_story.values(), key=min)


def story_by_file(articles) -> dict[str, str]:
    return {Path(a.origin[0]).name: a.story for a in articles}


def test_fixture_set_groups_exactly_right(desk):
    articles = extract(list_raw_files(desk.raw_dir), desk)
    assert groups(articles) == EXPECTED
    # same place (Rotterdam), other event: not merged; same kind of event (a strike), elsewhere: not merged
    ids = story_by_file(articles)
    assert len({ids["1a-wire-dock-strike.txt"], ids["2a-lowlands-plant-fire.txt"], ids["3a-wire-ferry-strike.txt"]}) == 3


def test_ids_do_not_depend_on_file_order(desk):
    paths = list_raw_files(desk.raw_dir)
    assert story_by_file(extract(paths, desk)) == story_by_file(extract(paths[::-1], desk))


def test_wire_reprint_is_a_near_copy_and_write_ups_are_not(desk):
    articles = {Path(a.origin[0]).name: a for a in extract(list_raw_files(desk.raw_dir), desk)}
    names = ["1a-wire-dock-strike.txt", "1b-ledger-dock-strike-reprint.txt", "1c-courier-dock-strike.txt"]
    texts = ["\n".join(articles[n].body) for n in names]
    assert stories.near_copies(texts) == [[0, 1], [2]]


def test_story_keeps_its_id_when_articles_join_and_rebuild_changes_nothing(desk):
    logging.disable(logging.WARNING)
    later = [p for p in list_raw_files(desk.raw_dir) if p.name.startswith(("1c", "1d", "2b"))]
    held = desk.raw_dir.parent / "held"
    held.mkdir()
    for path in later:
        path.rename(held / path.name)
    ingest(desk)
    before = story_by_file(extract(list_raw_files(desk.raw_dir), desk, known=_known(desk)))
    for path in later:
        (held / path.name).rename(desk.raw_dir / path.name)
    ingest(desk)
    after = story_by_file(extract(list_raw_files(desk.raw_dir), desk, known=_known(desk)))
    assert after["1a-wire-dock-strike.txt"] == before["1a-wire-dock-strike.txt"]
    assert after["1c-courier-dock-strike.txt"] == before["1a-wire-dock-strike.txt"]
    assert after["2b-courier-plant-fire.txt"] == before["2a-lowlands-plant-fire.txt"]
    again = ingest(desk)
    assert not again.written and again.unchanged
    logging.disable(logging.NOTSET)


def _known(desk: Settings) -> dict[str, str]:
    from newsdesk.store import Manifest

    return Manifest.load(desk.articles_dir).known_stories()


def test_editor_story_moves_an_article_and_sticks(desk):
    ingest(desk)
    (path,) = desk.articles_dir.glob("northern-courier-ships-queue*.md")
    text = path.read_text(encoding="utf-8")
    meta, _ = frontmatter.load(text)
    old = meta["story"]
    path.write_text(text.replace(f"story: {old}", "story: rotterdam-shipping-delays"), encoding="utf-8")
    for _ in range(2):
        ingest(desk)
        meta, _ = frontmatter.load(path.read_text(encoding="utf-8"))
        assert meta["story"] == "rotterdam-shipping-delays"
    others = [frontmatter.load(p.read_text(encoding="utf-8"))[0] for p in desk.articles_dir.glob("*dock*.md")]
    assert {m["story"] for m in others if m["title"] != meta["title"]} == {old}


def test_editing_one_article_of_a_story_keeps_the_story_together(desk):
    ingest(desk)
    (path,) = desk.articles_dir.glob("northern-courier-ships-queue*.md")
    story = frontmatter.load(path.read_text(encoding="utf-8"))[0]["story"]
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-03-05", "date: 2024-03-06"), encoding="utf-8")
    ingest(desk)
    ids = story_by_file(extract(list_raw_files(desk.raw_dir), desk, known=_known(desk)))
    assert {ids[name] for name in EXPECTED[0] if name != "1c-courier-dock-strike.txt"} == {story}


def test_story_page_lists_a_wire_text_once_with_also_in_and_the_editor_title(site):
    content = site / "content"
    shutil.rmtree(content / "raw")
    shutil.copytree(FIXTURES / "raw", content / "raw")
    for profile in (FIXTURES / "sources").glob("*.yaml"):
        shutil.copy(profile, content / "sources" / profile.name)
    settings = Settings(
        raw_dir=content / "raw", articles_dir=content / "articles", sources_dir=content / "sources",
        topics_file=content / "topics.yaml",
    )  # fmt: skip
    dock = story_by_file(extract(list_raw_files(settings.raw_dir), settings))["1a-wire-dock-strike.txt"]
    (content / "stories.yaml").write_text(f"{dock}:\n  title: Rotterdam dock strike\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True,
    )  # fmt: skip
    soup = BeautifulSoup((site / "output" / "stories" / f"{dock}.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "Rotterdam dock strike"
    items = soup.select("ol.timeline li")
    assert len(items) == 3  # four articles, the reprint listed with its wire original
    (copy,) = soup.select("ol.timeline li.syndicated")
    assert copy.select_one(".source").get_text() == "Harbour Wire"
    assert "also in The Daily Ledger" in copy.get_text()
    meta = soup.select_one("p.meta").get_text(" ", strip=True)
    assert "4 articles from 4 sources" in meta and "first reported by" in meta
    assert "FNV Havens" in {li.get_text() for li in soup.select("ul.topic-chips li")}
    stories_dir = site / "output" / "stories"
    assert len([p for p in stories_dir.glob("2024-*.html")]) == 3


def test_ids_do_not_depend_on_hash_seeds():
    def run(seed: str) -> list[tuple[str, str]]:
        out = subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", "--content", str(FIXTURES), "extract", "--json",
             *map(str, list_raw_files(FIXTURES / "raw"))],
            capture_output=True, text=True, cwd=ROOT,
            env={"PYTHONPATH": str(ROOT / "plugins"), "PYTHONHASHSEED": seed},
        )  # fmt: skip
        return sorted((json.loads(line)["origin"], json.loads(line)["story"]) for line in out.stdout.splitlines())

    first = run("1")
    assert len({story for _, story in first}) == 3
    assert run("12345") == first


def test_grouping_compares_candidate_pairs_only_not_all_pairs():
    import random
    from datetime import date, timedelta

    from newsdesk.records import Article

    rng = random.Random(3)
    common = [f"word{i}" for i in range(500)]
    articles, events = [], []
    for event in range(500):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(90))
        own = [f"event{event}x{i}" for i in range(10)]
        for k in range(3):
            body = " ".join(rng.choices(common, k=50) + rng.sample(own, 8))
            articles.append(Article(origin=(f"{event}-{k}",), format="plain", title=" ".join(own[:3]), body=(body,),
                                    date=day, date_precision="day", uid=f"{event}-{k}"))  # fmt: skip
            events.append(event)
    grouped = {a.uid: a.story for a in stories.group(articles)}
    n = len(articles)
    assert stories.LAST_RUN["pairs"] < n * (n - 1) // 2 // 50
    assert len(set(grouped.values())) == 500
    assert all(grouped[f"{e}-0"] == grouped[f"{e}-1"] == grouped[f"{e}-2"] for e in range(500))
