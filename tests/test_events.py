"""Events on sentences written for these tests: meetings, talks, visits, invitations, calls."""

from __future__ import annotations

from typing import Any

from quotes_support import analyze_plain, analyze_with_people, participant_names

MONDAY = "2024-05-20"


def events(text: str, people: list[dict[str, Any]] | None = None) -> list[tuple[Any, ...]]:
    if people is None:
        doc = analyze_plain(text, published=MONDAY)
    else:
        (doc,) = analyze_with_people(text, people, published=MONDAY)
    return [
        (
            e.type,
            participant_names(doc, e.participants),
            e.where,
            doc.span_text(e.when.span) if e.when else None,
            e.when.resolved if e.when else None,
        )
        for e in doc.events
    ]


def test_events_verbal_meeting_with_its_time() -> None:
    text = "وزیر امور خارجه عمان ظهر دیروز با وزیر امور خارجه کشورمان دیدار و گفت\u200cوگو کرد."
    assert events(text) == [
        (
            "meeting",
            ["وزیر امور خارجه عمان", "وزیر امور خارجه کشورمان"],
            None,
            "ظهر دیروز",
            "2024-05-19",
        )
    ]


def test_events_nominal_meeting_takes_the_subject_and_the_guest() -> None:
    people = [
        {
            "name": "مسعود آرین\u200cفر",
            "role": "رئیس\u200cجمهور",
            "mentions": ["دکتر مسعود آرین\u200cفر"],
        },
        {"name": None, "role": "سفیر چین", "mentions": ["سفیر جدید چین"]},
    ]
    text = (
        "دکتر مسعود آرین\u200cفر ظهر امروز در دیدار سفیر جدید چین با اشاره به سند همکاری گفت:"
        " این سند اولویت است."
    )
    assert events(text, people) == [
        ("meeting", ["مسعود آرین\u200cفر", "سفیر جدید چین"], None, "ظهر امروز", "2024-05-20")
    ]


def test_events_call_and_talks_in_one_clause_are_one_event() -> None:
    text = (
        "رئیس\u200cجمهور در تماس تلفنی با امیر قطر که شامگاه یکشنبه انجام شد،"
        " درباره غزه رایزنی کرد."
    )
    assert events(text) == [
        ("call", ["رئیس\u200cجمهور", "امیر قطر"], None, "شامگاه یکشنبه", "2024-05-19")
    ]


def test_events_visit_and_meeting_of_one_trip() -> None:
    text = (
        "وزیر کشاورزی هفته گذشته به عشق\u200cآباد سفر کرد و با رئیس\u200cجمهور ترکمنستان دیدار کرد."
    )
    assert events(text) == [
        ("visit", ["وزیر کشاورزی"], "عشق\u200cآباد", "هفته گذشته", "2024-05-11"),
        (
            "meeting",
            ["وزیر کشاورزی", "رئیس\u200cجمهور ترکمنستان"],
            None,
            "هفته گذشته",
            "2024-05-11",
        ),
    ]


def test_events_invitation_with_its_destination() -> None:
    text = "شهردار استانبول روز دوشنبه از شهردار تبریز برای سفر به استانبول دعوت کرد."
    assert events(text) == [
        ("invitation", ["شهردار استانبول", "شهردار تبریز"], "استانبول", "روز دوشنبه", "2024-05-20")
    ]


def test_events_told_again_add_nothing() -> None:
    text = (
        "دیدار هیئت ایرانی با رئیس مجلس پاکستان\n"
        "هیئت ایرانی روز سه\u200cشنبه با رئیس مجلس پاکستان دیدار کرد"
        " و درباره تجارت به گفت\u200cوگو پرداخت. "
        "دو طرف در این دیدار بر توسعه روابط تأکید کردند."
        " ملاقات\u200cها و گفت\u200cوگوهای هیئت ادامه دارد."
    )
    assert events(text) == [
        ("meeting", ["هیئت ایرانی", "رئیس مجلس پاکستان"], None, "روز سه\u200cشنبه", "2024-05-14")
    ]


def test_events_an_interview_is_not_talks() -> None:
    assert events("وزیر نفت در گفت\u200cوگو با خبرنگار ما گفت: تولید بالا رفت.") == []


def test_events_in_quoted_speech_are_not_events_of_the_story() -> None:
    assert events("سخنگو گفت: وزیر هفته آینده با همتای ترک خود دیدار می\u200cکند.") == []


def test_events_a_phrase_with_a_verb_or_an_ordinal_is_no_participant() -> None:
    doc = analyze_plain(
        "عناوین روزنامه‌های امروز: * نوآوران - معاون وزیر صنعت در گفت‌وگو با نوآوران تشریح کرد: "
        "جزئیات طرح تازه منتشر شد. اردوی تیم ملی از چهاردهم تا هفدهم فروردین با حضور بازیکنان "
        "دعوت شده برگزار می‌شود.",
        published=MONDAY,
    )
    phrases = [p for e in doc.events for p in e.participants if isinstance(p, str)]
    assert not any("تشریح کرد" in p or p.startswith("چهاردهم") for p in phrases), phrases
