"""Hostile and broken raw texts: the real Pelican build finishes, says what it skipped and why,
modifies nothing in content/raw, and publishes nothing that could run in a browser."""

from __future__ import annotations

import hashlib
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
    site = tmp_path_factory.mktemp("hostile") / "site"  # its parent holds nothing else: see the escape test
    site.mkdir()
    site = copy_site(site)
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
    return {a["origin"].removeprefix("raw/"): a for a in all_articles(site)}


def all_articles(site: Path) -> list[dict]:
    """Every generated article's front matter, with `file`, `body` and its first `origin`."""
    out = []
    for path in sorted((site / "content" / "articles").glob("*.md")):
        try:
            meta, body = frontmatter.load(path.read_text(encoding="utf-8"))
        except frontmatter.FrontMatterError:
            continue  # a hostile hand-written file: its own tests look at it
        if "origin" not in meta:
            continue
        origin = meta["origin"] if isinstance(meta["origin"], str) else meta["origin"][0]
        out.append({**meta, "origin": origin, "file": path.name, "body": body})
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
    """Looked for in the site's parent folder too: a file written outside the site is seen there."""
    site, *_ = hostile
    assert all(p.is_relative_to(site / "output") for p in site.parent.rglob("escaped*"))
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


# --- Issue 16: one case per class of hostile input (trust under hostile input) ---------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
REPORT_PAGE = """Page 27 - RU
P. 27
{extra}2.6 Russia breaks ties with NATO
MOSCOW: Officials said on October 18, 2021 that the mission to the alliance would close.
The ministry said the decision was final.

2.7 Gas prices rise in Europe
BERLIN: Gas prices rose on October 18, 2021 as supplies from the east fell again.
Traders said the rise would last.
25 26 27 28 29
"""
INSERTED = "2.5 Grain deal signed in Istanbul\nISTANBUL: The grain deal was signed on October 18, 2021 by both sides.\n\n"
NAMES = " and ".join(f"Reporter{chr(65 + i % 26)} Name{chr(65 + i // 26)}" for i in range(30))


def walked_digest(folder: Path) -> dict[str, str]:
    """tree_digest without recursion (a folder 1,200 deep is in the raw folder)."""
    from newsdesk.guard import walk_files

    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in walk_files(folder, 10_000)[0] if p.is_file()}


def walked_outside(root: Path, site: Path) -> dict[str, int]:
    """What is in `root` beside the site, by modification time."""
    return {str(p): p.stat().st_mtime_ns for p in root.iterdir() if p != site}


def lines_of(result: subprocess.CompletedProcess) -> list[str]:
    return (result.stdout + result.stderr).splitlines()


def said(result, *parts: str) -> bool:
    """Some line of the build's log names all of `parts` (a file, a field, what to do)."""
    return any(all(p in line for p in parts) for line in lines_of(result))


