"""Front matter written by yaml.safe_dump round-trips through pelican-yaml-metadata."""

from __future__ import annotations

from datetime import date

import pytest
from newsdesk import frontmatter
from newsdesk.records import Article
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.settings import DEFAULT_CONFIG

TRICKY_TITLES = [
    "Lavrov: “no reason to pretend”",
    'He said "enough" # not a comment',
    "--- a title that starts like front matter",
    "!!python/object:os.system",
    "&anchor *alias",
    "50% of 'Nato' members: yes/no?",
    "Line: with: many: colons",
    "  leading spaces",
]


def _read_with_pelican(path):
    settings = dict(DEFAULT_CONFIG)
    settings["MARKDOWN"] = {"extension_configs": {}, "output_format": "html5"}
    return YAMLMetadataReader(settings).read(str(path))


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_title_topics_and_date_round_trip(tmp_path, title):
    article = Article(
        origin=("raw/x.txt",),
        format="plain",
        title=title,
        body=("A paragraph.",),
        date=date(2021, 10, 18),
        date_precision="day",
        topics=("NATO", "C++", "Côte d’Ivoire", "yes", "1999"),
    )
    text = frontmatter.dump(article)
    meta, _ = frontmatter.load(text)
    assert meta["title"] == title
    assert meta["date"] == date(2021, 10, 18)
    assert meta["topics"] == ["NATO", "C++", "Côte d’Ivoire", "yes", "1999"]
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    content, pelican_meta = _read_with_pelican(path)
    assert pelican_meta["title"] == title
    assert pelican_meta["date"].date() == date(2021, 10, 18)
    assert pelican_meta["topics"] == ["NATO", "C++", "Côte d’Ivoire", "yes", "1999"]
    assert content == "<p>A paragraph.</p>"


def test_body_text_is_shown_not_run():
    article = Article(origin=("x",), format="plain", title="t", body=("<script>alert(1)</script> *x*", "# not a heading"))
    _, body = frontmatter.load(frontmatter.dump(article))
    assert "<script>" not in body
    assert body.splitlines()[-1].startswith("\\#")


def test_broken_yaml_is_reported_with_its_line():
    with pytest.raises(frontmatter.FrontMatterError, match="line"):
        frontmatter.load("---\ntitle: ok\ntopics: [unclosed\n---\nbody\n")
