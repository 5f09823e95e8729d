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
    HEH,
    HEH_YEH,
    KASHIDA,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
    PERSIAN_KAF,
    PERSIAN_YEH,
    TEH_MARBUTA,
)

_FOLD_TABLE = str.maketrans(
    {
        ARABIC_YEH: PERSIAN_YEH,
        ALEF_MAKSURA: PERSIAN_YEH,
        ARABIC_KAF: PERSIAN_KAF,
        TEH_MARBUTA: HEH,
        HEH_YEH: HEH,
        KASHIDA: None,
        **{c: None for c in DIACRITICS + "\u0654"},
        **{p: l for p, l in zip(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)},
    }
)
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The comparison key of ``text``: letters and digits only, in one form each."""
    return _NOT_WORD.sub("", text.translate(_FOLD_TABLE)).lower()