def clean_build(result) -> None:
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture(scope="module")
def classes(tmp_path_factory):
    """The sample site built once, then given one hostile input per example of issue 16, built twice."""
    root = tmp_path_factory.mktemp("classes")
    (root / "site").mkdir()
    site = copy_site(root / "site")  # the parent folder is watched: nothing may be written beside the site
    raw, content, articles = site / "content" / "raw", site / "content", site / "content" / "articles"
    (raw / "page.txt").write_text(REPORT_PAGE.format(extra=""), encoding="utf-8")
    first = pelican(site)
    clean_build(first)
    # class 3: an editor corrects one report article and renames another file; a new article is inserted above
    by_title = {a["title"]: articles / a["file"] for a in all_articles(site)}
    corrected = by_title["Russia breaks ties with NATO"]
    corrected.write_text(corrected.read_text(encoding="utf-8").replace("would close", "would close (corrected)"))
    renamed = by_title["Gas prices rise in Europe"]
    renamed_to = articles / "gas-prices-renamed-by-an-editor.md"
    renamed_to.write_text(renamed.read_text(encoding="utf-8").replace("Traders said", "Traders (edited) said"))
    renamed.unlink()
    (raw / "page.txt").write_text(REPORT_PAGE.format(extra=INSERTED), encoding="utf-8")
    # class 3: a manifest naming files outside content/articles/
    manifest = articles / ".newsdesk-manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["../raw/002_a289e56eff527252.txt"] = {"sha256": "0" * 64, "uid": "x", "origin": []}
    data["files"]["../../../escaped-by-manifest.md"] = {"sha256": "0" * 64, "uid": "y", "origin": []}
    manifest.write_text(json.dumps(data), encoding="utf-8")
    # class 1: one bad field or file each
    sidecars = {
        "empty-title.txt": "title: ''\n",
        "source-mapping.txt": "source: {a: 1}\n",
        "lone-surrogate.txt": 'title: "Talks \\ud800 resume"\n',
        "year-9999.txt": "date: 9999-12-15\ndate_precision: month\n",
        "alias-bomb.txt": BOMB,
    }
    for name, sidecar in sidecars.items():
        (raw / name).write_text(f"{name} headline\n\n{LEDE}", encoding="utf-8")
        (raw / f"{name}.yaml").write_text(sidecar, encoding="utf-8")
    (content / "topics.yaml").write_text(
        (content / "topics.yaml").read_text(encoding="utf-8") + "- label: Aliases Five\n  aliases: 5\n", encoding="utf-8"
    )
    (content / "sources" / "mastheads-five.yaml").write_text("name: Mastheads Five\nmastheads: 5\n", encoding="utf-8")
    (content / "sources" / "hanging.yaml").write_text("name: Hanging Pattern\nboilerplate: ['^(\\w+\\s?)*$']\n")
    (content / "stories.yaml").write_text(BOMB, encoding="utf-8")
    bad_name = os.fsencode(str(raw)) + b"/caf\xe9-latin1-name.txt"
    with open(bad_name, "wb") as handle:
        handle.write(f"Latin-1 name\n\n{LEDE}".encode())
    deep = raw / "deep"
    deep.mkdir()
    os.chdir(deep)
    try:
        for _ in range(1200):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(ROOT)
    # class 2: unbounded work from small inputs
    (raw / "wire").mkdir()
    (raw / "wire" / "collection.yaml").write_text(BOMB, encoding="utf-8")
    (raw / "wire" / "bombed.txt").write_text(f"Bombed collection\n\n{LEDE}", encoding="utf-8")
    (raw / "big-collection").mkdir()
    (raw / "big-collection" / "collection.yaml").write_text("year: 1987\n" + "# padding\n" * 200_000, encoding="utf-8")
    (raw / "big-collection" / "story.txt").write_text(f"Big collection\n\n{LEDE}", encoding="utf-8")
    clip = f"Bangkok Post\n\nThirty reporters wrote this\n\n-\n\nBy {NAMES}\n\n{LEDE}\nNewspapers in English\n"
    (raw / "thirty-bylines.txt").write_text(clip, encoding="utf-8")
    wire = f"TALKS RESUME\n    BASLE, March 3 - Officials said talks would resume.\nby {NAMES}, !\nReuter\n"
    (raw / "wire-bylines.txt").write_text(wire, encoding="utf-8")
    (raw / "hyphens.txt").write_text("Hyphens\n\n" + "the diplo-\nmatic coun-\ncil met, and " * 5000, encoding="utf-8")
    (raw / "dev-zero.txt").symlink_to("/dev/zero")
    os.mkfifo(raw / "fifo.txt")
    # class 4: unsafe values in an editor's front matter
    (bangkok,) = articles.glob("bangkok-post-*.md")
    text = bangkok.read_text(encoding="utf-8")
    text = text.replace("\nstory:", "\nurl: javascript:alert('feed')\nmodified: 2021-10-20\nstory:", 1)
    bangkok.write_text(text.replace("title: Kremlin breaks", "title: Kremlin\ufffe breaks", 1), encoding="utf-8")
    (raw / "nonchar.txt").write_text(f"Talks\ufffe resume in Geneva\n\n{LEDE}", encoding="utf-8")
    (articles / "impossible-date.md").write_text("---\ntitle: 5\ndate: 2021-02-30\nsource: Hand\n---\n\nBody.\n")
    (articles / "bombed-front-matter.md").write_text(f"---\ntitle: Bombed\ndate: 2021-10-18\n{BOMB}---\n\nBody.\n")
    try:  # pytest's own clean-up (shutil.rmtree) cannot remove a folder 1,200 deep: this does
        parent = walked_outside(root, site)
        before_raw = walked_digest(raw)
        second = pelican(site)
        third = pelican(site)
        after = walked_outside(root, site)
        yield site, second, third, parent, after, before_raw
    finally:
        remove_deep(deep)


