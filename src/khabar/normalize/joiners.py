"""Joiner restoration: put back the zero-width non-joiners (ZWNJ) and spaces that scraping lost.

Needs: text whose letters, digits and spacing the earlier normalization rules have already fixed
(it runs last among the rules).
Adds: a ZWNJ where a word was glued (رئیسجمهور → رئیس‌جمهور) or where a ZWNJ was typed as a space
(می شود → می‌شود), and a space where one was lost (کشوردر → کشور در). Every change is one
correction named ``joiners``, covering the whole word or words it touched. Compounds whose parts
also stand apart (رئیس جمهور) are joined only where the text around shows ZWNJs typed as spaces.
Stays true: a ZWNJ already in the text is never removed; a word in its own right is never changed
(تنها, میدان, جنایتکارانه), while glued plurals follow the ``plural`` style; phrases stay apart
(دست یافته است); running the rule on its own output changes nothing. After a non-joining letter
(ا د ذ ر ز ژ و) a ZWNJ shows nothing, so the rule never writes one there.

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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Literal

from khabar.chars import HAMZA_ABOVE, NON_JOINING, ZWNJ
from khabar.normalize.joiner_model import (
    ATTACHING_SUFFIXES,
    PHRASE_FINAL_ENDINGS,
    PLURAL_SUFFIXES,
    SEPARATE,
    STRONG,
    VERB_HEADS,
    WEAK,
    JoinerModel,
    ends_in_mark,
    joiner_between,
    load_model,
    suffix_fits,
)
from khabar.offsets import Edit, edited

PluralStyle = Literal["zwnj", "glued", "keep"]
PLURAL_STYLES: tuple[PluralStyle, ...] = ("zwnj", "glued", "keep")

# A Persian word: letters (and the marks written on them), possibly ZWNJ-joined parts.
_BASE = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"  # letters
_MARKS = "\u064b-\u0655\u0670"  # diacritics and hamza above, written on a letter
_PART = f"[{_BASE}][{_BASE}{_MARKS}]*"
_WORD = re.compile(f"{_PART}(?:{ZWNJ}{_PART})*")
_MARK_JOINER = re.compile(f"[{_MARKS}]{ZWNJ}")
_PLURAL_JOINER = re.compile(f"{ZWNJ}(?=(?:{'|'.join(PLURAL_SUFFIXES)})$)")
_CACHE_LIMIT = 200_000
_PREFIXES = frozenset(VERB_HEADS)
_EVIDENCE_REACH = 3000
_PHRASE_FINAL = tuple(plural for plural, _ in PHRASE_FINAL_ENDINGS)
# What ends a phrase after a word: punctuation that closes a clause, or a line's end.
_PHRASE_END = frozenset(".!?:;،؛؟»)…\n")


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

    def __getstate__(self) -> dict[str, object]:
        """Pickle the style only (for process pools and Spark): each process loads the model."""
        return {"plural": self.plural}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(plural=state["plural"])  # type: ignore[misc]

    @property
    def model(self) -> JoinerModel:
        if self._model is None:
            self._model = load_model()
        return self._model

    def apply(self, text: str) -> str:
        """``text`` with the rule's edits applied (for examples and quick use)."""
        return edited(text, self.find_edits(text))

    def restore(self, word: str) -> str:
        """The restored form of one word (ZWNJ-joined parts are restored one by one)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        model = self.model
        if ZWNJ in word:  # its writer used ZWNJs: restore the parts, put no space in them
            parts = word.split(ZWNJ)
            restored = ZWNJ.join(self._stable(model, part, split=False) for part in parts)
        else:
            restored = self._stable(model, word)
        if self.plural != "zwnj" and restored != word:
            restored = _PLURAL_JOINER.sub("", restored)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = restored
        return restored

    @staticmethod
    def _stable(model: JoinerModel, word: str, split: bool = True) -> str:
        """The model's restoration of ``word``, kept only when restoring its pieces changes
        nothing (so that the rule run on its own output finds nothing more to do)."""
        restored = model.restore_word(word, split)
        if restored != word:
            if _MARK_JOINER.search(restored):  # the normalizer drops a ZWNJ after a mark
                return word
            for piece in restored.replace(ZWNJ, " ").split(" "):
                if model.restore_word(piece) != piece:
                    return word
        return restored

    def find_edits(self, text: str) -> Iterator[Edit]:
        """The edits that restore ``text``'s joiners; applying them again changes nothing.

        A join makes a new word that may pair with its neighbour (می دست ها → می دست‌ها →
        می‌دست‌ها), so the rule looks again, on its own output, at the few words around each
        join that could pair anew, until nothing changes. The edits are one per joint: those of
        the first pass, with the few lines that later passes changed compared anew.
        """
        first, regions = self._scan(text, "")
        joints = [
            joint
            for edit in first
            for joint in _joint_edits(text[edit.start : edit.end], edit.replacement, edit.start)
        ]
        if not regions:
            return iter(joints)
        after_first = current = edited(text, first)
        regions = _shifted(regions, first)
        for _ in range(_MAX_PASSES - 1):
            edits: list[Edit] = []
            found: list[tuple[int, int]] = []
            for start, end in _merged(regions):
                local_edits, local_regions = self._scan(current[start:end], current[end : end + 1])
                edits += [Edit(e.start + start, e.end + start, e.replacement) for e in local_edits]
                found += [(a + start, b + start) for a, b in local_regions]
            if not edits:
                break
            regions = _shifted(found, edits)
            current = edited(current, edits)
        if current == after_first:
            return iter(joints)
        return iter(_rejoint_lines(text, after_first, current, joints))

    def _scan(self, text: str, following: str) -> tuple[list[Edit], list[tuple[int, int]]]:
        """One pass over ``text``: its edits, and the stretches of ``text`` (before the edits)
        around the joins that made a word that may pair with its neighbour on another pass.
        ``following``: the character that follows ``text`` in the whole text ("" at its end)."""
        model = self.model
        kinds = model.pair_kinds
        prefixes = model.window_prefixes
        tails, heads = model.tails, model.heads
        firsts, seconds = model.window_firsts, model.window_seconds
        cache = self._cache
        restore = self.restore
        matches = list(_WORD.finditer(text))
        count = len(matches)
        spans = [match.span() for match in matches]
        words = [match.group() for match in matches]
        restored = [cache.get(word) or restore(word) for word in words]
        for index, word in enumerate(words):
            # a glued ...های at a phrase's end, which the model reads as a plural (written with
            # a ZWNJ, or glued where the ZWNJ would show nothing): not in the glued plural style
            if word.endswith(_PHRASE_FINAL) and _ends_phrase(text, spans[index][1], following):
                final = model.phrase_final(word)
                if final is not None and (restored[index] != word or _plural_unseen(word)):
                    restored[index] = final
        # glue[i]: what replaces the single space between word i and word i + 1, when it is joined
        glue: dict[int, str] = {}
        # weak joins (compounds whose parts also stand apart) apply only where the text around
        # shows that ZWNJs were typed as spaces: more lone verb prefixes and suffixes joined
        # (``spaced_at``) than words with a ZWNJ, within ``_EVIDENCE_REACH`` characters. Both
        # are counted after restoration, so the rule's own output has no lone prefix left and
        # never triggers weak joins again (idempotence).
        weak: list[tuple[int, int]] = []
        spaced_at: list[int] = []
        skip = -1
        for index in range(count - 1):
            if index <= skip:
                continue
            start, end = spans[index]
            after = spans[index + 1]
            if after[0] != end + 1 or text[end] != " ":
                continue
            left = restored[index]
            right = restored[index + 1]
            if left not in firsts and right not in seconds and " " not in left + right:
                if ZWNJ not in left or left.partition(ZWNJ)[0] not in firsts:
                    continue  # no window starts here, no prefix, suffix, head or tail
            if left == words[index] and right == words[index + 1]:
                key = text[start : after[1]]
                if ZWNJ in key:
                    key = key.replace(ZWNJ, " ")
                if key[-1] == HAMZA_ABOVE:  # the ezafe of سه شنبهٔ (as _pair_key drops it)
                    key = key[:-1]
            else:  # a word that got a lost space back (کشور در) pairs by its nearer part
                if " " in left:
                    left = left.rsplit(" ", 1)[1]
                if " " in right:
                    right = right.split(" ", 1)[0]
                key = _pair_key(left, right)
            if ends_in_mark(left):
                continue
            if key in prefixes and index + 2 < count and right is restored[index + 1]:
                third_start = spans[index + 2][0]
                if (
                    third_start == after[1] + 1
                    and text[after[1]] == " "
                    and not ends_in_mark(right)
                ):
                    third = restored[index + 2].split(" ", 1)[0]
                    kind = kinds.get(_pair_key(key, third))
                    if kind == STRONG:
                        glue[index] = joiner_between(left)
                        glue[index + 1] = self._joiner(right, third)
                        skip = index + 1
                        continue
                    if kind == WEAK:
                        weak.append((index, 3))
                        skip = index + 1
                        continue
            kind = kinds.get(key)
            if kind == STRONG:
                glue[index] = self._joiner(left, right)
            elif kind == SEPARATE:
                pass
            elif left in _PREFIXES or right in ATTACHING_SUFFIXES:
                if self.productive(left, right):
                    glue[index] = self._joiner(left, right)
                    spaced_at.append(end)
            elif kind == WEAK or right in tails or left in heads:
                weak.append((index, 2))
        if weak and spaced_at:
            joined_at = [
                span[0] for span, word in zip(spans, restored, strict=True) if ZWNJ in word
            ]
            for index, size in weak:
                if _spaced_style(spans[index][1], spaced_at, joined_at):
                    for offset in range(size - 1):
                        left = restored[index + offset].rsplit(" ", 1)[-1]
                        right = restored[index + offset + 1].split(" ", 1)[0]
                        glue[index + offset] = self._joiner(left, right)
        edits = list(self._edits(text, spans, words, restored, glue, self._reads_back))
        return edits, _pairing_again(model, text, spans, restored, glue) if glue else []

    def _reads_back(self, word: str) -> bool:
        """Whether a word made by a join reads back as itself anywhere (so that a second pass
        leaves it): «اند های» glued after a non-joining letter gives «اندهای», which ends a
        phrase as «انده‌ای»."""
        return self.restore(word) == word and self.model.phrase_final(word) is None

    def _joiner(self, left: str, right: str) -> str:
        if self.plural == "glued" and right in PLURAL_SUFFIXES:
            return ""
        return joiner_between(left)

    @staticmethod
    def productive(left: str, right: str) -> bool:
        """Whether an unseen spaced pair joins: verb prefix + word, or word + suffix."""
        if left in _PREFIXES:
            return len(right) > 1 and right.split(ZWNJ, 1)[0] not in _PREFIXES
        if right in ATTACHING_SUFFIXES:
            last = left.rsplit(ZWNJ, 1)[-1]
            return len(last) > 1 and suffix_fits(last, right)
        return False

    @staticmethod
    def _edits(
        text: str,
        spans: list[tuple[int, int]],
        words: list[str],
        restored: list[str],
        glue: dict[int, str],
        reads_back: Callable[[str], bool],
    ) -> Iterator[Edit]:
        index = 0
        count = len(spans)
        while index < count:
            first = index
            pieces = [restored[index]]
            while index in glue:
                pieces += [glue[index], restored[index + 1]]
                index += 1
            if index > first or restored[first] != words[first]:
                start, end = spans[first][0], spans[index][1]
                replacement = "".join(pieces)
                # a join must read back as itself: «میو های» glued after a non-joining letter
                # gives «میوهای», which a second pass would read as «میوه‌ای»
                if index > first and not all(
                    reads_back(word) for word in _WORD.findall(replacement)
                ):
                    # keep the words' own restorations and the separators as they were
                    replacement = restored[first] + "".join(
                        text[spans[i][1] : spans[i + 1][0]] + restored[i + 1]
                        for i in range(first, index)
                    )
                if replacement != text[start:end]:
                    yield Edit(start, end, replacement)
            index += 1


def _pairing_again(
    model: JoinerModel,
    text: str,
    spans: list[tuple[int, int]],
    restored: list[str],
    glue: dict[int, str],
) -> list[tuple[int, int]]:
    """The stretches of ``text`` (two words either side of a join) where a word made by joining
    could pair with its neighbour on the next pass.

    A pair joins only when it is a known window (or the start of one), when its left word is a
    verb prefix or its right word a suffix, or when a compound head or tail is in it (a weak
    join): the conditions of ``_scan``, tested on the new words alone, so that the next pass looks
    only where it can change something.
    """
    count = len(spans)
    regions: list[tuple[int, int]] = []
    index = 0
    while index < count:
        if index not in glue:
            index += 1
            continue
        first = index
        while index in glue:
            index += 1
        joined = restored[first] + "".join(glue[i] + restored[i + 1] for i in range(first, index))
        pairs = []
        if (
            first > 0
            and spans[first][0] == spans[first - 1][1] + 1
            and text[spans[first - 1][1]] == " "
        ):
            pairs.append((restored[first - 1].rsplit(" ", 1)[-1], joined))
        if (
            index + 1 < count
            and spans[index + 1][0] == spans[index][1] + 1
            and text[spans[index][1]] == " "
        ):
            pairs.append((joined, restored[index + 1].split(" ", 1)[0]))
        if any(" " in left + right or _may_join(model, left, right) for left, right in pairs):
            regions.append((spans[max(0, first - 2)][0], spans[min(count - 1, index + 2)][1]))
        index += 1
    return regions


def _may_join(model: JoinerModel, left: str, right: str) -> bool:
    """Whether ``_scan`` could join the adjacent words ``left`` and ``right`` (now or as part of a
    window that starts with them: a pair kept apart may still open a longer window). It may say
    yes where ``_scan`` would not join them, which costs a rescan only; never the other way."""
    key = _pair_key(left, right)
    if key in model.window_prefixes or right in model.tails or left in model.heads:
        return True
    if key in model.pair_kinds:
        return model.pair_kinds[key] != SEPARATE
    return JoinerRule.productive(left, right)


_MAX_PASSES = 4


def _plural_unseen(word: str) -> bool:
    """Whether ``word``'s plural reading is written glued: its ها follows a non-joining letter."""
    return word[word.rindex("ها") - 1] in NON_JOINING


