"""People profiles: titles, office, country, and every mention (khabar.entities.people).

The stories are composed for these tests; the people in them are fictional.
"""

from __future__ import annotations

import dataclasses

import pytest

import khabar
from khabar.chars import ZWNJ
from khabar.entities.people import PeopleLinker
from khabar.model import Document, Entity, Person, Span


def mentions(doc: Document, person: Person) -> list[str]:
    return [doc.span_text(span) for span in person.mentions]


def raw_mentions(doc: khabar.Document, person: Person) -> list[str]:
    """The mentions of ``person`` as written in the raw text."""
    return [doc.raw[slice(*doc.offsets.to_raw(*m))] for m in person.mentions]


def linked(doc: Document, entities: tuple[Entity, ...]) -> list[Person]:
    """The people of ``doc`` with the tagger's names replaced by ``entities`` (a tagger's mistake
    seen on real pages, reproduced on a composed sentence)."""
    return PeopleLinker().link(dataclasses.replace(doc, entities=entities))


def person_named(doc: Document, name: str) -> Person:
    matches = [p for p in doc.people if p.name == name]
    assert len(matches) == 1, [p.name for p in doc.people]
    return matches[0]


STORY = (
    f"حجت{ZWNJ}الاسلام کاوه مهرپرور، سخنگوی وزارت کشور جمهوری آذربایجان صبح امروز با سرلشکر "
    "سامان تیموری دیدار کرد. مهرپرور در این دیدار گفت: همکاری دو کشور ادامه دارد. "
    "وی افزود: برنامه‌های مشترک آماده است."
)


def test_people_profile_has_titles_office_organisation_and_country() -> None:
    doc = khabar.analyze(STORY)
    person = person_named(doc, "کاوه مهرپرور")
    assert person.titles == (f"حجت{ZWNJ}الاسلام",)
    assert person.role == "سخنگو"
    assert person.organization == "وزارت کشور"
    assert person.country == "آذربایجان"


def test_people_mentions_full_name_office_surname_and_pronoun() -> None:
    doc = khabar.analyze(STORY)
    person = person_named(doc, "کاوه مهرپرور")
    assert mentions(doc, person) == [
        f"حجت{ZWNJ}الاسلام کاوه مهرپرور",
        "سخنگوی وزارت کشور جمهوری آذربایجان",
        "مهرپرور",
        "وی",
    ]
    assert person.mentions == tuple(sorted(person.mentions))


def test_people_are_in_order_of_first_mention() -> None:
    doc = khabar.analyze(STORY)
    assert [p.name for p in doc.people] == ["کاوه مهرپرور", "سامان تیموری"]
    assert doc.people[1].titles == ("سرلشکر",)


def test_people_rank_then_surname_is_the_same_person() -> None:
    doc = khabar.analyze(
        "امیر سرتیپ دکتر پرویز کلانتری، فرمانده نیروی دریایی ارتش امروز در بندرعباس سخنرانی کرد. "
        "امیر کلانتری گفت: ناوگروه جدید آماده است."
    )
    person = person_named(doc, "پرویز کلانتری")
    assert person.titles == ("امیر سرتیپ", "دکتر")
    assert "امیر کلانتری" in mentions(doc, person)
    assert len(doc.people) == 1


@pytest.mark.parametrize("office", [f"رئیس{ZWNJ}جمهور", "رئیسجمهور", "رئیس جمهور"])
def test_people_office_alone_refers_to_the_person_named_before(office: str) -> None:
    doc = khabar.analyze(
        f"آیت{ZWNJ}الله مرتضی نیک‌سرشت دیروز از کارخانه خودروسازی بازدید کرد. "
        f"{office} در این بازدید گفت: تولید باید بیشتر شود."
    )
    person = person_named(doc, "مرتضی نیک‌سرشت")
    assert person.role == f"رئیس{ZWNJ}جمهور"
    assert person.country == "ایران"  # an office written without a country is the home country's
    # the mention is the office as the page wrote it (normalization may have restored its ZWNJ)
    assert office in raw_mentions(doc, person)


