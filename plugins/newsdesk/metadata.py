"""Stage 4: title, date and story decided in one place, as fallback chains of small steps.

Each step returns a `Found` (the value and where it came from) or None, and the first
that finds wins: the text (read by the format's parser), the source profile, the
collection's or sidecar's year, the file name; then the editor's sidecar; then, across
the story, inference; and the editor's front matter over everything. `date_source`
records which: text, profile, filename, sidecar, inferred, editor.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import languages
from .dates import date_from_filename, day_mentions, weekday_mentioned, with_year
from .profiles import Profiles
from .records import Article, RawText, article_fields
from .runreport import Report
from .slugs import slugify

SIDECAR_FIELDS = frozenset(article_fields(sidecar=True))
COLLECTION_FACTS = frozenset({"year", "year_from"})  # facts for the date chain, not Article fields
EDITOR_FIELDS = ("date", "topics", "story")  # what an editor's front matter makes stick
# A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class Found:
    """A value one step found, with where it came from (`date_source`) and why (`date_note`)."""

    value: object
    source: str
    note: str | None = None
    precision: str = "day"


Step = Callable[[Article, RawText | None, Profiles], Found | None]


def date_by_profile(article: Article, raw: RawText | None, profiles: Profiles) -> Found | None:
    """The publication date as the source prints it, by its profile's `date_patterns`."""
    if raw is None or not (found := profiles.profile_date(article.source, raw.text)):
        return None
    return Found(found.value, "profile", f"{article.source} profile date pattern: {found.text}", found.precision)


def date_by_year(article: Article, raw: RawText | None, profiles: Profiles) -> Found | None:
    """A day the text names without its year ("March 3"), in the sidecar's or collection's year."""
    year = raw.sidecar.get("year") if raw else None
    if not year:
        return None
    origin = raw.sidecar.get("year_from", "the sidecar")
    if article.date_partial:
        found = with_year(article.date_partial, year)
        return Found(found.value, "text", f"dateline gives {found.text}; year {year} from {origin}") if found else None
    lead = " ".join(x for x in (article.dateline, *article.body[:2]) if x)
    found = with_year(lead, year)
    return Found(found.value, "text", f"text gives {found.text}; year {year} from {origin}") if found else None


def date_by_filename(article: Article, raw: RawText | None, profiles: Profiles) -> Found | None:
    """A date written into the raw file's name ("2021-10-19-nato.txt")."""
    found = date_from_filename(raw.path.name) if raw else None
    return Found(found.value, "filename", f"file name {raw.path.name}") if found else None


# After the parser's own reading of the text, in this order.
DATE_CHAIN: tuple[Step, ...] = (date_by_profile, date_by_year, date_by_filename)


def decide_date(article: Article, raw: RawText | None, profiles: Profiles) -> Article:
    """The date from the first step of the chain that finds one; the parser's stands when set.

    A year given for the delivery makes the dateline's day ("March 3") the date, before
    any other day the text mentions.
    """
    if article.date_partial:
        if found := date_by_year(article, raw, profiles):
            return _with_date(article, found)
        if article.date is None:
            name = raw.path.name if raw else "the raw text"
            article = article.with_warning(
                f"dateline gives {article.date_partial} without a year: set `year:` in {name}.yaml or collection.yaml"
            )
    if article.date is not None:
        return article
    for step in DATE_CHAIN:
        if found := step(article, raw, profiles):
            return _with_date(article, found)
    return article


def _with_date(article: Article, found: Found) -> Article:
    return dataclasses.replace(
        article, date=found.value, date_precision=found.precision, date_source=found.source, date_note=found.note
    )


def decide_language(article: Article, profiles: Profiles) -> Article:
    """The language the text says (a footer, an export's field); else the one its words are
    in (detected); else its source profile's."""
    if article.language:
        return article
    code = languages.detect(" ".join((article.title, *article.body[:6])))
    profile = profiles.by_name(article.source) if article.source and code is None else None
    code = code or (profile.language if profile else None)
    return dataclasses.replace(article, language=code) if code else article


