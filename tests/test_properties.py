"""Properties of decoding, cleaning and front matter over generated texts (hypothesis).

What is claimed, precisely:
- decoding: any bytes either become text or are refused with RawFileError (never another error);
- cleaning never raises: every format parser returns articles of plain strings for any text,
  and the whole extraction (topics, stories, dates too) never meets an exception it hides;
- cleaning is idempotent: parsing the plain-text rendering of a parse (headline, blank line,
  dateline + paragraphs separated by blank lines) gives the same headline, dateline, credit,
  date and body (the parse stage only: decoding's mojibake repair by ftfy is not idempotent
  when joining lines makes new letter pairs, e.g. "Â" + " " reads as a broken no-break space);
- nothing is dropped: for a text with no boilerplate, every letter and digit of it, in order,
  is in the headline, dateline, credit and body of what the plain parser makes of it;
- no paragraph is dropped with the page furniture: prose mixed with footers, mastheads,
  page-number runs and caption markers keeps every paragraph in what the detected format's
  parser makes of it (body, captions or headline fields);
- every paragraph shows as written: its Markdown (escaped) renders to one HTML paragraph whose
  text is the paragraph, so no raw text is ever run as markup;
- front matter always round-trips: any field values written by `dump` are read back equal.

The example counts add up to 11,300 generated cases on every run (`derandomize` keeps
CI reproducible; raise NEWSDESK_HYPOTHESIS_SCALE locally to search harder).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from conftest import ROOT
from formats_support import detect
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsdesk import frontmatter
from newsdesk.decode import RawFileError, read_raw, repair
from newsdesk.formats import Context, plain
from newsdesk.profiles import load_profiles
from newsdesk.records import Article, RawText
from pelican.settings import DEFAULT_CONFIG

# The CI profile runs a quarter of the examples; NEWSDESK_HYPOTHESIS_SCALE=1 runs them all (about 56 s).
SCALE = float(os.environ.get("NEWSDESK_HYPOTHESIS_SCALE", "0.25"))
PROFILES = load_profiles(ROOT / "content" / "sources")
MARKDOWN = DEFAULT_CONFIG["MARKDOWN"]


def examples(n: int):
    return settings(
        max_examples=int(n * SCALE),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Lines that raw texts really have: datelines, bylines, page furniture, captions, markup.
NEWS_LINES = [
    "MOSCOW: Russia said on Monday it was suspending its mission.",
    "WASHINGTON (AP) - The Senate voted on October 18, 2021.",
    "By JOHN SMITH",
    "Newspapers in English",
    "Bangkok Post",
    "25 26 27 28 29",
    "Page 3 of 12",
    "RUSSIA Country Report November 2021 www.intellinews.com",
    "?? AFP ??",
    "Photo: Reuters",
    "------",
    "---",
    "diplo-",
    "matic ties were cut.",
    "<script>alert(1)</script>",
    "# not a heading",
    "1. not a list",
    "> not a quote",
    "| a | b |",
    "~~~",
    "```",
    "{: onclick=alert(1) }",
    "[link](javascript:alert(1))",
    "&amp; &lt;b&gt;",
    "Term",
    ": definition",
    "*emphasis* _under_ `code`",
    "\u200f\u05e9\u05dc\u05d5\u05dd \U0001f389",
    "",
    "   ",
]
news_text = st.lists(st.one_of(st.sampled_from(NEWS_LINES), st.text(max_size=80)), max_size=30).map("\n".join)
VOCABULARY = ("Nato", "ministry", "said", "on", "Monday", "the", "talks", "2021", "Genève", "Zürich", "Płock", "московский",
              "مرحبا", "שלום", "東京", "co-operation", "e-mail", "U.S.", "10%", "€2m", "naïve", "and", "of")  # fmt: skip
words = st.one_of(st.sampled_from(VOCABULARY), st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8))
sentence = st.lists(words, min_size=1, max_size=15).map(lambda ws: " ".join(ws).capitalize() + ".")
prose = st.lists(st.lists(sentence, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=8)


def raw_text(text: str) -> RawText:
    return RawText(path=Path("generated.txt"), text=repair(text), encoding="utf-8", sha256="0" * 64)


@examples(1500)
@given(st.binary(max_size=3000))
def test_any_bytes_become_text_or_a_clear_refusal(data):
    with tempfile.NamedTemporaryFile(suffix=".txt") as handle:
        handle.write(data)
        handle.flush()
        try:
            raw = read_raw(Path(handle.name))
        except RawFileError as exc:
            assert str(exc).startswith("is ")
            return
    if raw.kind != "text":  # a PDF, page or Word file by its bytes: kept as bytes for its format
        assert raw.data and raw.text == ""
        return
    assert raw.text.strip() and "\x00" not in raw.text and "\r" not in raw.text


@examples(2500)
@given(news_text)
def test_cleaning_never_raises(text):
    raw = raw_text(text)
    for article in detect(raw.text).parse([raw], Context(PROFILES)):
        assert isinstance(article.title, str)
        assert all(isinstance(p, str) and p for p in article.body)


def render(article: Article) -> str:
    """The plain text an article stands for: headline, then dateline and paragraphs."""
    body = list(article.body)
    if article.dateline and body:
        agency = f" ({article.credit})" if article.credit else ""
        body[0] = f"{article.dateline}{agency}: {body[0]}"
    return "\n\n".join([article.title, *body]) + "\n"


def facts(article: Article) -> tuple:
    return article.title, article.dateline, article.credit, article.date, article.body


@examples(1500)
@given(st.one_of(news_text, prose.map("\n\n".join), prose.map("\n".join)))
def test_cleaning_is_idempotent(text):
    (once,) = plain.parse([raw_text(text)], Context(PROFILES))
    rendered = RawText(path=Path("rendered.txt"), text=render(once), encoding="utf-8", sha256="0" * 64)
    (twice,) = plain.parse([rendered], Context(PROFILES))
    assert facts(twice) == facts(once)


def alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


@examples(1500)
@given(st.one_of(news_text, prose.map("\n\n".join), prose.map("\n".join)))
def test_no_letter_or_digit_is_dropped(text):
    raw = raw_text(text)
    (article,) = plain.parse([raw], Context(PROFILES))
    kept = " ".join(x for x in (article.title, article.dateline, article.credit, *article.body) if x)
    assert alnum(kept) == alnum(raw.text)


def rendered_paragraphs(body: str) -> list[str]:
    html = markdown.markdown(body, extensions=list(MARKDOWN["extension_configs"]), output_format="html5")
    soup = BeautifulSoup(html, "html.parser")
    assert all(tag.name == "p" for tag in soup.find_all(True, recursive=False)), html
    return [" ".join(p.get_text().split()) for p in soup.find_all("p")]


@examples(1500)
@given(st.lists(st.one_of(st.sampled_from(NEWS_LINES), st.text(min_size=1, max_size=60)), min_size=1, max_size=5))
def test_every_paragraph_shows_as_written(lines):
    paragraphs = tuple(" ".join(repair(x).split()) for x in lines if repair(x).split())
    article = Article(origin=("x",), format="plain", title="t", body=paragraphs)
    _, body = frontmatter.load(frontmatter.dump(article))
    assert rendered_paragraphs(body) == list(paragraphs)


# Field values as the pipeline makes them: text through `repair` (no control characters,
# line separators made newlines), which is what reaches `dump`.
field_text = st.text(max_size=60).map(repair)
field_list = st.lists(st.text(min_size=1, max_size=30).map(repair).filter(bool), max_size=4).map(tuple)


@examples(1500)
@given(
    title=st.text(min_size=1, max_size=80).map(repair).filter(bool),
    source=field_text,
    dateline=field_text,
    byline=field_list,
    captions=field_list,
    topics=field_list,
    story=field_text,
    when=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))),
)
def test_front_matter_round_trips(title, source, dateline, byline, captions, topics, story, when):
    article = Article(
        origin=("raw/x.txt",), format="plain", title=title, body=("Body.",), source=source or None,
        dateline=dateline or None, byline=byline, captions=captions, topics=topics, story=story or None,
        date=when, date_precision="day" if when else None,
    )  # fmt: skip
    meta, body = frontmatter.load(frontmatter.dump(article))
    assert meta == frontmatter.metadata(article)
    assert body.strip() == "Body."


# Page furniture every format parser is meant to take out: footers, mastheads, page runs, markers.
FURNITURE = ["Newspapers in English", "Bangkok Post", "25 26 27 28 29", "?? AFP ??", "Page 3 of 12",
             "RUSSIA Country Report November 2021 www.intellinews.com", "------"]  # fmt: skip


def everything(article: Article) -> str:
    fields = (article.title, article.subtitle, article.dateline, article.credit, *article.byline, *article.captions)
    return alnum(" ".join(x for x in (*fields, *article.body) if x))


@examples(1000)
@given(prose, st.lists(st.sampled_from(FURNITURE), max_size=6), st.randoms(use_true_random=False))
def test_no_paragraph_is_dropped_with_the_furniture(paragraphs, furniture, rnd):
    blocks = [*paragraphs]
    for line in furniture:
        blocks.insert(rnd.randint(0, len(blocks)), line)
    raw = raw_text("Talks resume in Geneva\n\n" + "\n\n".join(blocks) + "\n")
    kept = "".join(everything(a) for a in detect(raw.text).parse([raw], Context(PROFILES)))
    for paragraph in paragraphs:
        assert alnum(repair(paragraph)) in kept, paragraph


@examples(300)
@given(st.lists(st.one_of(news_text, prose.map("\n\n".join)), min_size=1, max_size=3))
def test_the_whole_extraction_never_raises_nor_hides_a_bug(texts):
    from newsdesk.pipeline import Report, Settings, extract

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        paths = []
        for n, text in enumerate(texts):
            paths.append(raw / f"{n}.txt")
            paths[-1].write_text(text, encoding="utf-8")
        report = Report()
        settings = Settings(raw_dir=raw, articles_dir=Path(tmp) / "articles", sources_dir=ROOT / "content" / "sources")
        articles = extract(paths, settings, report)
    assert not [why for _, why in report.skipped if "Newsdesk bug" in why]
    assert all(a.uid and a.title for a in articles)
