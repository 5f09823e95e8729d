"""Cue verbs and phrases: every listed cue, its variants, in ZWNJ, glued and spaced spellings."""

from __future__ import annotations

import pytest

from khabar.chars import ZWNJ
from khabar.statements.cues import (
    ACCORDING_TO_PATTERN,
    DESCRIBE_PATTERN,
    HOPE_PATTERN,
    INDIRECT_LEAD_PATTERN,
    SPEECH_VERB_PATTERN,
)


def cues(text: str) -> list[str]:
    return [m.group() for m in SPEECH_VERB_PATTERN.finditer(text)]


@pytest.mark.parametrize(
    "cue",
    [
        "گفت", "افزود", "اظهار داشت", "تصریح کرد", "خاطرنشان کرد", "تأکید کرد", "یادآور شد",
        "عنوان کرد", "ادامه داد", "اعلام کرد", "بیان کرد", "توضیح داد",
        # variants: plural, perfect, present, other light verbs, spellings
        "گفتند", "گفته است", f"گفته{ZWNJ}اند", f"می{ZWNJ}گوید", "می گوید", "میگوید", "افزودند",
        "اظهار کرد", "اظهار داشتند", "تصریح نمود", "خاطر نشان ساخت", "خاطرنشان شد", "تاکید کرد",
        f"تأکید کرده{ZWNJ}است", "یادآوری کرد", "عنوان داشت", "اعلام کردند", "بیان داشت",
        "اضافه کرد", "متذکر شد", f"یاد{ZWNJ}آور شد", "نوشت", "فرمودند", "مطرح کرد", "هشدار داد",
    ],
)  # fmt: skip
def test_cues_every_listed_cue_and_its_variants_are_found(cue: str) -> None:
    assert cues(f"وزیر {cue}: متن") == [cue]


@pytest.mark.parametrize(
    "text",
    [
        f"در گفت{ZWNJ}وگو با خبرنگار",
        "در گفتوگو با خبرنگار",
        "در گفت و گو با خبرنگار",
        "در گفتگو با خبرنگار",
        "به گفته وی",
        f"گفته{ZWNJ}های وزیر",
        "افزوده\u200cها",
        "اظهارات وزیر",
        "نوشته\u200cهای او",
    ],
)
def test_cues_conversation_and_nouns_are_not_cues(text: str) -> None:
    assert cues(text) == []


def test_cues_a_conjunction_glued_to_the_verb_is_still_a_cue() -> None:
    assert cues("به مشکلات پرداخت وگفت: متن") == ["گفت"]


@pytest.mark.parametrize(
    "lead",
    ["با بیان اینکه", "با بیان این که", f"با بیان این{ZWNJ}که", "با تأکید بر اینکه",
     "با تاکید بر این که",
     "با اشاره به اینکه", "ضمن بیان اینکه", "با یادآوری اینکه"],
)  # fmt: skip
def test_cues_indirect_leads(lead: str) -> None:
    assert [
        m.group() for m in INDIRECT_LEAD_PATTERN.finditer(f"وزیر {lead} بودجه کم است، گفت")
    ] == [lead]


def test_cues_predicate_cues() -> None:
    assert HOPE_PATTERN.search("او اظهار امیدواری کرد که ...")
    assert HOPE_PATTERN.search("او ابراز امیدواری نمود ...")
    assert DESCRIBE_PATTERN.search("این سفر را سازنده توصیف کرد")
    assert DESCRIBE_PATTERN.search("این طرح را لازم دانست")
    assert ACCORDING_TO_PATTERN.search("به گفته وی، ...")
    assert not DESCRIBE_PATTERN.search("توصیف\u200cهای او")
