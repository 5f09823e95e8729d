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
    """

    name: str
    pattern: re.Pattern[str]
    replacement: Replacement
    example: tuple[str, str]
    description: str = ""

    def find_edits(self, text: str) -> Iterator[Edit]:
        replacement = self.replacement
        for match in self.pattern.finditer(text):
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            if new != match.group():
                yield Edit(match.start(), match.end(), new)


def char_map_rule(
    name: str, table: dict[str, str], example: tuple[str, str], description: str = ""
) -> RegexRule:
    """A rule that replaces single characters by a table (ي → ی)."""
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
    return RegexRule(name, pattern, lambda m: table[m.group()], example, description)


def regex_rule(
    name: str, pattern: str, replacement: Replacement, example: tuple[str, str], description: str = ""
) -> RegexRule:
    """A rule from a pattern string, compiled once here."""
    return RegexRule(name, re.compile(pattern), replacement, example, description)


def run_rules(
    text: str, offsets: OffsetMap, rules: Sequence[Rule]
) -> tuple[str, OffsetMap, list[Correction]]:
    """Apply ``rules`` in order; return the new text, its map to raw, and the corrections made."""
    corrections: list[Correction] = []
    for rule in rules:
        edits = list(rule.find_edits(text))
        if not edits:
            continue
        name = rule.name
        for edit in edits:
            raw_start, raw_end = offsets.to_raw(edit.start, edit.end)
            corrections.append(
                Correction(raw_start, raw_end, text[edit.start : edit.end], edit.replacement, name)
            )
        text, offsets = apply_edits(text, offsets, edits)
    return text, offsets, corrections
