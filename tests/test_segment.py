from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Document, Pipeline
from khabar.chars import ZWNJ
from khabar.segment import split_sentences, split_tokens


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def tokens(text: str) -> list[str]:
    return [text[s:e] for s, e in split_tokens(text)]


def test_segment_sentences_end_at_persian_and_latin_marks() -> None:
    assert sentences("هوا سرد شد. آیا باران می‌آید؟ نه! شاید فردا.") == [
        "هوا سرد شد.",
        "آیا باران می‌آید؟",
        "نه!",
        "شاید فردا.",
    ]


def test_segment_decimals_and_initials_do_not_end_a_sentence() -> None:
    assert sentences("رشد ۳.۵ درصد بود و ج.ا.ا. اعلام کرد. سپس م. رضایی آمد.") == [
        "رشد ۳.۵ درصد بود و ج.ا.ا. اعلام کرد.",
        "سپس م. رضایی آمد.",
    ]


def test_segment_quotation_stays_in_one_sentence() -> None:
    text = "وی گفت: «ما آماده‌ایم. دشمن عقب نشست.» سپس جلسه پایان یافت."
    assert sentences(text) == [
        "وی گفت: «ما آماده‌ایم. دشمن عقب نشست.»",
        "سپس جلسه پایان یافت.",
    ]


def test_segment_ellipsis_inside_a_sentence_does_not_split() -> None:
    assert sentences("او گفت... و رفت.") == ["او گفت... و رفت."]


def test_segment_zwnj_word_is_one_token_and_punctuation_is_separate() -> None:
    assert tokens(f"رئیس{ZWNJ}جمهور، «گفت{ZWNJ}وگو» را ۱۴۰۲/۰۱/۰۱ آغاز کرد...") == [
        f"رئیس{ZWNJ}جمهور",
        "،",
        "«",
        f"گفت{ZWNJ}وگو",
        "»",
        "را",
        "۱۴۰۲/۰۱/۰۱",
        "آغاز",
        "کرد",
        "...",
    ]


def test_segment_sentences_never_cross_paragraphs() -> None:
    doc = Pipeline()(Document.from_text("سطر اول بدون نقطه\nسطر دوم هم همین‌طور است و ادامه دارد"))
    assert [doc.span_text(s) for s in doc.sentences] == [
        "سطر اول بدون نقطه",
        "سطر دوم هم همین‌طور است و ادامه دارد",
    ]


@given(st.text(alphabet="ابپت ی۱.،؟!«»:\n\u200c", max_size=60))
@settings(max_examples=300)
def test_segment_spans_lie_inside_text_and_tokens_do_not_overlap(text: str) -> None:
    token_spans = split_tokens(text)
    previous_end = 0
    for start, end in token_spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start:end].isspace() and " " not in text[start:end]
        previous_end = end
    for line_start, line in _lines(text):
        for start, end in split_sentences(text, line_start, line_start + len(line)):
            assert line_start <= start <= end <= line_start + len(line)


def _lines(text: str) -> list[tuple[int, str]]:
    result, start = [], 0
    for line in text.split("\n"):
        result.append((start, line))
        start += len(line) + 1
    return result
