"""The example pages of examples/ (what `make demo` shows) are analyzed as intended.

The examples are fictional pages written by the team (see examples/README.md); these tests check
what the demo promises: every page is read and analyzed without a rejection, the two-story page is
cut at its headline, furniture and outlet lines are removed, leads are marked, letters and digits
are normalized, and correct ZWNJs survive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import khabar
from khabar.cli import app
from khabar.normalize import fold
from khabar.readers import read_paths

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
TWO_STORIES = "avaye-alborz-water-flood"
TWO_FURNITURE_LINES = "payam-farda-health-tourism"
JSON_ARTICLE_URL = "https://khabar.example/news/58231"


@pytest.fixture(scope="module")
def analyzed(pipeline: khabar.Pipeline) -> dict[str, khabar.Document]:
    """Every example document, analyzed by the default pipeline, by id."""
    docs = [pipeline(doc) for doc in read_paths([EXAMPLES_DIR])]
    return {doc.id: doc for doc in docs}


def test_examples_cli_analyzes_every_example_without_rejection() -> None:
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES_DIR)])
    assert result.exit_code == 0, result.output
    assert "rejected" not in result.output
    for name in (f"{TWO_STORIES}#1", f"{TWO_STORIES}#2", TWO_FURNITURE_LINES, JSON_ARTICLE_URL):
        assert f"● {name}\n" in result.stdout


def test_examples_every_file_yields_analyzed_documents(
    analyzed: dict[str, khabar.Document],
) -> None:
    example_files = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.suffix in {".txt", ".json"})
    assert len(example_files) == 3
    assert sorted(analyzed) == sorted(
        [f"{TWO_STORIES}#1", f"{TWO_STORIES}#2", TWO_FURNITURE_LINES, JSON_ARTICLE_URL]
    )
    for doc in analyzed.values():
        assert doc.rejection is None, doc.rejection
        assert doc.language is not None and doc.language.language == "fa"
        assert {"normalized", "structure", "sentences", "tokens"} <= doc.provides
        assert doc.sentences and doc.tokens


def test_examples_two_story_page_is_cut_at_the_headline(
    analyzed: dict[str, khabar.Document],
) -> None:
    first, second = analyzed[f"{TWO_STORIES}#1"], analyzed[f"{TWO_STORIES}#2"]
    assert second.title == "نشست اضطراری استانداران شمالی برای جبران خسارت سیلاب"
    assert second.text.startswith(second.title + "\n")
    assert second.raw.startswith(second.title + "\n")
    assert first.raw_offset == 0 and second.raw_offset > 0
    page = (EXAMPLES_DIR / f"{TWO_STORIES}.txt").read_text("utf-8")
    assert page[second.raw_offset :].startswith(second.title)
    # the first story keeps its own headline as title and does not run into the second story
    assert first.title is not None and fold(first.title) == fold(
        "همکاری آبی ایران و تاجیکستان وارد مرحله تازه\u200cای شد"
    )
    assert "سیلاب" not in first.text
    assert "تاجیکستان" not in second.text
    # both stories name the outlet of the page, though only the first holds its line
    assert first.source == second.source == "پایگاه خبری آوای البرز"


def test_examples_outlet_and_furniture_lines_are_removed(
    analyzed: dict[str, khabar.Document],
) -> None:
    first, second = analyzed[f"{TWO_STORIES}#1"], analyzed[f"{TWO_STORIES}#2"]
    assert [(r.kind, r.text) for r in first.removed] == [("outlet", "پایگاه خبری آوای البرز:")]
    assert [(r.kind, r.text) for r in second.removed] == [("furniture", "ارسال نظرات")]
    assert "ارسال نظرات" not in second.text
    assert second.text.endswith("خبر داد.")

    page = analyzed[TWO_FURNITURE_LINES]
    assert [(r.kind, fold(r.text)) for r in page.removed] == [
        ("outlet", fold("خبرگزاری پیام فردا")),
        ("furniture", fold("کد خبر 48213")),
        ("furniture", fold("انتهای پیام")),
    ]
    assert page.source == "خبرگزاری پیام فردا"
    assert page.text.startswith("رایزنی ایران و ارمنستان")
    assert page.text.endswith("در روزهای آینده خبر داد.")
    # every removed line maps back to its own stretch of the page as scraped
    for doc in (first, second, page):
        for removed in doc.removed:
            assert fold(doc.raw[removed.raw_start : removed.raw_end]) == fold(removed.text)


def test_examples_leads_are_marked(analyzed: dict[str, khabar.Document]) -> None:
    first = analyzed[f"{TWO_STORIES}#1"]
    roles = [p.role for p in first.paragraphs]
    assert roles == ["title", "lead", "body", "body", "body"]
    lead = first.span_text(first.paragraphs[1].span)
    assert lead.startswith("مدیریت مشترک منابع آب امروز")
    # the lead repeats the minister's later quotation, which stays in the body
    assert fold(lead) in fold(first.span_text(first.paragraphs[3].span))

    article = analyzed[JSON_ARTICLE_URL]
    assert [p.role for p in article.paragraphs][:3] == ["title", "lead", "body"]
    assert article.abstract is not None
    assert fold(article.span_text(article.paragraphs[1].span)) == fold(article.abstract)

    # stories whose first paragraph repeats nothing have no lead
    for doc_id in (f"{TWO_STORIES}#2", TWO_FURNITURE_LINES):
        assert "lead" not in {p.role for p in analyzed[doc_id].paragraphs}


def test_examples_letters_and_digits_are_normalized(analyzed: dict[str, khabar.Document]) -> None:
    for doc in analyzed.values():
        assert not re.search("[يكى0-9٠-٩]", doc.text), doc.id
    article = analyzed[JSON_ARTICLE_URL]
    assert "۳۲۰۰ میلیارد تومان" in article.text
    assert sum(c.rule == "arabic-letters" for c in article.corrections) > 50


def test_examples_correct_zwnj_is_kept(analyzed: dict[str, khabar.Document]) -> None:
    page = analyzed[TWO_FURNITURE_LINES]
    for word in ("می\u200cکنند", "هزینه\u200cای", "گفت\u200cوگوی", "تفاهم\u200cنامه"):
        assert word in page.raw and word in page.text
    assert "جابه\u200cجا" in analyzed[JSON_ARTICLE_URL].text