def _ends_phrase(text: str, end: int, following: str) -> bool:
    """Whether the word that ends at ``end`` ends a phrase: only spaces, then punctuation that
    closes a clause or the end of the line (``following``: what follows ``text``)."""
    while end < len(text) and text[end] == " ":
        end += 1
    next_char = text[end] if end < len(text) else following
    return not next_char or next_char in _PHRASE_END


def _shifted(regions: list[tuple[int, int]], edits: list[Edit]) -> list[tuple[int, int]]:
    """``regions`` of a text moved to where they lie once ``edits`` (sorted, apart) are applied;
    a region that ends inside an edit is widened to hold all of it."""
    starts = [edit.start for edit in edits]
    ends = [edit.end for edit in edits]
    shift = [0]
    for edit in edits:
        shift.append(shift[-1] + len(edit.replacement) - (edit.end - edit.start))
    moved = []
    for start, end in regions:
        before = bisect_right(ends, start)  # edits that end at or before ``start``
        if before < len(edits) and edits[before].start < start:
            start = edits[before].start
        after = bisect_left(starts, end)  # edits that start before ``end``
        if after and edits[after - 1].end > end:
            end = edits[after - 1].end
        moved.append((start + shift[before], end + shift[bisect_right(ends, end)]))
    return moved


def _merged(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ``regions`` with overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_JOINER_RUN = re.compile(f"[ {ZWNJ}]+")


def _joiner_runs(text: str) -> dict[int, tuple[int, int]]:
    """Every run of spaces and ZWNJs, keyed by the number of other characters before it."""
    runs: dict[int, tuple[int, int]] = {}
    skipped = 0
    for match in _JOINER_RUN.finditer(text):
        start, end = match.span()
        runs[start - skipped] = (start, end)
        skipped += end - start
    return runs


def _rejoint_lines(text: str, first: str, final: str, joints: list[Edit]) -> list[Edit]:
    """The joint edits from ``text`` to ``final``, given ``joints`` (from ``text`` to ``first``)
    and a ``final`` that differs from ``first`` in a few lines only: those lines are compared
    anew. The rule never moves a line break, so lines match one to one."""
    lines, first_lines, final_lines = text.split("\n"), first.split("\n"), final.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    changed = {
        index
        for index, (before, after) in enumerate(zip(first_lines, final_lines, strict=True))
        if before != after
    }
    kept = [joint for joint in joints if bisect_right(starts, joint.start) - 1 not in changed]
    for index in changed:
        kept += _joint_edits(lines[index], final_lines[index], starts[index])
    return sorted(kept, key=lambda edit: (edit.start, edit.end))


def _joint_edits(before: str, after: str, offset: int = 0) -> list[Edit]:
    """The edits between two texts that differ only in joiners (ZWNJ and space), joint by joint.

    One edit per joint rather than one per word: the offset map stays exact for every letter, so
    «کردند» in «نظرکردند → نظر کردند» maps back to its own raw characters.
    """
    if _JOINER_RUN.sub("", before) != _JOINER_RUN.sub("", after):
        raise ValueError("the joiner rule changed a letter")  # never: it only moves joiners
    old, new = _joiner_runs(before), _joiner_runs(after)
    edits: list[Edit] = []
    shift = 0  # joiner characters of ``before`` before the current letter
    for key in sorted(old.keys() | new.keys()):
        old_run, new_run = old.get(key), new.get(key)
        replacement = after[new_run[0] : new_run[1]] if new_run else ""
        if old_run is None:
            edits.append(Edit(offset + key + shift, offset + key + shift, replacement))
            continue
        if before[old_run[0] : old_run[1]] != replacement:
            edits.append(Edit(offset + old_run[0], offset + old_run[1], replacement))
        shift += old_run[1] - old_run[0]
    return edits


def _spaced_style(position: int, spaced_at: list[int], joined_at: list[int]) -> bool:
    """Whether, near ``position``, more ZWNJs were typed as spaces than written as ZWNJs."""
    low, high = position - _EVIDENCE_REACH, position + _EVIDENCE_REACH
    spaced = bisect_left(spaced_at, high) - bisect_left(spaced_at, low)
    joined = bisect_left(joined_at, high) - bisect_left(joined_at, low)
    return spaced > joined


def _spaced(word: str) -> str:
    return word.replace(ZWNJ, " ") if ZWNJ in word else word


def _pair_key(*words: str) -> str:
    """The window key of adjacent words: their parts apart, without a final ezafe (سه شنبهٔ)."""
    key = " ".join(_spaced(word) for word in words)
    return key[:-1] if key[-1] == HAMZA_ABOVE else key


def joiner_rule(plural: PluralStyle = "zwnj") -> JoinerRule:
    """The joiner-restoration rule; ``plural`` says how plural ها is attached (ZWNJ by default)."""
    return JoinerRule(plural=plural)