def remove_deep(folder: Path) -> None:
    """Remove a folder nested too deep for shutil.rmtree's recursion, bottom up, without recursion."""
    os.chdir(folder)
    depth = 0
    try:
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(ROOT)


def test_every_hostile_example_finishes_the_build_without_traceback(classes):
    _, second, third, *_ = classes
    clean_build(second)
    clean_build(third)


def test_class1_one_bad_field_is_named_and_the_rest_of_the_file_is_used(classes):
    site, second, *_ = classes
    for name, field in [
        ("empty-title.txt.yaml", "`title`"),
        ("source-mapping.txt.yaml", "`source`"),
        ("lone-surrogate.txt.yaml", "`title`"),
        ("year-9999.txt.yaml", "`date`"),
    ]:
        assert said(second, name, field, "ignored until it is fixed"), name
    found = articles_by_origin(site)
    assert found["empty-title.txt"]["title"] == "empty-title.txt headline"
    assert found["year-9999.txt"]["date"].year == 2021  # the text's date, not 9999
    assert said(second, "topics.yaml", "Aliases Five: aliases", "must be a list of text")
    assert said(second, "mastheads-five.yaml", "`mastheads`")
    assert said(second, "impossible-date.md", "`date`", "is not a date that exists")
    assert said(second, "-latin1-name.txt", "not valid UTF-8", "Rename it")


