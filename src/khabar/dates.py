"""Dates: Jalali and Gregorian dates and relative time expressions, resolved to calendar dates.

Needs: ``sentences`` (the text is segmented).
Adds: ``times``, one :class:`~khabar.model.TimeExpression` per date or time expression, with the
ISO date it resolves to against the publication date (``resolved``), the same date in the Jalali
calendar (``resolved_jalali``), the part of the day (``part_of_day``) and how precise it is
(``granularity``: day, week, month or year).
Stays true: the expressions are sorted and never overlap; nothing is resolved by guessing when the
publication date is unknown (an absolute date still is).

Relative expressions are resolved against the publication day in Tehran time: ``دیروز`` is the day
before, ``سه\u200cشنبه`` the Tuesday on or before it, ``هفته گذشته`` the Iranian week (Saturday to
Friday) before it.

>>> from datetime import date
>>> for t in find_times("وزیر ظهر دیروز و شامگاه سه\u200cشنبه سخن گفت.", date(2023, 11, 8)):
...     print(t.text, t.resolved, t.resolved_jalali, t.part_of_day)
ظهر دیروز 2023-11-07 1402-08-16 noon
شامگاه سه\u200cشنبه 2023-11-07 1402-08-16 evening
>>> text = "در ۱۵ آبان ۱۴۰۲ و 6 November 2023 و ۲۰۲۳/۱۱/۰۶"
>>> [(t.text, t.resolved) for t in find_times(text, None)]
[('۱۵ آبان ۱۴۰۲', '2023-11-06'), ('6 November 2023', '2023-11-06'), ('۲۰۲۳/۱۱/۰۶', '2023-11-06')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

import jdatetime

from khabar.chars import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS, ZWNJ
from khabar.errors import ConfigError
from khabar.model import Document, Span, TimeExpression

_J = f"[{ZWNJ} ]?"  # a joiner, a space or nothing: سه\u200cشنبه, سه شنبه and سهشنبه all match
_START = rf"(?<![\w{ZWNJ}])"
_END = rf"(?![\w{ZWNJ}])"
_DIGIT = "[0-9۰-۹٠-٩]"
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
JALALI_BEFORE = 1700  # a written year below this is a Jalali year

JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
GREGORIAN_MONTHS = {
    "ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "مارس": 3, "مارچ": 3, "آوریل": 4, "آپریل": 4,
    "مه": 5, "می": 5, "ژوئن": 6, "جون": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8,
    "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
LATIN_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )  # fmt: skip
    for name in names
}
# Python's weekday numbers (Monday 0) of the Persian weekday names.
WEEKDAYS = {
    "شنبه": 5,
    "یکشنبه": 6,
    "دوشنبه": 0,
    "سهشنبه": 1,
    "چهارشنبه": 2,
    "پنجشنبه": 3,
    "جمعه": 4,
}
PARTS_OF_DAY = {
    "بامداد": "dawn", "سحر": "dawn", "صبح": "morning", "صبحگاه": "morning",
    "پیشازظهر": "morning", "ظهر": "noon", "بعدازظهر": "afternoon", "عصر": "afternoon",
    "عصرگاه": "afternoon", "غروب": "evening", "شامگاه": "evening", "شب": "night",
    "نیمهشب": "night",
}  # fmt: skip
# Relative days: days from the publication day, and the part of the day they imply.
RELATIVE_DAYS = {
    "امروز": (0, None), "دیروز": (-1, None), "پریروز": (-2, None), "فردا": (1, None),
    "پسفردا": (2, None), "دیشب": (-1, "night"), "امشب": (0, "night"), "پریشب": (-2, "night"),
    "روزگذشته": (-1, None), "روزجاری": (0, None),
}  # fmt: skip
_ORDINAL_UNITS = ["یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم"]
_ORDINAL_TEENS = ["دهم", "یازدهم", "دوازدهم", "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم",
                  "هفدهم", "هجدهم", "نوزدهم"]  # fmt: skip
_NUMBER_WORDS = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8,
                 "نه": 9, "ده": 10, "چند": None}  # fmt: skip


def _ordinals() -> dict[str, int]:
    """Spoken ordinal day numbers (پانزدهم → 15), keyed without spaces or joiners."""
    table = {word: number for number, word in enumerate(_ORDINAL_UNITS, 1)}
    table["اول"] = 1
    table.update({word: number for number, word in enumerate(_ORDINAL_TEENS, 10)})
    table["هیجدهم"] = 18
    table["بیستم"] = 20
    table["سیام"] = 30
    for unit, word in enumerate(_ORDINAL_UNITS, 1):
        table["بیستو" + word] = 20 + unit
    table["سیویکم"] = 31
    return table


ORDINALS = _ordinals()


def _key(text: str) -> str:
    """``text`` without spaces and joiners: the lookup key of a matched word."""
    return re.sub(f"[{ZWNJ} ]+", "", text)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, with any joiner between their parts."""
    spelled = sorted(set(words), key=len, reverse=True)
    return "|".join(_J.join(re.escape(part) for part in w.split(" ")) for w in spelled)