def test_people_office_of_another_country_gets_a_profile_without_name() -> None:
    doc = khabar.analyze(
        f"آیت{ZWNJ}الله مرتضی نیک‌سرشت گفت که با رئیس{ZWNJ}جمهور ترکیه گفت‌وگو کرده است. "
        f"رئیس{ZWNJ}جمهور ترکیه نیز از این گفت‌وگو استقبال کرد."
    )
    nameless = [p for p in doc.people if p.name is None]
    assert len(nameless) == 1
    assert (nameless[0].role, nameless[0].country) == (f"رئیس{ZWNJ}جمهور", "ترکیه")
    assert mentions(doc, nameless[0]) == [f"رئیس{ZWNJ}جمهور ترکیه"] * 2
    assert person_named(doc, "مرتضی نیک‌سرشت").role is None


def test_people_home_word_gives_the_home_country() -> None:
    doc = khabar.analyze("وزیر امور خارجه کشورمان با سفیر ژاپن دیدار کرد.")
    roles = {(p.role, p.country) for p in doc.people}
    assert roles == {("وزیر امور خارجه", "ایران"), ("سفیر", "ژاپن")}


def test_people_pronoun_goes_to_the_subject_of_the_nearest_sentence() -> None:
    doc = khabar.analyze(
        "سرتیپ کامران نیک‌فر، وزیر دفاع جمهوری آذربایجان با دکتر بهرام صدرایی دیدار کرد. "
        "صدرایی گفت که دیدار مفید بود. وی افزود: همکاری ادامه دارد."
    )
    person = person_named(doc, "بهرام صدرایی")
    assert "وی" in mentions(doc, person)
    other = person_named(doc, "کامران نیک‌فر")
    assert "وی" not in mentions(doc, other)
    assert (other.role, other.country) == ("وزیر دفاع", "آذربایجان")


