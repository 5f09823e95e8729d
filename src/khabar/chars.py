"""Named characters and character classes used across khabar.

Invisible and look-alike characters are never written literally in the source: they are named here
once and imported by name, so that a reader can see what a pattern does.
"""

from __future__ import annotations

ZWNJ = "\u200c"  # zero-width non-joiner: the half-space of Persian compounds (رئیس‌جمهور)
ZWJ = "\u200d"  # zero-width joiner
ZWSP = "\u200b"  # zero-width space
SOFT_HYPHEN = "\u00ad"
NBSP = "\u00a0"
BOM = "\ufeff"
KASHIDA = "\u0640"  # tatweel, the elongation stroke: کـــتاب
LRM = "\u200e"
RLM = "\u200f"
ALM = "\u061c"  # Arabic letter mark
BIDI_CONTROLS = LRM + RLM + ALM + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

ARABIC_YEH = "\u064a"  # ي
ALEF_MAKSURA = "\u0649"  # ى
PERSIAN_YEH = "\u06cc"  # ی
ARABIC_KAF = "\u0643"  # ك
PERSIAN_KAF = "\u06a9"  # ک
TEH_MARBUTA = "\u0629"  # ة
HEH = "\u0647"  # ه
HEH_YEH = "\u06c0"  # ۀ, heh with yeh above (ezafe)
HAMZA_ABOVE = "\u0654"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

# Arabic diacritics (harakat), tanwin included. Superscript alef (U+0670) is treated the same.
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670"
TANWIN = "\u064b\u064c\u064d"

# Persian letters that never join to the following letter: a ZWNJ after them changes nothing
# visible, so both the joined and the spaced-out forms look identical (دوجانبه).
NON_JOINING = "اآأإدذرزژوؤۀة"
