"""Correcting the grouping by hand in content/stories.yaml, built with Pelican: a split and a merge
survive rebuilds, are said in the build summary, and the merged story's address redirects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from newsdesk import frontmatter
from newsdesk.pipeline import Settings, extract, ingest
from newsdesk.reading import list_raw_files
from storysites import build, use_fixtures

pytestmark = pytest.mark.build


def _stories(settings: Settings) -> dict[str, str]:
    out = {}
    for path in settings.articles_dir.glob("*.md"):
        meta, _ = frontmatter.load(path.read_text(encoding="utf-8"))
        out[Path(meta["origin"][0] if isinstance(meta["origin"], list) else meta["origin"]).name] = meta["story"]
    return out


def test_split_and_merge_in_stories_yaml_survive_rebuilds_and_the_merged_address_redirects(site):
    settings = use_fixtures(site, "stories")
    ids = {Path(a.origin[0]).name: a.story for a in extract(list_raw_files(settings.raw_dir), settings)}
    dock, ferry = ids["1a-wire-dock-strike.txt"], ids["3a-wire-ferry-strike.txt"]
    ingest(settings)  # the ferry story is a story of its own first: its page exists, readers have its address
    assert _stories(settings)["3b-ledger-ferry-strike.txt"] == ferry
    (site / "content" / "stories.yaml").write_text(
        f"{dock}:\n  title: Rotterdam dock strike\n  split: [raw/1c-courier-dock-strike.txt]\n  merge: [{ferry}]\n",
        encoding="utf-8",
    )
    for _ in range(2):  # the second build changes nothing and says the same
        log = build(site)
        now = _stories(settings)
        assert now["1c-courier-dock-strike.txt"] not in (dock, ferry)
        assert {now[n] for n in ("1a-wire-dock-strike.txt", "1d-lowlands-dock-strike.txt", "3a-wire-ferry-strike.txt")} == {dock}
        assert f"{ferry} merged into {dock}" in log
        assert f"1 article(s) split from {dock} into {now['1c-courier-dock-strike.txt']}" in log
        redirect = (site / "output" / "stories" / f"{ferry}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(redirect, "html.parser")
        assert soup.find("link", rel="canonical")["href"].endswith(f"{dock}.html")
        assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={dock}.html"
        assert soup.a.get_text() == "Rotterdam dock strike"
    manifest = json.loads((settings.articles_dir / ".newsdesk-manifest.json").read_text(encoding="utf-8"))
    assert any(ferry in r.get("former_stories", ()) for r in manifest["files"].values())
    page = BeautifulSoup((site / "output" / "stories" / f"{dock}.html").read_text(encoding="utf-8"), "html.parser")
    assert "Harbour Wire" in page.get_text() and page.h1.get_text() == "Rotterdam dock strike"
