"""Hostile and broken raw texts: the real Pelican build finishes, says what it skipped and why,
modifies nothing in content/raw, and publishes nothing that could run in a browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CLIPPING_SEED, ROOT, copy_sample_site
from lxml import etree
from newsdesk import frontmatter
from test_build import tree_digest

BAD = Path(__file__).parent / "fixtures" / "bad"
MB = 1024 * 1024
LEDE = "MOSCOW: Officials said on October 18, 2021 that the talks would resume after a short pause.\n"


def copy_site(dest: Path) -> Path:
    """The sample site (settings, theme, plugin, seeds) in `dest`, with no generated articles."""
    return copy_sample_site(dest)


def pelican(site: Path) -> subprocess.CompletedProcess:
    """A real build; COLUMNS keeps Pelican's log lines whole so a file name is never split."""
    env = {**os.environ, "COLUMNS": "3000", "PYTHONPATH": str(site / "plugins")}
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


def write_fifty_megabytes(path: Path) -> None:
    line = ("Fifty megabytes of plain text, written a megabyte at a time by the test. " * 14)[:1023] + "\n"
    chunk = (line * 1024).encode("ascii")
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write(chunk)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample site with every bad input of tests/fixtures/bad plus the generated ones, built once."""
    site = copy_site(tmp_path_factory.mktemp("hostile"))
    raw = site / "content" / "raw"
    for path in BAD.iterdir():
        shutil.copy(path, raw / path.name)
    write_fifty_megabytes(raw / "fifty-megabytes.txt")
    (raw / "one-megabyte-line.txt").write_text(("A single line that never ends " * (MB // 30 + 1))[:MB], encoding="utf-8")
    shutil.copy(CLIPPING_SEED, raw / "copy of the clipping.txt")
    outside = site / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret memo\n\n" + LEDE, encoding="utf-8")
    (raw / "link-to-outside.txt").symlink_to(outside / "secret.txt")
    (raw / "linked folder").symlink_to(outside, target_is_directory=True)
    (raw / "sub dir").mkdir()
    (raw / "sub dir" / "nested ünï.txt").write_text("Nested story\n\n" + LEDE, encoding="utf-8")
    (raw / "sub dir" / "nested ünï.txt.yaml").write_text("story: ../../../escaped\n", encoding="utf-8")
    (raw / "links.txt").write_text("Links from a sidecar\n\n" + LEDE, encoding="utf-8")
    sidecar = {"original_url": " javascript:alert('url')", "source_url": "data:text/html,<script>alert(1)</script>"}
    (raw / "links.txt.yaml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
    before = {**tree_digest(raw), **tree_digest(outside)}
    first = pelican(site)
    built = tree_digest(site / "output"), tree_digest(site / "content" / "articles")
    second = pelican(site)
    return site, first, second, before, built


def articles_by_origin(site: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((site / "content" / "articles").glob("*.md")):
        meta, body = frontmatter.load(path.read_text(encoding="utf-8"))
        origin = meta["origin"] if isinstance(meta["origin"], str) else meta["origin"][0]
        out[origin.removeprefix("raw/")] = {**meta, "file": path.name, "body": body}
    return out


def test_build_finishes_with_a_summary(hostile):
    _, first, second, _, _ = hostile
    assert first.returncode == 0, first.stderr[-3000:]
    assert second.returncode == 0, second.stderr[-3000:]
    log = first.stdout + first.stderr
    assert "newsdesk: " in log and " skipped, " in log and " warnings" in log
    assert "Processed " in log
    assert "Newsdesk bug" not in log


SKIPPED = [
    ("empty.txt", "is empty (or only blank space): nothing to publish. Fill it or delete it"),
    ("whitespace-only.txt", "is empty (or only blank space)"),
    ("pdf-named-txt.txt", "is not a readable PDF (damaged or cut short): download or export it again"),
    ("png-named-txt.txt", "is a PNG image: not a news text"),
    ("nul-bytes.txt", "binary data (NUL bytes), not text: save it as plain text first"),
    ("fifty-megabytes.txt", "is 50.0 MB, over the 8 MB limit for one raw text: split it"),
    ("copy of the clipping.txt", f"has the same bytes as {ROOT.anchor}"),
    ("link-to-outside.txt", "outside"),
]


@pytest.mark.parametrize(("name", "message"), SKIPPED)
def test_each_skipped_file_is_named_with_what_to_do(hostile, name, message):
    site, first, second, _, _ = hostile
    for result in (first, second):
        lines = (result.stdout + result.stderr).splitlines()
        assert any(name in line and message in line for line in lines), (name, message)
        assert any(line.strip().startswith(f"skipped {site / 'content' / 'raw' / name}") for line in lines), name
    assert name not in articles_by_origin(site)


def test_warned_files_are_named(hostile):
    _, first, _, _, _ = hostile
    lines = (first.stdout + first.stderr).splitlines()
    assert any("links-from-a-sidecar.md" in x and "javascript:alert('url')` is not an http(s)" in x for x in lines)
    assert any("one-megabyte-line.txt" in x and "too long for a headline" in x for x in lines)
    assert any("nested ünï.txt.yaml" in x and "not a slug" in x for x in lines)


def test_nothing_under_raw_is_modified(hostile):
    site, _, _, before, _ = hostile
    raw = site / "content" / "raw"
    assert {**tree_digest(raw), **tree_digest(site / "outside")} == before
    assert not [p for p in raw.rglob("*") if p.name.startswith(".")]


def test_nothing_outside_raw_is_published(hostile):
    site, *_ = hostile
    assert not [o for o in articles_by_origin(site) if "secret" in o]
    assert not [p for p in (site / "output").rglob("*.html") if "Secret memo" in p.read_text(encoding="utf-8")]


def test_a_path_with_dot_dot_spaces_and_unicode_is_read(hostile):
    site, *_ = hostile
    path = site / "content" / "raw" / "sub dir" / ".." / "Ünïcödé naïve name.txt"
    result = newsdesk(site, "extract", "--json", str(path))
    assert result.returncode == 0
    (item,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert item["title"] == "A file name in Unicode" and item["origin"] == str(path)


def test_odd_encodings_and_names_become_articles(hostile):
    site, *_ = hostile
    found = articles_by_origin(site)
    assert found["utf16-no-bom.txt"]["title"] == "Talks in Genève resume"
    assert found["cp1252.txt"]["title"] == "Café owners’ “strike” costs €2m"
    assert found["mojibake.txt"]["title"] == "Café owners in Zürich protest"
    assert "Zürich" in found["mixed-encodings.txt"]["body"] and "“deal”" in found["mixed-encodings.txt"]["body"]
    assert found["mixed-encodings.txt"]["title"] == "Naïve résumé of the talks"
    control = found["control-characters.txt"]
    assert not any(c in control["title"] + control["body"] for c in "\x07\x1b\x0b\x08")
    assert found["rtl-and-emoji.txt"]["title"] == "مرحبا بالعالم — שלום 🎉🔥 talks resume"
    assert "👍" in found["rtl-and-emoji.txt"]["body"]
    assert found["name with spaces.txt"]["title"] == "A file name with spaces"
    assert found["Ünïcödé naïve name.txt"]["title"] == "A file name in Unicode"
    assert found["sub dir/nested ünï.txt"]["story"] == "escaped"
    line = found["one-megabyte-line.txt"]
    assert len(line["title"]) < 120 and len(line["body"]) >= MB - 10


@pytest.mark.parametrize(
    ("name", "title"),
    [("yaml-title-0.txt", "Lavrov: no reason to pretend"), ("yaml-title-1.txt", "---"),
     ("yaml-title-2.txt", "!!python/object:os.system"), ("yaml-title-3.txt", "&anchor *alias and more")],
)  # fmt: skip
def test_yaml_breaking_titles_round_trip(hostile, name, title):
    site, *_ = hostile
    article = articles_by_origin(site)[name]
    assert article["title"] == title
    html = (site / "output" / "articles" / article["file"].replace(".md", ".html")).read_text(encoding="utf-8")
    assert BeautifulSoup(html, "html.parser").h1.get_text() == title


def test_titles_that_slug_to_nothing_or_alike_get_distinct_files(hostile):
    site, *_ = hostile
    found = articles_by_origin(site)
    assert found["slug-to-nothing.txt"]["file"] == "slug-to-nothing.md"  # from the raw file's name
    assert found["yaml-title-1.txt"]["file"] == "yaml-title-1.md"  # the title "---"
    assert {found["same-slug-1.txt"]["file"], found["same-slug-2.txt"]["file"]} == {
        "same-title-same-slug.md",
        "same-title-same-slug-2.md",
    }


THEME_SCRIPT_FOLDERS = ("theme/js/", "pagefind/")


def assert_inert(html: str, where: str) -> None:
    """No script but the theme's, no event handler attribute, no javascript: address, no inline style sheet."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string or "")
            assert "</" not in (script.string or ""), where
        else:  # the theme's own files only: a relative address into theme/ or pagefind/, no inline code
            src = (script.get("src") or "").lstrip("./")
            assert src.startswith(THEME_SCRIPT_FOLDERS) and not (script.string or "").strip(), (where, str(script)[:200])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (where, str(tag)[:200])
            text = " ".join(value) if isinstance(value, list) else str(value)
            squeezed = "".join(text.split()).lower()
            assert not squeezed.startswith(("javascript:", "vbscript:", "data:text/html")), (where, str(tag)[:200])
    for name in ("iframe", "object", "embed", "style", "svg", "form", "base", "meta"):
        for tag in soup.find_all(name):
            assert name == "meta" and tag.parent.name == "head", (where, str(tag)[:200])


