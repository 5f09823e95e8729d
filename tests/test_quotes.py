"""Quotes on sentences written for these tests (fictional people): forms, speakers, leads."""

from __future__ import annotations

from typing import Any

import pytest
from quotes_support import analyze_plain, analyze_with_people, quote_rows

import khabar
from khabar.errors import PipelineError
from khabar.pipeline import Pipeline, statement_stages

MINISTER = {
    "name": "کامران رستگار",
    "role": "وزیر امور خارجه",
    "mentions": ["کامران رستگار", "وزیر امور خارجه", "رستگار"],
}
SPOKESWOMAN = {
    "name": "نرگس فرهمند",
    "role": "سخنگوی دولت",
    "mentions": ["سخنگوی دولت", "نرگس فرهمند"],
}


def rows(text: str, people: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    if people is None:
        return quote_rows(analyze_plain(text))
    (doc,) = analyze_with_people(text, people)
    return quote_rows(doc)


def brief(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["speaker"], row["cue"], row["kind"], row["content"]


def test_quotes_colon_form_runs_across_sentences_to_the_next_statement() -> None:
    text = (
        "کامران رستگار وزیر امور خارجه دیروز اظهار داشت: مذاکرات وارد مرحله تازه\u200cای شده است. "
        "ما آماده\u200cایم گام\u200cهای جدیدی برداریم."
        " وی افزود: هیچ توافقی بدون رفع تحریم\u200cها پذیرفتنی نیست."
    )
    first, second = rows(text, [MINISTER])
    assert brief(first) == (
        "کامران رستگار", "اظهار داشت", "direct",
        "مذاکرات وارد مرحله تازه\u200cای شده است. ما آماده\u200cایم گام\u200cهای جدیدی برداریم.",
    )  # fmt: skip
    assert brief(second) == (
        "کامران رستگار",
        "افزود",
        "direct",
        "هیچ توافقی بدون رفع تحریم\u200cها پذیرفتنی نیست.",
    )
    assert second["speaker_mention"] == "وی"


def test_quotes_colon_content_stops_where_narration_resumes() -> None:
    text = "سخنگوی دولت گفت: بودجه تصویب شد. نرگس فرهمند سپس جلسه را ترک کرد."
    (row,) = rows(text, [SPOKESWOMAN])
    assert row["content"] == "بودجه تصویب شد."


def test_quotes_guillemets_with_and_without_colon() -> None:
    text = (
        "سخنگوی دولت گفت: «بودجه تصویب شد.»"
        " نرگس فرهمند همچنین گفت «قیمت بنزین ثابت می\u200cماند» و رفت."
    )
    first, second = rows(text, [SPOKESWOMAN])
    assert (first["content"], first["speaker_mention"]) == ("بودجه تصویب شد.", "سخنگوی دولت")
    assert (second["content"], second["speaker"]) == ("قیمت بنزین ثابت می\u200cماند", "نرگس فرهمند")


def test_quotes_speaker_after_the_quotation() -> None:
    text = (
        "«ما به هیچ کشوری اجازه تجاوز نمی\u200cدهیم»؛ این را فرمانده نیروی دریایی،"
        " دریادار بهمن کیانی، دیروز گفت."
    )
    (row,) = rows(text)
    assert brief(row) == (
        "فرمانده نیروی دریایی",
        "گفت",
        "direct",
        "ما به هیچ کشوری اجازه تجاوز نمی\u200cدهیم",
    )


def test_quotes_two_quotations_in_one_sentence_share_the_speaker() -> None:
    text = (
        "رئیس فدراسیون گفت: «قرارداد سرمربی تمدید شد» و افزود:"
        " «درباره دستیاران بعداً تصمیم می\u200cگیریم.»"
    )
    first, second = rows(text)
    assert (first["speaker"], second["speaker"], second["cue"]) == (
        "رئیس فدراسیون",
        "رئیس فدراسیون",
        "افزود",
    )
    assert second["content"] == "درباره دستیاران بعداً تصمیم می\u200cگیریم."


def test_quotes_indirect_leading_clause_ends_at_the_comma_before_the_verb() -> None:
    text = (
        "حمید نیکزاد با بیان اینکه طرح شفافیت، هفته آینده بررسی می\u200cشود،"
        " گفت: مردم حق دارند بدانند."
    )
    lead, direct = rows(text)
    assert brief(lead) == (
        "حمید نیکزاد",
        "با بیان اینکه",
        "indirect",
        "طرح شفافیت، هفته آینده بررسی می\u200cشود",
    )
    assert brief(direct) == ("حمید نیکزاد", "گفت", "direct", "مردم حق دارند بدانند.")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "او اظهار امیدواری کرد که نمایشگاه با استقبال روبه\u200cرو شود.",
            "اظهار امیدواری کرد",
            "نمایشگاه با استقبال روبه\u200cرو شود.",
        ),
        (
            "وزیر نفت روز یکشنبه گفت که صادرات افزایش می\u200cیابد.",
            "گفت",
            "صادرات افزایش می\u200cیابد.",
        ),
        (
            "به گفته سرمربی تیم، دو بازیکن مصدوم بازمی\u200cگردند.",
            "به گفته",
            "دو بازیکن مصدوم بازمی\u200cگردند.",
        ),
        (
            "این مقام مسئول می\u200cگوید عرضه مسکن تعادل را برمی\u200cگرداند.",
            "می\u200cگوید",
            "عرضه مسکن تعادل را برمی\u200cگرداند.",
        ),
        (
            "امیر قطر نیز در این دیدار این سفر را بسیار سازنده توصیف کرد.",
            "توصیف کرد",
            "این سفر را بسیار سازنده",
        ),
    ],
)
def test_quotes_indirect_forms(text: str, cue: str, content: str) -> None:
    (row,) = rows(text)
    assert (row["cue"], row["kind"], row["content"]) == (cue, "indirect", content)


