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

from datetime import UTC, date, datetime, timedelta

from khabar.dates import parse_day

__all__ = ["day_after", "day_start", "parse_day"]


def _iso(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).isoformat()


def day_start(value: str) -> str:
    """The first moment of the day ``value``, as stored times are written."""
    return _iso(parse_day(value))


def day_after(value: str) -> str:
    """The first moment after the day ``value`` (the exclusive end of a range ending that day)."""
    return _iso(parse_day(value) + timedelta(days=1))