# «امام جمعه»، «نماز جمعه»: offices and prayers named after Friday are no date.
_WEEKDAY = rf"(?:(?:یک|دو|سه|چهار|پنج){_J}شنبه|شنبه|(?<!امام )(?<!نماز )(?<!ائمه )جمعه)"
_POD = (
    rf"(?:نیمه{_J}شب|پیش{_J}از{_J}ظهر|بعد{_J}از{_J}ظهر|بعدازظهر|شامگاه|صبحگاه|عصرگاه|بامداد"
    rf"|سحر|صبح|ظهر|عصر|غروب|شب)"
)
_RELATIVE_DAY = rf"(?:پس{_J}فردا|پریروز|دیروز|امروز|فردا|دیشب|امشب|پریشب|روز{_J}گذشته|روز{_J}جاری)"
_JALALI_MONTH = "|".join(JALALI_MONTHS)
_ORDINAL = _alternation(
    ["سی و یکم", "سی ام", "بیستم", "هیجدهم", *_ORDINAL_TEENS, "اول", *_ORDINAL_UNITS]
    + [f"بیست و {w}" for w in _ORDINAL_UNITS]
)
_DAY = rf"(?P<day>{_DIGIT}{{1,2}}|{_ORDINAL})"
_YEAR = rf"(?:(?:سال{_J})?(?P<year>{_DIGIT}{{4}})(?:{_J}(?:هجری{_J}شمسی|ه\.?\s?ش\.?|میلادی|م\.))?)"
_GREGORIAN_MONTH = _alternation(GREGORIAN_MONTHS)

TIME_PATTERN = re.compile(
    _START
    + "(?:"
    # a weekday, with a part of the day before or after and perhaps an explicit date
    + rf"(?P<weekday_expr>(?:(?P<pod_before>{_POD}){_J}(?:روز{_J})?)?(?:روز{_J})?"
    + rf"(?P<weekday>{_WEEKDAY})(?:{_J}(?P<direction>گذشته|پیش|آینده|آتی))?"
    + rf"(?:{_J}(?P<pod_after>{_POD}))?(?=[\W{ZWNJ}]|$))"
    # or a relative day, with a part of the day before or after
    + rf"|(?P<relative_expr>(?:(?P<pod_before2>{_POD}){_J})?(?P<relative>{_RELATIVE_DAY})"
    + rf"(?:{_J}(?P<pod_after2>{_POD}))?(?=[\W{ZWNJ}]|$))"
    # or a relative week, month or year
    + rf"|(?P<period_expr>(?:(?P<count>{_DIGIT}+|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده){_J})?"
    + rf"(?P<unit>هفته|ماه|سال|روز){_J}"
    + rf"(?P<period_direction>گذشته|پیش|قبل|آینده|آتی|بعد|جاری)(?!{_J}(?:ماه|سال)))"
    + r"|(?P<this_year>امسال|پارسال)"
    + ")"
    + _END
)
DATE_PATTERN = re.compile(
    _START
    + "(?:"
    + rf"(?P<jalali>{_DAY}{_J}(?P<jalali_month>{_JALALI_MONTH})(?:{_J}ماه)?(?:{_J}{_YEAR})?)"
    + rf"|(?P<gregorian>(?P<gday>{_DIGIT}{{1,2}}){_J}(?P<gmonth>{_GREGORIAN_MONTH})"
    + rf"(?:{_J}(?:سال{_J})?(?P<gyear>{_DIGIT}{{4}})(?:{_J}میلادی)?)?)"
    + r"|(?P<latin>(?P<lday>\d{1,2})\s(?P<lmonth>[A-Za-z]{3,9})\.?,?\s(?P<lyear>\d{4}))"
    + rf"|(?P<numeric>(?P<nyear>{_DIGIT}{{4}})\s?[/\-.]\s?(?P<nmonth>{_DIGIT}{{1,2}})"
    + rf"\s?[/\-.]\s?(?P<nday>{_DIGIT}{{1,2}}))"
    + ")"
    + _END
)


@dataclass(frozen=True, slots=True)
class FoundTime:
    """A time expression found in a text: its span, text and resolution."""

    start: int
    end: int
    text: str
    resolved: str | None
    resolved_jalali: str | None
    part_of_day: str | None
    granularity: str

    def expression(self) -> TimeExpression:
        return TimeExpression(
            Span(self.start, self.end),
            self.resolved,
            self.part_of_day,
            resolved_jalali=self.resolved_jalali,
            granularity=self.granularity,
        )


