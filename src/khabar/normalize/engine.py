"""The rule engine of normalization: ordered, named rules whose every edit is recorded.

A rule finds edits in the current text; the engine applies them, updates the offset map and records
one :class:`~khabar.model.Correction` per edit, so every change can be seen, explained by its rule
name and mapped back to the raw text. Rules run in order, each on the output of the one before.

Any object with a ``name`` and a ``find_edits(text)`` method is a rule, so a statistical rule (the
joiner restoration) plugs in beside the regular-expression ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from khabar.model import Correction
from khabar.offsets import Edit, OffsetMap, apply_edits

Replacement = str | Callable[[re.Match[str]], str]


class Rule(Protocol):
    """A normalization rule: finds sorted, non-overlapping edits in a text."""

    @property
    def name(self) -> str: ...

    def find_edits(self, text: str) -> Iterable[Edit]: ...


@dataclass(frozen=True, slots=True)
class RegexRule:
    """Replace every match of ``pattern`` with ``replacement`` (a template or a function).

    ``example`` is a (before, after) pair that the test suite checks, so the table documents itself.
    ``prefilter``, when given, is a fast test that is true of every text in which the rule makes an
    edit (substring checks, a regex that scans quickly); a text for which it is false is skipped
    without running ``pattern``. It only saves time: it must never change what the rule does.
    """

    name: str
    pattern: re.Pattern[str]
    replacement: Replacement
    example: tuple[str, str]
    description: str = ""
    prefilter: Callable[[str], object] | None = None

    def find_edits(self, text: str) -> Iterator[Edit]:
        if self.prefilter is not None and not self.prefilter(text):
            return
        replacement = self.replacement
        if callable(replacement):
            for match in self.pattern.finditer(text):
                new = replacement(match)
                if new != match.group():
                    yield _edit(Edit, (match.start(), match.end(), new))
        elif "\\" not in replacement:  # a template without escapes or groups is the text itself
            for match in self.pattern.finditer(text):
                if replacement != match.group():
                    yield _edit(Edit, (match.start(), match.end(), replacement))
        else:
            for match in self.pattern.finditer(text):
                new = match.expand(replacement)
                if new != match.group():
                    yield _edit(Edit, (match.start(), match.end(), new))


# Builds an Edit from a (start, end, replacement) tuple without the Python-level __new__ of a
# NamedTuple: rules yield a hundred thousand edits on a few megabytes of news.
_edit: Callable[[type[Edit], tuple[int, int, str]], Edit] = tuple.__new__


def char_map_rule(
    name: str, table: dict[str, str], example: tuple[str, str], description: str = ""
) -> RegexRule:
    """A rule that replaces single characters by a table (ي → ی)."""
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
    return RegexRule(name, pattern, lambda m: table[m.group()], example, description)


def regex_rule(
    name: str,
    pattern: str,
    replacement: Replacement,
    example: tuple[str, str],
    description: str = "",
    *,
    prefilter: Callable[[str], object] | None = None,
) -> RegexRule:
    """A rule from a pattern string, compiled once here."""
    return RegexRule(name, re.compile(pattern), replacement, example, description, prefilter)


def run_rules(
    text: str, offsets: OffsetMap, rules: Sequence[Rule]
) -> tuple[str, OffsetMap, list[Correction]]:
    """Apply ``rules`` in order; return the new text, its map to raw, and the corrections made."""
    corrections: list[Correction] = []
    append = corrections.append
    for rule in rules:
        edits = list(rule.find_edits(text))
        if not edits:
            continue
        name = rule.name
        if offsets.is_identity:
            # the text is still the raw text: an edit's raw span is its own span
            for start, end, replacement in edits:
                append(Correction(start, end, text[start:end], replacement, name))
        else:
            to_raw = offsets.to_raw
            for start, end, replacement in edits:
                raw_start, raw_end = to_raw(start, end)
                append(Correction(raw_start, raw_end, text[start:end], replacement, name))
        text, offsets = apply_edits(text, offsets, edits)
    return text, offsets, corrections
