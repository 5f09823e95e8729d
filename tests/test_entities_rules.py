"""Dates, times, money and percentages found by rules (khabar.entities.rules)."""

from __future__ import annotations

import pytest

from khabar.chars import ZWNJ
from khabar.entities.rules import find_expressions


def found(text: str) -> list[tuple[str, str]]:
    return [(label, text[start:end]) for start, end, label in find_expressions(text)]


def test_rules_part_of_day_with_its_day_is_a_time_and_the_day_alone_a_date() -> None:
    # PEYMA's convention: «ظهر امروز» is a TIME, «امروز» a DATE
    text = "هیئت بازرگانی شامگاه سه شنبه وارد شد، ظهر دیروز دیدار کرد و امروز بازگشت."
    assert found(text) == [
        ("TIME", "شامگاه سه شنبه"),
        ("TIME", "ظهر دیروز"),
        ("DATE", "امروز"),
    ]


def test_rules_nights_seasons_and_years() -> None:
    text = "امشب نتیجه اعلام می‌شود؛ فروش در بهار امسال و سال ۱۳۹۵ کم بود و در مهرماه ۱۴۰۱ بالا رفت."
    assert found(text) == [
        ("TIME", "امشب"),
        ("DATE", "بهار امسال"),
        ("DATE", "سال ۱۳۹۵"),
        ("DATE", "مهرماه ۱۴۰۱"),
    ]


@pytest.mark.parametrize("weekday", ["سه شنبه", f"سه{ZWNJ}شنبه", "سهشنبه"])
def test_rules_weekday_in_every_spelling(weekday: str) -> None:
    assert found(f"جلسه روز {weekday} برگزار شد") == [("DATE", f"روز {weekday}")]


def test_rules_calendar_dates_with_persian_and_latin_digits() -> None:
    text = "قرارداد در ۱۲ فروردین ۱۴۰۲ و نسخه دوم در 3 مارس 2024 امضا شد؛ سند ۱۴۰۱/۰۵/۲۰ است."
    assert found(text) == [
        ("DATE", "۱۲ فروردین ۱۴۰۲"),
        ("DATE", "3 مارس 2024"),
        ("DATE", "۱۴۰۱/۰۵/۲۰"),
    ]


def test_rules_clock_time_is_time_not_date() -> None:
    assert found("نشست ساعت ۱۸:۳۰ عصر آغاز می‌شود") == [("TIME", "ساعت ۱۸:۳۰ عصر")]


def test_rules_money_with_scale_words_and_currency() -> None:
    text = "بودجه طرح ۲۵۰ میلیارد ریال و کمک خارجی دو میلیون دلار است."
    assert found(text) == [("MONEY", "۲۵۰ میلیارد ریال"), ("MONEY", "دو میلیون دلار")]


def test_rules_percent_in_words_digits_and_sign() -> None:
    text = "تورم ۱۲.۵ درصد شد، بیکاری ده درصد و رشد ۳٪ بود."
    assert found(text) == [("PERCENT", "۱۲.۵ درصد"), ("PERCENT", "ده درصد"), ("PERCENT", "۳٪")]


def test_rules_ranges_and_adjective_forms() -> None:
    text = "کاهش ۷۰ تا ۸۰ درصدی صادرات و فساد ۸ هزار میلیارد تومانی افشا شد."
    assert found(text) == [("PERCENT", "۷۰ تا ۸۰ درصدی"), ("MONEY", "۸ هزار میلیارد تومانی")]


def test_rules_do_not_fire_inside_words() -> None:
    # «مهر» is a month, but not inside «مهربانی»; «دی» is a month, not the start of «دیدار»
    assert found("مهربانی و دیدار دوستانه ادامه یافت") == []
