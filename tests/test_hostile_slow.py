"""Hostile input at scale (issue 16), `slow`: time that grows with the text no faster than plain
text's does, and random sidecars, front matter and YAML files that never break the build.

- bounded work: 1 MB texts made to be slow (hyphenated line ends, capitals, names joined by
  "and", digits, dots, quotes, mixed; under each format's opening lines, as lines and as one
  line) go through `extract`; the time per KB must stay within BOUND times plain text's per KB,
  measured in the same run (so a slow machine moves both). A quadratic step or a backtracking
  pattern makes a 1 MB text hundreds of times slower than plain text, far past the bound.
- fuzz: hypothesis writes random sidecars, front matter and `topics.yaml`/`stories.yaml`/profile
  files (wrong types, impossible dates, aliases, deep nesting, odd characters) into the sample
  site; every build finishes with exit status 0 and no traceback.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import adversarial
import pytest
import yaml
from conftest import copy_sample_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsdesk.pipeline import Report, Settings, extract
from test_hostile import LEDE, pelican

pytestmark = pytest.mark.slow
MB = 1024 * 1024
BOUND = 10.0  # adversarial time per KB over plain text's per KB; linear steps stay well under it


def _seconds(tmp: Path, settings: Settings, text: str, name: str) -> float:
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    extract([path], settings, Report())
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def timing(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("timing")
    root = Path(__file__).resolve().parent.parent / "content"
    settings = Settings(
        raw_dir=tmp, articles_dir=tmp / "articles", sources_dir=root / "sources", topics_file=root / "topics.yaml"
    )
    _seconds(tmp, settings, adversarial.text("plain", "plain", 10_000), "warm-up")  # rules and gazetteer loaded once
    plain = _seconds(tmp, settings, adversarial.text("plain", "plain", MB), "plain")
    return tmp, settings, plain


@settings(max_examples=12, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(
    head=st.sampled_from(sorted(adversarial.HEADS)),
    kind=st.sampled_from(sorted(set(adversarial.BODIES) - {"plain"})),
    newlines=st.booleans(),
)
def test_a_megabyte_made_to_be_slow_costs_no_more_per_kb_than_a_bound_times_plain_text(timing, head, kind, newlines):
    tmp, settings, plain = timing
    seconds = _seconds(tmp, settings, adversarial.text(head, kind, MB, newlines=newlines), f"{head}-{kind}")
    print(f"{head:9} {kind:10} lines={newlines!s:5} {seconds:6.2f} s/MB (plain text {plain:.2f} s/MB)")
    assert seconds <= BOUND * max(plain, 0.05), (head, kind, newlines, seconds, plain)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(),
    st.sampled_from(["2021-02-30", "9999-12-15", "javascript:alert(1)", "../../x", "\ufffe", "&a", "*a", "!!python/none"]),
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12
)
FIELDS = st.sampled_from(["title", "date", "source", "topics", "story", "byline", "year", "date_precision", "status",
                          "original_url", "url", "slug", "modified", "page", "aliases", "label", "name", "mastheads",
                          "boilerplate", "kind", "summary", "captions", "uid"])  # fmt: skip
MAPPINGS = st.dictionaries(FIELDS, VALUES, max_size=6)
RAW_YAML = st.sampled_from(
    [
        "a: &a [1, 2]\nb: *a\n",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]",
        "a: &a [*a]\n",
        "- 1\n- {",
        "title: !!binary aGk=\n",
        "\ufeffdate: 2021-10-19\n",
        "date: 2021-10-19T25:00:00\n",
    ]
)


def _dump(value) -> str:
    try:
        return yaml.safe_dump(value, allow_unicode=True)
    except yaml.YAMLError:
        return "{}\n"


@settings(max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(
    sidecar=st.one_of(MAPPINGS.map(_dump), RAW_YAML),
    front=st.one_of(MAPPINGS.map(_dump), RAW_YAML),
    topics=st.one_of(st.lists(MAPPINGS, max_size=3).map(_dump), RAW_YAML),
    stories=st.one_of(st.dictionaries(st.text(max_size=10), MAPPINGS, max_size=3).map(_dump), RAW_YAML),
    profile=st.one_of(MAPPINGS.map(_dump), RAW_YAML),
)
def test_random_sidecars_front_matter_and_yaml_files_never_break_the_build(
    tmp_path_factory, sidecar, front, topics, stories, profile
):
    site = tmp_path_factory.mktemp("fuzz")
    copy_sample_site(site)
    content = site / "content"
    (content / "raw" / "fuzzed.txt").write_text(f"Fuzzed headline\n\n{LEDE}", encoding="utf-8")
    (content / "raw" / "fuzzed.txt.yaml").write_text(sidecar, encoding="utf-8")
    (content / "raw" / "collection.yaml").write_text(sidecar, encoding="utf-8")
    (content / "articles" / "fuzzed-by-hand.md").write_text(f"---\n{front}---\n\nA body.\n", encoding="utf-8")
    (content / "topics.yaml").write_text(topics, encoding="utf-8")
    (content / "stories.yaml").write_text(stories, encoding="utf-8")
    (content / "sources" / "fuzzed.yaml").write_text(profile, encoding="utf-8")
    result = pelican(site)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    shutil.rmtree(site)
