"""Canonical names: one agreed form for each place and organisation, whatever the story wrote.

Places come from the CLDR gazetteer with the common names Persian news uses
(:mod:`khabar.entities.gazetteers`); organisations from a short table of well-known long and short
forms. A name found in neither keeps its own text, with spacing tidied.

>>> canonical_name("LOC", "جمهوری اسلامی ایران"), canonical_name("LOC", "جمهوری آذربایجان")
('ایران', 'آذربایجان')
>>> canonical_name("LOC", "ايران")
'ایران'
>>> canonical_name("LOC", "حوزه قفقاز"), canonical_name("LOC", "شهر باکو")
('قفقاز', 'باکو')
>>> canonical_name("ORG", "سازمان ملل متحد"), canonical_name("ORG", "وزارت دفاع")
('سازمان ملل', 'وزارت دفاع')
>>> canonical_name("ORG", "جمهوری اسلامی ایران")
'ایران'
>>> canonical_name("PER", "ذاکر حسناف") is None
True
"""

from __future__ import annotations

from functools import cache

from khabar.entities.features import word_key
from khabar.entities.gazetteers import PhraseIndex, load_places

# Well-known organisations: canonical name first, then the other names news uses for it.
ORGANIZATIONS: tuple[tuple[str, ...], ...] = (
    ("سازمان ملل", "سازمان ملل متحد", "ملل متحد"),
    ("شورای امنیت", "شورای امنیت سازمان ملل", "شورای امنیت سازمان ملل متحد"),
    ("اکو", "سازمان همکاری اقتصادی", "سازمان همکاری اقتصادی اکو"),
    ("ناتو", "سازمان پیمان آتلانتیک شمالی", "پیمان آتلانتیک شمالی"),
    ("اتحادیه اروپا", "اتحادیهٔ اروپا"),
    ("اوپک", "سازمان کشورهای صادرکننده نفت"),
    ("سازمان همکاری شانگهای", "شانگهای"),
    ("آژانس بین‌المللی انرژی اتمی", "آژانس انرژی اتمی", "آژانس"),
    ("مجلس شورای اسلامی", "مجلس"),
    ("سپاه پاسداران انقلاب اسلامی", "سپاه پاسداران", "سپاه"),
    ("داعش", "دولت اسلامی عراق و شام"),
    ("دفتر ریاست جمهوری", "نهاد ریاست جمهوری"),
    ("وزارت امور خارجه", "وزارت خارجه"),
    ("صدا و سیما", "سازمان صدا و سیما", "صداوسیما"),
    ("خبرگزاری جمهوری اسلامی", "ایرنا"),
)


# Words that say what kind of place follows: «شهر باکو» and «باکو» are one place.
PLACE_HEADS = frozenset(
    word_key(word)
    for word in "شهر استان شهرستان کشور منطقه حوزه قاره بندر جزیره روستای روستا پایتخت".split()
)

# Short names too common as plain words to be found without the tagger: مجلس, سپاه ...
_NOT_IN_GAZETTEER = frozenset({"مجلس", "سپاه", "آژانس", "شانگهای", "ملل متحد"})


@cache
def load_organizations() -> PhraseIndex[str]:
    """Well-known organisations by every name, for finding the ones the tagger missed."""
    index: PhraseIndex[str] = PhraseIndex()
    for names in ORGANIZATIONS:
        for name in names:
            if name not in _NOT_IN_GAZETTEER:
                index.add(name, names[0])
    return index


@cache
def _organizations() -> dict[str, str]:
    index: dict[str, str] = {}
    for names in ORGANIZATIONS:
        for name in names:
            index.setdefault(_key(name), names[0])
    return index


def _key(text: str) -> str:
    return word_key(text).replace(" ", "")


def canonical_place(text: str) -> str | None:
    """The canonical name of a place written ``text``, when the gazetteer knows it."""
    words = text.split()
    match = load_places().longest(words, 0)
    if match is not None and match[0] == len(words):
        return str(match[1].canonical)
    return None


def canonical_name(label: str, text: str) -> str | None:
    """The canonical form of a LOC, ORG, FAC or EVENT name; ``None`` for other labels."""
    if label not in ("LOC", "ORG", "FAC", "EVENT"):
        return None
    tidy = " ".join(text.split())
    if label == "LOC":
        words = tidy.split()
        while len(words) > 1 and word_key(words[0]) in PLACE_HEADS:
            words = words[1:]  # شهر باکو → باکو, حوزه قفقاز → قفقاز
        tidy = " ".join(words)
        place = canonical_place(tidy)
        if place is not None:
            return place
    if label == "ORG":
        known = _organizations().get(_key(tidy))
        if known is not None:
            return known
        state = canonical_place(tidy)  # جمهوری اسلامی ایران, written as the state
        if state is not None:
            return state
    return tidy.translate(_LETTERS)


_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
