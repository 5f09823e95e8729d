"""Dates: Jalali and Gregorian parsing; relative expressions resolved against publication."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import khabar
from khabar.chars import ZWNJ
from khabar.dates import find_times, parse_publication_date, publication_day
from khabar.errors import ConfigError

WEDNESDAY = date(2024, 2, 14)  # 1402-11-25


def resolve(
    text: str, published: date | None = WEDNESDAY
) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.resolved, t.part_of_day) for t in find_times(text, published)]


@pytest.mark.parametrize(
    ("text", "iso", "jalali"),
    [
        ("در ۱۵ آبان ۱۴۰۲ برگزار شد", "2023-11-06", "1402-08-15"),
        ("روز ۲۳ بهمن\u200cماه ۱۴۰۲", "2024-02-12", "1402-11-23"),
        ("پانزدهم آبان ۱۴۰۲", "2023-11-06", "1402-08-15"),
        ("بیست و یکم مهر ۱۳۹۹", "2020-10-12", "1399-07-21"),
        ("تاریخ ۱۴۰۲/۰۸/۱۵", "2023-11-06", "1402-08-15"),
        ("on 6 November 2023", "2023-11-06", "1402-08-15"),
        ("روز ۸ ژانویه ۲۰۲۴", "2024-01-08", "1402-10-18"),
        ("2023-11-06", "2023-11-06", "1402-08-15"),
    ],
)
def test_dates_absolute_dates_in_both_calendars(text: str, iso: str, jalali: str) -> None:
    (found,) = find_times(text, None)
    assert (found.resolved, found.resolved_jalali, found.granularity) == (iso, jalali, "day")


def test_dates_day_and_month_without_year_take_the_nearest_year() -> None:
    assert resolve("۲۳ بهمن")[0][1] == "2024-02-12"
    assert resolve("۲۵ اسفند")[0][1] == "2024-03-15"  # a month ahead is nearer than eleven back
    assert resolve("۲۰ مهر")[0][1] == "2023-10-12"  # four months back is nearer than eight ahead
    assert resolve("۲۳ بهمن", None)[0][1] is None


@pytest.mark.parametrize(
    ("text", "iso", "part"),
    [
        ("امروز", "2024-02-14", None),
        ("دیروز", "2024-02-13", None),
        ("پریروز", "2024-02-12", None),
        ("فردا", "2024-02-15", None),
        ("ظهر دیروز", "2024-02-13", "noon"),
        ("دیروز ظهر", "2024-02-13", "noon"),
        ("صبح امروز", "2024-02-14", "morning"),
        ("دیشب", "2024-02-13", "night"),
        ("روز گذشته", "2024-02-13", None),
        ("سه\u200cشنبه", "2024-02-13", None),
        ("شامگاه سه شنبه", "2024-02-13", "evening"),
        ("شامگاه سهشنبه", "2024-02-13", "evening"),
        ("روز چهارشنبه", "2024-02-14", None),  # the publication day itself
        ("چهارشنبه گذشته", "2024-02-07", None),
        ("پنجشنبه شب", "2024-02-08", "night"),
        ("شنبه آینده", "2024-02-17", None),
        ("دو روز پیش", "2024-02-12", None),
    ],
)
def test_dates_relative_days_resolve_against_publication(
    text: str, iso: str, part: str | None
) -> None:
    (found,) = resolve(f"وزیر {text} گفت")
    assert found[1:] == (iso, part)
    assert found[0] == text


def test_dates_weeks_months_years_resolve_to_their_first_day() -> None:
    week, month, year = find_times("هفته گذشته و ماه آینده و سال گذشته", WEDNESDAY)
    assert (week.resolved, week.granularity) == ("2024-02-03", "week")  # the Saturday of last week
    assert (month.resolved, month.resolved_jalali, month.granularity) == (
        "2024-02-20",
        "1402-12",
        "month",
    )
    assert (year.resolved, year.resolved_jalali, year.granularity) == ("2022-03-21", "1401", "year")


def test_dates_weekday_with_its_date_is_one_expression() -> None:
    (found,) = find_times("روز سه\u200cشنبه ۲۴ بهمن", WEDNESDAY)
    assert (found.text, found.resolved) == ("روز سه\u200cشنبه ۲۴ بهمن", "2024-02-13")


def test_dates_relative_expressions_stay_unresolved_without_a_publication_date() -> None:
    assert resolve("ظهر دیروز و سه\u200cشنبه", None) == [
        ("ظهر دیروز", None, "noon"),
        ("سه\u200cشنبه", None, None),
    ]


def test_dates_words_that_contain_a_date_word_are_not_dates() -> None:
    assert find_times("دیروزی\u200cها و امروزه و شنبه\u200cها و دی\u200cماه", WEDNESDAY) == []
    assert [t.text for t in find_times(f"سه{ZWNJ}شنبه", WEDNESDAY)] == [f"سه{ZWNJ}شنبه"]


def test_dates_publication_day_is_taken_in_tehran_time() -> None:
    late_utc = datetime(2024, 2, 13, 22, 0, tzinfo=UTC)  # 01:30 on the 14th in Tehran
    doc = khabar.Document.from_text("x", published=late_utc)
    assert publication_day(doc) == date(2024, 2, 14)


def test_dates_publication_option_accepts_iso_and_jalali() -> None:
    assert parse_publication_date("1402-11-25").date() == date(2024, 2, 14)
    assert parse_publication_date("۱۴۰۲/۱۱/۲۵").date() == date(2024, 2, 14)
    assert parse_publication_date("2024-02-14").date() == date(2024, 2, 14)
    assert parse_publication_date("2024-02-14T09:30+00:00").hour == 9
    with pytest.raises(ConfigError, match="not a date"):
        parse_publication_date("1402-13-40")
    with pytest.raises(ConfigError, match="not a date"):
        parse_publication_date("yesterday")


def test_dates_stage_stores_times_on_the_document() -> None:
    doc = khabar.Pipeline()(
        khabar.Document.from_text(
            "وزیر ظهر دیروز به تهران رسید.", published=parse_publication_date("1402-11-25")
        )
    )
    (time,) = doc.times
    assert (doc.span_text(time.span), time.resolved, time.resolved_jalali) == (
        "ظهر دیروز", "2024-02-13", "1402-11-24",
    )  # fmt: skip
