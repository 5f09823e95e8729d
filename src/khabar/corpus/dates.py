"""Dates on the command line: Jalali (1402-01-01) or Gregorian (2023-03-21), any digits.

A year below 1700 is Jalali. Days are taken in UTC, as publication times are stored.

>>> day_start("۱۴۰۲/۰۱/۰۱")
'2023-03-21T00:00:00+00:00'
>>> day_start("2023-03-21")
'2023-03-21T00:00:00+00:00'
>>> day_after("1402-12-29")
'2024-03-20T00:00:00+00:00'
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from khabar.chars import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from khabar.errors import ConfigError

__all__ = ["day_after", "day_start", "parse_day"]

_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
JALALI_BEFORE = 1700


def parse_day(value: str) -> date:
    """The Gregorian day written as ``value`` (Jalali when the year is below 1700)."""
    match = _DAY.fullmatch(value.strip().translate(_DIGITS))
    if match is None:
        raise ConfigError(
            f"{value!r} is not a date: write YYYY-MM-DD,"
            " Jalali (1402-01-01) or Gregorian (2023-03-21)"
        )
    year, month, day = (int(group) for group in match.groups())
    try:
        if year < JALALI_BEFORE:
            import jdatetime

            gregorian: date = jdatetime.date(year, month, day).togregorian()
            return gregorian
        return date(year, month, day)
    except ValueError as exc:
        raise ConfigError(f"{value!r} is not a valid date ({exc})") from None


def _iso(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).isoformat()


def day_start(value: str) -> str:
    """The first moment of the day ``value``, as stored times are written."""
    return _iso(parse_day(value))


def day_after(value: str) -> str:
    """The first moment after the day ``value`` (the exclusive end of a range ending that day)."""
    return _iso(parse_day(value) + timedelta(days=1))