def test_no_page_runs_anything_from_a_raw_text(hostile):
    site, *_ = hostile
    pages = sorted((site / "output").rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        assert_inert(path.read_text(encoding="utf-8"), str(path))
    article = articles_by_origin(site)["script-injection.txt"]
    soup = BeautifulSoup((site / "output" / "articles" / article["file"].replace(".md", ".html")).read_text(), "html.parser")
    assert soup.h1.get_text().startswith('<script>alert("title")</script>')  # shown as text, whole
    assert "<img src=x onerror=alert(1)>" in soup.select_one("div.body").get_text()


def test_no_feed_carries_anything_that_runs(hostile):
    site, *_ = hostile
    feeds = sorted((site / "output" / "feeds").rglob("*.xml"))
    assert feeds
    seen = 0
    for path in feeds:
        root = etree.fromstring(path.read_bytes())
        for node in root.iter("{http://www.w3.org/2005/Atom}content", "{http://www.w3.org/2005/Atom}summary", "description"):
            # Atom text constructs are HTML only with type="html"; an RSS <description> always is.
            if node.text and (node.tag == "description" or node.get("type") == "html"):
                assert_inert(node.text, str(path))
                seen += "alert(1)" in node.text
    assert seen, "the hostile article is in the feeds"


def test_story_ids_never_leave_the_output_folder(hostile):
    site, *_ = hostile
    assert all(p.is_relative_to(site / "output") for p in site.rglob("escaped*"))
    assert (site / "output" / "stories" / "escaped.html").is_file()


def test_second_build_is_identical(hostile):
    site, _, second, _, built = hostile
    assert (tree_digest(site / "output"), tree_digest(site / "content" / "articles")) == built
    assert "newsdesk: 0 written" in second.stdout + second.stderr


def newsdesk(site: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site / "plugins")}
    cmd = [sys.executable, "-m", "newsdesk.cli", "--content", str(site / "content"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, **kw)


def test_hand_edited_article_with_broken_yaml_is_kept_and_named(tmp_path):
    site = copy_site(tmp_path)
    assert pelican(site).returncode == 0
    (path,) = (site / "content" / "articles").glob("bangkok-post-*.md")
    broken = path.read_text(encoding="utf-8").replace("title: ", 'title: [unclosed "', 1)
    path.write_text(broken, encoding="utf-8")
    result = pelican(site)
    assert result.returncode == 0
    log = (result.stdout + result.stderr).splitlines()
    assert any(path.name in x and "front matter is not valid YAML" in x for x in log)
    assert any(path.name in x and "fix it by hand" in x for x in log)
    assert path.read_text(encoding="utf-8") == broken
    assert (site / "output" / "articles" / "bne-intellinews-russia-breaks-of-diplomatic-ties-with-nato.html").is_file()


def test_script_an_editor_types_into_an_article_does_not_run(tmp_path):
    site = copy_site(tmp_path)
    assert pelican(site).returncode == 0
    (path,) = (site / "content" / "articles").glob("bne-*.md")
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n<script>alert("editor")</script>\n\n<p onclick="alert(2)">Raw HTML paragraph</p>\n\n'
        + "[a link](javascript:alert(3)) and [a good one](https://example.org/)\n\n<img src=x onerror=alert(4)>\n",
        encoding="utf-8",
    )
    assert pelican(site).returncode == 0
    html = (site / "output" / "articles" / path.name.replace(".md", ".html")).read_text(encoding="utf-8")
    assert_inert(html, path.name)
    body = BeautifulSoup(html, "html.parser").select_one("div.body")
    assert "Raw HTML paragraph" in body.get_text()
    assert body.find("a", href="https://example.org/")


