"""Story ids stay: growth never renames, a merge keeps the older id, editors' splits and merges apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from newsdesk import redirects, storyids
from newsdesk.records import Article

pytestmark = pytest.mark.unit


def art(uid: str, day: int, topics=("Harbour",)) -> Article:
    return Article(
        origin=(f"raw/{uid}.txt",), format="plain", title=f"Title {uid}", body=("b",), date=date(2024, 3, day),
        date_precision="day", topics=topics, uid=uid, source="Wire",
    )  # fmt: skip


ARTICLES = [art("a1", 1), art("a2", 2), art("b1", 5), art("b2", 6), art("c1", 9)]


def test_a_group_that_joins_two_earlier_stories_keeps_the_older_id():
    known = {"a1": "old-story", "b1": "newer-story", "b2": "newer-story"}  # newer-story has more articles
    ids = storyids.assign([[0, 1, 2, 3]], ARTICLES[:4], frozenset(), known, set())
    assert set(ids.values()) == {"old-story"}


def test_adding_articles_never_renames_a_story():
    known = {"a1": "dock-strike", "a2": "dock-strike"}
    ids = storyids.assign([[0, 1, 4], [2, 3]], ARTICLES, frozenset(), known, set())
    assert ids[0] == ids[1] == ids[4] == "dock-strike"
    assert ids[2] == ids[3] != "dock-strike"


def test_a_split_by_the_grouping_keeps_the_id_in_the_bigger_part():
    known = {u: "s" for u in ("a1", "a2", "b1")}
    ids = storyids.assign([[0, 1], [2]], ARTICLES[:3], frozenset(), known, set())
    assert ids[0] == ids[1] == "s" != ids[2]


def test_editor_split_takes_articles_out_and_they_get_a_story_of_their_own():
    edits = storyids.Edits(splits={"s": ("raw/b1.txt", "b2")})
    known = {u: "s" for u in ("a1", "a2", "b1", "b2")}
    ids = storyids.assign([[0, 1, 2, 3]], ARTICLES[:4], frozenset(), known, set(), edits)
    assert ids[0] == ids[1] == "s"
    assert ids[2] == ids[3] != "s"
    # next build: the split-off story keeps its new id
    again = storyids.assign([[0, 1, 2, 3]], ARTICLES[:4], frozenset(), {**known, "b1": ids[2], "b2": ids[2]}, set(), edits)
    assert again == ids


def test_editor_merge_names_the_other_story():
    edits = storyids.Edits(merges={"a-story": ("b-story",)})
    known = {"a1": "a-story", "b1": "b-story"}
    ids = storyids.assign([[0, 1], [2, 3]], ARTICLES[:4], frozenset(), known, set(), edits)
    assert set(ids.values()) == {"a-story"}
    assert storyids.describe(edits, [a.__class__(**{**a.__dict__, "story": "a-story"}) for a in ARTICLES[:4]]) == [
        "stories.yaml: b-story merged into a-story (4 articles)"
    ]


def test_stories_yaml_corrections_are_read_and_bad_ones_named(tmp_path: Path):
    path = tmp_path / "stories.yaml"
    path.write_text("s:\n  title: T\n  merge: [t]\n  split: raw/x.txt\nu:\n  split: {a: 1}\n", encoding="utf-8")
    edits, problems = storyids.load_edits(path)
    assert edits.merges == {"s": ("t",)} and edits.splits == {"s": ("raw/x.txt",)}
    assert problems == [
        "u: split: must be a list of text, e.g. `[one, two]`, not a mapping; the field is ignored until it is fixed"
    ]
    assert storyids.load_edits(tmp_path / "none.yaml") == (storyids.Edits(), [])
    path.write_text("s:\n  merge: [../../etc]\n", encoding="utf-8")
    edits, problems = storyids.load_edits(path)
    assert edits.merges == {} and problems == ["s: '../../etc' is not a story id (a-z, 0-9, -); `merge:` ignored"]


def test_merge_chains_end_at_the_story_that_stays():
    assert storyids.Edits(merges={"a": ("b",), "b": ("c",)}).merged_into() == {"b": "a", "c": "a"}


def test_redirect_plan_and_page():
    records = {"x.md": {"story": "kept", "former_stories": ["gone", "../evil"]}, "y.md": {"story": "kept"}}
    assert redirects.plan(records, {"kept"}, {}) == {"gone": "kept"}
    html = redirects.page("Dock <strike>", "kept.html", "https://example.org/stories/kept.html")
    assert '<link rel="canonical" href="https://example.org/stories/kept.html">' in html
    assert '<meta http-equiv="refresh" content="0; url=kept.html">' in html
    assert "Dock &lt;strike&gt;" in html and "<script" not in html
