"""Dates, times, money and percentages, found by rules over the normalized text.

The labels follow PEYMA's conventions, so that the rules can be scored on it: a day (دیروز,
سه‌شنبه, ۱۲ فروردین ۱۴۰۲, سال ۹۳, بهار امسال) is a DATE; a clock time, or a part of the day with
its day (ظهر دیروز, شامگاه سه شنبه, امشب), is a TIME; amounts take their adjective forms too
(۸ هزار میلیارد تومانی, ۵۰ درصدی) and ranges (۷۰ تا ۸۰ درصد).
Words may be written with a ZWNJ, glued or spaced (سه‌شنبه, سهشنبه, سه شنبه); digits may be
Persian, Arabic or Latin.

>>> text = "ظهر دیروز دلار ۲ درصد بالا رفت و ۵۰ هزار تومان شد؛ جلسه ساعت ۱۰:۳۰ صبح ۱۲ مهر ۱۴۰۲ است."
>>> for start, end, label in find_expressions(text):
...     print(label, text[start:end])
TIME ظهر دیروز
PERCENT ۲ درصد
MONEY ۵۰ هزار تومان
TIME ساعت ۱۰:۳۰ صبح
DATE ۱۲ مهر ۱۴۰۲
"""

from __future__ import annotations

import re

from khabar.chars import ZWNJ

