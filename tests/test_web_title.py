"""The headline of a saved page (webtitle.py): the one printed on the page, without kickers,
hidden labels or the site's name, over titles rewritten for search engines and share cards.
Pages invented for these tests, in the shapes sites print them."""

from __future__ import annotations

import pytest
from newsdesk.webmeta import page_meta
from newsdesk.webpage import parse_html
from newsdesk.webtitle import heading_text, site_like, without_site

pytestmark = pytest.mark.unit


def page(head: str = "", body: str = "", url: str | None = "https://www.valleypost.example/news/1") -> tuple[str, str]:
    meta = page_meta(parse_html(f"<html><head>{head}</head><body>{body}<p>Text of the story.</p></body></html>"), url)
    return meta.title, meta.provenance.get("title")


def test_the_printed_headline_wins_over_a_share_title_rewritten_around_it():
    share = "Recipe: plum cake from the valley | Valley Post"
    head = f'<title>{share}</title><meta property="og:title" content="{share}">'
    assert page(head, "<h1>Plum cake from the valley</h1>") == ("Plum cake from the valley", "h1")


def test_the_metadata_title_is_the_provenance_when_the_page_prints_it_as_it_is():
    head = '<meta property="og:title" content="Bridge reopens after repairs">'
    assert page(head, "<h1>Bridge reopens after repairs</h1>") == ("Bridge reopens after repairs", "opengraph")


def test_a_kicker_printed_in_front_of_the_headline_is_not_the_headline():
    node = parse_html("<h1><span class='roofline'>Transport</span> Bridge reopens after repairs</h1>").find(".//h1")
    assert heading_text(node) == "Bridge reopens after repairs"
    node = parse_html("<h1><small>Week 12</small><br>Ferry timetable changes</h1>").find(".//h1")
    assert heading_text(node) == "Ferry timetable changes"
    head = '<meta property="og:title" content="Transport: Bridge reopens after repairs">'
    body = "<h1><span>Transport</span><span class='visually-hidden'>: </span>Bridge reopens after repairs</h1>"
    assert page(head, body)[0] == "Bridge reopens after repairs"


def test_a_styled_first_word_of_the_headline_is_not_a_kicker():
    node = parse_html("<h1><span class='initial'>Storm</span> damage closes the harbour road</h1>").find(".//h1")
    assert heading_text(node) == "Storm damage closes the harbour road"
    node = parse_html("<h1><span>Bridge reopens after repairs</span> <span>at last</span></h1>").find(".//h1")
    assert heading_text(node) == "Bridge reopens after repairs at last"  # the longer part first: no kicker


def test_text_the_page_hides_from_sight_is_not_part_of_the_headline():
    node = parse_html("<h1><div><span class='visuallyhidden'>Headline:</span> Orchard festival returns</div></h1>").find(".//h1")
    assert heading_text(node) == "Orchard festival returns"


def test_soft_hyphens_and_decomposed_letters_are_not_kept_in_the_headline():
    node = parse_html("<h1>Er\u00adin\u00adne\u00adrung an die Flut von Sainte\u0301-Marie</h1>").find(".//h1")
    assert heading_text(node) == "Erinnerung an die Flut von Sainté-Marie"


def test_an_h1_that_is_the_sites_name_is_passed_over():
    head = "<title>Plum cake from the valley | Grandma's Kitchen</title>"
    assert page(head, "<h1>Grandma's Kitchen</h1>", url=None) == ("Plum cake from the valley", "title element")
    # the blogs' "Site » Blog Archive » Post"
    head = "<title>Four Corners » Blog Archive » Small integers in Python</title>"
    assert page(head, "<h1>Four Corners</h1>", url=None)[0] == "Small integers in Python"
    # a heading named like the address's domain
    assert page("<title>Orchard festival returns</title>", "<h1>Valley Post</h1>")[0] == "Orchard festival returns"


def test_an_h1_after_a_sections_name_in_the_title_is_the_headline():
    head = "<title>News - Orchard festival returns to the valley</title>"
    assert page(head, "<h1>Orchard festival returns to the valley</h1>", url=None)[0] == "Orchard festival returns to the valley"


def test_a_sections_name_as_h1_does_not_beat_the_metadata_title():
    head = '<meta property="og:title" content="Pensions: saving for your pension with your employer\'s help">'
    assert page(head, "<h1>Pensions</h1>")[0] == "Pensions: saving for your pension with your employer's help"


def test_the_title_element_without_the_site_and_section_names():
    sites = ("The Valley Post",)
    assert without_site("Orchard festival returns | The Valley Post", sites, None) == "Orchard festival returns"
    assert without_site("Orchard festival returns - valleypost.example", (), "www.valleypost.example") == (
        "Orchard festival returns"
    )
    # a short piece after a bar is the site's; after a dash it may be the headline's
    assert without_site("Dignity of life – a project | Big Questions", (), None) == "Dignity of life – a project"
    assert without_site("Harbour road reopens | Riverside", (), None) == "Harbour road reopens"
    # of a <title>, the headline's piece alone; a one-word section in front is passed over
    assert without_site("Ben's Boards - Sail makers, surf and kite shop in Kiel", (), None, page=True) == "Ben's Boards"
    assert without_site("Aktuelles - Illegal crossings rise again this year", (), None, page=True) == (
        "Illegal crossings rise again this year"
    )


def test_a_long_headline_that_names_the_domain_is_not_the_sites_name():
    assert site_like("Valley Post", (), "www.valleypost.example")
    assert not site_like("Valley post office closes after a hundred years", (), "www.valleypost.example")


def test_a_heading_nested_deeper_than_pythons_stack_is_read():
    node = parse_html("<h1>" + "<span>" * 1500 + "Deep headline" + "</span>" * 1500 + "</h1>").find(".//h1")
    assert heading_text(node) == "Deep headline"
