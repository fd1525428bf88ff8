"""The article text of a saved page (webbody.py): what is taken out before trafilatura reads
the page, and links made absolute against the page's address. Invented pages."""

from __future__ import annotations

import pytest
from lxml import etree
from newsdesk.webbody import extract_body, rules, without_code
from newsdesk.webmeta import page_meta
from newsdesk.webpage import parse_html

pytestmark = pytest.mark.unit

STORY = " ".join(["The ferry from the north shore ran on time all winter, the harbour office said."] * 6)


def test_scripts_styles_menus_and_footers_go_but_json_ld_and_the_text_after_them_stay():
    tree = parse_html(
        "<html><head><style>p{color:red}</style>"
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
        "<body><p>Before<script>var tracker = 1;</script> after</p><svg><text>logo</text></svg>"
        "<noscript>Turn on scripts</noscript><template><p>later</p></template>"
        "<nav>Home World Sport</nav><footer>Contact the desk</footer><button>Subscribe</button></body></html>"
    )
    without_code(tree)
    html = etree.tostring(tree, encoding="unicode")
    assert "NewsArticle" in html
    for gone in ("color:red", "tracker", "logo", "Turn on scripts", "later", "World Sport", "Contact", "Subscribe"):
        assert gone not in html
    assert tree.find(".//p").text_content() == "Before after"


def test_links_in_the_text_are_made_absolute_against_the_pages_address():
    tree = parse_html(
        f"<html><body><article><h1>Ferry on time</h1><p>{STORY} See the "
        '<a href="/timetable/winter">winter timetable</a> and <a href="mailto:desk@example.org">the desk</a>.</p>'
        "</article></body></html>"
    )
    body = extract_body(tree, "https://www.harbour.example/news/ferry", "Ferry on time")
    text = "\n".join(body.paragraphs)
    assert "[winter timetable](https://www.harbour.example/timetable/winter)" in text
    assert "mailto:" not in text and "the desk" in text


def test_a_page_is_read_the_same_twice_trafilatura_works_on_a_copy():
    html = f"<html><body><article><h1>Ferry on time</h1><p>{STORY}</p></article></body></html>"
    tree = parse_html(html)
    first = extract_body(tree, None, "Ferry on time")
    assert first.plain and first == extract_body(tree, None, "Ferry on time")


def test_a_date_written_out_in_words_is_still_found_when_the_quick_search_finds_none():
    html = "<html><head><title>Le bac</title></head><body><article><p>Le 5 mars 2021, le bac est reparti.</p></article>"
    meta = page_meta(parse_html(html))
    assert (meta.date.isoformat(), meta.provenance["date"]) == ("2021-03-05", "htmldate (page markup and text)")
    marked = html.replace("<title>", '<meta property="article:published_time" content="2021-03-04T09:00:00+01:00"><title>')
    assert page_meta(parse_html(marked)).date.isoformat() == "2021-03-04"  # the markup's date, found by the quick search


@pytest.mark.parametrize(
    "block",
    [
        "Weitere Themen",
        "Zum Weiterlesen:",
        "À lire aussi » Les ferries reprennent du service",
        "Lesen Sie auch: Der Hafen bekommt eine neue Fähre",
        "Keine Kommentare (Kommentare erscheinen nach Freigabe)",
        "Sie sind aktuell nicht eingeloggt.",
        "© Ana Ribeiro/Harbour Pictures",
        "(Credit: Tom Vale / Valley Post)",
        "Crédits photos : Studio Nord",
        "Foto: Hafenamt Riverside",
        "Abbildung 3: Die neue Fährlinie im Überblick.",
        "(Alle Angaben ohne Gewähr)",
        "Letzte Aktualisierung am 2.02.2024 / Bei den Verlinkungen handelt es sich um Affiliate Links",
        "Quelle: Hafenamt Riverside",
        "DIE HAFENZEITUNG 12/2024 Alle Rechte vorbehalten",
        "Never miss the latest news by signing up to our newsletter today!",
        "Get The Valley Post's Daily Edition by email\nFree Sign Up",
        "Síguenos en Telegram, Instagram y Facebook para recibir las noticias",
        "Follow the Valley Post on Twitter @valleypost and on Facebook, or send us a message on WhatsApp",
        "Lust auf mehr? Melde dich für unseren Newsletter an.",
        "If you enjoyed reading this post, would you consider supporting our work?",
        "Klicken Sie auf den unteren Button, um den Inhalt von maps.example.org zu laden.",
        "Fahrplan Winter 2024PDF | 38 KB | Datei ist nicht barrierefrei",
        "Mara Quill E-Mail: press@harbour.example Telefon: +49 40 123 456",
        "Entdecke weitere Hafengeschichten",
        "Verraten Sie gerne in den Kommentaren: Wie kommen Sie zur Arbeit?",
        ">> Neue Fähre: Der Hafen feiert <<",
        "VergrößernDie neue Fähre am Kai.",
    ],
)
def test_site_lines_in_many_languages_are_not_article_text(block):
    assert rules()["boilerplate_re"].fullmatch(" ".join(block.split()))


@pytest.mark.parametrize(
    "paragraph",
    [
        "Get the ferry early to avoid the queue at the pier in the morning.",
        "Copyright law changed for all publishers in the country last spring.",
        "The source said the ferry would resume on Monday, weather permitting.",
        "Follow-up inspections found no damage to the hull, the harbour office said.",
    ],
)
def test_article_sentences_are_not_taken_for_site_lines(paragraph):
    assert not rules()["boilerplate_re"].fullmatch(paragraph)


def test_a_short_line_saying_when_the_page_was_last_changed_is_a_date_line():
    assert rules()["date_line_re"].search("Letzte Änderung 14.02.2024")
    assert rules()["date_line_re"].search("News date : 04/21/2024")
