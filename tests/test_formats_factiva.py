"""Factiva per-article PDF pages: header block, page footers, trailer, pages of one PDF joined."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from formats_support import extract
from newsdesk.formats import factiva_pdf
from newsdesk.records import Preformatted

FIXTURES = ROOT / "tests" / "fixtures" / "raw" / "factiva"


def test_header_block_read_into_fields():
    (article,) = extract(sorted(FIXTURES.glob("7.p*.txt")))
    assert article.format == "factiva-pdf"
    assert article.title == (
        "Harbour authority sells bonds to fund new quay and widen the shipping channel as cargo volumes climb for a third year"
    )
    assert article.section == "Financial"
    assert article.byline == ("Lena Ortiz",)
    assert (article.source, article.language) == ("The Coastal Ledger", "en")
    assert (article.date.isoformat(), article.date_precision, article.date_source) == ("2004-03-14", "day", "text")
    assert article.dateline == "PORTSMOUTH, N.H."


def test_pages_joined_mid_sentence_and_furniture_left_out():
    (article,) = extract(sorted(FIXTURES.glob("7.p*.txt")))
    assert [p.rsplit("/", 1)[-1] for p in article.origin] == ["7.p01.txt", "7.p02.txt"]
    assert article.body[0].startswith("The harbour authority sold 40 million dollars")
    assert article.body[1].endswith("covered twice over by the time the books closed on Friday afternoon.")
    text = "\n".join(article.body)
    for furniture in ("Factiva", "Page 1 of 2", "412 words", "COLEDG", "Copyright", "Staff Writer", "Document",
                      "Search Summary", "Results Found", "Did you find this article useful"):  # fmt: skip
        assert furniture not in text, furniture


def test_table_kept_as_preformatted():
    (article,) = extract(sorted(FIXTURES.glob("7.p*.txt")))
    table = article.body[-1]
    assert isinstance(table, Preformatted)
    assert table.splitlines()[1] == "Cargo            1.2 mln t     1.1 mln t"


def test_a_missing_page_is_said(tmp_path):
    shutil.copy(FIXTURES / "7.p01.txt", tmp_path / "7.p01.txt")
    (article,) = extract([tmp_path / "7.p01.txt"])
    assert any("1 of the PDF's 2 pages" in w for w in article.warnings)


def test_pages_of_different_pdfs_stay_apart(tmp_path):
    for name in ("7.p01.txt", "7.p02.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
        shutil.copy(FIXTURES / name, tmp_path / name.replace("7.", "8."))
    articles = extract(sorted(tmp_path.glob("*.txt")))
    assert [len(a.origin) for a in articles] == [2, 2]


def test_byline_rules():
    head = ["Section B", "DIGEST", "Aaron Ilves"]
    assert factiva_pdf._header(head, "the city council met on tuesday")[:3] == ("DIGEST", "Section B", ("Aaron Ilves",))
    head = ["Financial", "Internet Calling Choices"]
    assert factiva_pdf._header(head, "calling over the internet")[0] == "Internet Calling Choices"
    head = ["BUSINESS", "Port wary of new rules; critics fear costs would be stifling for the smaller carriers on the coast.",
            "Maria Olsen ASSOCIATED PRESS"]  # fmt: skip
    assert factiva_pdf._header(head, "")[0].startswith("Port wary of new rules")


def test_search_summary_cut_even_without_the_document_line(tmp_path):
    text = (FIXTURES / "7.p02.txt").read_text(encoding="utf-8")
    cut = "\n".join(x for x in text.split("\n") if not x.startswith("Document "))
    shutil.copy(FIXTURES / "7.p01.txt", tmp_path / "7.p01.txt")
    (tmp_path / "7.p02.txt").write_text(cut, encoding="utf-8")
    (article,) = extract(sorted(tmp_path.glob("*.txt")))
    assert not any("Search Summary" in p or "Results Found" in p or "All Dates" in p for p in article.body)


def test_press_release_header_with_time_and_two_copyright_lines(tmp_path):
    (tmp_path / "12.p01.txt").write_text(
        "Harbour Systems to Present at Ports Conference\n"
        "218 words\n10 March 2004\n18:26\nBusiness Wire\nBWR\nEnglish\n"
        "(c) 2004 Business Wire. All Rights Reserved.\n"
        "(c) 2004, Harbour Systems Inc. Distributed by Business Wire.\n"
        "BRISTOL, England - (BUSINESS WIRE) - March 10, 2004 - Harbour Systems said it will present at the\n"
        "ports conference in Rotterdam on March 16.\n\n"
        "Document BWR0000020040310e03a00001\n\n"
        "Page 1 of 1 \u00a9 2018 Factiva, Inc. All rights reserved.\n\f",
        encoding="utf-8",
    )
    (article,) = extract([tmp_path / "12.p01.txt"])
    assert article.title == "Harbour Systems to Present at Ports Conference"
    assert (article.source, article.date.isoformat()) == ("Business Wire", "2004-03-10")
    assert (article.dateline, article.credit) == ("BRISTOL, England", "BUSINESS WIRE")
    assert article.body == ("Harbour Systems said it will present at the ports conference in Rotterdam on March 16.",)


def test_table_rows_one_a_block_gathered_into_one_table():
    lines = [
        "Harbour Group results for the year.", "", "           2004     2003", "",
        "Revenue            1.69bn            1.66bn", "", "HALF YEAR", "",
        "Revenue            0.81bn            0.79bn", "", "The board met on Monday.",
    ]  # fmt: skip
    text, table, last = factiva_pdf._paragraphs(lines)
    assert isinstance(table, Preformatted)
    assert table.splitlines() == [
        "           2004     2003", "Revenue            1.69bn            1.66bn", "HALF YEAR",
        "Revenue            0.81bn            0.79bn",
    ]  # fmt: skip
    assert (text, last) == ("Harbour Group results for the year.", "The board met on Monday.")


def test_trailing_subscription_copyright_and_rule_lines_dropped():
    from newsdesk.profiles import load_profiles

    boilerplate = load_profiles(ROOT / "content" / "sources").boilerplate()
    paragraphs = [
        "The mall opens on Friday.", "-", "To see more of the Valley Star, or to subscribe to the newspaper, go to x",
        "(c) 2003, Valley Star, Calif. Distributed by Knight Ridder/Tribune Business News. ABC, DEF.",
    ]  # fmt: skip
    assert factiva_pdf._drop_trailers(paragraphs, boilerplate) == ["The mall opens on Friday."]


@pytest.mark.unit
def test_header_in_another_order_publication_above_the_headline_is_the_source():
    folder = ROOT / "tests" / "fixtures" / "raw" / "factiva-reordered"
    first, second = extract(sorted(folder.glob("*.txt")))
    assert first.title == "Shipyard orders climb to a ten-year high as ferry operators renew their fleets"
    assert (first.source, first.byline, first.date.isoformat()) == ("The Harbour Business Daily", ("Mara Quint",), "2004-04-02")
    assert first.section is None and first.body[0].startswith("The shipyards on the estuary")
    assert second.title == "Ferry maker hires 300 for new orders"
    assert (second.source, second.byline, second.date.isoformat()) == (
        "The Harbour Business Daily",
        ("Mara Quint", "Olle Berg"),
        "2004-04-05",
    )
    assert second.language == "en" and not any("Copyright" in p or "HARBD" in p for p in second.body)


@pytest.mark.unit
def test_word_count_copyright_and_accession_read_into_fields():
    first, _ = extract(sorted((ROOT / "tests" / "fixtures" / "raw" / "factiva-reordered").glob("*.txt")))
    assert (first.word_count, first.accession) == (538, "HARBD00020040402e0420000b")
    assert first.copyright == "(c) 2004 The Harbour Business Daily. All Rights Reserved."
