"""A rule's prefilter only saves time: it never skips a text that the rule would edit."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.chars import (
    ARABIC_KAF,
    ARABIC_YEH,
    KASHIDA,
    NBSP,
    RLM,
    SOFT_HYPHEN,
    ZWJ,
    ZWNJ,
)
from khabar.normalize.engine import RegexRule
from khabar.normalize.rules import ALL_RULES

PREFILTERED = [rule for rule in ALL_RULES if rule.prefilter is not None]

# Letters, joiners, spaces and the marks the rules look for, so that random texts hit every rule.
_ALPHABET = st.sampled_from(
    list("ابتکیهر")
    + [ARABIC_YEH, ARABIC_KAF, KASHIDA, ZWNJ, ZWNJ, ZWJ, NBSP, RLM, SOFT_HYPHEN]
    + [" ", " ", " ", "\n", "\r", "\t"]
    + list(",;?.!:،؛؟«»()[]–—-_/1۲٣aF")
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=40)


@pytest.mark.parametrize("rule", PREFILTERED, ids=lambda rule: rule.description[:40])
@settings(max_examples=400, deadline=None)
@given(text=_TEXTS)
def test_prefilter_never_skips_a_text_the_rule_edits(rule: RegexRule, text: str) -> None:
    unfiltered = dataclasses.replace(rule, prefilter=None)
    edits = list(unfiltered.find_edits(text))
    assert rule.prefilter is not None
    if edits:
        assert rule.prefilter(text), (text, edits)
    assert list(rule.find_edits(text)) == edits


@pytest.mark.parametrize("rule", PREFILTERED, ids=lambda rule: rule.description[:40])
def test_prefilter_passes_the_rule_example(rule: RegexRule) -> None:
    before, _after = rule.example
    assert rule.prefilter is not None and rule.prefilter(before)