def test_deleted_raw_removes_unedited_article_and_keeps_edited_one(tmp_path):
    site = copy_site(tmp_path)
    assert pelican(site).returncode == 0
    articles = site / "content" / "articles"
    (edited,) = articles.glob("bangkok-post-*.md")
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kremlin breaks", "Kremlin cuts"), encoding="utf-8")
    kept = edited.read_bytes()
    for raw in (site / "content" / "raw").glob("*.txt"):
        raw.unlink()
    result = pelican(site)
    assert result.returncode == 0
    assert [p.name for p in articles.glob("*.md")] == [edited.name]
    assert edited.read_bytes() == kept
    log = result.stdout + result.stderr
    assert "its raw text is gone, but it was edited by hand: kept" in log
    assert "bne-intellinews-russia-breaks-of-diplomatic-ties-with-nato.md: removed" in log


def make(site: Path, *args: str) -> subprocess.CompletedProcess:
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, site / name)  # older than the venv's stamp: no reinstall
    cmd = ["make", "-f", str(ROOT / "Makefile"), f"VENV={ROOT / '.venv'}", *args]
    return subprocess.run(cmd, cwd=site, capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "3000"})


def test_strict_turns_warnings_into_a_failing_exit(tmp_path):
    site = copy_site(tmp_path)
    shutil.copy(BAD / "pdf-named-txt.txt", site / "content" / "raw")
    strict = make(site, "html", "STRICT=1")
    assert strict.returncode != 0
    assert "skipped" in strict.stderr and "pdf-named-txt.txt: is not a readable PDF" in strict.stderr
    relaxed = make(site, "html")
    assert relaxed.returncode == 0, relaxed.stderr[-2000:]
    assert (site / "output" / "index.html").is_file()


