"""Scoring joiner restoration: corrupt edited text, compare a restoration with the original.

A text is seen as its *skeleton* (every character but whitespace and ZWNJ) and the *gap* between
each two skeleton characters: nothing, a ZWNJ or a space. A gold word (a whitespace-separated
token) comes out right when every gap inside it and the gaps at its two ends are as in the gold
text. A ZWNJ after a non-joining letter (ا د ذ ر ز ژ و) shows nothing, so it counts as nothing.
Used by ``benchmarks/joiners.py`` and by ``scripts/build_joiners.py`` (tuning on held-out text).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from khabar.chars import NON_JOINING, ZWNJ
from khabar.normalize.joiner_model import (
    ALEF_SUFFIXES,
    COMPARATIVE_SUFFIXES,
    PLURAL_SUFFIXES,
    VERB_PREFIXES,
)

CATEGORIES = ("verb prefix", "plural", "other suffix", "compound", "plain word")
_OTHER_SUFFIXES = frozenset(
    ALEF_SUFFIXES + COMPARATIVE_SUFFIXES + ("ی", "یی", "شان", "تان", "مان", "ش", "ت", "م")
)
_PLURALS = frozenset(PLURAL_SUFFIXES)
_SPACE = " "
# What a word may carry around it (stripped before a word is categorized).
PUNCTUATION = ".,،؛:؟!«»()[]\"'-–—…/"
_NONE = ""


def corrupt(text: str, mode: str) -> str:
    """``removed``: every ZWNJ deleted; ``spaced``: every ZWNJ typed as a space."""
    return text.replace(ZWNJ, "" if mode == "removed" else " ")


def skeleton_and_gaps(text: str, visible: bool = True) -> tuple[str, list[str]]:
    """The skeleton of ``text`` and the gap after each skeleton character (``visible``: a ZWNJ
    after a non-joining letter counts as nothing)."""
    chars: list[str] = []
    gaps: list[str] = []
    pending = _NONE
    for char in text:
        if char.isspace():
            pending = _SPACE
        elif char == ZWNJ:
            if pending != _SPACE:
                pending = ZWNJ
        else:
            if chars:
                if visible and pending == ZWNJ and chars[-1] in NON_JOINING:
                    pending = _NONE
                gaps.append(pending)
            chars.append(char)
            pending = _NONE
    gaps.append(_SPACE)
    return "".join(chars), gaps


def category(word: str) -> str:
    """The category of a gold word (punctuation around it ignored)."""
    core = word.strip(PUNCTUATION)
    if ZWNJ not in core:
        return "plain word"
    parts = core.split(ZWNJ)
    if parts[0] in VERB_PREFIXES:
        return "verb prefix"
    if any(part in _PLURALS for part in parts[1:]):
        return "plural"
    if any(part in _OTHER_SUFFIXES for part in parts[1:]):
        return "other suffix"
    return "compound"


@dataclass
class Score:
    """Counts of one comparison, added up over many texts."""

    words: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    zwnj_gold: int = 0
    zwnj_output: int = 0
    zwnj_both: int = 0
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)
    # plain gold words that came out as their plural with a ZWNJ (بانکهای → بانک‌های): what
    # the ``plural="zwnj"`` style writes for every glued plural, whatever the gold text did
    plural_style: int = 0

    def add(self, gold: str, output: str, keep_errors: bool = False) -> None:
        gold_skeleton, gold_gaps = skeleton_and_gaps(gold)
        raw_gaps = skeleton_and_gaps(gold, visible=False)[1]
        out_skeleton, out_gaps = skeleton_and_gaps(output)
        aligned = _align(gold_skeleton, out_skeleton, out_gaps)
        start = 0
        for index, gap in enumerate(gold_gaps):
            if gap != _SPACE:
                continue
            end = index + 1  # the word is gold_skeleton[start:end]
            word_gaps = range(start, end)
            ok = all(aligned[i] == gold_gaps[i] for i in word_gaps) and (
                start == 0 or aligned[start - 1] == _SPACE
            )
            word = _rebuild(gold_skeleton, raw_gaps, start, end)
            kind = category(word)
            self.words[kind] += 1
            if ok:
                self.right[kind] += 1
            elif kind == "plain word" and _plural_restyled(
                gold_skeleton, gold_gaps, aligned, start, end
            ):
                self.plural_style += 1
            if not ok and keep_errors:
                left = max(0, start - 6)
                right = min(len(gold_skeleton), end + 6)
                self.errors[
                    (kind + ": " + word, _rebuild(gold_skeleton, aligned, left, right))
                ] += 1
            start = end
        for gold_gap, out_gap in zip(gold_gaps, aligned, strict=True):
            self.zwnj_gold += gold_gap == ZWNJ
            self.zwnj_output += out_gap == ZWNJ
            self.zwnj_both += gold_gap == ZWNJ and out_gap == ZWNJ

    def accuracy(self, kind: str | None = None, plurals_aside: bool = False) -> float:
        """Share of words (of ``kind``) right; ``plurals_aside``: glued plurals of the gold text
        that the plural style rewrote counted right (they are plain words)."""
        total = sum(self.words.values()) if kind is None else self.words[kind]
        right = sum(self.right.values()) if kind is None else self.right[kind]
        if plurals_aside and kind in (None, "plain word"):
            right += self.plural_style
        return right / total if total else 0.0

    @property
    def precision(self) -> float:
        return self.zwnj_both / self.zwnj_output if self.zwnj_output else 0.0

    @property
    def recall(self) -> float:
        return self.zwnj_both / self.zwnj_gold if self.zwnj_gold else 0.0


def _plural_restyled(
    skeleton: str, gold: Sequence[str], aligned: Sequence[str], start: int, end: int
) -> bool:
    """Whether the only change to the word at ``start:end`` is a ZWNJ before a plural suffix."""
    if start and aligned[start - 1] != _SPACE:
        return False
    changed = [i for i in range(start, end) if aligned[i] != gold[i]]
    if len(changed) != 1 or aligned[changed[0]] != ZWNJ or gold[changed[0]] != _NONE:
        return False
    return skeleton[changed[0] + 1 : end].rstrip(PUNCTUATION) in _PLURALS


def _align(gold: str, output: str, out_gaps: Sequence[str]) -> list[str]:
    """The output's gaps placed on the gold skeleton; "?" where the skeletons differ."""
    if gold == output:
        return list(out_gaps)
    aligned = ["?"] * len(gold)
    matcher = difflib.SequenceMatcher(None, gold, output, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size - 1):
            aligned[block.a + offset] = out_gaps[block.b + offset]
        if block.size and block.a + block.size == len(gold):
            aligned[-1] = _SPACE
    return aligned


def _rebuild(skeleton: str, gaps: Sequence[str], start: int, end: int) -> str:
    pieces = []
    for index in range(start, end):
        pieces.append(skeleton[index])
        if index < end - 1:
            pieces.append(gaps[index])
    return "".join(pieces)
