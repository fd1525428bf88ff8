"""Grouping rules on invented coverage: two events of one kind stay apart, a follow-up
weeks later joins its story, a brief joins the story it belongs to, stop words are one list."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from newsdesk import stories, storygroup
from newsdesk.records import Article

pytestmark = pytest.mark.unit


def art(uid: str, title: str, body: str, day: date | None) -> Article:
    return Article(
        origin=(uid,), format="plain", title=title, body=(body,), date=day, date_precision="day" if day else None, uid=uid
    )


QUAKE_A = [
    (
        "qa1",
        "Earthquake of magnitude 6.1 shakes Varnaby",
        "A magnitude 6.1 earthquake struck Varnaby province on Tuesday, killing 12"
        " people and destroying 300 homes, the Varnaby governor Ilse Mandrow said.",
    ),
    (
        "qa2",
        "Varnaby quake kills 12",
        "Rescuers in Varnaby searched collapsed homes after the 6.1 earthquake. Governor"
        " Ilse Mandrow said 12 people died and 300 homes were destroyed.",
    ),
    (
        "qa3",
        "Deadly quake in Varnaby province",
        "The earthquake in Varnaby measured 6.1, seismologists said. Ilse Mandrow, the"
        " governor, asked for tents for families whose 300 homes were lost; 12 died.",
    ),
]
QUAKE_B = [
    (
        "qb1",
        "Strong earthquake hits Oskeld coast",
        "A magnitude 5.4 earthquake hit the Oskeld coast on Friday, injuring 40 people,"
        " mayor Teodor Brask said, and the port of Oskeld was closed.",
    ),
    (
        "qb2",
        "Oskeld quake injures 40",
        "Mayor Teodor Brask said 40 people were hurt when the 5.4 earthquake shook Oskeld. The Oskeld port stayed closed.",
    ),
    (
        "qb3",
        "Earthquake on the Oskeld coast",
        "The 5.4 earthquake near Oskeld injured 40 residents. Teodor Brask, the mayor, said the port would reopen.",
    ),
]


def grouped(articles: list[Article]) -> list[set[str]]:
    by_story: dict[str, set[str]] = {}
    for a in stories.group(articles):
        by_story.setdefault(a.story, set()).add(a.uid)
    return sorted(by_story.values(), key=min)


def test_two_earthquakes_stay_apart_though_they_share_their_words():
    articles = [art(u, t, b, date(2024, 5, 7)) for u, t, b in QUAKE_A] + [art(u, t, b, date(2024, 5, 10)) for u, t, b in QUAKE_B]
    assert grouped(articles) == [{"qa1", "qa2", "qa3"}, {"qb1", "qb2", "qb3"}]


def test_a_follow_up_seven_weeks_later_joins_its_story():
    articles = [art(u, t, b, date(2024, 5, 7)) for u, t, b in QUAKE_A]
    articles.append(
        art(
            "qa4",
            "Varnaby rebuilds after the 6.1 quake",
            "Seven weeks after the 6.1 earthquake that killed 12 people in Varnaby, governor"
            " Ilse Mandrow opened the first of 300 new homes.",
            date(2024, 6, 25),
        )
    )
    assert grouped(articles) == [{"qa1", "qa2", "qa3", "qa4"}]


def test_time_is_evidence_not_a_wall():
    near = art("x", "t", "b", date(2024, 1, 1))
    assert storygroup.decay(near, art("y", "t", "b", date(2024, 1, 1))) == 1.0
    far = storygroup.decay(near, art("z", "t", "b", date(2024, 6, 1)))
    assert storygroup.DECAY_FLOOR <= far < storygroup.decay(near, art("w", "t", "b", date(2024, 1, 8))) < 1.0
    assert storygroup.decay(near, art("u", "t", "b", None)) == 1.0


def test_average_link_does_not_chain_two_groups_through_one_article():
    # 0-1 and 2-3 are pairs; article 1 is a little like 2, too little on average for the two groups
    edges = {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.5}
    assert storygroup.average_link(4, edges) == [[0, 1], [2, 3]]
    # single link would have joined them all; a strong enough bridge still joins them
    edges = {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.9, (0, 2): 0.9, (1, 3): 0.9, (0, 3): 0.9}
    assert storygroup.average_link(4, edges) == [[0, 1, 2, 3]]


def test_a_small_group_attaches_to_the_group_it_is_closest_to():
    big = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.8}
    edges = {**big, (2, 3): 0.5}  # a mean of 0.5 / 3: below the threshold, above ATTACH
    assert storygroup.average_link(4, edges) == [[0, 1, 2, 3]]
    edges = {**big, (2, 3): 0.05}
    assert storygroup.average_link(4, edges) == [[0, 1, 2], [3]]


def test_stop_words_are_one_list_without_duplicates():
    words = yaml.safe_load((storygroup.RULES / "stopwords.yaml").read_text(encoding="utf-8"))["words"]
    assert len(words) == len(set(words)) > 50
    assert "said" in storygroup.stopwords()
    assert "said" not in storygroup.features(art("s", "Minister said", "The minister said no.", None))
