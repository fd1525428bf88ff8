"""ProQuest: the article page and the alert e-mails (MIME, quoted-printable, many documents each)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from newsdesk import frontmatter
from newsdesk.formats import proquest
from newsdesk.formats.base import Context, FormatError
from newsdesk.profiles import Profiles
from newsdesk.records import RawText, Topic
from newsdesk.topics import Vocabulary

FIXTURES = ROOT / "tests" / "fixtures" / "proquest"
CTX = Context(profiles=Profiles(), vocabulary=Vocabulary((Topic("Portville", "place"),)))


def raw_of(path: Path) -> RawText:
    data = path.read_bytes()
    kind = "eml" if path.suffix == ".eml" else "html"
    return RawText(path, "", "utf-8", hashlib.sha256(data).hexdigest(), kind=kind, data=data)


@pytest.mark.unit
def test_article_page_fields():
    (article,) = proquest.parse([raw_of(FIXTURES / "page.html")], CTX)
    assert article.origin == (str(FIXTURES / "page.html"),)
    assert article.title == "Harbour bridge to close for repairs; Ferries will run every 20 minutes"
    assert article.byline == ("Jane Roe",)  # "Roe, Jane"
    assert (article.source, article.date.isoformat(), article.section) == (
        "Harbour Gazette",
        "2010-05-08",
        "Business; Part B; Business Desk",
    )
    assert (article.language, article.publication, article.accession) == ("en", "ProQuest", "proquest:100000001")
    assert article.description == "The bridge closes on Monday for six weeks."
    assert article.correction == "Bridge: An article on Friday gave the wrong closing date. It is Monday."
    assert article.credit == "By Jane Roe, Gazette staff writer"
    assert article.captions == ("PHOTO: CLOSED: The bridge at dusk.; PHOTOGRAPHER:Max Muster Harbour Gazette",)
    assert article.body == (  # the correction note, credit, "Illustration" and caption are not text; "Where:" is
        "The Harbour Bridge will close for six weeks from Monday while engineers replace its cables, the city said.",
        "Where: Harbour Road, Portville",
        "Ferries will run every 20 minutes.",
        "--",
        "jane.roe@gazette.example",
    )
    assert article.keywords == ("Bridges", "Maintenance", "Portville", "Portville Harbour Board")
    assert article.topics == ("Portville",)
    assert article.original_url == "https://search.proquest.com/docview/100000001"  # no account id
    assert article.copyright == "(Copyright (c) 2010 Harbour Gazette)"


@pytest.mark.unit
def test_alert_email_splits_into_documents_without_its_boilerplate():
    first, second = proquest.parse([raw_of(FIXTURES / "alert.eml")], CTX)
    assert first.origin == (f"{FIXTURES / 'alert.eml'}#1",)
    assert second.origin == (f"{FIXTURES / 'alert.eml'}#2",)
    assert first.title.startswith("Harbour bridge to close") and first.byline == ("Jane Roe",)
    assert (second.title, second.edition) == ("Council backs new school", "Final Edition")
    assert second.byline == ()  # "Anonymous"
    assert second.description is None  # "None available."
    assert (second.dateline, second.date.isoformat(), second.section) == ("PORTVILLE", "2010-05-09", "Metro")
    assert second.body == ("The council voted 7-2 on Tuesday to build a school in the old dock district.",)
    text = " ".join(p for a in (first, second) for p in a.body)
    assert "reproduced with the permission" not in text and "Contact ProQuest" not in text


@pytest.mark.unit
def test_text_only_alert_read_from_its_plain_part():
    (article,) = proquest.parse([raw_of(FIXTURES / "alert_plain.eml")], CTX)
    assert (article.title, article.byline, article.accession) == ("Council backs new school", (), "proquest:100000002")
    assert article.body == ("The council voted 7-2 on Tuesday to build a school in the old dock district.",)


@pytest.mark.unit
def test_email_without_text_is_named():
    with pytest.raises(FormatError, match="without an HTML or text part"):
        proquest.parse([raw_of(FIXTURES / "no_text.eml")], CTX)


@pytest.mark.unit
def test_scores():
    assert proquest.score(raw_of(FIXTURES / "alert.eml")) == 1.0  # the quoted-printable soft breaks unfolded
    assert proquest.score(raw_of(FIXTURES / "page.html")) == 1.0
    factiva = ROOT / "tests" / "fixtures" / "factiva_export" / "article_format_en.html"
    assert proquest.score(raw_of(factiva)) == 0.0


@pytest.mark.build
def test_alert_email_becomes_two_article_pages(site):
    shutil.copy(FIXTURES / "alert.eml", site / "content" / "raw" / "alert.eml")
    run = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "alert.eml" not in run.stderr  # read, not skipped
    pages = {}
    for page in (site / "output" / "articles").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        pages[soup.find("h1").get_text(" ", strip=True)] = soup.get_text(" ", strip=True)
    bridge = next(text for title, text in pages.items() if title.startswith("Harbour bridge to close"))
    school = pages["Council backs new school"]
    assert "Ferries will run every 20 minutes." in bridge and "Jane Roe" in bridge
    assert "reproduced with the permission" not in bridge + school
    assert "build a school in the old dock district" in school
    metas = [frontmatter.load(md.read_text(encoding="utf-8"))[0] for md in (site / "content" / "articles").glob("*.md")]
    mine = sorted((str(m["origin"]), m["accession"]) for m in metas if "alert.eml" in str(m["origin"]))
    assert mine == [("raw/alert.eml#1", "proquest:100000001"), ("raw/alert.eml#2", "proquest:100000002")]