def test_class1_check_reports_the_same_problems_and_never_crashes(classes):
    site, *_ = classes
    result = newsdesk(site, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "impossible-date.md: `date`: '2021-02-30' is not a date that exists" in result.stdout
    assert "bombed-front-matter.md" in result.stdout and "alias bomb" in result.stdout
    assert "stories.yaml" in result.stdout and "alias bomb" in result.stdout
    assert "mastheads-five.yaml: `mastheads`" in result.stdout


@pytest.mark.parametrize(
    ("where", "what"),
    [
        ("alias-bomb.txt.yaml", "alias bomb"),
        ("wire/bombed.txt: skipped: sidecar collection.yaml", "alias bomb"),
        ("big-collection/story.txt: skipped: sidecar collection.yaml", "over the 1 MB limit"),
        ("stories.yaml", "alias bomb"),
        ("bombed-front-matter.md", "alias bomb"),
        ("hanging.yaml", "grows faster than the text"),
        ("dev-zero.txt", "outside"),
        ("fifo.txt", "not a regular file"),
    ],
)
def test_class2_unbounded_work_is_refused_with_a_message(classes, where, what):
    _, second, *_ = classes
    assert said(second, where, what), (where, what)


def test_class2_long_bylines_and_hyphenated_lines_are_read(classes):
    site, *_ = classes
    found = articles_by_origin(site)
    assert len(found["thirty-bylines.txt"]["byline"]) == 30
    assert "diplomatic council" in found["hyphens.txt"]["body"]
    assert "wire-bylines.txt" in found


def test_class3_an_article_inserted_above_an_edited_one_takes_nothing_from_it(classes):
    site, *_ = classes
    titles = {}
    for meta in all_articles(site):
        if meta["origin"].startswith("raw/page.txt"):
            titles.setdefault(meta["title"], []).append((meta["file"], meta["body"]))
    assert sorted(titles) == ["Gas prices rise in Europe", "Grain deal signed in Istanbul", "Russia breaks ties with NATO"]
    assert all(len(v) == 1 for v in titles.values()), titles  # no uncorrected copy beside an edited one
    assert "(corrected)" in titles["Russia breaks ties with NATO"][0][1]
    assert titles["Gas prices rise in Europe"][0][0] == "gas-prices-renamed-by-an-editor.md"
    assert "(edited)" in titles["Gas prices rise in Europe"][0][1]


def test_class3_manifest_names_outside_the_articles_folder_are_refused(classes):
    site, second, _, parent, after, before_raw = classes
    assert said(second, ".newsdesk-manifest.json", "outside the articles folder")
    assert walked_digest(site / "content" / "raw") == before_raw
    assert (site / "content" / "raw" / "002_a289e56eff527252.txt").is_file()
    assert after == parent, "something was written beside the site"


def test_class3_a_raw_file_arriving_during_an_ingest_is_ingested_by_the_next(settings, monkeypatch):
    from newsdesk import pipeline, reading

    read_all = reading.read_all

    def arrives_meanwhile(paths, *args, **kw):
        (settings.raw_dir / "late.txt").write_text(f"Arrived late\n\n{LEDE}", encoding="utf-8")
        return read_all(paths, *args, **kw)

    monkeypatch.setattr(pipeline, "read_all", arrives_meanwhile)
    pipeline.ingest(settings)
    monkeypatch.setattr(pipeline, "read_all", read_all)
    again = pipeline.ingest(settings)
    assert not again.cached and any("arrived-late" in n for n in again.written)


def test_class4_a_removed_raw_text_leaves_no_page_behind(tmp_path):
    site = copy_site(tmp_path)
    raw = site / "content" / "raw"
    (raw / "doomed.txt").write_text("Doomed zeppelin story\n\n" + LEDE.replace("talks", "zeppelin talks"), encoding="utf-8")
    clean_build(pelican(site))
    assert [p for p in (site / "output").rglob("*.html") if "Doomed zeppelin" in p.read_text(encoding="utf-8")]
    (raw / "doomed.txt").unlink()
    clean_build(pelican(site))
    left = [p for p in (site / "output").rglob("*") if p.is_file() and "oomed" in p.read_text(errors="replace")]
    assert left == []
    assert not list((site / "output").rglob("*doomed*"))


def test_class4_unsafe_urls_and_characters_reach_no_output(classes):
    site, second, *_ = classes
    out = site / "output"
    assert said(second, "bangkok-post-", "`url`", "not a path inside the site")
    for path in [*out.rglob("*.xml"), *out.rglob("*.json"), *out.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert "javascript:alert('feed')" not in text, path
        assert "\ufffe" not in text, path
        if path.suffix == ".xml":
            etree.fromstring(path.read_bytes())
        if path.suffix == ".json" and "pagefind" not in path.parts:
            json.loads(text)
    pages = [p.read_text(encoding="utf-8") for p in (out / "articles").glob("*.html")]
    assert any('"title">Talks resume in Geneva</h1>' in p for p in pages)  # U+FFFE from the raw headline removed
    assert any('"title">Kremlin breaks diplomatic ties with Nato</h1>' in p for p in pages)  # and from an editor's


def test_class4_an_empty_search_index_is_named(tmp_path):
    from newsdesk.prune import search_index_problem

    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "pagefind-entry.json").write_text('{"version": "1", "languages": {"en": {}}}')
    (tmp_path / "pagefind" / "fragment" / "en_1.pf_fragment").write_bytes(b"")
    assert "empty files" in search_index_problem(tmp_path)
    (tmp_path / "s").mkdir()
    result = newsdesk(copy_site(tmp_path / "s"), "search-check", str(tmp_path / "nothing"))
    assert result.returncode == 1 and "search index was not written" in result.stderr


@pytest.mark.parametrize(
    "state",
    ['{"entries": 5, "feeds": []}', "[1, 2]", '{"entries": {"u": {"updated": "not a time"}}, "feeds": {"f": 3}}'],
)
def test_class1_a_manifest_or_feed_state_of_the_wrong_shape_is_named(tmp_path, state):
    site = copy_site(tmp_path)
    clean_build(pelican(site))
    articles = site / "content" / "articles"
    (articles / ".newsdesk-feedstate.json").write_text(state, encoding="utf-8")
    (articles / ".newsdesk-manifest.json").write_text(state, encoding="utf-8")
    result = pelican(site)
    clean_build(result)
    assert said(result, ".newsdesk-manifest.json") and (said(result, ".newsdesk-feedstate.json") or "u" in state)