def test_second_build_waits_for_the_lock_then_fails_clearly(tmp_path):
    from newsdesk.lock import content_lock

    site = copy_site(tmp_path)
    with content_lock(site / "content"):
        result = newsdesk(site, "ingest", "--wait", "0.5")
    assert result.returncode == 3
    assert "another Newsdesk build" in result.stderr and ".newsdesk.lock" in result.stderr
    assert "Let it finish and build again" in result.stderr
    assert not list((site / "content" / "articles").glob("*.md"))


def test_a_pelican_build_stops_cleanly_while_another_holds_the_lock(tmp_path):
    from newsdesk.lock import content_lock

    site = copy_site(tmp_path)
    env = {**os.environ, "COLUMNS": "3000", "PYTHONPATH": str(site / "plugins")}
    cmd = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-e", "NEWSDESK_LOCK_WAIT=0.5"]
    with content_lock(site / "content"):
        result = subprocess.run(cmd, cwd=site, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 3
    log = result.stdout + result.stderr
    assert f"process {os.getpid()}" in log and "Let it finish and build again" in log
    assert "Traceback" not in log
    assert not (site / "output" / "index.html").exists()


def generated_raw(n: int) -> str:
    words = ["grain", "harbour", "ministry", "tariff", "pipeline", "election", "court", "strike", "reactor", "bridge"]
    topic = " ".join(words[(n + k) % len(words)] for k in range(3))
    return (
        f"Report {n}: the {topic} question\n\n"
        f"LONDON: Officials said on October {1 + n % 27}, 2021 that the {topic} talks, round {n}, would resume.\n\n"
        f"Delegates number {n * 7} met for {n % 5 + 1} hours and agreed on {n % 3 + 2} points about the {topic}.\n"
    )


def test_two_builds_at_once_give_the_same_articles_as_one(tmp_path):
    site = copy_site(tmp_path)
    for n in range(60):
        (site / "content" / "raw" / f"gen-{n:03d}.txt").write_text(generated_raw(n), encoding="utf-8")
    assert newsdesk(site, "ingest").returncode == 0
    alone = tree_digest(site / "content" / "articles")
    shutil.rmtree(site / "content" / "articles")
    env = {**os.environ, "PYTHONPATH": str(site / "plugins")}
    cmd = [sys.executable, "-m", "newsdesk.cli", "-q", "--content", str(site / "content"), "ingest"]
    both = [subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [p.wait(timeout=300) for p in both] == [0, 0]
    assert tree_digest(site / "content" / "articles") == alone


def test_kill_9_during_ingest_then_rerun_gives_the_uninterrupted_result(tmp_path):
    site = copy_site(tmp_path)
    raw = site / "content" / "raw"
    articles = site / "content" / "articles"
    env = {**os.environ, "PYTHONPATH": str(site / "plugins")}
    cmd = [sys.executable, "-m", "newsdesk.cli", "-q", "--content", str(site / "content"), "ingest"]
    killed_midway = False
    for total in (400, 1200):
        for n in range(total):
            path = raw / f"gen-{n:04d}.txt"
            if not path.exists():
                path.write_text(generated_raw(n), encoding="utf-8")
        shutil.rmtree(articles, ignore_errors=True)
        assert subprocess.run(cmd, env=env, capture_output=True, check=False).returncode == 0
        uninterrupted = tree_digest(articles)
        shutil.rmtree(articles)
        proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
        while proc.poll() is None and not (articles.is_dir() and any(articles.glob("*.md"))):
            pass
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        written = len(list(articles.glob("*.md")))
        if proc.returncode == -9 and written < len(uninterrupted) - 1:
            killed_midway = True
            break
    assert killed_midway, "ingest always finished before it could be killed"
    assert subprocess.run(cmd, env=env, capture_output=True, check=False).returncode == 0
    assert tree_digest(articles) == uninterrupted
    assert not [p.name for p in articles.iterdir() if p.name.endswith(".tmp")]


def test_unreadable_manifest_keeps_every_article_and_the_build_goes_on(tmp_path):
    site = copy_site(tmp_path)
    assert pelican(site).returncode == 0
    articles = site / "content" / "articles"
    manifest = articles / ".newsdesk-manifest.json"
    manifest.write_text('{"version": 1, "files": {<<<<<<< HEAD', encoding="utf-8")
    (edited,) = articles.glob("bangkok-post-*.md")
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kremlin breaks", "Kremlin cuts"), encoding="utf-8")
    ours = lambda: {k: v for k, v in tree_digest(articles).items() if k.endswith(".md") or k == manifest.name}  # noqa: E731
    before = ours()
    result = pelican(site)
    assert result.returncode == 0
    log = result.stdout + result.stderr
    assert ".newsdesk-manifest.json: unreadable" in log and "delete it" in log
    assert ours() == before
    assert (site / "output" / "articles" / edited.name.replace(".md", ".html")).is_file()


def test_a_sidecar_with_a_python_tag_skips_its_raw_text_with_a_message(tmp_path):
    site = copy_site(tmp_path)
    raw = site / "content" / "raw"
    (raw / "tagged.txt").write_text("Tagged\n\n" + LEDE, encoding="utf-8")
    (raw / "tagged.txt.yaml").write_text("date: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    result = pelican(site)
    assert result.returncode == 0
    lines = (result.stdout + result.stderr).splitlines()
    assert any("tagged.txt" in x and "sidecar tagged.txt.yaml is not valid YAML" in x for x in lines)
    assert not list(site.rglob("pwned"))


def test_a_broken_source_profile_is_named_and_the_others_still_work(tmp_path):
    site = copy_site(tmp_path)
    (site / "content" / "sources" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = pelican(site)
    assert result.returncode == 0
    lines = (result.stdout + result.stderr).splitlines()
    assert any("broken.yaml" in x and "not valid YAML" in x and "not used until it is fixed" in x for x in lines)
    assert (site / "output" / "articles" / "bangkok-post-kremlin-breaks-diplomatic-ties-with-nato.html").is_file()


@pytest.mark.parametrize(
    "text",
    ["Talks in Genève resume. 東京 too", "Привет, мир. Переговоры возобновились 18 октября 2021 года.",
     "مرحبا بالعالم، المحادثات ستستأنف", "שלום 🎉 talks resume"],
)  # fmt: skip
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_any_script_is_read(text, encoding):
    from newsdesk.decode import decode_bytes, sniff_binary

    data = text.encode(encoding)
    assert sniff_binary(data) is None
    assert decode_bytes(data) == (text, encoding)


def test_a_raw_path_that_cannot_be_read_is_named(settings):
    from newsdesk.pipeline import Report, extract

    path = settings.raw_dir / "a folder.txt"
    path.mkdir()
    report = Report()
    assert extract([path], settings, report) == []
    assert report.skipped == [(str(path), "cannot be read (Is a directory): check that it exists and that you may read it")]


def test_broken_vocabulary_is_named_and_articles_are_left_alone(site):
    """A topics.yaml with a YAML error: the build goes on with the articles as they were."""
    import subprocess
    import sys

    build = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    subprocess.run(build, cwd=site, capture_output=True, text=True, check=True)
    articles = site / "content" / "articles"
    before = {p.name: p.read_bytes() for p in articles.glob("*.md")}
    (site / "content" / "topics.yaml").write_text("- label: NATO\n  aliases: [unclosed\n", encoding="utf-8")
    result = subprocess.run(build, cwd=site, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    assert "topics.yaml" in said and "not valid YAML" in said and "Traceback" not in said
    assert {p.name: p.read_bytes() for p in articles.glob("*.md")} == before
    assert len(list((site / "output" / "articles").glob("*.html"))) == 2
