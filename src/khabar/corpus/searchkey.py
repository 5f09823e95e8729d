"""The search form of a text: folded words under which spelling variants meet.

Persian writes one compound three ways: with a ZWNJ (رئیس‌جمهور), with a space (رئیس جمهور) or
glued (رئیسجمهور), and any of them with Arabic or Persian letters and digits of any script. The
index and the queries go through the same functions here:

* every word is split at its ZWNJs into *parts*, and each part is folded
  (:func:`khabar.normalize.fold`: one form per letter and digit, no diacritics or kashida);
* the ``words`` column holds the parts in order, so رئیس‌جمهور and رئیس جمهور both index the
  neighbouring words رئیس and جمهور (phrases match on them), and رئیسجمهور indexes one word;
* the ``compounds`` column holds each ZWNJ-joined word glued whole (رئیسجمهور), so the index knows
  which glued forms are words of the corpus.

The query side (:mod:`khabar.corpus.search`) makes the spellings meet: a glued query word is also
searched as the phrase of the two words the corpus splits it into, and two query words are also
searched glued when the corpus writes them as one word. (Indexing every two neighbouring words
glued would do the same at index time, but it tripled the writing time and the index size.)

>>> key = search_key(f"رئيس{ZWNJ}جمهور در سال ۱۴۰۲")
>>> key.words
'رئیس جمهور در سال 1402'
>>> key.compounds
'رئیسجمهور'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from khabar.chars import (
    DIACRITICS,
    HAMZA_ABOVE,
    KASHIDA,
    SOFT_HYPHEN,
    ZWJ,
    ZWNJ,
)
from khabar.normalize.fold import LETTER_FOLDS, fold

__all__ = [
    "Part",
    "SearchKey",
    "fold_parts",
    "iter_parts",
    "key_parts",
    "map_letters",
    "search_key",
    "shingle_words",
]

# a part: letters and digits, with the marks and invisible glue that fold() erases
_PART = rf"(?:[^\W_]|[{DIACRITICS}{HAMZA_ABOVE}{KASHIDA}{SOFT_HYPHEN}{ZWJ}])+"
_WORD = re.compile(rf"{_PART}(?:{ZWNJ}+{_PART})*")
_ZWNJ_RUN = re.compile(rf"{ZWNJ}+")

# The whole-text form of fold(): the same letters and digits, applied once to a text rather than
# word by word (tests check that both give the same parts).
_KEY_TABLE = str.maketrans({**LETTER_FOLDS, SOFT_HYPHEN: None, ZWJ: None})
_MAP_TABLE = str.maketrans({key: value for key, value in _KEY_TABLE.items() if value is not None})
_DROP_TABLE = str.maketrans({key: None for key, value in _KEY_TABLE.items() if value is None})
_KEY_WORD = re.compile(rf"[^\W_]+(?:{ZWNJ}+[^\W_]+)*")


class Part(NamedTuple):
    """One folded part of a written word, with its span in the text it was found in.

    ``joined`` is true when a ZWNJ ties it to the part before (the ‌جمهور of رئیس‌جمهور).
    """

    key: str
    start: int
    end: int
    joined: bool


class SearchKey(NamedTuple):
    """The indexed columns of one text (see the module docstring)."""

    words: str
    compounds: str


def iter_parts(text: str) -> Iterator[Part]:
    """Every part of every word of ``text``, folded, with its span in ``text``.

    >>> [(p.key, p.joined) for p in iter_parts(f"مي{ZWNJ}شود، كتاب ۱۲")]
    [('می', False), ('شود', True), ('کتاب', False), ('12', False)]
    """
    # letters and digits map one to one, so spans in the mapped text are spans in ``text``
    mapped = map_letters(text)
    for word in _WORD.finditer(mapped):
        start = word.start()
        joined = False
        for piece in _ZWNJ_RUN.split(word.group()):
            key = piece.translate(_DROP_TABLE)
            key = key.lower() if len(key) == len(piece) and key.isalnum() else fold(piece)
            if key:
                yield Part(key, start, start + len(piece), joined)
                joined = True
            start += len(piece)
            while start < word.end() and mapped[start] == ZWNJ:
                start += 1


def map_letters(text: str) -> str:
    """``text`` with its letters and digits in their folded form, the same length as ``text``.

    >>> map_letters("رئيس ۱۴")
    'رئیس 14'
    """
    mapped = text.translate(_MAP_TABLE)
    lowered = mapped.lower()
    return lowered if len(lowered) == len(mapped) else mapped


def fold_parts(text: str) -> list[str]:
    """The folded parts of ``text``, in order (a query is cut the same way as the index).

    >>> fold_parts("رئيس جمهور")
    ['رئیس', 'جمهور']
    """
    return [part.key for part in iter_parts(text)]


def key_parts(text: str) -> list[tuple[str, bool]]:
    """The folded parts of ``text`` and whether a ZWNJ ties each to the one before, fast.

    The same parts as :func:`iter_parts`, without their spans.

    >>> key_parts(f"مي{ZWNJ}شود، كتاب")
    [('می', False), ('شود', True), ('کتاب', False)]
    """
    parts: list[tuple[str, bool]] = []
    folded = text.translate(_KEY_TABLE)
    lowered = folded.lower()
    # lower() may lengthen a word (İ → i̇), and fold() lowers only after dropping non-letters
    whole = len(lowered) == len(folded)
    for word in _KEY_WORD.findall(lowered if whole else folded):
        word = word if whole else word.lower()
        if ZWNJ in word:
            pieces = _ZWNJ_RUN.split(word)
            parts.append((pieces[0], False))
            parts.extend((piece, True) for piece in pieces[1:])
        else:
            parts.append((word, False))
    return parts


def search_key(text: str, parts: list[tuple[str, bool]] | None = None) -> SearchKey:
    """The indexed columns of ``text``: its parts, and its ZWNJ compounds glued.

    ``parts``, when given, are the :func:`key_parts` of ``text``, already computed.
    """
    parts = key_parts(text) if parts is None else parts
    keys = [key for key, _ in parts]
    compounds: list[str] = []
    group: list[str] = []
    for key, joined in parts:
        if not joined:
            if len(group) > 1:
                compounds.append("".join(group))
            group = []
        group.append(key)
    if len(group) > 1:
        compounds.append("".join(group))
    return SearchKey(" ".join(keys), " ".join(compounds))


def shingle_words(text: str, parts: list[tuple[str, bool]] | None = None) -> list[str]:
    """The words of ``text`` for near-duplicate shingles: folded, ZWNJ compounds glued whole.

    >>> shingle_words(f"رئيس{ZWNJ}جمهور گفت")
    ['رئیسجمهور', 'گفت']
    """
    words: list[str] = []
    for key, joined in key_parts(text) if parts is None else parts:
        if joined and words:
            words[-1] += key
        else:
            words.append(key)
    return words