def _number(text: str) -> int:
    return int(text.translate(_TO_LATIN))


def _day_number(text: str) -> int | None:
    if re.fullmatch(f"{_DIGIT}+", text):
        return _number(text)
    return ORDINALS.get(_key(text))


def _jalali_of(day: date) -> str:
    return str(jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d"))


def _from_jalali(year: int, month: int, day: int) -> date | None:
    try:
        gregorian: date = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    return gregorian


def _gregorian(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(candidates: dict[int, date | None], published: date) -> date | None:
    """Of the same month and day in several years, the one nearest the publication day."""
    dated = [d for d in candidates.values() if d is not None]
    return min(dated, key=lambda d: abs((d - published).days)) if dated else None


def _resolve_date(match: re.Match[str], published: date | None) -> date | None:
    group = match.group
    if group("jalali"):
        day = _day_number(group("day"))
        month = JALALI_MONTHS.index(group("jalali_month")) + 1
        if day is None:
            return None
        if group("year"):
            return _from_jalali(_number(group("year")), month, day)
        if published is None:
            return None
        this_year = jdatetime.date.fromgregorian(date=published).year
        return _nearest_year(
            {y: _from_jalali(y, month, day) for y in (this_year - 1, this_year, this_year + 1)},
            published,
        )
    if group("gregorian"):
        day, month = _number(group("gday")), GREGORIAN_MONTHS[group("gmonth")]
        if group("gyear"):
            return _gregorian(_number(group("gyear")), month, day)
        if published is None:
            return None
        return _nearest_year(
            {
                y: _gregorian(y, month, day)
                for y in (published.year - 1, published.year, published.year + 1)
            },
            published,
        )
    if group("latin"):
        month_number = LATIN_MONTHS.get(group("lmonth").lower())
        if month_number is None:
            return None
        return _gregorian(int(group("lyear")), month_number, int(group("lday")))
    year, month, day = (_number(group(g)) for g in ("nyear", "nmonth", "nday"))
    if year < JALALI_BEFORE:  # a Jalali year: 1402/08/15
        return _from_jalali(year, month, day)
    return _gregorian(year, month, day)


def _part_of_day(*words: str | None) -> str | None:
    for word in words:
        if word:
            return PARTS_OF_DAY.get(_key(word))
    return None


def _jalali_week_start(day: date) -> date:
    """The Saturday that opens the Iranian week of ``day``."""
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _resolve_relative(
    match: re.Match[str], published: date | None
) -> tuple[date | None, str | None, str | None, str]:
    """(date, Jalali text unless a plain day, part of day, granularity) of a relative expression."""
    group = match.group
    if group("weekday_expr"):
        pod = _part_of_day(group("pod_before"), group("pod_after"))
        if published is None:
            return None, None, pod, "day"
        target = WEEKDAYS[_key(group("weekday"))]
        back = (published.weekday() - target) % 7
        direction = group("direction")
        if direction in {"آینده", "آتی"}:
            return (
                published + timedelta(days=(target - published.weekday()) % 7 or 7),
                None,
                pod,
                "day",
            )
        if direction in {"گذشته", "پیش"} and back == 0:
            back = 7
        return published - timedelta(days=back), None, pod, "day"
    if group("relative_expr"):
        offset, implied = RELATIVE_DAYS[_key(group("relative"))]
        pod = _part_of_day(group("pod_before2"), group("pod_after2")) or implied
        return (published + timedelta(days=offset) if published else None), None, pod, "day"
    if published is None:
        granularity = (
            "year"
            if group("this_year")
            else {"هفته": "week", "ماه": "month", "سال": "year", "روز": "day"}[group("unit")]
        )
        return None, None, None, granularity
    if group("this_year"):
        year = jdatetime.date.fromgregorian(date=published).year - (
            1 if _key(group("this_year")) == "پارسال" else 0
        )
        return _from_jalali(year, 1, 1), str(year), None, "year"
    count_text = group("count")
    count = 1
    if count_text:
        count = _NUMBER_WORDS.get(count_text) or _number(count_text)
    direction = group("period_direction")
    sign = 0 if direction == "جاری" else (1 if direction in {"آینده", "آتی", "بعد"} else -1)
    unit = group("unit")
    if unit == "روز":
        return published + timedelta(days=sign * count), None, None, "day"
    if unit == "هفته":
        start = _jalali_week_start(published) + timedelta(weeks=sign * count)
        return start, None, None, "week"
    jalali = jdatetime.date.fromgregorian(date=published)
    if unit == "ماه":
        months = jalali.year * 12 + (jalali.month - 1) + sign * count
        year, month = divmod(months, 12)
        return _from_jalali(year, month + 1, 1), f"{year:04d}-{month + 1:02d}", None, "month"
    year = jalali.year + sign * count
    return _from_jalali(year, 1, 1), f"{year:04d}", None, "year"


def find_times(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[FoundTime]:
    """The date and time expressions of ``text[start:end]``, resolved against ``published``.

    An explicit date right after a weekday (سه\u200cشنبه ۱۶ آبان) joins it in one expression,
    resolved by the date.
    """
    end = len(text) if end is None else end
    found: list[FoundTime] = []
    taken: list[tuple[int, int]] = []
    for match in DATE_PATTERN.finditer(text, start, end):
        day = _resolve_date(match, published)
        granularity = "day"
        found.append(
            FoundTime(
                match.start(), match.end(), match.group(), day.isoformat() if day else None,
                _jalali_of(day) if day else None, None, granularity,
            )
        )  # fmt: skip
        taken.append(match.span())
    for match in TIME_PATTERN.finditer(text, start, end):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        day, jalali, pod, granularity = _resolve_relative(match, published)
        # a weekday followed by its date: one expression, resolved by the date
        following = next((f for f in found if 0 <= f.start - match.end() <= 2 and f.resolved), None)
        if match.group("weekday_expr") and following is not None:
            found.remove(following)
            found.append(
                dataclasses.replace(
                    following, start=match.start(), text=text[match.start() : following.end],
                    part_of_day=pod,
                )
            )  # fmt: skip
            continue
        found.append(
            FoundTime(
                match.start(), match.end(), match.group(), day.isoformat() if day else None,
                jalali or (_jalali_of(day) if day else None), pod, granularity,
            )
        )  # fmt: skip
    return sorted(found, key=lambda f: f.start)


TEHRAN: tzinfo
try:
    from zoneinfo import ZoneInfo

    TEHRAN = ZoneInfo("Asia/Tehran")
except Exception:  # no time-zone database on this machine: Iran's standard offset
    TEHRAN = timezone(timedelta(hours=3, minutes=30))


def publication_day(doc: Document) -> date | None:
    """The day of publication in Tehran time, or ``None`` when the document has no date."""
    if doc.published is None:
        return None
    moment = doc.published
    if moment.tzinfo is not None:
        moment = moment.astimezone(TEHRAN)
    return moment.date()


_WRITTEN_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def parse_day(value: str) -> date:
    """The Gregorian day written as ``value``: YYYY-MM-DD in any digits, Jalali when the year is
    below 1700 (1402-01-01), else Gregorian (2023-03-21).

    >>> parse_day("۱۴۰۲/۰۱/۰۱").isoformat()
    '2023-03-21'
    """
    match = _WRITTEN_DAY.fullmatch(value.strip().translate(_TO_LATIN))
    if match is None:
        raise ConfigError(
            f"{value!r} is not a date: write YYYY-MM-DD,"
            " Jalali (1402-01-01) or Gregorian (2023-03-21)"
        )
    year, month, day = (int(group) for group in match.groups())
    try:
        if year < JALALI_BEFORE:
            gregorian: date = jdatetime.date(year, month, day).togregorian()
            return gregorian
        return date(year, month, day)
    except ValueError as exc:
        raise ConfigError(f"{value!r} is not a valid date ({exc})") from None


def parse_publication_date(value: str) -> datetime:
    """A publication moment from ``--published``: ISO (2023-11-06, 2023-11-06T09:30) or Jalali.

    A year below 1700 is Jalali (1402-08-15). A date without a time is taken as noon in Tehran,
    which falls on the same day in UTC.

    >>> parse_publication_date("1402-08-15").date().isoformat()
    '2023-11-06'
    >>> parse_publication_date("2023-11-06T09:30+00:00").isoformat()
    '2023-11-06T09:30:00+00:00'
    """
    text = value.strip().translate(_TO_LATIN)
    try:
        if _WRITTEN_DAY.fullmatch(text):
            return datetime.combine(parse_day(text), time(12), tzinfo=TEHRAN)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, ConfigError) as exc:
        raise ConfigError(
            f"--published {value!r} is not a date ({exc}); write it as ISO (2023-11-06 or "
            "2023-11-06T09:30+03:30) or Jalali (1402-08-15)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=TEHRAN)


class DateFinder:
    """The dates stage: every date and time expression of the text, resolved."""

    name = "dates"
    requires = frozenset({"sentences"})
    provides = frozenset({"dates"})

    def __call__(self, doc: Document) -> Document:
        published = publication_day(doc)
        times = tuple(found.expression() for found in find_times(doc.text, published))
        return dataclasses.replace(doc, times=times)