def test_people_mentions_never_overlap_and_lie_in_the_text() -> None:
    doc = khabar.analyze(STORY)
    spans = sorted(span for person in doc.people for span in person.mentions)
    assert all(0 <= s.start < s.end <= len(doc.text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_people_stage_can_be_configured_without_home_country() -> None:
    from khabar.entities import PeopleConfig
    from khabar.pipeline import AnalyzeConfig

    pipeline = khabar.Pipeline(config=AnalyzeConfig(people=PeopleConfig(home_country=None)))
    doc = khabar.analyze("وزیر کشور گفت جلسه برگزار شد.", pipeline=pipeline)
    assert [(p.role, p.country) for p in doc.people] == [("وزیر کشور", None)]


def test_people_office_written_before_the_name() -> None:
    doc = khabar.analyze(
        "وزیر امور خارجه ایران فرهاد رستمی روز شنبه به مسکو سفر کرد. "
        "رستمی در فرودگاه گفت: این سفر مهم است."
    )
    person = person_named(doc, "فرهاد رستمی")
    assert (person.role, person.country) == ("وزیر امور خارجه", "ایران")
    assert mentions(doc, person) == ["وزیر امور خارجه ایران", "فرهاد رستمی", "رستمی"]


@pytest.mark.parametrize("title", [f"آیت{ZWNJ}الله", "آیت الله", "آیتالله"])
def test_people_title_in_every_spelling(title: str) -> None:
    doc = khabar.analyze(
        f"{title} حسن طاهرخانی در خطبه‌های نماز جمعه گفت: مردم صبور باشند. "
        f"{title} طاهرخانی افزود که گرانی باید مهار شود."
    )
    person = person_named(doc, "حسن طاهرخانی")
    assert person.titles == (f"آیت{ZWNJ}الله",)
    assert raw_mentions(doc, person) == [f"{title} حسن طاهرخانی", f"{title} طاهرخانی"]


def test_people_two_profiles_sharing_a_mention_start_do_not_crash() -> None:
    # «امیر» read as a rank and as a name start gives two profiles with one mention start
    doc = khabar.analyze(
        "امیر حسین فتحی سرمربی تیم فولاد شد. امیر گفت که فتحی مربی خوبی است. "
        "او در نشست خبری حاضر شد و وی گفت: تیم آماده است."
    )
    person = person_named(doc, "حسین فتحی")
    assert "امیر حسین فتحی" in mentions(doc, person)


def test_people_office_phrase_ends_at_a_verb() -> None:
    doc = khabar.analyze(
        "به گزارش خبرنگار ما، کامران افشار سرمربی جوانان خواهد شد و تمرینات را از شنبه آغاز می‌کند."
    )
    person = person_named(doc, "کامران افشار")
    assert person.role == "سرمربی جوانان"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # a word that describes the holder is not part of the office
        ("به گزارش خبرنگار ما، بهمن تاج‌بخش سرمربی جوان تیم گفت: تمرینات ادامه دارد.", "سرمربی"),
        # a noun that opens a verb phrase: «انتخاب شد»
        ("به گزارش خبرنگار ما، بهمن تاج‌بخش سرمربی انتخاب شد.", "سرمربی"),
        # a possessed noun: «قراردادش»
        ("بهمن تاج‌بخش سرمربی قراردادش را تا پایان فصل تمدید کرد.", "سرمربی"),
        # a number
        ("بهمن تاج‌بخش سرمربی ۶ جلسه در اردو حاضر نبود.", "سرمربی"),
        # a noun that opens a verb phrase: «منتشر کرد», «توضیح داد»
        ("بهمن تاج‌بخش مدیرعامل منتشر کرد که قرارداد تمدید شده است.", "مدیرعامل"),
        ("به گزارش خبرنگار ما، بهمن تاج‌بخش سرمربی توضیح داد که تمرین ادامه دارد.", "سرمربی"),
        # a past participle: «پرسیده»
        ("بهمن تاج‌بخش سرمربی پرسیده بود که تمرین کی آغاز می‌شود.", "سرمربی"),
        # a nationality: «پرتغالی»
        ("به گزارش خبرنگار ما، بهمن تاج‌بخش سرمربی پرتغالی تیم گفت: بازیکنان آماده‌اند.", "سرمربی"),
        # a clause: «درمورد اینکه»
        (
            "به گزارش خبرنگار ما، بهمن تاج‌بخش کاپیتان تیم درمورد اینکه بازی سخت بود گفت: بله.",
            "کاپیتان تیم",
        ),
        # what the holder is: «عضو»
        (
            "به گزارش خبرنگار ما، بهمن تاج‌بخش وزیر خارجه عضو این پیمان گفت: نشست ادامه دارد.",
            "وزیر خارجه",
        ),
    ],
)
def test_people_office_leaves_out_words_that_are_not_part_of_it(sentence: str, role: str) -> None:
    doc = khabar.analyze(sentence)
    assert person_named(doc, "بهمن تاج‌بخش").role == role


def test_people_local_office_takes_only_its_town() -> None:
    doc = khabar.analyze(
        f"به گزارش خبرنگار ما، حجت{ZWNJ}الاسلام ناصر دریابیگی در آیین جشن میلاد در خرمدره "
        "سخنرانی کرد. امام جمعه خرمدره همبستگی مردم را مایه امنیت شهر دانست. "
        "امام جمعه خرمدره ایثار جوانان را سرمایه کشور خواند."
    )
    person = person_named(doc, "ناصر دریابیگی")
    offices = [m for m in mentions(doc, person) if m.startswith("امام جمعه")]
    assert offices == ["امام جمعه خرمدره", "امام جمعه خرمدره"]
    assert all(p.role in (None, "امام جمعه خرمدره") for p in doc.people)


def test_people_local_office_with_a_foreign_town_gets_no_home_country() -> None:
    doc = khabar.analyze(
        "به گزارش خبرگزاری ما از بغداد، افراد مسلح به یک ایست بازرسی در جنوب موصل حمله کردند. "
        "استاندار موصل اعلام کرد نیروهای ارتش طرح امنیتی تازه‌ای را در شهر آغاز کرده‌اند."
    )
    governors = [p for p in doc.people if p.role and p.role.startswith("استاندار")]
    assert [(p.role, p.country) for p in governors] == [("استاندار موصل", None)]


