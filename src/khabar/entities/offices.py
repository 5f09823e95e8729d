"""Titles and offices around names: «امیر سرتیپ دکتر …», «…، وزیر دفاع جمهوری آذربایجان».

:class:`TokenView` holds a document's tokens with their keys and entity labels; :func:`read_office`
reads an office phrase starting at a token: its head (وزیر, رئیس‌جمهور, سخنگوی ...), the words that
complete it (دفاع, امور خارجه), then the organisation and the country it serves. Offices written
without a country belong to ``home_country`` only when the caller decides so (see people.py).

>>> view = TokenView("وزیر دفاع جمهوری آذربایجان گفت".split())
>>> office = read_office(view, 0)
>>> office.role, office.country, office.end
('وزیر دفاع', 'آذربایجان', 4)
>>> read_office(TokenView(["رئیسجمهور", "،"]), 0).role
'رئیس\u200cجمهور'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from khabar.chars import ZWNJ
from khabar.entities.canonical import ORGANIZATIONS, canonical_name
from khabar.entities.features import word_key
from khabar.entities.gazetteers import load_iran_places, load_places, load_titles
from khabar.normalize.joiner_model import VERB_PREFIXES, load_model

# Words that end an office phrase: function words, common verbs and time words.
_STOP_WORDS = frozenset(
    word_key(word)
    for word in (
        "و در با به از که را نیز هم همچنین این آن برای تا بر طی پس پیش قبل بعد هر یک دو سه چند "
        "گفت گفته کرد کرده کند کنند است بود شد شده داشت دارد افزود اظهار تصریح خاطرنشان ضمن "
        "روز ظهر شب صبح عصر شامگاه دیروز امروز فردا خود وی او ایشان آنها چون اما ولی یا نه "
        "سابق پیشین جدید فعلی وقت اسبق کنونی درباره درمورد اینکه آنکه دیدار سفر گفتگو "
        "گفت‌وگو ملاقات"
    ).split()
)
# Words that describe the holder, not the office: «سرمربی جوان», «مربی باتجربه», «سرمربی حال حاضر».
_DESCRIPTIONS = frozenset(
    word_key(word)
    for word in (
        "جوان جوانی باتجربه باسابقه کم‌تجربه کارکشته بزرگ بزرگی خوب خوبی موفق ناموفق محبوب "
        "موقت مشهور معروف سرشناس نامدار قدیمی تازه تازه‌وارد شایسته دیگر دیگری فقط حالا یعنی "
        "بلکه خیلی کمی همه حال اکنون هنوز بارها "
        # nouns that open a verb phrase: «سرمربی [انتخاب شد]», «مدیرعامل [عوض می‌شود]»
        "انتخاب اعلام عوض ترجیح تأکید تاکید اشاره باعث برخوردار روبه‌رو روبرو راجع خبر شکل "
        "تبدیل منصوب برکنار معرفی استعفا اضافه حاضر مجبور وارد خارج جدا آماده منتقل دعوت "
        "مد نظر کیست چیست بیان واگذار حتی محترم حضرت منتشر مطرح برگزار آغاز اجرا پیگیر "
        "مشغول متوجه توضیح آینده تمام‌وقت کنار همراه محول زن مرد فردی کسی شخصی "
        # adjectives that open a predicate: «دادستان [معتقد است]», «سخنگو [خواستار] شد»
        "معتقد مدعی خواستار متذکر یادآور نگران امیدوار موافق مخالف منکر مطمئن متعهد موظف "
        "مکلف قادر ناچار مایل عضو"  # «وزیران خارجه [عضو] پیمان»: what the holder is
    ).split()
)
# What follows a ZWNJ at the end of a word that is not part of an office: شایسته‌ای، تیم‌اش.
_ENDINGS_AFTER_JOINER = frozenset(("ای", "اش", "ام", "ات", "شان", "تان", "مان", "ی"))
_POSSESSED_GAP = 4  # frequency buckets (log2) between a noun and its possessed form
# Words that make an office belong to the home country: وزیر خارجه کشورمان.
HOME_WORDS = frozenset(word_key(word) for word in ("کشورمان", "کشور ما", "ایرانی"))
_KNOWN_ORGANIZATIONS = frozenset(names[0] for names in ORGANIZATIONS)
_QUOTES = frozenset("«»\"'“”")


@dataclass(frozen=True, slots=True)
class Office:
    """An office phrase at tokens ``[start, end)``."""

    start: int
    end: int
    role: str
    country: str | None = None
    organization: str | None = None
    home: bool = False  # written with کشورمان
    town: str | None = None  # a local office's town (استاندار مازندران, استاندار موصل)
    town_country: str | None = None  # ایران for a town of the compiled list (iran-places.tsv)


class TokenView:
    """A document's tokens as strings, their keys, and the entity label of each token (or '')."""

    def __init__(self, words: Sequence[str], labels: Sequence[str] | None = None) -> None:
        self.words = list(words)
        self.keys = [word_key(word) for word in self.words]
        self.labels = list(labels) if labels is not None else [""] * len(self.words)
        self.entity_end: dict[int, int] = {}  # first token of an entity → its end token

    def entity_start(self, index: int) -> int | None:
        """The first token of the entity that token ``index`` is part of, if any."""
        label = self.labels[index] if index < len(self.labels) else ""
        position = index
        while label and position >= 0 and self.labels[position] == label:
            if self.entity_end.get(position, -1) > index:
                return position
            position -= 1
        return None

    def is_punctuation(self, index: int) -> bool:
        word = self.words[index]
        return not any(char.isalnum() for char in word)


