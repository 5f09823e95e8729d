"""Invariants of the statement stages on generated news-like text (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from quotes_support import analyze_plain

WORDS = [
    "وزیر", "امور", "خارجه", "رئیس\u200cجمهور", "وی", "گفت", "افزود", "اظهار", "داشت", "تأکید",
    "کرد", "با", "بیان", "اینکه", "به", "گزارش", "نقل", "از", "ایرنا", "دیدار", "سفر", "دعوت",
    "تماس", "تلفنی", "دیروز", "ظهر", "سه\u200cشنبه", "۱۵", "آبان", "۱۴۰۲", "هفته", "گذشته",
    "در", "این", "که", "را", "توصیف", "امیدواری", "تهران", "گفت\u200cوگو", "نیز", "همچنین",
]  # fmt: skip
MARKS = [" ", " ", " ", "، ", ": ", ". ", "«", "»", "\n"]


@st.composite
def news(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS)), max_size=60))
    return "".join(word + mark for word, mark in pieces)


@settings(max_examples=80, deadline=None)
@given(news())
def test_statements_spans_lie_in_the_text_and_do_not_collide(text: str) -> None:
    doc = analyze_plain(text, published="1402-08-17")
    size = len(doc.text)
    spans = [q.content for q in doc.quotes] + [q.cue for q in doc.quotes if q.cue]
    spans += [q.speaker_mention for q in doc.quotes if q.speaker_mention]
    spans += [a.span for a in doc.attributions] + [e.trigger for e in doc.events]
    spans += [t.span for t in doc.times]
    assert all(0 <= s.start <= s.end <= size for s in spans)
    direct = sorted(q.content for q in doc.quotes if q.kind == "direct")
    assert all(a.end <= b.start for a, b in zip(direct, direct[1:], strict=False))
    times = [t.span for t in doc.times]
    assert times == sorted(times)
    assert all(a.end <= b.start for a, b in zip(times, times[1:], strict=False))
    assert all(q.content.end > q.content.start for q in doc.quotes)
    assert all(e.participants for e in doc.events)