def decide_title(article: Article, name: str) -> Article:
    """The parser's headline; else the first words of the text; else the file name."""
    if len(article.title) > MAX_TITLE_CHARS:
        article = dataclasses.replace(article, title="", body=(article.title, *article.body))
        article = article.with_warning(f"the first line is too long for a headline (over {MAX_TITLE_CHARS} characters)")
    if not article.title:
        first = article.body[0] if article.body else ""
        article = dataclasses.replace(article, title=" ".join(first.split()[:12]) or Path(name).stem)
        article = article.with_warning("no headline found; the title is the first words of the text")
    return article


def story_id(value, where: str, rep: Report) -> str | None:
    """A story id is part of URLs and file names: only a slug is taken as it is."""
    story = slugify(str(value)) or None
    if story != value:
        rep.warn(where, f"story {value!r} is not a slug (a-z, 0-9, -): used {story!r} instead")
    return story


def apply_sidecar(article: Article, raw: RawText | None, rep: Report) -> Article:
    """Fields an editor set for a raw text in `<raw name>.yaml` (or its folder's collection.yaml)."""
    if raw is None or not raw.sidecar:
        return article
    where = f"{raw.path}.yaml"
    changes = {}
    for key, value in raw.sidecar.items():  # typed and ranged by guard's sidecar schema when read
        if key in COLLECTION_FACTS or key not in SIDECAR_FIELDS:
            continue
        if key == "date":
            changes.update(date_source="sidecar", date_precision=raw.sidecar.get("date_precision", "day"))
        if key == "story":
            value = story_id(value, where, rep)
        changes[key] = value
    return dataclasses.replace(article, **changes)


def apply_editor(article: Article, fields: dict) -> Article:
    """What an editor set in a generated article's front matter: it wins over everything."""
    changes = {k: v for k, v in fields.items() if k in EDITOR_FIELDS}
    if not changes:
        return article
    if "story" in changes:
        changes["story"] = slugify(changes["story"]) or None
    if "date" in changes:
        changes.update(date_source="editor", date_precision="day", date_note=None)
    return dataclasses.replace(article, **changes)


def infer_dates(articles: list[Article]) -> list[Article]:
    """Date undated articles from their story: a weekday in the lede, a dated day elsewhere.

    "Russia said on Monday" in an undated clipping, and "on October 18" in a
    report of the same story dated November 2021: October 18, 2021 was a Monday.
    """
    # Per story and weekday, the earliest day another dated article names: read once per article.
    evidence: dict[str, dict[str, tuple]] = defaultdict(dict)
    for other in articles:
        if other.date is None or other.date_source == "inferred":
            continue
        for found in day_mentions(" ".join(other.body), other.date):
            weekday = found.value.strftime("%A")
            best = evidence[other.story].get(weekday)
            if best is None or (found.value, other.origin) < (best[0].value, best[1].origin):
                evidence[other.story][weekday] = (found, other)
    out = []
    for article in articles:
        weekday = None if article.date is not None else weekday_mentioned(" ".join(article.body[:2]))
        best = evidence[article.story].get(weekday) if weekday else None
        if best is None or best[1] is article:
            out.append(article)
            continue
        found, other = best
        note = (
            f"the lede says \u201con {weekday}\u201d; {other.source or other.origin[0]} "
            f"in the same story says \u201c{found.text}\u201d, and {found.value.isoformat()} was a {weekday}"
        )
        out.append(dataclasses.replace(article, date=found.value, date_precision="day", date_source="inferred", date_note=note))
    return out


def mark_drafts(articles: list[Article]) -> list[Article]:
    """An article no step could date is kept as a draft, with how to set its date."""
    out = []
    for article in articles:
        if article.date is None:
            article = dataclasses.replace(article, status="draft").with_warning(
                "no date found: kept as a draft. Set `date: YYYY-MM-DD` in the article's front matter "
                f"or in a sidecar file {Path(article.origin[0].split('#')[0]).name}.yaml beside the raw text"
            )
        out.append(article)
    return out