def title_at(view: TokenView, index: int) -> tuple[int, str, str] | None:
    """``(length, kind, canonical)`` of the title, rank or office word starting at ``index``."""
    match = load_titles().longest_keys(view.keys, index)
    if match is None:
        return None
    return match[0], match[1].kind, match[1].canonical


def read_office(view: TokenView, start: int) -> Office | None:
    """The office phrase starting at token ``start``, or ``None`` when no office starts there."""
    head = title_at(view, start)
    if head is None or head[1] != "office":
        return None
    length, _kind, canonical = head
    position = start + length
    complement: list[str] = []
    places = load_places()
    organization = None
    country = None
    home = False
    limit = 0 if canonical in _COMPLETE else 1 if canonical in _LOCAL else 3
    # PEYMA's habit, learnt by the tagger: the portfolio after وزیر is marked as an organisation
    # («وزیر [نفت]», «وزیر [دفاع جمهوری آذربایجان]»); such a span is read as the office's words.
    portfolio_end = position
    town, town_country = None, None
    iranian = load_iran_places().longest_keys(view.keys, position) if canonical in _LOCAL else None
    if iranian is not None:  # before the countries: آذربایجان شرقی is a province
        complement = list(view.words[position : position + iranian[0]])
        position += iranian[0]
        town, town_country, limit = " ".join(complement), "ایران", 0
    entity = view.entity_start(position)
    if entity is not None and start <= entity < position and view.labels[position] == "ORG":
        # the tagger began the organisation inside the office: «مدیر [کل نوسازی و … گیلان]»
        organization = " ".join(view.words[position : view.entity_end[entity]])
        position, limit = view.entity_end[entity], 0
    elif view.labels[position : position + 1] == ["ORG"] and not _starts_organization(
        view, position
    ):
        portfolio_end = view.entity_end.get(position, position + 1)
    while position < len(view.words) and len(complement) < limit:
        key = view.keys[position]
        label = view.labels[position] if position >= portfolio_end else ""
        if key in HOME_WORDS:
            home = True
            position += 1
            break
        if label or view.is_punctuation(position) or not _may_complete(view.words[position], key):
            break
        place = places.longest_keys(view.keys, position)
        if (place is not None and place[1].kind != "language") or _nationality(key):
            break
        other = title_at(view, position)
        if other is not None and other[1] != "org":
            break
        if other is not None and other[1] == "org":
            organization_end = _organization_end(view, position)
            organization = " ".join(view.words[position:organization_end])
            position = organization_end
            break
        complement.append(view.words[position])
        position += 1
    if (
        town is None
        and canonical in _LOCAL
        and not complement
        and view.labels[position : position + 1] == ["LOC"]
        and places.longest_keys(view.keys, position) is None  # a town, not a country
    ):
        place_end = view.entity_end.get(position, position + 1)
        complement = list(view.words[position:place_end])
        position, town = place_end, " ".join(complement)
    if (
        position < len(view.words)
        and position >= portfolio_end
        and view.labels[position] == "ORG"
        and organization is None
    ):
        organization_end = view.entity_end.get(position, position + 1)
        organization = canonical_name("ORG", " ".join(view.words[position:organization_end]))
        position = organization_end
    if organization is not None and country is None:
        organization, country = _split_country(organization)
    if position < len(view.words) and not home and country is None:
        place = places.longest_keys(view.keys, position)
        if place is not None and place[1].kind == "country":
            country = place[1].canonical
            position += place[0]
        elif view.keys[position] in HOME_WORDS:
            home = True
            position += 1
    if length == 1 and not complement and organization is None and country is None and not home:
        if canonical in _NEEDS_COMPLEMENT:
            return None
    role_head = canonical
    written = " ".join(view.keys[start : start + length])
    if complement and written == word_key(canonical + "ی"):
        role_head += "ی"  # the ezafe that ties the head to its complement: سخنگوی فیفا
    role = " ".join([role_head, *complement])
    return Office(start, position, role, country, organization, home, town, town_country)


