"""Gazetteers: places (from CLDR), titles, ranks, offices and organisation heads, matched on tokens.

A phrase is looked up by the concatenation of its tokens' keys (see
:func:`~khabar.entities.features.word_key`), so the ZWNJ form, the glued form and the spaced form of
one phrase are one entry: «رئیس‌جمهور», «رئیسجمهور» and «رئیس جمهور» all match ``رئیس‌جمهور``.

>>> places = load_places()
>>> place = places.longest(["جمهوری", "اسلامی", "ایران", "گفت"], 0)
>>> place[0], place[1].canonical
(3, 'ایران')
>>> places.longest(["جمهوری", "آذربایجان"], 0)[1].canonical
'آذربایجان'
>>> titles = load_titles()
>>> titles.longest(["رئیس", "جمهور", "گفت"], 0)[1].canonical
'رئیس\u200cجمهور'
>>> titles.longest(["امیر", "سرتیپ", "دکتر"], 0)[1].canonical
'امیر سرتیپ'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Generic, TypeVar

from khabar.entities.features import word_key
from khabar.errors import ResourceError

Value = TypeVar("Value")


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer: ``kind`` is country, region or language."""

    kind: str
    code: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Title:
    """A title, rank or office word: ``kind`` is religious, academic, military, honorific, office
    or org."""

    kind: str
    canonical: str


class PhraseIndex(Generic[Value]):
    """Phrases of one to ``max_tokens`` tokens, found by the keys of the tokens they span."""

    def __init__(self, max_tokens: int = 6) -> None:
        self.max_tokens = max_tokens
        self.entries: dict[str, Value] = {}
        self._prefixes: set[str] = set()

    def add(self, phrase: str, value: Value) -> None:
        """Add ``phrase``; a phrase already present keeps its first value."""
        key = word_key(phrase).replace(" ", "")
        self.entries.setdefault(key, value)
        # a token may hold any prefix of a phrase (glued or spaced forms): keep them all, so that
        # a lookup stops as soon as the tokens it has joined begin no phrase
        self._prefixes.update(key[:length] for length in range(1, len(key) + 1))

    def longest(self, keys: Sequence[str], start: int) -> tuple[int, Value] | None:
        """The longest phrase starting at token ``start`` of ``keys`` (token keys) and its length.

        ``keys`` may be raw tokens too: each is reduced with :func:`word_key`.
        """
        return self.longest_keys([word_key(k) for k in keys[start : start + self.max_tokens]], 0)

    def starts(self, key: str) -> bool:
        """True when a token with this key can begin a phrase of the index (a cheap test)."""
        return key in self._prefixes

    def longest_keys(self, keys: Sequence[str], start: int) -> tuple[int, Value] | None:
        """:meth:`longest` for tokens already reduced to their keys."""
        if start >= len(keys) or keys[start][:1] not in self._prefixes:
            return None
        best: tuple[int, Value] | None = None
        joined = ""
        for length in range(1, min(self.max_tokens, len(keys) - start) + 1):
            joined += keys[start + length - 1]
            if joined not in self._prefixes:
                break
            value = self.entries.get(joined)
            if value is not None:
                best = (length, value)
        return best

    def __contains__(self, phrase: object) -> bool:
        return isinstance(phrase, str) and word_key(phrase).replace(" ", "") in self.entries


def _data_lines(name: str) -> list[list[str]]:
    try:
        text = resources.files("khabar").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(
            f"khabar/data/{name} is missing; rebuild it with scripts/build_gazetteers.py"
        ) from exc
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def load_places() -> PhraseIndex[Place]:
    """Countries, regions and languages by every name (packaged ``places.tsv``, built from CLDR)."""
    index: PhraseIndex[Place] = PhraseIndex()
    for kind, code, canonical, names in _data_lines("places.tsv"):
        place = Place(kind, code, canonical)
        for name in names.split("|"):
            index.add(name, place)
    return index


@cache
def load_iran_places() -> PhraseIndex[str]:
    """Iran's provinces and larger towns, by name (packaged ``iran-places.tsv``)."""
    index: PhraseIndex[str] = PhraseIndex(max_tokens=4)
    for fields in _data_lines("iran-places.tsv"):
        index.add(fields[1], fields[1])
    return index


@cache
def load_titles() -> PhraseIndex[Title]:
    """Titles, ranks, offices and organisation heads (packaged ``person-titles.tsv``)."""
    index: PhraseIndex[Title] = PhraseIndex(max_tokens=5)
    for fields in _data_lines("person-titles.tsv"):
        kind, phrase = fields[0], fields[1]
        canonical = fields[2] if len(fields) > 2 else phrase
        index.add(phrase, Title(kind, canonical))
    return index


@cache
def tagger_gazetteer() -> dict[str, tuple[str, ...]]:
    """Word key → gazetteer classes, the tagger's features (LOC, LOC-PART, LANG, TITLE, OFFICE,
    ORG-HEAD)."""
    classes: dict[str, set[str]] = {}
    for key, place in load_places().entries.items():
        kind = {"country": "LOC", "region": "LOC", "language": "LANG"}[place.kind]
        classes.setdefault(key, set()).add(kind)
    for _kind, _code, _canonical, names in _data_lines("places.tsv"):
        for name in names.split("|"):
            words = name.split()
            if len(words) > 1:
                for word in words:
                    classes.setdefault(word_key(word), set()).add("LOC-PART")
    title_class = {"office": "OFFICE", "org": "ORG-HEAD"}
    for fields in _data_lines("person-titles.tsv"):
        kind = title_class.get(fields[0], "TITLE")
        for word in fields[1].split():
            classes.setdefault(word_key(word), set()).add(kind)
    return {key: tuple(sorted(kinds)) for key, kinds in classes.items()}
