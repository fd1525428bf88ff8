"""Time to write every feed (Atom, RSS, JSON Feed, OPML) for N synthetic articles.

Synthetic Pelican articles (no third-party text): 20 topics, 12 sources, stories of 4 articles,
a relative link and an image in every body. Prints seconds for a first build (every file new)
and for a rebuild with no change (every file compared, none written).

    .venv/bin/python bench/feeds.py [N ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from newsdesk.feeds import index as feed_index
from newsdesk.feeds import write as feed_write
from newsdesk.site.output import OutputRecord
from newsdesk.site.sources import group_sources
from newsdesk.site.stories import Story
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag

BODY = (
    "<p>Paragraph {i} of the report, with a <a href='../topics/topic-{t}.html'>topic link</a>.</p>\n"
    "<p><img src='../images/photo-{i}.jpg' alt='photo'/> A caption for the photo.</p>\n"
    + "<p>More text of the article.</p>\n"
    * 8
)


def synthetic(n: int, folder: Path) -> tuple[dict, list, list, list]:
    settings = {**DEFAULT_CONFIG, "PATH": str(folder), "SITEURL": "https://news.example.org", "SITENAME": "Bench"}
    settings.update(ARTICLE_URL="articles/{slug}.html", ARTICLE_SAVE_AS="articles/{slug}.html", TAG_URL="topics/{slug}.html")
    tags = [Tag(f"Topic {t}", settings) for t in range(20)]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    articles = []
    for i in range(n):
        meta = {
            "title": f"Article number {i}",
            "slug": f"article-{i}",
            "date": start + timedelta(hours=i),
            "source": f"Outlet {i % 12}",
            "source_url": f"https://outlet{i % 12}.example.com/",
            "byline": [f"Reporter {i % 30}"],
            "uid": f"urn:uuid:00000000-0000-5000-8000-{i:012d}",
            "story": f"story-{i // 4}",
            "tags": [tags[i % 20], tags[(i * 7) % 20], tags[(i * 13) % 20]],
        }
        articles.append(Article(BODY.format(i=i, t=i % 20), metadata=meta, settings=settings, source_path=f"a{i}.md"))
    stories = []
    for s in range(0, n, 4):
        members = tuple(articles[s : s + 4])
        sid = f"story-{s // 4}"
        url = f"stories/{sid}.html"
        stories.append(Story(sid, f"Story {sid}", "", members, (), url, url, f"feeds/stories/{sid}"))
    by_tag = [(tag, [a for a in articles if tag in a.tags]) for tag in tags]
    return settings, articles, stories, by_tag


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "articles").mkdir()
        settings, articles, stories, tags = synthetic(n, folder)
        index, planned = feed_index.plan(settings, articles, stories, tags, group_sources(articles, settings))
        figures = []
        for label in ("first build", "no-change rebuild"):
            began = time.perf_counter()
            report = feed_write.write_all(index, planned, settings, OutputRecord(folder / "output"))
            figures.append(f"{label} {time.perf_counter() - began:.2f} s ({report.files_written} files written)")
        files = sum(1 for p in (folder / "output").rglob("*") if p.is_file())
        print(f"feeds: {n} articles, {report.feeds} feeds, {files} files; " + "; ".join(figures))


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [200, 1000]:
        run(n)
