"""Normalization: letters, digits, punctuation, joiners and spacing, with every edit recorded.

Needs: a document whose ``text`` is still its ``raw`` text (or an earlier normalization of it).
Adds: the normalized ``text``, its offset map and one correction per edit.
Stays true: a correct ZWNJ is never removed; normalizing twice equals normalizing once; every span
of the new text maps back into ``raw``.

>>> from khabar.normalize import normalize_text
>>> normalize_text("رئيس جمهور گفت : سلام")
'رئیس جمهور گفت: سلام'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.model import Document
from khabar.normalize.engine import RegexRule, Rule, char_map_rule, regex_rule, run_rules
from khabar.normalize.fold import fold
from khabar.normalize.joiners import PluralStyle, joiner_rule
from khabar.normalize.rules import DigitTarget, default_rules
from khabar.offsets import edited

__all__ = [
    "NormalizeConfig",
    "Normalizer",
    "RegexRule",
    "Rule",
    "char_map_rule",
    "fold",
    "normalize_text",
    "regex_rule",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class NormalizeConfig:
    """What normalization does.

    ``digits``: the script digits are written in (Latin-letter runs such as F16 are left alone).
    ``remove_diacritics``: drop short vowels, sukun and shadda (tanwin always stays).
    ``joiners``: restore lost zero-width non-joiners and spaces with the statistical joiner model.
    ``plural``: how plural ها is attached when joiners are restored: with a ZWNJ, glued, or as found.
    """

    digits: DigitTarget = "persian"
    remove_diacritics: bool = False
    joiners: bool = True
    plural: PluralStyle = "zwnj"


class Normalizer:
    """The normalization stage: runs an ordered tuple of named rules over a document.

    Not a dataclass: building the rule tuple (and loading the joiner model) happens once, here.
    """

    name = "normalize"
    requires: frozenset[str] = frozenset()
    provides = frozenset({"normalized"})

    def __init__(
        self, config: NormalizeConfig | None = None, *, rules: Sequence[Rule] | None = None
    ) -> None:
        self.config = config or NormalizeConfig()
        if rules is None:
            rules = default_rules(
                digits=self.config.digits, remove_diacritics=self.config.remove_diacritics
            ) + _joiner_rules(self.config)
        self.rules: tuple[Rule, ...] = tuple(rules)

    def __call__(self, doc: Document) -> Document:
        text, offsets, corrections = run_rules(doc.text, doc.offsets, self.rules)
        return dataclasses.replace(
            doc,
            text=text,
            offsets=offsets,
            corrections=doc.corrections + tuple(corrections),
        )

    def normalize_text(self, text: str) -> str:
        """The normalized form of a bare string (a search query, a name from a gazetteer)."""
        return run_text(text, self.rules)


def run_text(text: str, rules: Sequence[Rule]) -> str:
    """Apply ``rules`` to a bare string, without recording anything."""
    for rule in rules:
        edits = list(rule.find_edits(text))
        if edits:
            text = edited(text, edits)
    return text


def _joiner_rules(config: NormalizeConfig) -> tuple[Rule, ...]:
    """The joiner-restoration rule, when enabled (see ``khabar.normalize.joiners``)."""
    if not config.joiners:
        return ()
    return (joiner_rule(plural=config.plural),)


_DEFAULT: Normalizer | None = None


def normalize_text(text: str) -> str:
    """Normalize a bare string with the default configuration."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Normalizer()
    return _DEFAULT.normalize_text(text)
