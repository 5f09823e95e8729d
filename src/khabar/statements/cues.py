"""Cue verbs and cue phrases that introduce a statement in Persian news, as data and patterns.

Three kinds of cue:

- speech verbs (:data:`SPEECH_VERBS`): گفت, افزود, اظهار داشت, تصریح کرد, خاطرنشان کرد, تأکید کرد,
  یادآور شد, عنوان کرد, ادامه داد, اعلام کرد, بیان کرد, توضیح داد, ... in every person and tense
  that news uses (گفتند, گفته است, می\u200cگوید, تصریح نمود, تأکید کرده\u200cاند);
- leading phrases of an indirect statement (:data:`INDIRECT_LEADS`): با بیان اینکه, با تأکید بر
  اینکه, با اشاره به اینکه, ضمن بیان اینکه, به گفته ...;
- predicate cues whose content is not after a colon: اظهار امیدواری کرد (content after it),
  توصیف کرد, ارزیابی کرد, دانست (content before it: «X را Y توصیف کرد»).

Every pattern accepts a ZWNJ, a space or nothing between the parts of a compound, so the cues are
found in text whose joiners were restored (تأکید کرد، می\u200cگوید) and in text as scraped (میگوید).

>>> text = "وی گفت: ما در گفت و گو با او می\u200cگوید و تاکید نمود"
>>> [m.group() for m in SPEECH_VERB_PATTERN.finditer(text)]
['گفت', 'می\u200cگوید', 'تاکید نمود']
>>> text = "وی با بیان اینکه ... و با تأکید بر این که ..."
>>> [m.group() for m in INDIRECT_LEAD_PATTERN.finditer(text)]
['با بیان اینکه', 'با تأکید بر این که']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from khabar.chars import ZWNJ

J = f"[{ZWNJ} ]?"  # a joiner, a space or nothing
START = rf"(?<![\w{ZWNJ}])"
END = rf"(?![\w{ZWNJ}])"

# The forms of each verb: (past stem, present stem). A light verb follows a noun (تصریح کرد).
LIGHT_VERBS = {
    "کرد": "کن",
    "نمود": "نما",
    "داشت": "دار",
    "ساخت": "ساز",
    "شد": "شو",
    "داد": "ده",
}
SIMPLE_VERBS = {"گفت": "گوی", "افزود": "افزای", "نوشت": "نویس", "فرمود": "فرمای"}

# Speech cues: a noun (or a phrase) with the light verbs it takes. Spaces mean "any joiner".
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "اظهار": ("داشت", "کرد", "نمود"),
    "تصریح": ("کرد", "نمود"),
    "خاطرنشان": ("کرد", "ساخت", "نمود", "شد"),
    "خاطر نشان": ("کرد", "ساخت", "نمود", "شد"),
    "تأکید": ("کرد", "نمود", "داشت"),
    "تاکید": ("کرد", "نمود", "داشت"),
    "یادآور": ("شد",),
    "یاد آور": ("شد",),
    "یادآوری": ("کرد", "نمود"),
    "یاد آوری": ("کرد", "نمود"),
    "عنوان": ("کرد", "داشت", "نمود"),
    "ادامه": ("داد",),
    "اعلام": ("کرد", "داشت", "نمود"),
    "بیان": ("کرد", "داشت", "نمود"),
    "توضیح": ("داد",),
    "اضافه": ("کرد", "نمود"),
    "تشریح": ("کرد", "نمود"),
    "اذعان": ("کرد", "داشت", "نمود"),
    "ابراز": ("داشت", "کرد"),
    "متذکر": ("شد",),
    "مدعی": ("شد",),
    "پاسخ": ("داد",),
    "مطرح": ("کرد", "نمود", "ساخت"),
    "هشدار": ("داد",),
    "اشاره": ("کرد", "نمود"),
    "خبر": ("داد",),
}
# Leading phrases of an indirect statement; the content follows «اینکه» and ends at the comma before
# the main verb.
INDIRECT_LEADS = (
    "با بیان اینکه",
    "با بیان این که",
    "با بیان این مطلب که",
    "با تأکید بر اینکه",
    "با تاکید بر اینکه",
    "با تأکید بر این که",
    "با تاکید بر این که",
    "با اشاره به اینکه",
    "با اشاره به این که",
    "با یادآوری اینکه",
    "با یادآوری این که",
    "با اعلام اینکه",
    "با اعلام این که",
    "با ابراز اینکه",
    "ضمن بیان اینکه",
    "ضمن بیان این که",
    "ضمن تأکید بر اینکه",
    "ضمن تاکید بر اینکه",
    "ضمن اشاره به اینکه",
    "ضمن اعلام اینکه",
)
# A statement attributed by «به گفته X،»: X is the speaker, the rest of the sentence the content.
ACCORDING_TO = ("به گفته", "به اعتقاد", "به عقیده", "از نگاه", "به باور")
# Predicate cues: the content follows (امیدواری) or precedes and ends in «را» (توصیف).
HOPE_NOUNS = ("اظهار امیدواری", "ابراز امیدواری")
DESCRIBE_NOUNS = ("توصیف", "ارزیابی", "قلمداد", "عنوان")


def _phrase(text: str) -> str:
    """A regex for a phrase whose words may be joined by a ZWNJ, a space or nothing."""
    parts = text.split(" ")
    return J.join(re.escape(part) for part in parts)


def _compound(noun: str) -> str:
    """A noun written whole or split at its joiner (خاطرنشان, یادآور, اینکه)."""
    return _phrase(noun)


def verb_forms(past: str, present: str) -> str:
    """Every third-person form news uses of a verb: past, perfect, past perfect and present.

    >>> bool(re.fullmatch(verb_forms("کرد", "کن"), "کرده" + ZWNJ + "اند"))
    True
    >>> bool(re.fullmatch(verb_forms("گفت", "گوی"), "گفته"))
    False
    """
    perfect = rf"{past}ه{J}(?:است|اند|بود|بودند)"
    return rf"(?:{perfect}|{past}(?:ند)?|می{J}{present}(?:د|ند))"


def _light(verbs: Iterable[str]) -> str:
    return "|".join(verb_forms(v, LIGHT_VERBS[v]) for v in verbs)


def _speech_alternatives() -> list[str]:
    alternatives = []
    for noun, lights in SPEECH_VERBS.items():
        alternatives.append(rf"{_compound(noun)}\s(?:{_light(lights)})")
    for past, present in SIMPLE_VERBS.items():
        alternatives.append(verb_forms(past, present))
    return alternatives


# «گفت» in «گفت\u200cوگو», «گفتگو» and «گفت و گو» (a conversation) is not a cue.
_NOT_CONVERSATION = rf"(?!{J}و{J}گو)"
# «اشاره کرد وگفت:»: a conjunction glued to the verb, as scraped text often has it.
_START_OR_AND = rf"(?:{START}|(?<=\sو))"
SPEECH_VERB_PATTERN = re.compile(
    _START_OR_AND + "(?:" + "|".join(_speech_alternatives()) + ")" + END + _NOT_CONVERSATION
)


def _phrase_any(phrases: Iterable[str]) -> str:
    return "|".join(_phrase(p) for p in phrases)


def _noun_and_light_verb(nouns: Iterable[str], *alternatives: str) -> str:
    """«اظهار امیدواری کرد», «توصیف نمود»: a noun and its light verb, or another form."""
    return (
        "(?:(?:"
        + _phrase_any(nouns)
        + rf")\s(?:{_light(['کرد', 'نمود'])})"
        + "".join("|" + alternative for alternative in alternatives)
        + ")"
    )


INDIRECT_LEAD_PATTERN = re.compile(
    START + "(?:" + _phrase_any(sorted(INDIRECT_LEADS, key=len, reverse=True)) + ")" + END
)
ACCORDING_TO_PATTERN = re.compile(START + "(?:" + _phrase_any(ACCORDING_TO) + ")" + END)
HOPE_PATTERN = re.compile(START + _noun_and_light_verb(HOPE_NOUNS) + END)
DESCRIBE_PATTERN = re.compile(
    START + _noun_and_light_verb(DESCRIBE_NOUNS, verb_forms("دانست", "دان")) + END
)
_DOCUMENT_VERBS = (
    "ذکر شده", "عنوان شده", "بیان شده", "اعلام شده", "تصریح شده", "تأکید شده", "تاکید شده",
)  # fmt: skip


# A document quoted: «در بیانیه منتشره از سوی X آمده است: ...»، «در ادامه این اطلاعیه آمده است:».
DOCUMENTS = ("بیانیه", "اطلاعیه", "نامه", "پیام", "اساسنامه", "قطعنامه", "بخشنامه", "ابلاغیه")
DOCUMENT_PATTERN = re.compile(
    START
    + r"در\s+(?:(?:ادامه|پایان|بخش\s+دیگری\s+از|قسمتی\s+از|بخشی\s+از)\s+)?(?:این\s+|متن\s+)?"
    + "(?:"
    + "|".join(DOCUMENTS)
    + rf")(?:ی|{J}ای)?"
    + r"(?P<issuer>[^:\n.،]{0,90}?)\s*"
    + rf"(?P<cue>(?:آمده|{_phrase_any(_DOCUMENT_VERBS)}){J}است)\s*[:：]"
)
# The words before an issuer's name: «منتشره از سوی»، «صادره از سوی»، «از سوی».
ISSUED_BY = re.compile(
    rf"\s*(?:(?:منتشره|منتشر{J}شده|صادره|صادر{J}شده)\s+)?(?:از\s+(?:سوی|طرف)\s+|توسط\s+)?"
)
# What follows «اینکه» in an indirect lead, and «که» after a speech verb (گفت که ...).
THAT = re.compile(r"\s*(?:که|کە)\s+")
OPENING_QUOTES = '«“"'
CLOSING_QUOTES = {"«": "»", "“": "”", '"': '"'}