# Nationalities that are not a country's name + ی
_NATIONALITIES = frozenset(word_key(word) for word in "ترک عرب کرد کروات".split())


def _nationality(key: str) -> bool:
    """A nationality, which describes the holder (سرمربی [پرتغالی], مربی [ترک]): a country's name
    + ی (or ایی), or one of a few others."""
    if key in _NATIONALITIES:
        return True
    countries = load_places().entries
    for ending in ("ایی", "ی"):
        if key.endswith(ending) and len(key) > len(ending) + 2:
            place = countries.get(key[: -len(ending)])
            if place is not None and place.kind == "country":
                return True
    return False


def _may_complete(word: str, key: str) -> bool:
    """Whether ``word`` may be part of an office's name (وزیر [امور خارجه], سرمربی [جوانان]).

    Not: a function, time or verb word; a number (مربی ۶ جلسه); a word that describes the holder
    rather than the office (مربی جوان، سرمربی باتجربه); a word with a possessive or indefinite
    ending (سرمربی قراردادش، نماینده شایسته‌ای).

    >>> _may_complete("جوانان", word_key("جوانان")), _may_complete("جوان", word_key("جوان"))
    (True, False)
    >>> _may_complete("قراردادش", word_key("قراردادش")), _may_complete("ورزش", word_key("ورزش"))
    (False, True)
    """
    if key in _STOP_WORDS or key in _DESCRIPTIONS or key in _verb_forms():
        return False
    if any(char.isdigit() for char in word):
        return False
    head, _, last = word.rpartition(ZWNJ)
    if head and (head in VERB_PREFIXES or last in _ENDINGS_AFTER_JOINER):
        return False
    return not _possessed(word)


