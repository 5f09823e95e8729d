"""Joiner restoration: put back the zero-width non-joiners (ZWNJ) and spaces that scraping lost.

Needs: text whose letters, digits and spacing the earlier normalization rules have already fixed
(it runs last among the rules).
Adds: a ZWNJ where a word was glued (رئیسجمهور → رئیس‌جمهور) or where a ZWNJ was typed as a space
(می شود → می‌شود), and a space where one was lost (کشوردر → کشور در). Every change is one
correction named ``joiners``, covering the whole word it touched.
Stays true: a ZWNJ already in the text is never removed; a word the model knows as written is never
changed; words that are a phrase stay apart (دست یافته است); running the rule on its own output
changes nothing. After a non-joining letter (ا د ذ ر ز ژ و) a ZWNJ shows nothing, so the rule
neither adds nor removes one there.

>>> from khabar.chars import ZWNJ
>>> rule = joiner_rule()
>>> fixed = rule.apply("رئیسجمهور گفت این کتابها را می خوانند")
>>> fixed.replace(ZWNJ, "+")
'رئیس+جمهور گفت این کتاب+ها را می+خوانند'
>>> rule.apply(fixed) == fixed
True
>>> joiner_rule(plural="glued").apply("کتاب ها")
'کتابها'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Literal

from khabar.chars import ZWNJ
from khabar.normalize.joiner_model import (
    ATTACHING_SUFFIXES,
    PLURAL_SUFFIXES,
    VERB_PREFIXES,
    JoinerModel,
    joiner_between,
    load_model,
    suffix_fits,
)
from khabar.offsets import Edit

PluralStyle = Literal["zwnj", "glued", "keep"]
PLURAL_STYLES: tuple[PluralStyle, ...] = ("zwnj", "glued", "keep")

# A Persian word: letters (and the marks written on them), possibly ZWNJ-joined parts.
_LETTER = "[\u0621-\u063a\u0641-\u064a\u064b-\u0655\u0670\u0671-\u06d3\u06fa-\u06ff]"
_WORD = re.compile(f"{_LETTER}+(?:{ZWNJ}{_LETTER}+)*")
_PLURAL_JOINER = re.compile(f"{ZWNJ}(?=(?:{'|'.join(PLURAL_SUFFIXES)})$)")
_CACHE_LIMIT = 200_000


class JoinerRule:
    """The ``joiners`` normalization rule (see the module docstring).

    Not a dataclass: it keeps a cache of analysed words and loads the model on first use.
    """

    name = "joiners"

    def __init__(self, plural: PluralStyle = "zwnj", model: JoinerModel | None = None) -> None:
        if plural not in PLURAL_STYLES:
            raise ValueError(f"plural style {plural!r} is not one of {', '.join(PLURAL_STYLES)}")
        self.plural = plural
        self._model = model
        self._cache: dict[str, str] = {}

    @property
    def model(self) -> JoinerModel:
        if self._model is None:
            self._model = load_model()
        return self._model

    def apply(self, text: str) -> str:
        """``text`` with the rule's edits applied (for examples and quick use)."""
        pieces: list[str] = []
        cursor = 0
        for edit in self.find_edits(text):
            pieces += [text[cursor : edit.start], edit.replacement]
            cursor = edit.end
        return "".join(pieces) + text[cursor:]

    def restore(self, word: str) -> str:
        """The restored form of one word (ZWNJ-joined parts are restored one by one)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        model = self.model
        if ZWNJ in word:
            restored = ZWNJ.join(self._stable(model, part) for part in word.split(ZWNJ))
        else:
            restored = self._stable(model, word)
        if self.plural != "zwnj" and restored != word:
            restored = _PLURAL_JOINER.sub("", restored)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = restored
        return restored

    @staticmethod
    def _stable(model: JoinerModel, word: str) -> str:
        """The model's restoration of ``word``, kept only when restoring its pieces changes
        nothing (so that the rule run on its own output finds nothing more to do)."""
        restored = model.restore_word(word)
        if restored != word:
            for piece in restored.replace(ZWNJ, " ").split(" "):
                if model.restore_word(piece) != piece:
                    return word
        return restored

    def find_edits(self, text: str) -> Iterator[Edit]:
        model = self.model
        joins = model.joins
        weak_joins = model.weak_joins
        separate = model.separate
        restore = self.restore
        matches = list(_WORD.finditer(text))
        count = len(matches)
        words = [match.group() for match in matches]
        restored = [restore(word) for word in words]
        # glue[i]: what replaces the single space between word i and word i + 1, when it is joined
        glue: dict[int, str] = {}
        # weak joins (a compound whose parts also stand apart) need evidence that this line typed
        # its ZWNJs as spaces: a verb prefix or suffix standing alone, or no ZWNJ in the line and
        # no glued word that needed one (lines are named by the position of the newline before)
        weak: list[tuple[int, int]] = []
        evidence: set[int] = set()
        index = 0
        while index < count - 1:
            end = matches[index].end()
            if matches[index + 1].start() != end + 1 or text[end] != " ":
                index += 1
                continue
            # a word that got a lost space back (کشوردر → کشور در) pairs by its nearer part
            left = restored[index].rsplit(" ", 1)[-1]
            right = restored[index + 1].split(" ", 1)[0]
            if index + 2 < count and matches[index + 2].start() == matches[index + 1].end() + 1:
                if text[matches[index + 1].end()] == " " and right == restored[index + 1]:
                    third = restored[index + 2].split(" ", 1)[0]
                    key = _spaced(left) + " " + _spaced(right) + " " + _spaced(third)
                    if key in joins:
                        glue[index] = joiner_between(left)
                        glue[index + 1] = self._joiner(right, third)
                        index += 2
                        continue
            key = _spaced(left) + " " + _spaced(right)
            if key in joins:
                glue[index] = self._joiner(left, right)
            elif key in separate:
                pass
            elif self._productive(model, left, right):
                glue[index] = self._joiner(left, right)
                evidence.add(text.rfind("\n", 0, end))
            elif key in weak_joins:
                weak.append((index, text.rfind("\n", 0, end)))
            index += 1
        if weak:
            changed = [m.start() for m, w, r in zip(matches, words, restored, strict=True) if w != r]
            for index, line in weak:
                if line in evidence or _spaced_style(text, line, changed):
                    left = restored[index].rsplit(" ", 1)[-1]
                    glue[index] = self._joiner(left, restored[index + 1].split(" ", 1)[0])
        yield from self._edits(text, matches, words, restored, glue)

    def _joiner(self, left: str, right: str) -> str:
        if self.plural == "glued" and right in PLURAL_SUFFIXES:
            return ""
        return joiner_between(left)

    @staticmethod
    def _productive(model: JoinerModel, left: str, right: str) -> bool:
        """Join an unseen pair: verb prefix + word, or word + suffix."""
        last = left.rsplit(ZWNJ, 1)[-1]
        if left in VERB_PREFIXES:
            return len(right) > 1 and right.split(ZWNJ, 1)[0] not in VERB_PREFIXES
        if right in ATTACHING_SUFFIXES:
            return len(last) > 1 and suffix_fits(last, right)
        return False

    @staticmethod
    def _edits(
        text: str,
        matches: list[re.Match[str]],
        words: list[str],
        restored: list[str],
        glue: dict[int, str],
    ) -> Iterator[Edit]:
        index = 0
        count = len(matches)
        while index < count:
            first = index
            pieces = [restored[index]]
            while index in glue:
                pieces += [glue[index], restored[index + 1]]
                index += 1
            if index > first or restored[first] != words[first]:
                start, end = matches[first].start(), matches[index].end()
                replacement = "".join(pieces)
                if replacement != text[start:end]:
                    yield Edit(start, end, replacement)
            index += 1


def _spaced_style(text: str, line: int, changed: list[int]) -> bool:
    """Whether the line starting after ``line`` may have typed its ZWNJs as spaces: it has none,
    and no glued word in it needed one."""
    end = text.find("\n", line + 1)
    end = len(text) if end < 0 else end
    if ZWNJ in text[line + 1 : end]:
        return False
    first = bisect_left(changed, line + 1)
    return first == len(changed) or changed[first] >= end


def _spaced(word: str) -> str:
    return word.replace(ZWNJ, " ") if ZWNJ in word else word


def joiner_rule(plural: PluralStyle = "zwnj") -> JoinerRule:
    """The joiner-restoration rule; ``plural`` says how plural ها is attached (ZWNJ by default)."""
    return JoinerRule(plural=plural)
