import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Document, NormalizeConfig, Normalizer
from khabar.chars import KASHIDA, NBSP, RLM, SOFT_HYPHEN, ZWNJ
from khabar.normalize import run_text
from khabar.normalize.fold import fold
from khabar.normalize.rules import ALL_RULES

PLAIN = Normalizer(NormalizeConfig(joiners=False))


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.name}:{r.example[0]}")
def test_normalize_rule_example_holds(rule) -> None:  # type: ignore[no-untyped-def]
    before, after = rule.example
    assert run_text(before, [rule]) == after


def test_normalize_arabic_letters_become_persian_and_are_recorded() -> None:
    doc = PLAIN(Document.from_text("رئيس كل"))
    assert doc.text == "رئیس کل"
    assert [(c.before, c.after, c.rule) for c in doc.corrections] == [
        ("ي", "ی", "arabic-letters"),
        ("ك", "ک", "arabic-letters"),
    ]
    assert [doc.raw[c.raw_start : c.raw_end] for c in doc.corrections] == ["ي", "ك"]


def test_normalize_keeps_correct_zwnj() -> None:
    text = f"رئیس{ZWNJ}جمهور گفت{ZWNJ}وگو می{ZWNJ}شود کتاب{ZWNJ}ها"
    doc = PLAIN(Document.from_text(text))
    assert doc.text == text
    assert doc.corrections == ()


def test_normalize_cleans_doubled_and_stray_zwnj() -> None:
    doc = PLAIN(Document.from_text(f"می{ZWNJ}{ZWNJ}شود {ZWNJ}کتاب{ZWNJ} خوب{ZWNJ}"))
    assert doc.text == f"می{ZWNJ}شود کتاب خوب"
    assert {c.rule for c in doc.corrections} == {"zwnj-cleanup"}


def test_normalize_removes_invisible_controls_and_kashida() -> None:
    doc = PLAIN(Document.from_text(f"ا{KASHIDA}{KASHIDA}یر{SOFT_HYPHEN}ان{RLM}"))
    assert doc.text == "ایران"


def test_normalize_digits_follow_the_configured_script() -> None:
    text = "سال 1402 و ۳٫۵ درصد و F16 و covid-19"
    persian = Normalizer(NormalizeConfig(joiners=False, digits="persian"))(Document.from_text(text))
    latin = Normalizer(NormalizeConfig(joiners=False, digits="latin"))(Document.from_text(text))
    kept = Normalizer(NormalizeConfig(joiners=False, digits="keep"))(Document.from_text(text))
    assert persian.text == "سال ۱۴۰۲ و ۳٫۵ درصد و F16 و covid-19"
    assert latin.text == "سال 1402 و 3٫5 درصد و F16 و covid-19"
    assert kept.text == text


def test_normalize_spacing_around_persian_punctuation() -> None:
    doc = PLAIN(Document.from_text("وی گفت :« سلام »و رفت،سپس آمد ?"))
    assert doc.text == "وی گفت: «سلام» و رفت، سپس آمد؟"


def test_normalize_whitespace_and_lines() -> None:
    doc = PLAIN(Document.from_text(f"  خط{NBSP}اول  \r\n\r\n\n  خط   دوم \n"))
    assert doc.text == "خط اول\nخط دوم"


def test_normalize_diacritics_removal_is_optional_and_keeps_tanwin() -> None:
    text = "کِتابِ صرفاً"
    assert PLAIN(Document.from_text(text)).text == text
    removing = Normalizer(NormalizeConfig(joiners=False, remove_diacritics=True))
    assert removing(Document.from_text(text)).text == "کتاب صرفاً"


# Persian-looking text with the defects of scraped pages
_ALPHABET = "ابپتجچدرزسشکگلمنوهیيكة۱2٣ ،,.:«»\n\u200c\u200c\u00ad\u0640\u00a0\t"
persian_like = st.text(alphabet=_ALPHABET, max_size=80)


@given(persian_like)
@settings(max_examples=300)
def test_normalize_is_idempotent(text: str) -> None:
    normalizer = Normalizer()
    once = normalizer(Document.from_text(text))
    twice = normalizer(Document.from_text(once.text))
    assert twice.text == once.text


@given(persian_like)
@settings(max_examples=300)
def test_normalize_corrections_point_into_raw(text: str) -> None:
    doc = Normalizer()(Document.from_text(text))
    for correction in doc.corrections:
        assert 0 <= correction.raw_start <= correction.raw_end <= len(doc.raw)


@given(persian_like)
@settings(max_examples=300)
def test_normalize_every_token_maps_back_to_its_raw_characters(text: str) -> None:
    from khabar.segment import split_tokens

    doc = Normalizer()(Document.from_text(text))
    for start, end in split_tokens(doc.text):
        raw_start, raw_end = doc.offsets.to_raw(start, end)
        assert 0 <= raw_start <= raw_end <= len(doc.raw)
        assert fold(doc.raw[raw_start:raw_end]) == fold(doc.text[start:end])


def test_fold_erases_spelling_variants() -> None:
    assert fold("رئيس‌جمهور") == fold("رئیس جمهور") == fold("رئیسجمهور")
    assert fold("۱۴۰۲") == fold("1402")


@pytest.mark.parametrize(
    "text", ["ب\u00a0\u00a0,ب ،.", "«\u200c\tب\t\t,", "ا\u200c\u00a0ب \u200c\t,"]
)
def test_normalize_is_idempotent_when_spaces_pile_up_before_punctuation(text: str) -> None:
    once = Normalizer()(Document.from_text(text)).text
    assert Normalizer()(Document.from_text(once)).text == once
