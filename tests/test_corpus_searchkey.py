"""The search key: variants meet, and the fast whole-text folding agrees with fold()."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.chars import (
    ARABIC_KAF,
    ARABIC_YEH,
    DIACRITICS,
    KASHIDA,
    PERSIAN_DIGITS,
    SOFT_HYPHEN,
    ZWJ,
    ZWNJ,
)
from khabar.corpus.searchkey import iter_parts, key_parts, search_key, shingle_words
from khabar.errors import ConfigError
from khabar.normalize import fold

ALPHABET = (
    "ابپتجچخدرزسشکگلمنوهیئآ"
    + ARABIC_YEH
    + ARABIC_KAF
    + PERSIAN_DIGITS
    + "0123456789abcXYZİ"
    + DIACRITICS
    + KASHIDA
    + SOFT_HYPHEN
    + ZWJ
    + ZWNJ * 3
    + " ،.«»:\n-_"
)


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_searchkey_fast_parts_equal_the_parts_with_spans(text: str) -> None:
    slow = list(iter_parts(text))
    assert key_parts(text) == [(part.key, part.joined) for part in slow]
    for part in slow:
        assert part.key == fold(text[part.start : part.end])


def test_searchkey_zwnj_and_space_index_the_same_words_and_the_compound_is_kept() -> None:
    zwnj, spaced, glued = (
        search_key(t) for t in (f"رئیس{ZWNJ}جمهور", f"رئ{ARABIC_YEH}س جمهور", "رئیسجمهور")
    )
    assert zwnj.words == spaced.words == "رئیس جمهور"
    assert (zwnj.compounds, spaced.compounds) == ("رئیسجمهور", "")
    assert glued == ("رئیسجمهور", "")


def test_searchkey_shingle_words_glue_zwnj_compounds() -> None:
    assert shingle_words(f"نمی{ZWNJ}{ZWNJ}خواهند رفت") == ["نمیخواهند", "رفت"]


def test_ingest_without_datasketch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.corpus import dedup

    monkeypatch.setitem(sys.modules, "datasketch", None)
    with pytest.raises(ConfigError, match=r"khabar\[corpus\]"):
        dedup.load()