def test_people_office_keeps_the_ezafe_before_its_complement() -> None:
    doc = khabar.analyze(
        "به گزارش خبرنگار ما، یوناس برگمان سخنگوی فیفا گفت: فروش بلیت از فردا آغاز می‌شود."
    )
    assert person_named(doc, "یوناس برگمان").role == "سخنگوی فیفا"


def test_people_office_stops_before_a_predicate_adjective() -> None:
    doc = khabar.analyze(
        "به گزارش خبرنگار ما، بهزاد ملکی دادستان معتقد است پرونده باید دوباره بررسی شود."
    )
    assert person_named(doc, "بهزاد ملکی").role in (None, "دادستان")


def test_people_a_title_before_a_pronoun_names_nobody() -> None:
    doc = khabar.analyze(
        "مردم روستا یاد شهید خود را گرامی داشتند و خانواده شهید از حاضران قدردانی کرد."
    )
    assert all(p.name != "خود" for p in doc.people)


def test_people_vowelled_arabic_and_stray_brackets_are_not_names() -> None:
    verse = "قَالُوا رَبَّنَا آمَنَّا بِمَا أَنزَلْتَ"
    text = f"سخنران آیه {verse} را خواند و از خوان رنگین) سخن گفت."
    doc = khabar.analyze(text)
    # the tagger's mistakes, as seen on real pages: the verse and «خوان رنگین)» as names
    verse_span = Span(text.index(verse), text.index(verse) + len(verse))
    bracket = text.index("خوان رنگین")
    wrong = (Entity(verse_span, "PER"), Entity(Span(bracket, text.index(")") + 1), "PER"))
    people = linked(doc, wrong)
    assert [p.name for p in people] == ["خوان رنگین"]


def test_people_organisation_the_tagger_began_inside_the_office() -> None:
    text = (
        "مهدی سالاروند مدیر کل نوسازی و تجهیز مدارس گیلان گفت: "
        "ساخت دوازده مدرسه تازه در استان آغاز شده است."
    )
    doc = khabar.analyze(text)
    start = text.index("کل نوسازی")
    organization = Span(start, text.index(" گفت"))
    name = Span(0, len("مهدی سالاروند"))
    entities = (Entity(name, "PER"), Entity(organization, "ORG"))
    people = linked(doc, entities)
    assert [(p.name, p.role, p.organization) for p in people] == [
        ("مهدی سالاروند", "مدیرکل", "نوسازی و تجهیز مدارس گیلان")
    ]


def test_people_office_alone_after_a_foreign_holder_is_that_holder() -> None:
    doc = khabar.analyze(
        "پادشاه بحرین دیروز فرمانی تازه صادر کرد. به گفته نادر فیروزی، تحلیلگر مسائل منطقه، "
        "پادشاه با این فرمان به دنبال آرام کردن معترضان است."
    )
    kings = [p for p in doc.people if p.role == "پادشاه"]
    assert len(kings) == 1 and kings[0].country == "بحرین" and kings[0].name is None
    assert person_named(doc, "نادر فیروزی").role is None


def test_people_office_with_its_organisation_later_is_the_named_speakers() -> None:
    text = (
        "به گزارش خبرنگار ما، سیاوش کهربایی امروز در گفت‌وگو با خبرنگاران در رشت گفت: "
        "تخلیه کالا در بندر امسال ده درصد بیشتر شد. کهربایی افزود: صادرات نیز رشد داشت. "
        "مدیرعامل شرکت کشتیرانی کاسپین تأکید کرد: اسکله تازه تا پایان سال آماده می‌شود."
    )
    doc = khabar.analyze(text)
    # as the tagger marks it on such pages: the organisation after the office
    organization = "شرکت کشتیرانی کاسپین"
    start = text.index(organization)
    names = tuple(e for e in doc.entities if e.label == "PER")
    entities = (*names, Entity(Span(start, start + len(organization)), "ORG"))
    people = linked(doc, entities)
    assert [(p.name, p.role, p.organization) for p in people] == [
        ("سیاوش کهربایی", "مدیرعامل", organization)
    ]


