"""The reference page: every "must" quote and both "must" meetings of its gold analysis.

The people stage is another issue's; until the default pipeline has one, the gold "must" people
(and the Azerbaijani president known by office) are inserted after segmentation, as the people
stage would provide them. Publication date: Wednesday 2023-11-08 (1402-08-17).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from quotes_support import analyze_with_people, participant_names

import khabar
from khabar.chars import ZWNJ
from khabar.normalize.fold import fold

PUBLISHED = date(2023, 11, 8)


@pytest.fixture(scope="module")
def stories(reference_page: str, reference_gold: dict[str, Any]) -> list[khabar.Document]:
    people = reference_gold["people"]["must"] + [
        {
            "name": None,
            "role": f"رئیس{ZWNJ}جمهور",
            "country": "آذربایجان",
            "mentions": [f"رئیس{ZWNJ}جمهور آذربایجان"],
        }
    ]
    return analyze_with_people(
        reference_page, people, published=PUBLISHED.isoformat(), split=True, id="rahnama"
    )


def speaker(doc: khabar.Document, quote: khabar.Quote) -> str | None:
    if quote.speaker is None:
        return quote.speaker_name
    return doc.people[quote.speaker].name


def test_reference_every_must_quote_has_its_speaker_cue_and_start(
    stories: list[khabar.Document], reference_gold: dict[str, Any]
) -> None:
    for item in reference_gold["quotes"]["must"]:
        matches = [
            (doc, quote)
            for doc in stories
            for quote in doc.quotes
            if fold(doc.span_text(quote.content)).startswith(fold(item["starts"]))
        ]
        assert len(matches) == 1, item["starts"]
        doc, quote = matches[0]
        assert speaker(doc, quote) == item["speaker"], item["starts"]
        assert quote.cue is not None and fold(doc.span_text(quote.cue)) == fold(item["cue"])
        assert quote.kind == item["kind"]
        if "speaker_mention" in item:
            assert quote.speaker_mention is not None
            assert fold(doc.span_text(quote.speaker_mention)) == fold(item["speaker_mention"])


def test_reference_should_quotes_are_found_too(
    stories: list[khabar.Document], reference_gold: dict[str, Any]
) -> None:
    for item in reference_gold["quotes"]["should"]:
        found = [
            (doc, q)
            for doc in stories
            for q in doc.quotes
            if fold(doc.span_text(q.content)).startswith(fold(item["starts"]))
        ]
        assert found, item["starts"]
        doc, quote = found[0]
        assert (speaker(doc, quote), quote.kind) == (item["speaker"], item["kind"])


def test_reference_lead_is_linked_to_the_quotation_it_repeats(
    stories: list[khabar.Document],
) -> None:
    first = stories[0]
    lead = next(p.span for p in first.paragraphs if p.role == "lead")
    repeated = [q for q in first.quotes if lead in q.repeated_by]
    assert len(repeated) == 1
    assert fold(first.span_text(repeated[0].cue)) == fold("خاطرنشان کرد")  # type: ignore[arg-type]
    assert not any(lead.start <= q.content.start < lead.end for q in first.quotes)


def test_reference_both_must_meetings_with_participants_and_times(
    stories: list[khabar.Document], reference_gold: dict[str, Any]
) -> None:
    yesterday = PUBLISHED - timedelta(days=1)
    tuesday = PUBLISHED - timedelta(days=(PUBLISHED.weekday() - 1) % 7)
    expected = {"ظهر دیروز": (yesterday, "noon"), "شامگاه سه شنبه": (tuesday, "evening")}
    for item in reference_gold["events"]["must"]:
        events = [
            (doc, e)
            for doc in stories
            for e in doc.events
            if e.when is not None and fold(doc.span_text(e.when.span)) == fold(item["when"])
        ]
        assert len(events) == 1, item["when"]
        doc, event = events[0]
        assert event.type == item["type"]
        assert sorted(participant_names(doc, event.participants)) == sorted(item["participants"])
        day, part = expected[item["when"]]
        assert event.when is not None
        assert (event.when.resolved, event.when.part_of_day) == (day.isoformat(), part)


def test_reference_attributions_and_outlet(
    stories: list[khabar.Document], reference_gold: dict[str, Any]
) -> None:
    cited = [a.source for doc in stories for a in doc.attributions if a.relation != "outlet"]
    # gold writes the sources as the page does; normalization restores «اطلاع‌رسانی»
    assert [fold(s) for s in cited] == [fold(s) for s in reference_gold["attributions"]["must"]]
    assert {a.source for doc in stories for a in doc.attributions if a.relation == "outlet"} == {
        reference_gold["source"]
    }
