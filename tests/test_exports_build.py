"""A new user's first build from what they have: a Nexis DOCX export, a Factiva HTML export, a
ProQuest alert e-mail and a page saved from it, a PDF report and a Word file, besides an
encrypted Word file and an encrypted PDF. Each story they hold is one article in the site and
in its feeds; the encrypted files are named with what to do; the build goes on."""

from __future__ import annotations

import json
import shutil

import docx
import pytest
from building import pelican
from conftest import REPORT_SEED, ROOT
from docx_support import NexisDoc, nexis_uni, ole_file, save
from newsdesk import frontmatter
from pdf_support import render
from reportlab.lib.pdfencrypt import StandardEncryption

pytestmark = pytest.mark.build

FIXTURES = ROOT / "tests" / "fixtures"
NEXIS = [
    NexisDoc("Ferry fares rise for the first time in ten years", body=("Fares rise by a tenth from 1 April.",)),
    NexisDoc("Harbour dredging starts in May", date_line="March 15, 2024 Friday", body=("Two dredgers arrive.",)),
    NexisDoc("Coastal path reopens after storm", date_line="March 16, 2024 Saturday", body=("Walkers are back.",)),
]
STORIES = {  # raw file -> the articles it holds (the alert's first document is the saved page's)
    "nexis-uni-export.docx": 3,
    "factiva-export.html": 2,
    "proquest-alert.eml": 2,
    "proquest-page.html": 1,
    "harbour-report.pdf": 1,
    "lighthouse-notes.docx": 1,
}
DISTINCT = sum(STORIES.values()) - 1


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Lighthouse keeper retires after forty years", style="Title")
    document.add_paragraph("By Mara Quill")
    document.add_paragraph("12 March 2024")
    document.add_paragraph("The keeper of the Portville lighthouse retired on Tuesday after forty years at the lamp.")
    document.add_paragraph("The light has been automatic since 1998, but she kept the log until the end.")
    return save(document)


def test_a_new_users_exports_and_documents_give_one_article_per_story(site):
    raw = site / "content" / "raw"
    for path in raw.iterdir():
        path.unlink()  # a new user's raw folder holds only what they dropped in
    (raw / "nexis-uni-export.docx").write_bytes(nexis_uni(NEXIS))
    shutil.copyfile(FIXTURES / "factiva_export" / "article_format_en.html", raw / "factiva-export.html")
    shutil.copyfile(FIXTURES / "proquest" / "alert.eml", raw / "proquest-alert.eml")
    shutil.copyfile(FIXTURES / "proquest" / "page.html", raw / "proquest-page.html")
    (raw / "harbour-report.pdf").write_bytes(render([REPORT_SEED.read_text(encoding="utf-8")], size=6, width=1700))
    (raw / "lighthouse-notes.docx").write_bytes(word_file())
    (raw / "locked.docx").write_bytes(ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x93" * 5000}))
    locked = StandardEncryption("reader", ownerPassword="owner", strength=128)
    (raw / "locked.pdf").write_bytes(render(["Board minutes\n\nNot for the public.\n"], encrypt=locked))
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nNEWSDESK_PROGRESS_EVERY = 4\n")

    result = pelican(site)
    log = result.stdout + result.stderr

    articles = {}
    for path in (site / "content" / "articles").glob("*.md"):
        meta, _ = frontmatter.load(path.read_text(encoding="utf-8"))
        articles[meta["uid"]] = meta
    assert len(articles) == DISTINCT
    places: dict[str, int] = {}
    for meta in articles.values():
        origins = meta["origin"] if isinstance(meta["origin"], list) else [meta["origin"]]
        for name in dict.fromkeys(o.removeprefix("raw/").partition("#")[0] for o in origins):
            places[name] = places.get(name, 0) + 1
    assert places == STORIES  # what each file holds, the page's document found in the alert too
    assert len({(m.get("source"), m["date"], m["title"]) for m in articles.values()}) == DISTINCT
    published = {uid for uid, m in articles.items() if m.get("status") != "draft"}
    assert published == set(articles), [m["title"] for m in articles.values() if m.get("status") == "draft"]

    pages = list((site / "output" / "articles").glob("*.html"))
    assert len(pages) == DISTINCT
    feed = json.loads((site / "output" / "feeds" / "all.json").read_text(encoding="utf-8"))
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids)) and set(ids) == published

    assert "locked.docx: skipped: is an encrypted Word document: save it without a password" in log
    assert "locked.pdf: skipped: is encrypted with a password: save an unprotected copy" in log
    assert f"newsdesk: 6 of 6 documents read, {DISTINCT + 1} articles so far" in log  # the page's document counted twice
    assert f"newsdesk: grouping {DISTINCT} articles into stories" in log