def test_quotes_pronouns_and_office_phrases_resolve_to_the_last_person() -> None:
    text = (
        "نرگس فرهمند در دیدار با کامران رستگار گفت: جلسه خوبی بود.\n"
        "وی افزود: گزارش آن منتشر می\u200cشود.\n"
        "این مقام مسئول یادآور شد: دولت پاسخگو است."
    )
    speakers = [row["speaker"] for row in rows(text, [SPOKESWOMAN, MINISTER])]
    assert speakers == ["نرگس فرهمند", "نرگس فرهمند", "نرگس فرهمند"]


def test_quotes_office_resolves_to_the_named_person_with_that_office() -> None:
    people = [
        {
            "name": "مسعود آرین\u200cفر",
            "role": "رئیس\u200cجمهور",
            "mentions": ["دکتر مسعود آرین\u200cفر"],
        }
    ]
    text = "دکتر مسعود آرینفر امروز به تبریز رفت.\nرئیسجمهور گفت: پکن شریک قابل اعتمادی است."
    (row,) = rows(text, people)
    # the mention is read in the normalized text, where the glued office got its ZWNJ back
    assert (row["speaker"], row["speaker_mention"]) == ("مسعود آرین\u200cفر", "رئیس\u200cجمهور")


def test_quotes_without_people_the_speaker_is_the_phrase_as_written() -> None:
    text = (
        "وزیر دفاع جمهوری آذربایجان نیز در این دیدار اظهار داشت: قدرت نظامی ایران مایه مباهات است."
    )
    (row,) = rows(text)
    assert (row["speaker"], row["speaker_mention"]) == (
        "وزیر دفاع جمهوری آذربایجان",
        "وزیر دفاع جمهوری آذربایجان",
    )


def test_quotes_a_surname_links_to_the_full_name_written_before() -> None:
    text = (
        "مهندس فرهاد صالحی امروز تصریح کرد: کیفیت بهتر شده است.\n"
        "صالحی خاطرنشان کرد: قیمت\u200cها ثابت می\u200cماند."
    )
    assert [row["speaker"] for row in rows(text)] == ["مهندس فرهاد صالحی"] * 2


def test_quotes_lead_that_repeats_a_quotation_is_linked_not_counted() -> None:
    text = (
        "صنعت خودروسازی کشور باید تا پایان سال آینده به استانداردهای جهانی برسد.\n"
        "به گزارش ایسنا، وزیر صنعت امروز در ساوه خاطرنشان کرد:"
        " صنعت خودروسازی کشور باید تا پایان سال آینده به استانداردهای جهانی برسد."
    )
    (row,) = rows(text)
    assert row["repeated_by"] == [
        "صنعت خودروسازی کشور باید تا پایان سال آینده به استانداردهای جهانی برسد."
    ]
    assert row["speaker"] == "وزیر صنعت"


