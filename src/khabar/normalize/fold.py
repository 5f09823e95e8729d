"""Folding: a comparison key under which spelling variants of one text are equal.

Used to compare a lead with the body, a title with its line, a query with the index: Arabic and
Persian letter forms, digits of any script, diacritics, kashida, ZWNJ, spaces and punctuation all
fold away.

>>> fold("رئيس‌جمهور،") == fold("رئیس جمهور")
True
"""

from __future__ import annotations

import re

from khabar.chars import (
    ALEF_MAKSURA,
    ARABIC_DIGITS,
    ARABIC_KAF,
    ARABIC_YEH,
    DIACRITICS,
    HAMZA_ABOVE,
    HEH,
    HEH_YEH,
    KASHIDA,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
    PERSIAN_KAF,
    PERSIAN_YEH,
    TEH_MARBUTA,
)

# The letter variants every comparison key erases: one yeh, one kaf, heh for teh marbuta and ۀ,
# no kashida, no diacritics or hamza above, Latin digits. The search index and the entity
# features extend it with what they also drop (ZWNJ, ZWJ, soft hyphen).
LETTER_FOLDS: dict[str, str | None] = {
    ARABIC_YEH: PERSIAN_YEH,
    ALEF_MAKSURA: PERSIAN_YEH,
    ARABIC_KAF: PERSIAN_KAF,
    TEH_MARBUTA: HEH,
    HEH_YEH: HEH,
    KASHIDA: None,
    **{c: None for c in DIACRITICS + HAMZA_ABOVE},
    **{p: d for p, d in zip(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2, strict=True)},
}
_FOLD_TABLE = str.maketrans(LETTER_FOLDS)
_NOT_WORD = re.compile(r"[\W_]+")
# The table as applied after the \W pass: what it maps, and what it deletes that \W keeps (kashida);
# the diacritics it deletes are not word characters and are gone by then.
_FOLDED = {
    chr(code): value or ""
    for code, value in _FOLD_TABLE.items()
    if value is not None or _NOT_WORD.fullmatch(chr(code)) is None
}
_TO_FOLD = re.compile("[" + "".join(_FOLDED) + "]")


def _fold_character(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    r"""The comparison key of ``text``: letters and digits only, in one form each.

    Equal to ``_NOT_WORD.sub("", text.translate(_FOLD_TABLE)).lower()``, in a quicker order: every
    character the table deletes or maps is a word character mapped to a word character or to
    nothing, or a non-word character (a diacritic) that the ``\W`` pass drops anyway. So spaces
    (``split``) and the other non-word characters go first, and the table then touches only the
    few characters it names, instead of ``str.translate`` looking up every character.
    """
    words = _NOT_WORD.sub("", "".join(text.split()))
    return _TO_FOLD.sub(_fold_character, words).lower()
