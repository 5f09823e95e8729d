"""Golden test: the people, places and organisations of the reference page (gold.json "must").

Strings are compared under ``fold`` (letter forms, ZWNJ and spacing erased), so the test holds
whether or not joiner restoration has put the ZWNJ back into «رئیس‌جمهور».
"""

from __future__ import annotations

from typing import Any

import pytest

from khabar.model import Document, Person
from khabar.normalize import fold

pytestmark = pytest.mark.shared


def profiles_of(stories: list[Document], name: str) -> list[tuple[Document, Person]]:
    return [
        (doc, person)
        for doc in stories
        for person in doc.people
        if person.name is not None and fold(person.name) == fold(name)
    ]


def test_reference_every_must_person_with_titles_role_country_and_mentions(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    for gold in reference_gold["people"]["must"]:
        found = profiles_of(reference_stories, gold["name"])
        assert found, f"no profile for {gold['name']}"
        titles: set[str] = set()
        mentions: set[str] = set()
        for doc, person in found:
            assert fold(person.role or "") == fold(gold["role"]), (gold["name"], person.role)
            assert person.country == gold["country"], (gold["name"], person.country)
            titles |= {fold(title) for title in person.titles}
            mentions |= {fold(doc.span_text(span)) for span in person.mentions}
        assert titles == {fold(title) for title in gold["titles"]}, gold["name"]
        missing = {fold(m) for m in gold["mentions"]} - mentions
        assert not missing, (gold["name"], missing)


def test_reference_each_story_has_one_profile_per_person(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    for doc in reference_stories:
        names = [fold(p.name) for p in doc.people if p.name]
        assert len(names) == len(set(names)), names


def test_reference_pronouns_go_to_the_right_minister(reference_stories: list[Document]) -> None:
    second = reference_stories[1]
    by_name = {fold(p.name): p for p in second.people if p.name}
    ashtiani = by_name[fold("محمد رضا آشتیانی")]
    hasanov = by_name[fold("ذاکر حسناف")]
    ashtiani_pronouns = [s for s in ashtiani.mentions if second.span_text(s) == "وی"]
    hasanov_pronouns = [s for s in hasanov.mentions if second.span_text(s) == "وی"]
    # «وی با بیان اینکه …» follows آشتیانی; «وی با ابراز خرسندی …» follows the Azerbaijani minister
    assert len(ashtiani_pronouns) == 1 and len(hasanov_pronouns) == 1
    assert ashtiani_pronouns[0].start < hasanov_pronouns[0].start


def test_reference_office_only_person_should_be_profiled(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    for gold in reference_gold["people"]["should"]:
        nameless = [
            p
            for doc in reference_stories
            for p in doc.people
            if p.name is None and fold(p.role or "") == fold(gold["role"])
        ]
        assert any(p.country == gold["country"] for p in nameless), gold


def test_reference_every_must_place_in_canonical_form(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    places = {e.canonical for doc in reference_stories for e in doc.entities if e.label == "LOC"}
    missing = set(reference_gold["places"]["must"]) - places
    assert not missing, missing


def test_reference_every_must_organization(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    organizations = {
        fold(e.canonical or doc.span_text(e.span))
        for doc in reference_stories
        for e in doc.entities
        if e.label == "ORG"
    }
    missing = {fold(o) for o in reference_gold["organizations"]["must"]} - organizations
    assert not missing, missing


def test_reference_times_of_the_two_meetings(reference_stories: list[Document]) -> None:
    times = [
        doc.span_text(e.span)
        for doc in reference_stories
        for e in doc.entities
        if e.label == "TIME"
    ]
    assert "ظهر دیروز" in times
    assert any(fold(t) == fold("شامگاه سه شنبه") for t in times)