def test_people_a_counted_office_names_nobody() -> None:
    doc = khabar.analyze(
        "به گزارش خبرنگار ما، کیوان دلشاد سرمربی تیم گفت: بازی سختی داریم. "
        "دو نماینده خوزستانی لیگ فردا به مصاف رقبای خود می‌روند."
    )
    assert all(p.role is None or "نماینده" not in p.role for p in doc.people)


def test_people_office_alone_goes_to_the_storys_subject_not_the_last_name() -> None:
    doc = khabar.analyze(
        "به گزارش خبرنگار ما، پرستو میرحسینی در دیدار با هیئتی از شرکت‌های خارجی گفت: "
        "نمایشگاه امسال بزرگ‌تر است. میرحسینی افزود: تولید امسال بیشتر شد. "
        "وی در دیدار با فرامرز نوروزی گفت: همکاری ادامه دارد. "
        "مدیرعامل این شرکت در پایان تأکید کرد: صادرات افزایش می‌یابد."
    )
    assert person_named(doc, "پرستو میرحسینی").role == "مدیرعامل"
    assert person_named(doc, "فرامرز نوروزی").role is None


def test_people_a_surname_written_glued_or_spaced_is_one_person() -> None:
    doc = khabar.analyze(
        f"به گزارش خبرنگار ما، سامان قلی{ZWNJ}زاده بهترین بازیکن دیدار شد. "
        "سامان قلی زاده پس از بازی گفت: از هواداران سپاسگزارم."
    )
    assert len([p for p in doc.people if p.name and "قلی" in p.name]) == 1


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("به گزارش خبرنگار ما، استاندار مازندران امروز گفت: جاده‌ها باز است.", "استاندار مازندران"),
        # a province named like a country: Iran's, not the Republic of Azerbaijan's
        (
            "به گزارش خبرنگار ما، استاندار آذربایجان شرقی گفت: طرح آغاز شد.",
            "استاندار آذربایجان شرقی",
        ),
    ],
)
def test_people_local_office_of_an_iranian_town_is_irans(sentence: str, role: str) -> None:
    doc = khabar.analyze(sentence)
    assert [(p.role, p.country) for p in doc.people] == [(role, "ایران")]


def test_people_local_office_alone_after_it_is_written_in_full_is_its_holder() -> None:
    doc = khabar.analyze(
        f"به گزارش خبرنگار ما، حجت{ZWNJ}الاسلام ناصر دریابیگی امروز در جمع نمازگزاران گفت: "
        "مردم در انتخابات حاضر شوند. امام جمعه بروجرد افزود: وحدت رمز پیروزی است. "
        "امام جمعه در پایان از مسئولان قدردانی کرد."
    )
    person = person_named(doc, "ناصر دریابیگی")
    assert (person.role, person.country) == ("امام جمعه بروجرد", "ایران")
    assert mentions(doc, person).count("امام جمعه") == 1 and len(doc.people) == 1


def test_people_a_name_with_its_hamza_seat_spelled_either_way_is_one_person() -> None:
    doc = khabar.analyze(
        "به گزارش خبرنگار ما، استاد کاوه طباطبائی در این نشست سخنرانی کرد. "
        "طباطبایی گفت: پژوهش در این زمینه ادامه دارد."
    )
    assert len([p for p in doc.people if p.name and "طباطبا" in p.name]) == 1


def test_people_a_word_said_twice_is_an_adverb_not_a_name() -> None:
    # the tagger's mistake seen on a real page (the ensemble's): «دوان دوان» as a person
    text = "کودک دوان دوان به خانه رفت و به پدرش، کیوان سرمدی، خبر داد."
    doc = khabar.analyze(text)
    running = Span(text.index("دوان"), text.index(" به خانه"))
    name = Span(text.index("کیوان"), text.index("، خبر"))
    entities = (Entity(running, "PER"), Entity(name, "PER"))
    people = linked(doc, entities)
    assert [p.name for p in people] == ["کیوان سرمدی"]