def _possessed(word: str) -> bool:
    """A known noun with a glued possessive ending, far rarer than the noun: تیمش، قراردادش (but
    آموزش and ورزش are words of their own)."""
    vocabulary = load_model().vocabulary
    for ending in ("شان", "ش"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 3 and base in vocabulary:
            return vocabulary[base] - vocabulary.get(word, 0) >= _POSSESSED_GAP
    return False


@cache
def _verb_forms() -> frozenset[str]:
    """Verb forms, which end an office phrase («سرمربی آبی‌ها خواهد ...» is سرمربی): the verb
    bodies the joiner model attested after می and the copulas, each also negated (نتوانسته) and
    as a past participle (پرسیده; not an agent noun: نماینده)."""
    verbs = {word_key(word) for word in (*load_model().verb_bodies, *_COPULAS)}
    negated = {"ن" + verb for verb in verbs if len(verb) >= 4}
    participles = {verb + "ه" for verb in verbs if not verb.endswith("ند")}
    return frozenset(verbs | negated | participles)


_COPULAS = (
    "است هست نیست بود نبود هستم هستی هستیم هستید هستند باشم باشی باشد باشیم باشید باشند بودم "
    "بودی بودیم بودید بودند شوم شوی شود شویم شوید شوند"
).split()


def _split_country(organization: str) -> tuple[str, str | None]:
    """«وزارت کشور جمهوری آذربایجان» → («وزارت کشور», «آذربایجان»): the office's country."""
    words = organization.split()
    places = load_places()
    for start in range(1, len(words)):
        match = places.longest(words, start)
        if match is not None and start + match[0] == len(words) and match[1].kind == "country":
            return " ".join(words[:start]), match[1].canonical
    return organization, None


def _starts_organization(view: TokenView, position: int) -> bool:
    """True when an organisation word (وزارت, سازمان ...) or a known organisation starts here."""
    title = title_at(view, position)
    if title is not None and title[1] == "org":
        return True
    end = view.entity_end.get(position, position + 1)
    return canonical_name("ORG", " ".join(view.words[position:end])) in _KNOWN_ORGANIZATIONS


def _organization_end(view: TokenView, start: int) -> int:
    """Where an organisation name that starts with an org word (وزارت, سازمان ...) ends."""
    if view.labels[start] == "ORG" and start in view.entity_end:
        return view.entity_end[start]
    position = start + 1
    places = load_places()
    while position < len(view.words) and position - start < 5:
        key = view.keys[position]
        if view.is_punctuation(position) or key in _STOP_WORDS or view.labels[position] == "PER":
            break
        if places.longest_keys(view.keys, position) is not None:
            break
        position += 1
    return position


# Heads that name no office on their own: «وزیر» alone is not a role, «رئیس‌جمهور» is.
_NEEDS_COMPLEMENT = frozenset(
    {
        "وزیر",
        "معاون",
        "سخنگوی",
        "سخنگو",
        "نماینده",
        "سفیر",
        "رئیس",
        "دبیر",
        "فرمانده",
        "مدیر",
        "مشاور",
        "دستیار",
        "سرپرست",
        "قائم\u200cمقام",
        "جانشین فرمانده",
        "نایب\u200cرئیس",
        "مربی",
        "کاپیتان",
        "کنسول",
        "رئیس\u200cکل",
        "دادستان",
        "کاردار",
    }
)


# Heads that are a whole office: they take a country or an organisation, never more words.
_COMPLETE = frozenset(
    {
        "رئیس\u200cجمهور",
        "نخست\u200cوزیر",
        "صدراعظم",
        "پادشاه",
        "ملکه",
        "ولیعهد",
        "معاون اول رئیس\u200cجمهور",
        "معاون رئیس\u200cجمهور",
        "رئیس\u200cمجلس",
    }
)


# Local offices: their complement is the one name of their town («امام جمعه اهرم»), so in
# «امام جمعه اهرم خون شهدا را ... دانست» what follows the town is the sentence's object.
_LOCAL = frozenset({"امام جمعه", "فرماندار", "استاندار", "شهردار", "بخشدار"})


def is_quote(word: str) -> bool:
    """True for quotation marks, which may stand between a title and a name: سردار «…»."""
    return word in _QUOTES
