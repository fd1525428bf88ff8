"""Stages 1-5 remembered between builds: the same articles as without the memo, less work."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date

from newsdesk import memo
from newsdesk.pipeline import ingest
from newsdesk.records import Article, Markdown, Preformatted

# Short texts written for these tests (not from any outlet), in the wire layout.
WIRE = """HARBOUR PILOTS TEST NEW TIDE GAUGES
    PORTSMOUTH, March 3 - Harbour pilots began testing a new set of
tide gauges on Tuesday, the port authority said.
    The gauges report the water level every minute, it said.
 Reuter
"""
FERRY = """FERRY OPERATOR ADDS NIGHT CROSSINGS
    DOVER, March 4 - A ferry operator said it would add two night
crossings from next month as freight traffic grows.
 Reuter
"""


def test_an_article_survives_the_memo_exactly():
    article = Article(
        title="Talks resume",
        date=date(2021, 10, 18),
        byline=("Jane Doe",),
        provenance=(("title", "json-ld"), ("date", "meta")),
        body=("Plain *text*.", Markdown("## A heading"), Preformatted("a  b\nc  d")),
        page=3,
        warnings=("something to say",),
    )
    back = memo.article_from_json(json.loads(json.dumps(memo.article_to_json(article))))
    assert back == article
    assert [type(p) for p in back.body] == [str, Markdown, Preformatted]


def _articles(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def _moved(settings, content):
    return dataclasses.replace(
        settings, raw_dir=content / "raw", articles_dir=content / "articles", sources_dir=content / "sources",
        topics_file=content / "topics.yaml",
    )  # fmt: skip


def test_a_build_with_the_memo_writes_what_a_build_without_it_writes(settings, tmp_path):
    raw = settings.raw_dir
    (raw / "collection.yaml").write_text("year: 1987\n", encoding="utf-8")
    (raw / "harbour.txt").write_text(WIRE, encoding="utf-8")
    ingest(settings)
    assert (settings.articles_dir / memo.MEMO).is_file()
    plain = _moved(settings, tmp_path / "copy" / "content")
    shutil.copytree(settings.raw_dir.parent, plain.raw_dir.parent)  # the same site after the same first build
    (plain.articles_dir / memo.MEMO).unlink()  # ... without its memo
    for run in (settings, plain):
        (run.raw_dir / "ferry.txt").write_text(FERRY, encoding="utf-8")  # one raw text arrives
        (run.raw_dir / "harbour.txt.yaml").write_text("byline: [Sam Reed]\n", encoding="utf-8")  # a sidecar changes
    with_memo = ingest(settings)
    without = ingest(plain)
    assert sorted(with_memo.written) == sorted(without.written) and len(with_memo.written) == 2
    assert _articles(settings.articles_dir) == _articles(plain.articles_dir)
    harbour = next(text for name, text in _articles(settings.articles_dir).items() if "tide-gauges" in name)
    assert b"Sam Reed" in harbour


def test_the_memo_is_used_and_dropped_when_what_it_depends_on_changes(settings):
    raw = settings.raw_dir
    (raw / "collection.yaml").write_text("year: 1987\n", encoding="utf-8")
    (raw / "harbour.txt").write_text(WIRE, encoding="utf-8")
    ingest(settings)
    (raw / "ferry.txt").write_text(FERRY, encoding="utf-8")
    ingest(settings)
    entries = json.loads((settings.articles_dir / memo.MEMO).read_text(encoding="utf-8"))["entries"]
    reads = sum("text" in e for e in entries.values())
    assert reads == len(list(raw.glob("*.txt")))  # every text file's read is kept, the new one too
    (raw / "ferry.txt").unlink()  # gone: its entries go with it
    ingest(settings)
    entries = json.loads((settings.articles_dir / memo.MEMO).read_text(encoding="utf-8"))["entries"]
    assert not any("FERRY" in json.dumps(e) or "ferry" in json.dumps(e).lower() for e in entries.values())
    other = dataclasses.replace(settings, max_topics=2)  # another setting: nothing remembered applies
    kept = memo.Memo(other.articles_dir, "another context")
    assert kept.before == {}


def test_a_memo_that_is_not_ours_is_a_fresh_start(settings):
    settings.articles_dir.mkdir(parents=True, exist_ok=True)
    (settings.articles_dir / memo.MEMO).write_text('{"version": 1, "context": "x", "entries": [1, 2]}', encoding="utf-8")
    ingest(settings)  # no crash; a new memo replaces it
    data = json.loads((settings.articles_dir / memo.MEMO).read_text(encoding="utf-8"))
    assert isinstance(data["entries"], dict) and data["entries"]
