"""Topics: vocabulary spellings, names beyond it with their kinds, no junk, slugs that never collide."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from newsdesk import frontmatter, topics
from newsdesk.pipeline import ingest
from newsdesk.records import Article
from newsdesk.slugs import topic_slug

VOCABULARY = topics.Vocabulary()


def article(title: str, *body: str, **kw) -> Article:
    return Article(origin=("x.txt",), format="plain", title=title, body=body, **kw)


def ranked(a: Article, vocabulary=VOCABULARY, **kw) -> dict[str, str]:
    return {e.label: e.kind for e in topics.rank(a, vocabulary, **kw)}


def test_vocabulary_spellings_are_one_topic_and_the_alliance_needs_nato(settings):
    vocabulary = topics.load_vocabulary(settings.topics_file)
    named = article("Nato meets", "NATO said on Monday the alliance would meet. Nato allies agreed.")
    assert topics.rank(named, vocabulary)[0].label == "NATO"
    unnamed = article("Talks", "The alliance said it would meet in Brussels. The alliance agreed to talk.")
    assert "NATO" not in ranked(unnamed, vocabulary)


def test_full_name_then_mr_is_one_person_and_possessives_are_dropped():
    a = article(
        "Gazprom chief meets Lavrov",
        "Foreign Minister Sergei Lavrov met Gazprom's chief on Tuesday.",
        "Mr Lavrov said Gazprom's exports would grow. Lavrov's aides agreed.",
    )
    found = ranked(a)
    assert found["Sergei Lavrov"] == "person"
    assert "Lavrov" not in found and "Mr Lavrov" not in found
    assert found["Gazprom"] == "organisation" and "Gazprom's" not in found


def test_all_caps_dateline_with_state_gives_places():
    a = article("HOLLOWAY BAKERIES BUYS MILL", "MAPLEWOOD, Ohio, May 2 - Holloway Bakeries Inc said it bought a flour mill.")
    found = ranked(a)
    assert found["Ohio"] == "place" and found["Maplewood"] == "place"
    assert topics.country_of("Ohio") == "United States"
    assert found["Holloway Bakeries Inc"] == "organisation"
    assert "MAPLEWOOD" not in found and "HOLLOWAY" not in found


def test_kinds_from_the_gazetteer_and_the_rules():
    a = article(
        "Brightwell to build plant in Soviet Union",
        "BASLE, June 9 - Brightwell AG said it would build a paint plant in the Soviet Union with the "
        "Soviet Ministry of Light Industry. Brightwell AG would own 40 pct, it said.",
    )
    found = ranked(a)
    assert found["Brightwell AG"] == "organisation"
    assert found["Soviet Union"] == "place" and found["Basle"] == "place"
    assert topics.guess_kind("Lakeland Growers Federation") == "organisation"
    assert topics.guess_kind("Gulf of Mexico") == "place"
    assert topics.guess_kind("Marleen Dekker") == "person"


def test_no_junk_weekdays_months_honorifics_sentence_starts_mastheads_agencies():
    a = article(
        "Talks resume in Geneva",
        "Analysts said on Monday that talks would resume in Geneva in October, Reuters reported.",
        "Meanwhile the Geneva Post said Dr Anna Berg would chair them. Separately, Berg flew to Geneva.",
        source="Geneva Post",
        credit="AFP",
    )
    found = ranked(a, exclude=frozenset({"Geneva Post", "AFP"}))
    assert "Geneva" in found and "Anna Berg" in found
    for junk in ("Monday", "October", "Reuters", "Dr", "Analysts", "Meanwhile", "Separately", "Geneva Post", "AFP"):
        assert junk not in found, junk


def test_at_most_the_limit_most_salient_first():
    body = " ".join(f"Officials met in {c}." for c in ("Paris", "Rome", "Madrid", "Lisbon", "Vienna", "Oslo") * 2)
    a = article("Paris talks", body, "Paris and Paris again.")
    found = topics.rank(a, VOCABULARY, limit=3)
    assert len(found) == 3 and found[0].label == "Paris"


def test_topic_slugs_never_collide():
    assert topic_slug("C") != topic_slug("C++") != topic_slug("C#")
    assert topic_slug("NATO") == topic_slug("Nato") == "nato"
    assert topic_slug("Łódź") == topic_slug("Lodz") == "lodz"
    assert topic_slug("AC/DC") != topic_slug("AC DC")
    assert topic_slug("U.S.") == topic_slug("US")


def write_raw(site: Path, name: str, title: str, sidecar: dict) -> None:
    raw = site / "content" / "raw"
    (raw / name).write_text(f"{title}\n\nLANGLEY (Wire) - Programmers met on 4 March 2024 to talk about {title}.\n")
    (raw / f"{name}.yaml").write_text(yaml.safe_dump(sidecar))


def test_c_and_cplusplus_get_their_own_tag_pages_in_a_real_build(site):
    write_raw(site, "c.txt", "C compilers", {"topics": ["C"], "source": "Code Wire"})
    write_raw(site, "cpp.txt", "C++ compilers", {"topics": ["C++", "Łódź"], "source": "Code Wire"})
    write_raw(site, "lodz.txt", "Lodz meetup", {"topics": ["Lodz"], "source": "Code Wire"})
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=site, capture_output=True, text=True, check=True,
    )  # fmt: skip

    def listed(slug: str) -> set[str]:
        soup = BeautifulSoup((site / "output" / "topics" / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")
        return {a.get_text() for a in soup.select("ul.articles a")}

    assert listed("c") == {"C compilers"}
    assert listed("c-plus-plus") == {"C++ compilers"}
    assert listed("lodz") == {"C++ compilers", "Lodz meetup"}


def test_vocabulary_change_retags_unedited_articles_but_not_edited_ones(settings):
    ingest(settings)
    files = {p.name: p for p in settings.articles_dir.glob("*.md")}
    report = next(p for n, p in files.items() if n.startswith("bne"))
    clipping = next(p for n, p in files.items() if n.startswith("bangkok"))
    text = clipping.read_text(encoding="utf-8")
    meta, _ = frontmatter.load(text)
    edited = text.replace(f"topics:\n- {meta['topics'][0]}\n", "topics:\n- Cold War\n")
    assert edited != text
    clipping.write_text(edited, encoding="utf-8")

    vocabulary = yaml.safe_load(settings.topics_file.read_text(encoding="utf-8"))
    lavrov = next(t for t in vocabulary if t["label"] == "Sergei Lavrov")
    lavrov.update(label="Sergey Lavrov", aliases=["Sergei Lavrov", "Lavrov", "Mr Lavrov"])
    settings.topics_file.write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    ingest(settings)
    retagged = frontmatter.load(report.read_text(encoding="utf-8"))[0]["topics"]
    assert "Sergey Lavrov" in retagged and "Sergei Lavrov" not in retagged
    kept = frontmatter.load(clipping.read_text(encoding="utf-8"))[0]["topics"]
    assert "Cold War" in kept and "Sergey Lavrov" not in kept


def test_abbreviation_in_brackets_is_the_same_name_and_not_counted_twice():
    a = article(
        "Rates cut",
        "Lakeland Power said the Lakeland Water Board (LWB) approved the cut.",
        "The LWB said it would review rates again. A LWB hearing follows.",
    )
    found = ranked(a)
    assert found == {"Lakeland Water Board": "organisation", "Lakeland Power": "organisation"}


def test_a_city_tags_its_country_just_below_it():
    a = article("Plant to close", "CINCINNATI, March 3 - Procter said it would close a plant in Cincinnati.")
    labels = [e.label for e in topics.rank(a, VOCABULARY)]
    assert "Cincinnati" in labels and "United States" in labels
    assert labels.index("United States") == labels.index("Cincinnati") + 1


def test_german_text_gives_places_not_capitalised_nouns():
    a = article(
        "Stadtwerke senken die Strompreise",
        "Die Stadtwerke in Leipzig senken die Preise. Die Preise für Gas bleiben, die Preise für Strom sinken.",
        language="de",
    )
    found = ranked(a)
    assert found.get("Leipzig") == "place" and found.get("Germany") == "place"
    assert not {"Die Stadtwerke", "Stadtwerke", "Preise", "Die Preise"} & set(found)
