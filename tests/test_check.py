"""`newsdesk check`: what would break the build or publish something wrong is an error, named by file."""

from __future__ import annotations

from datetime import date

import yaml
from newsdesk import frontmatter
from newsdesk.check import check
from newsdesk.pipeline import ingest
from test_hostile import copy_site, newsdesk


def _set(path, **fields):
    meta, body = frontmatter.load(path.read_text(encoding="utf-8"))
    meta.update(fields)
    meta = {k: v for k, v in meta.items() if v is not None}
    path.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body, encoding="utf-8")


def _ingested(settings):
    ingest(settings)
    articles = settings.articles_dir
    return next(articles.glob("bangkok-post-*.md")), next(articles.glob("bne-*.md"))


def _messages(findings, path, level="error"):
    return [f.message for f in findings if f.path == str(path) and f.level == level]


def test_freshly_ingested_seeds_have_no_errors(settings):
    _ingested(settings)
    findings = check(settings.articles_dir.parent)
    assert not [f for f in findings if f.level == "error"], findings


def test_inferred_date_is_a_warning_with_its_reason(settings):
    clip, _ = _ingested(settings)
    (warning,) = [m for m in _messages(check(settings.articles_dir.parent), clip, "warning") if "inferred" in m]
    assert "2021-10-18" in warning and "Monday" in warning


def test_broken_hand_edited_article_is_reported_by_name(tmp_path):
    site = copy_site(tmp_path)
    assert newsdesk(site, "ingest").returncode == 0
    (path,) = (site / "content" / "articles").glob("bangkok-post-*.md")
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: [unclosed ", 1), encoding="utf-8")
    result = newsdesk(site, "check")
    assert result.returncode == 1
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("ERROR")]
    assert path.name in line and "front matter is not valid YAML" in line and "fix it by hand" in line
    assert "1 errors" in result.stderr


def test_schema_errors_name_the_field(settings):
    clip, report = _ingested(settings)
    _set(clip, date="next Tuesday", topics="NATO", status="live", story="Nato Mission", original_url="javascript:alert(1)")
    _set(report, date=None, title="")
    findings = check(settings.articles_dir.parent)
    clip_errors = " | ".join(_messages(findings, clip))
    assert "`date`: 'next Tuesday' is not a date" in clip_errors
    assert "`topics`: must be a list" in clip_errors
    assert "`status`: 'live' is not one of" in clip_errors
    assert "`story: Nato Mission` must be a slug" in clip_errors
    assert "`original_url: javascript:alert(1)` is not an http(s) address" in clip_errors
    report_errors = " | ".join(_messages(findings, report))
    assert "no date: set `date: YYYY-MM-DD`" in report_errors and "`title`: is empty" in report_errors


def test_missing_date_on_a_draft_is_only_a_warning(settings):
    clip, _ = _ingested(settings)
    _set(clip, date=None, status="draft", date_source=None, date_note=None, date_precision=None)
    findings = check(settings.articles_dir.parent)
    assert not _messages(findings, clip)
    assert any("stays a draft" in m for m in _messages(findings, clip, "warning"))


def test_duplicate_slugs_are_errors(settings):
    clip, report = _ingested(settings)
    _set(report, slug=clip.stem)
    messages = _messages(check(settings.articles_dir.parent), report) + _messages(check(settings.articles_dir.parent), clip)
    assert any(f"slug {clip.stem!r} is also used by" in m for m in messages)


def test_dangling_story_and_unknown_source_are_warnings(settings):
    clip, _ = _ingested(settings)
    content = settings.articles_dir.parent
    (content / "stories.yaml").write_text("no-such-story: {title: A story nobody wrote}\n", encoding="utf-8")
    _set(clip, source="The Daily Nowhere", date=date(2021, 10, 19), date_source="editor")
    findings = check(content)
    assert any("'no-such-story'" in f.message and "dangling" in f.message for f in findings if f.level == "warning")
    assert any("'The Daily Nowhere' has no profile" in m for m in _messages(findings, clip, "warning"))
    assert not [f for f in findings if f.level == "error"]


def test_exit_status_follows_errors_and_strict(tmp_path):
    site = copy_site(tmp_path)
    assert newsdesk(site, "ingest").returncode == 0
    assert newsdesk(site, "check").returncode == 0  # the seeds only give warnings (an inferred date)
    assert newsdesk(site, "check", "--strict").returncode == 1
