"""Fictional Persian news for the corpus tests (composed for khabar; people and places invented).

Builders return plain text or analyzed documents; the structured fields (people, quotes, events,
entities) are filled by hand with ``dataclasses.replace``, so that the store and the questions are
tested before the stages that find them exist.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import khabar
from khabar.chars import ARABIC_YEH, ZWNJ
from khabar.model import Entity, Event, Person, Quote, Span, TimeExpression

# The same compound written three ways, in three otherwise different stories.
PRESIDENT_ZWNJ = f"رئیس{ZWNJ}جمهور"
PRESIDENT_GLUED = "رئیسجمهور"
PRESIDENT_SPACED_ARABIC = f"رئ{ARABIC_YEH}س جمهور"

STORY_WITH_ZWNJ = (
    f"{PRESIDENT_ZWNJ} روز دوشنبه در سفر به استان گیلان از طرح آبرسانی روستای کناررود بازدید کرد.\n"
    "در این سفر وزیر نیرو نیز حضور داشت و از پایان کار لوله‌گذاری در ۱۴ روستا خبر داد."
)
STORY_GLUED = (
    f"{PRESIDENT_GLUED} در نشست شورای اداری استان سمنان بر تکمیل راه‌آهن شرق تأکید کرد.\n"
    "استاندار سمنان گزارشی از پیشرفت ۶۰ درصدی این طرح ارائه داد."
)
STORY_SPACED = (
    f"{PRESIDENT_SPACED_ARABIC} پ{ARABIC_YEH}ام تبر{ARABIC_YEH}ک{ARABIC_YEH} به قهرمانان "
    f"المپ{ARABIC_YEH}اد ر{ARABIC_YEH}اض{ARABIC_YEH} فرستاد.\n"
    f"در ا{ARABIC_YEH}ن پ{ARABIC_YEH}ام از تلاش دانش‌آموزان و "
    f"مرب{ARABIC_YEH}ان آنها قدردان{ARABIC_YEH} شده است."
)
# both words, far apart: not the compound
STORY_WORDS_APART = (
    "رئیس اتاق بازرگانی شهر بندری نوشهر از افزایش صادرات مرکبات به کشورهای همسایه خبر داد.\n"
    "به گفته او، مردم این منطقه از دوران جمهور نخست تاکنون به باغداری مشغول بوده‌اند."
)
STORY_OTHER = (
    f"تیم فوتبال نفت آبادان در د{ARABIC_YEH}دار{ARABIC_YEH} پرتماشاگر "
    f"با دو گل از سد م{ARABIC_YEH}همان خود گذشت.\n"
    f"گل‌های این د{ARABIC_YEH}دار را مهاجمان جوان ت{ARABIC_YEH}م در سال 1402 به ثمر رساندند."
)

# A longer story and copies of it, for near-duplicate detection.
LONG_STORY = [
    "وزیر راه و شهرسازی روز سه‌شنبه در آیین گشایش فرودگاه تازه شهر خاوران گفت این فرودگاه "
    "با ظرفیت سالانه دو میلیون مسافر ساخته شده و پروازهای داخلی آن از هفته آینده آغاز می‌شود.",
    "به گفته وی، ساخت این فرودگاه شش سال به طول انجامید و هزینه آن از محل اعتبارات ملی و "
    "سرمایه‌گذاری بخش خصوصی تأمین شده است و بیش از هزار نفر در ساخت آن کار کرده‌اند.",
    "مدیرکل فرودگاه‌های استان نیز در این آیین افزود باند پرواز تازه برای نشستن هواپیماهای "
    "پهن‌پیکر مناسب است و سامانه ناوبری آن با فناوری ساخت داخل راه‌اندازی شده است.",
    "نماینده مردم خاوران در مجلس هم با قدردانی از دست‌اندرکاران گفت مردم منطقه سال‌ها برای "
    "رسیدن به پایتخت ناچار بودند ده ساعت در جاده رانندگی کنند و این فرودگاه گره بزرگی را گشود.",
    "بنا بر اعلام شرکت فرودگاه‌ها، نخستین پرواز خارجی این فرودگاه نیز تا پایان تابستان "
    "به مقصد یکی از کشورهای همسایه برقرار خواهد شد و قرارداد آن به زودی امضا می‌شود.",
]
# the same topic, another story
OTHER_AIRPORT_STORY = [
    "معاون وزیر راه و شهرسازی روز چهارشنبه از توقف ساخت فرودگاه شهر کوهدشت به دلیل کمبود "
    "اعتبارات خبر داد و گفت کار این طرح تا تصویب بودجه سال آینده متوقف می‌ماند.",
    "او افزود پیمانکار این فرودگاه تاکنون نیمی از باند پرواز را ساخته است و ساختمان پایانه "
    "مسافری هنوز به مرحله اجرا نرسیده و بخش خصوصی نیز برای سرمایه‌گذاری پیش نیامده است.",
    "شماری از نمایندگان استان در نامه‌ای به وزیر خواستار تخصیص فوری اعتبار شده‌اند و هشدار "
    "داده‌اند که توقف طولانی طرح هزینه‌های آن را چند برابر خواهد کرد.",
]


def write_jsonl(path: Path, texts: list[str], **fields: object) -> Path:
    """One JSONL record a line, ``text`` plus ``fields``."""
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts, 1):
            out.write(
                json.dumps({"id": f"doc-{number}", "text": text, **fields}, ensure_ascii=False)
            )
            out.write("\n")
    return path


def many_stories(count: int) -> list[str]:
    """``count`` distinct short stories (city council budgets)."""
    cities = ["کناررود", "سپیدکوه", "آبگینه", "شهرنو", "ریگزار", "بیدستان", "لاله‌زار", "مهرآباد"]
    return [
        f"شورای شهر {cities[i % len(cities)]} در جلسه شماره {i + 1} با {i % 9 + 3} رأی موافق "
        f"بودجه {i * 7 + 120} میلیارد ریالی سال آینده را تصویب کرد.\n"
        f"رئیس شورا گفت بخش بزرگی از این بودجه به بازسازی {i % 5 + 2} مدرسه فرسوده می‌رسد."
        for i in range(count)
    ]


def analyzed(text: str, id: str, **metadata: object) -> khabar.Document:
    """``text`` analyzed by the default pipeline, with ``metadata`` (source, published, ...)."""
    return _pipeline()(khabar.Document.from_text(text, id=id, **metadata))


@cache
def _pipeline() -> khabar.Pipeline:
    return khabar.Pipeline()


def utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=UTC)


def _span(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def meeting_story() -> khabar.Document:
    """A story of a meeting, with its people, quotes, event and entities filled in by hand."""
    text = (
        "سید کامران نیک‌اندیش وزیر صنعت روز شنبه در تهران "
        "با ماهیار دلاوری سفیر کشور آرکادیا دیدار کرد.\n"
        "نیک‌اندیش در این دیدار گفت: «همکاری دو کشور در صنعت خودرو گسترش می‌یابد.»\n"
        "دلاوری نیز گفت کشورش آماده سرمایه‌گذاری در شهرک‌های صنعتی است."
    )
    doc = analyzed(text, "meeting", source="خبرگزاری آفتاب", published=utc(2023, 5, 6))
    text = doc.text
    minister = Person(
        name="سید کامران نیک‌اندیش",
        titles=("سید",),
        role="وزیر صنعت",
        mentions=(_span(text, "سید کامران نیک‌اندیش"), _span(text, "نیک‌اندیش در")),
    )
    ambassador = Person(
        name="ماهیار دلاوری",
        role="سفیر",
        country="آرکادیا",
        mentions=(_span(text, "ماهیار دلاوری"),),
    )
    direct = Quote(
        content=_span(text, "همکاری دو کشور در صنعت خودرو گسترش می‌یابد."),
        kind="direct",
        cue=_span(text, "گفت:"),
        speaker=0,
    )
    indirect = Quote(
        content=_span(text, "کشورش آماده سرمایه‌گذاری در شهرک‌های صنعتی است"),
        kind="indirect",
        speaker=1,
    )
    meeting = Event(
        type="meeting",
        trigger=_span(text, "دیدار کرد"),
        participants=(0, 1),
        where="تهران",
        when=TimeExpression(_span(text, "روز شنبه"), "2023-05-06"),
    )
    entities = (
        Entity(_span(text, "سید کامران نیک‌اندیش"), "PER"),
        Entity(_span(text, "تهران"), "LOC", "تهران"),
        Entity(_span(text, "آرکادیا"), "LOC", "آرکادیا"),
    )
    return dataclasses.replace(
        doc,
        people=(minister, ambassador),
        quotes=(direct, indirect),
        events=(meeting,),
        entities=entities,
    )
