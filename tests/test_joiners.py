"""Joiner restoration: the reference page, composed examples, idempotence, the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import khabar
from khabar.chars import ZWNJ
from khabar.cli import app
from khabar.normalize import NormalizeConfig, Normalizer
from khabar.normalize.joiner_model import MODEL_RESOURCE, load_model
from khabar.normalize.joiners import PLURAL_STYLES, joiner_rule

Z = ZWNJ
RULE = joiner_rule()
NORMALIZER = Normalizer()


def restore(text: str) -> str:
    return RULE.apply(text)


def test_joiners_reference_page_must_fix_and_must_keep(
    reference_page: str, reference_gold: dict[str, Any]
) -> None:
    out = NORMALIZER.normalize_text(reference_page)
    expected = reference_gold["normalization"]
    missed = [
        f"{before} -> {after}"
        for before, after in expected["must_fix"].items()
        if after not in out or re.search(rf"(?<!\S){before}(?!\S)", out)
    ]
    assert missed == []
    lost = [kept for kept in expected["must_keep"] if kept not in out]
    assert lost == []


@pytest.mark.parametrize(
    ("corrupted", "restored"),
    [
        ("نمیخواهند", f"نمی{Z}خواهند"),  # verb prefix, glued
        ("می دانستند", f"می{Z}دانستند"),  # verb prefix, spaced
        ("کتابها", f"کتاب{Z}ها"),  # plural
        ("درختهای بلند", f"درخت{Z}های بلند"),
        ("گفته اند", f"گفته{Z}اند"),  # other suffix, spaced
        ("نوشتهاند", f"نوشته{Z}اند"),
        ("سادهترین", f"ساده{Z}ترین"),
        ("رئیسجمهور", f"رئیس{Z}جمهور"),  # compound
        ("گفتوگو", f"گفت{Z}وگو"),
        ("شهرداریها", f"شهرداری{Z}ها"),
        ("شهردر", "شهر در"),  # a lost space
        ("آن ها", f"آن{Z}ها"),  # a plural pronoun typed apart is joined
        ("برمیخیزند", f"برمی{Z}خیزند"),  # a preverb before the verb prefix
        ("فرومی ریزد", f"فرومی{Z}ریزد"),
        ("نمیفهمی", f"نمی{Z}فهمی"),  # a known verb stem with another ending
        ("مینها", f"مین{Z}ها"),  # but not a stem seen once (نهاد is not نها + د)
        ("جنبیدهاند", f"جنبیده{Z}اند"),  # a participle never seen, and its copula
        ("برنامهات", f"برنامه{Z}ات"),  # a pronoun after ه, not a plural in ات
        ("بهشان گفتند", f"به{Z}شان گفتند"),  # a pronoun, though بهش + ان would read
        ("مینوشید", f"می{Z}نوشید"),  # a verb, though مینو is a name
        ("مینگریست", f"می{Z}نگریست"),  # می + a known past stem: a past continuous verb
        ("نمیآزمودی", f"نمی{Z}آزمودی"),  # ... with a personal ending
        # a glued ...های that ends a phrase is no plural (the plural's ezafe needs a word after)
        ("گفتند تو شکستهای.", f"گفتند تو شکسته{Z}ای."),
        ("این را دریافتهایم", f"این را دریافته{Z}ایم"),  # a line's end ends a phrase too
        ("شکستهای بزرگ", f"شکست{Z}های بزرگ"),  # but not inside one
        ("تو هنوز زندهای!", f"تو هنوز زنده{Z}ای!"),  # nor where the plural would be glued
    ],
)
def test_joiners_restores_composed_examples(corrupted: str, restored: str) -> None:
    assert restore(corrupted) == restored


@pytest.mark.parametrize(
    "correct",
    [
        "به این نتیجه دست یافته است",  # a verb phrase, not دست‌یافته
        "میز و میدان و میلیون",  # plain words that start with می
        "تحقیقات میدانی",  # a field survey, not می‌دانی (you know)
        "تنها بها",  # plain words that end with ها
        "به تنهایی، ده منهای دو",
        "دوجانبه",  # after و a ZWNJ shows nothing: left as written
        f"نیرو{Z}ها و نیروها",
        f"رئیس{Z}جمهور و نمی{Z}دانم",  # a ZWNJ already there is never removed
        "آرمان پژوهنده در باغ تازه گفت",
        f"آنها و اینها، آن{Z}ها و این{Z}ها",
        "درمیان جمع",  # در + میان, not a preverb and a verb
        "نیروهای سپاهی و مراسم صبحگاهی",  # common glued on the web: not سپاه + ی
        "آب را آرام بریزید و نریزید",  # a subjunctive verb, not بری زید
        "میرزاجواد به شهر آمد",  # a name that opens with می, not a verb
        "در برابر معاندان ایستاد",  # a plural in ان, not معان + دان
        "به این دام درخواهند افتاد",  # a preverb on the future auxiliary
        "میکروسکوپ و میلاد",  # words that open with می + a past stem's ending
    ],
)
def test_joiners_leave_correct_text_unchanged(correct: str) -> None:
    assert restore(correct) == correct


def test_joiners_record_each_change_as_a_joiners_correction() -> None:
    raw = "مدیران کارخانه میگویند بستههای تازه به بازار خارجی رسیده است"
    doc = Normalizer()(khabar.Document.from_text(raw, id="t"))
    joiners = [c for c in doc.corrections if c.rule == "joiners"]
    # one edit per joint, at the exact raw position, so every letter keeps its own offsets
    assert [(raw[: c.raw_start].split()[-1], c.before, c.after) for c in joiners] == [
        ("می", "", Z),
        ("بسته", "", Z),
    ]
    for correction in joiners:
        assert raw[correction.raw_start : correction.raw_end] == correction.before
    from khabar.segment import split_tokens

    said = next(t for t in split_tokens(doc.text) if doc.span_text(t) == f"می{Z}گویند")
    assert doc.raw[slice(*doc.offsets.to_raw(*said))] == "میگویند"


def test_joiners_join_the_prefix_bi_where_zwnjs_were_typed_as_spaces() -> None:
    # بی is a prefix in most of its uses: joined to any word where the text shows its ZWNJs
    # typed as spaces (می گوید, کار ها), left alone where it does not
    spaced = "او می گوید که بی پروایی کتاب ها را خراب کرد"
    assert restore(spaced) == f"او می{Z}گوید که بی{Z}پروایی کتاب{Z}ها را خراب کرد"
    careful = f"او می{Z}گوید که بی پروایی کتاب{Z}ها را خراب کرد"
    assert restore(careful) == careful


def test_joiners_plural_styles() -> None:
    assert joiner_rule(plural="zwnj").apply("کتابها و درخت ها") == f"کتاب{Z}ها و درخت{Z}ها"
    assert joiner_rule(plural="glued").apply("کتابها و درخت ها") == "کتابها و درختها"
    assert joiner_rule().apply("دفتر ها") == "دفترها"  # after ر a ZWNJ would show nothing
    assert joiner_rule(plural="keep").apply(f"کتابها و کتاب{Z}ها") == f"کتابها و کتاب{Z}ها"
    with pytest.raises(ValueError, match="plural style"):
        joiner_rule(plural="hyphen")  # type: ignore[arg-type]


def test_joiners_phrase_final_reading_is_stable_in_every_plural_style() -> None:
    for style in PLURAL_STYLES:
        rule = joiner_rule(plural=style)
        for text in ("گفتند شکست های.", "گفتند شکستهای.", "اند های"):
            once = rule.apply(text)
            assert rule.apply(once) == once, (style, text)


def test_joiner_rule_pickles_without_its_model() -> None:
    import pickle

    rule = joiner_rule(plural="glued")
    rule.apply("کتاب ها")  # loads the model and fills the cache
    data = pickle.dumps(rule)
    assert len(data) < 1000
    copy = pickle.loads(data)
    assert copy.plural == "glued" and copy.apply("کتاب ها") == "کتابها"


def test_joiners_can_be_switched_off() -> None:
    assert Normalizer(NormalizeConfig(joiners=False)).normalize_text("کتابها") == "کتابها"


_LETTERS = "ابپتثجچحخدرزسشصطعغفقکگلمنوهیآئ\u0654\u064e"  # with hamza above and a fatha
_WORDS = [
    "می",
    "نمی",
    "ها",
    "های",
    "اند",
    "ای",
    "تر",
    "رئیس",
    "جمهور",
    "کتاب",
    "خانه",
    "کشور",
    "در",
    "گفت",
    "و",
    "گو",
    "دست",
    "یافته",
    "است",
    "شود",
    "خواهند",
    "به",
    "خصوص",
]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LETTERS + " \n" + ZWNJ, max_size=60))
def test_normalizing_twice_equals_once_on_any_letters(text: str) -> None:
    once = NORMALIZER.normalize_text(text)
    assert NORMALIZER.normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(["", " ", ZWNJ])), max_size=12))
def test_normalizing_twice_equals_once_on_word_sequences(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces)
    once = NORMALIZER.normalize_text(text)
    assert NORMALIZER.normalize_text(once) == once


def test_joiner_model_is_packaged_and_compact() -> None:
    path = Path(khabar.__file__).parent / "data" / MODEL_RESOURCE
    assert path.stat().st_size < 5_000_000
    model = load_model()
    assert model is load_model()  # loaded once
    assert len(model.vocabulary) > 50_000 and model.fixes and model.joins


def test_cli_normalize_writes_one_line_per_line(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("کتابها را می خوانند\n\nسال 1402\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["normalize", str(source)])
    assert result.exit_code == 0
    assert result.stdout.split("\n") == [f"کتاب{Z}ها را می{Z}خوانند", "", "سال ۱۴۰۲", ""]
    result = CliRunner().invoke(
        app, ["normalize", "-", "--no-joiners", "--digits", "latin"], input="کتابها ۱۴۰۲\n"
    )
    assert result.stdout == "کتابها 1402\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", ZWNJ, ""])), max_size=10))
def test_a_later_pass_restores_a_line_as_it_would_alone(pieces: list[tuple[str, str]]) -> None:
    # later passes look again only around new joins; far from other lines, a line must come out
    # exactly as it does on its own (a join that pairs anew: می دست ها → می‌دست‌ها)
    line = "".join(word + gap for word, gap in pieces).strip() or "کتاب"
    filler = "کشور در گفت و گو است.\n" * 40
    rule = joiner_rule()
    alone = rule.apply(line)
    assert rule.apply(filler + line + "\n" + filler).split("\n")[40] == alone
