"""Attributions: «به گزارش X»، «به نقل از Y»، «X گزارش داد» as an ordered chain, plus the outlet."""

from __future__ import annotations

import khabar
from khabar.attributions import find_attributions


def chain(text: str) -> list[tuple[str, str, int]]:
    return [(a.source, a.relation, a.chain) for a in find_attributions(text)]


def test_attributions_chain_outermost_first() -> None:
    text = "به گزارش ایرنا به نقل از خبرگزاری رویترز، وزیر نفت عراق روز یکشنبه گفت که ..."
    assert chain(text) == [("ایرنا", "report", 1), ("خبرگزاری رویترز", "quote", 2)]


def test_attributions_a_new_report_starts_a_new_chain() -> None:
    text = "به گزارش ایسنا، وزیر آمد. سپس به گزارش روزنامه همشهری به نقل از منابع آگاه، او رفت."
    assert chain(text) == [
        ("ایسنا", "report", 1),
        ("روزنامه همشهری", "report", 1),
        ("منابع آگاه", "quote", 2),
    ]


def test_attributions_dateline_is_not_part_of_the_source() -> None:
    text = "به گزارش خبرگزاری صدا و سیما از گرگان، مدیرکل غله گفت: ..."
    (attribution,) = find_attributions(text)
    assert attribution.source == "خبرگزاری صدا و سیما"
    assert (
        text[attribution.span.start : attribution.span.end]
        == "به گزارش خبرگزاری صدا و سیما از گرگان"
    )


def test_attributions_other_phrasings() -> None:
    assert chain("به نوشته روزنامه همشهری، شهردار گفت: ...") == [("روزنامه همشهری", "report", 1)]
    assert chain("بنا بر گزارش شبکه خبر، دبیرکل آمد.") == [("شبکه خبر", "report", 1)]
    assert chain("طبق اعلام وزارت نیرو، برق قطع می\u200cشود.") == [("وزارت نیرو", "statement", 1)]
    assert chain("روزنامه الصباح نیز گزارش داد که بغداد ...") == [("روزنامه الصباح", "report", 1)]


def test_attributions_a_source_ends_at_a_speech_verb() -> None:
    text = "رئیس صلیب سرخ به نقل از تیم\u200cهای امدادی اعلام کرد که دسترسی قطع شده است."
    assert chain(text) == [("تیم\u200cهای امدادی", "quote", 1)]


def test_attributions_this_report_is_not_a_source() -> None:
    assert chain("بنا بر این گزارش، دو نفر بازداشت شدند.") == []


def test_attributions_stage_puts_the_pages_outlet_first() -> None:
    doc = khabar.analyze(
        "خبرگزاری نمونه:\nبه گزارش ایسنا، وزیر امروز به تبریز رفت و با استاندار دیدار کرد."
    )
    assert doc.source == "خبرگزاری نمونه"
    assert [(a.source, a.relation, a.chain) for a in doc.attributions] == [
        ("خبرگزاری نمونه", "outlet", 0), ("ایسنا", "report", 1),
    ]  # fmt: skip