def test_quotes_non_speech_uses_of_cue_words_make_no_quote() -> None:
    text = (
        "تیم ملی به تمرینات خود ادامه داد. وزیر در گفت\u200cوگو با خبرنگاران حاضر شد. "
        "دو طرف بر گسترش روابط تأکید کردند. به گفته\u200cهای او توجه شد."
    )
    assert rows(text) == []


def test_quotes_stages_require_people_when_the_pipeline_has_a_people_stage() -> None:
    class People:
        name = "people"
        requires = frozenset({"tokens"})
        provides = frozenset({"people", "entities"})

        def __call__(self, doc: khabar.Document) -> khabar.Document:
            return doc

    core = list(Pipeline().stages[:4])
    stages = statement_stages([*core, People()])
    assert {"people"} <= stages[2].requires and {"people"} <= stages[3].requires
    Pipeline([*core, People(), *stages])  # in order: builds
    with pytest.raises(PipelineError, match="people"):
        Pipeline([*core, *stages, People()])


def test_quotes_office_and_name_of_one_continued_statement_are_one_person() -> None:
    people = [
        {"name": None, "role": "مدیرعامل", "mentions": ["مدیرعامل شرکت آب استان"]},
        {"name": "جواد مشکاتی", "mentions": ["جواد مشکاتی"]},
        {"name": "مهرداد بهاری", "mentions": ["مهرداد بهاری"]},
    ]
    text = (
        "مدیرعامل شرکت آب استان اظهار کرد: ذخایر سدها کم است.\n"
        "جواد مشکاتی افزود: جیره\u200cبندی در راه است.\n"
        "مهرداد بهاری نیز گفت: شرکت آب باید هدررفت را مهار کند."
    )
    speakers = [row["speaker"] for row in rows(text, people)]
    assert speakers == ["جواد مشکاتی", "جواد مشکاتی", "مهرداد بهاری"]


def test_quotes_headline_in_the_speaker_colon_form_is_linked_to_the_quotation() -> None:
    text = (
        "رستگار: هیچ توافقی بدون رفع تحریم\u200cها پذیرفتنی نیست/ سفر به مسقط\n"
        "کامران رستگار وزیر امور خارجه امروز در جمع خبرنگاران در تهران گفت:"
        " هیچ توافقی بدون رفع تحریم\u200cها پذیرفتنی نیست و مذاکرات ادامه دارد."
    )
    (row,) = rows(text)
    assert row["repeated_by"] == [
        "رستگار: هیچ توافقی بدون رفع تحریم\u200cها پذیرفتنی نیست/ سفر به مسقط"
    ]


def test_quotes_two_reported_statements_joined_by_but() -> None:
    text = (
        "سایت «وطن» همچنین نوشته است که علت بازداشت اعتراض بوده است اما دادستانی کل عربستان"
        " پس از بازداشت آنان، اعلام کرد که این شاهزادگان معترض بوده\u200cاند."
    )
    first, second = rows(text)
    assert brief(first) == ("سایت وطن", "نوشته است", "indirect", "علت بازداشت اعتراض بوده است")
    assert brief(second) == (
        "دادستانی کل عربستان",
        "اعلام کرد",
        "indirect",
        "این شاهزادگان معترض بوده\u200cاند.",
    )


def test_quotes_a_quoted_document_speaks_for_its_issuer() -> None:
    text = (
        "به نوشته روزنامه لوموند، در بیانیه منتشره از سوی کاخ الیزه آمده است:"
        " دو کشور درباره تبادل اطلاعات توافق کردند.\n"
        "در ادامه این بیانیه آمده است: همکاری\u200cها گسترش می\u200cیابد."
    )
    first, second = rows(text)
    assert brief(first) == (
        "کاخ الیزه",
        "آمده است",
        "direct",
        "دو کشور درباره تبادل اطلاعات توافق کردند.",
    )
    assert (second["speaker"], second["content"]) == (
        "کاخ الیزه",
        "همکاری\u200cها گسترش می\u200cیابد.",
    )


def test_quotes_a_leading_adverbial_without_comma_is_not_the_subject() -> None:
    text = (
        "پارسا گفت: مالیات\u200cها بالا رفت.\nدر ادامه عضو کمیسیون اقتصادی مجلس گفت: نرخ ثابت ماند."
    )
    assert [row["speaker"] for row in rows(text)] == ["پارسا", "عضو کمیسیون اقتصادی مجلس"]
