"""The golden test of the analysis core on the reference page (../shared/examples)."""

from typing import Any

from khabar import Document
from khabar.normalize.fold import fold

# The first words of every sentence of each story, as a careful reader splits them.
EXPECTED_SENTENCE_STARTS = [
    [
        "رژیم صهیونیستی دشمن",
        "به گزارش پایگاه",
        "رئیس‌جمهور، با بیان",
        "رئیس‌جمهور با اشاره",
        "رئیسی در بخش",
        "این گروهک‌ها دست‌ساخته",
        "آیت‌الله رئیسی همچنین",
        "رئیس‌جمهور اظهار امیدواری",
        "ذاکر حسناف، وزیر",
    ],
    [
        "تقویت روابط دفاعی",
        "سپهبد ذاکر حسناف",
        "به گزارش روابط",
        "وی با بیان",
        "وزیر دفاع جمهوری",
        "وی با ابراز",
    ],
]


def test_reference_page_outlet_is_found_and_cut(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    assert [doc.source for doc in reference_stories] == [reference_gold["source"]] * 2
    first = reference_stories[0]
    assert [r.kind for r in first.removed] == ["outlet"]
    assert not first.text.startswith("پایگاه رهنما")
    assert first.raw.startswith("پایگاه رهنما:")


def test_reference_page_splits_into_two_stories(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    gold_stories = reference_gold["stories"]
    assert [doc.id for doc in reference_stories] == ["rahnama#1", "rahnama#2"]
    assert reference_stories[0].title is None
    assert fold(reference_stories[1].title or "") == fold(gold_stories[1]["title"])
    for doc, gold in zip(reference_stories, gold_stories):
        body = next(p for p in doc.paragraphs if p.role == "body")
        assert fold(doc.span_text(body.span)).startswith(fold(gold["first_body_words"]))


def test_reference_page_furniture_is_removed(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    last = reference_stories[-1]
    assert [r.text for r in last.removed] == reference_gold["boilerplate_removed"]
    for doc in reference_stories:
        assert "ارسال نظرات" not in doc.text
    assert last.raw.rstrip().endswith("ارسال نظرات")


def test_reference_page_lead_is_marked(
    reference_stories: list[Document], reference_gold: dict[str, Any]
) -> None:
    first = reference_stories[0]
    assert [p.role for p in first.paragraphs][:2] == ["lead", "body"]
    lead = first.span_text(first.paragraphs[0].span)
    assert fold(lead).startswith(fold(reference_gold["stories"][0]["lead"]))
    assert [p.role for p in reference_stories[1].paragraphs][:2] == ["title", "body"]


def test_reference_page_sentence_boundaries(reference_stories: list[Document]) -> None:
    for doc, starts in zip(reference_stories, EXPECTED_SENTENCE_STARTS):
        found = [doc.span_text(s) for s in doc.sentences]
        assert len(found) == len(starts)
        for sentence, start in zip(found, starts):
            assert fold(sentence).startswith(fold(start)), (sentence, start)
            assert sentence.endswith((".", "آذربایجان"))


def test_reference_page_every_span_maps_back_to_the_raw_page(
    reference_stories: list[Document], reference_page: str
) -> None:
    for doc in reference_stories:
        assert reference_page[doc.raw_offset : doc.raw_offset + len(doc.raw)] == doc.raw
        for span in (*doc.sentences, *doc.tokens, *(p.span for p in doc.paragraphs)):
            raw_start, raw_end = doc.offsets.to_raw(*span)
            assert fold(doc.raw[raw_start:raw_end]) == fold(doc.span_text(span))
        for correction in doc.corrections:
            if correction.rule.startswith("page-"):
                assert doc.raw[correction.raw_start : correction.raw_end] == correction.before