_GAP = f"[ {ZWNJ}]?"  # how the parts of one compound may be joined: ZWNJ, space or nothing
_DIGITS = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_NUMBER = f"{_DIGITS}+(?:[.,/\u066b\u066c]{_DIGITS}+)*"
_UNITS = (
    "یک|دو|سه|چهار|پنج|شش|شیش|هفت|هشت|نه|ده|یازده|دوازده|سیزده|چهارده|پانزده|شانزده|هفده|هجده|"
    "نوزده|بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود|صد|یکصد|دویست|سیصد|چهارصد|پانصد|ششصد|هفتصد|"
    "هشتصد|نهصد|نیم|چند"
)
_NUMBER_WORD = f"(?:{_UNITS})(?: و (?:{_UNITS}))*"
_SCALE = "هزار|میلیون|میلیارد|بیلیون|تریلیون"
_ONE_AMOUNT = rf"(?:{_NUMBER}|{_NUMBER_WORD})(?:[\s{ZWNJ}]?(?:{_SCALE}))*"
# one amount, a sum (دو میلیون و پانصد هزار) or a range (۷۰ تا ۸۰، ۲۰ و ۳۲)
_AMOUNT = rf"{_ONE_AMOUNT}(?: (?:و|تا|الی|-) {_ONE_AMOUNT})*"
_CURRENCY = (
    "(?:ریال|تومان|دلار|یورو|پوند|درهم|روپیه|یوان|ین|روبل|لیر|دینار|فرانک|"
    "بیت(?:" + ZWNJ + "| )?کوین)(?:ی)?(?: آمریکا| امریکا)?"  # دلاری: PEYMA counts the adjective
)
_PERSIAN_MONTHS = "فروردین|اردیبهشت|خرداد|تیر|مرداد|امرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
_GREGORIAN_MONTHS = (
    "ژانویه|فوریه|مارس|آوریل|آپریل|مه|می|ژوئن|ژوئیه|جولای|اوت|آگوست|سپتامبر|اکتبر|نوامبر|دسامبر"
)
_HIJRI_MONTHS = (
    f"محرم|صفر|ربیع{_GAP}الاول|ربیع{_GAP}الثانی|جمادی{_GAP}الاول|جمادی{_GAP}الثانی|رجب|شعبان|"
    f"رمضان|شوال|ذی{_GAP}القعده|ذی{_GAP}الحجه"
)
_MONTH = f"(?:{_PERSIAN_MONTHS}|{_GREGORIAN_MONTHS}|{_HIJRI_MONTHS})(?:{_GAP}ماه)?"
# A month named alone: with «ماه», or one whose name is no common word (مهر, تیر, دی, می are)
_LONE_MONTH = (
    f"(?:(?:{_PERSIAN_MONTHS}){_GAP}ماه|ماه (?:{_GREGORIAN_MONTHS})|فروردین|اردیبهشت|خرداد|"
    f"مرداد|شهریور|آبان|بهمن|اسفند|ژانویه|فوریه|آوریل|ژوئن|ژوئیه|سپتامبر|اکتبر|نوامبر|دسامبر)"
)
_SEASON = "(?:بهار|تابستان|پاییز|زمستان)"
_WEEKDAY = (
    f"(?:یک{_GAP}شنبه|دو{_GAP}شنبه|سه{_GAP}شنبه|چهار{_GAP}شنبه|پنج{_GAP}شنبه|شنبه|جمعه|آدینه)"
)
_RELATIVE_DAY = (
    f"(?:پس{_GAP}فردا|پریروز|دیروز|امروز|فردا|"
    f"(?:هفته|ماه|سال)(?: گذشته| آینده| جاری| پیش| قبل| بعد)|امسال|پارسال)"
)
_RELATIVE_NIGHT = (  # a night or an evening named by itself is a time of day, as in PEYMA
    f"(?:امشب|دیشب|شب گذشته|{_WEEKDAY}{_GAP}شب|شب {_WEEKDAY})"
)
_PART_OF_DAY = (
    f"(?:صبح{_GAP}گاه|صبحگاه|صبح|ظهر|بعد{_GAP}از{_GAP}ظهر|بعدازظهر|عصر|غروب|شام{_GAP}گاه|شامگاه|"
    f"شب|نیمه{_GAP}شب|بامداد|پیش{_GAP}از{_GAP}ظهر|سحر|نیمروز)"
)
_DAY_WORD = f"(?:روز{_GAP})?"
_YEAR = f"(?: (?:سال )?{_NUMBER}(?: (?:هجری )?(?:شمسی|قمری|میلادی|ه\\.ش|ه\\.ق))?)?"
_CALENDAR_DATE = f"(?:{_NUMBER}|{_NUMBER_WORD}(?:م|ام)?) {_MONTH}{_YEAR}"
_MONTH_YEAR = f"(?:ماه )?{_MONTH} (?:سال )?{_NUMBER}"
_PERIOD_START = f"(?:ابتدای|اوایل|اواسط|اواخر|اول|پایان|نیمه|نیمه{_GAP}ی|اوائل) "
_THIS_YEAR = " (?:امسال|پارسال|سال (?:گذشته|جاری|آینده|قبل|پیش))"
_SEASON_DATE = f"{_SEASON} (?:امسال|پارسال|سال (?:{_NUMBER}|گذشته|آینده|جاری)|{_NUMBER})"
_NUMERIC_DATE = f"{_DIGITS}{{2,4}}/{_DIGITS}{{1,2}}/{_DIGITS}{{1,4}}"
_DAY = (
    f"(?:{_DAY_WORD}{_WEEKDAY}(?: {_CALENDAR_DATE})?(?: (?:هفته )?(?:گذشته|آینده|جاری))?"
    f"|{_DAY_WORD}{_CALENDAR_DATE}|{_MONTH_YEAR}|{_SEASON_DATE}|{_NUMERIC_DATE}"
    f"|سال {_NUMBER}(?: (?:شمسی|قمری|میلادی))?|{_RELATIVE_DAY})"
)
_DATE = (
    f"(?:{_PERIOD_START})?(?:{_DAY_WORD}{_CALENDAR_DATE}|{_MONTH_YEAR}|{_SEASON_DATE}"
    f"|{_LONE_MONTH}(?: (?:و|-) {_LONE_MONTH})?|{_SEASON}|سال {_NUMBER})(?:{_THIS_YEAR})?"
    f"|دهه (?:{_NUMBER}|{_NUMBER_WORD})|{_DAY}"
)
_CLOCK = f"{_DIGITS}{{1,2}}(?: ?: ?{_DIGITS}{{2}})?"
_MINUTES = f"(?: و (?:{_NUMBER}|{_NUMBER_WORD})(?: دقیقه)?)?"
_TIME = (
    f"(?:{_PART_OF_DAY} )?ساعت (?:{_CLOCK}|{_NUMBER_WORD}){_MINUTES}(?: {_PART_OF_DAY})?"
    f"|{_PART_OF_DAY} {_DAY}|{_DAY} {_PART_OF_DAY}|{_RELATIVE_NIGHT}"
    f"|{_DIGITS}{{1,2}} ?: ?{_DIGITS}{{2}}"
)

_BOUNDARY_BEFORE = rf"(?<![\w{ZWNJ}])"
_BOUNDARY_AFTER = rf"(?![\w{ZWNJ}])"
_PATTERN = re.compile(
    _BOUNDARY_BEFORE
    + "(?:"
    + f"(?P<PERCENT>(?:{_AMOUNT})\\s*(?:درصدی|درصد|%|٪))"
    + f"|(?P<MONEY>(?:{_AMOUNT}) {_CURRENCY})"
    + f"|(?P<TIME>{_TIME})"
    + f"|(?P<DATE>{_DATE})"
    + ")"
    + _BOUNDARY_AFTER
)


def find_expressions(text: str) -> list[tuple[int, int, str]]:
    """The DATE, TIME, MONEY and PERCENT expressions of ``text``: (start, end, label), in order."""
    found: list[tuple[int, int, str]] = []
    for match in _PATTERN.finditer(text):
        label = match.lastgroup
        if label is None:
            continue
        start, end = match.span()
        found.append((start, end, label))
    return found
