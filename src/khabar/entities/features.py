"""Token features for the entity tagger: cheap, cached per word, shared by training and tagging.

A token is first reduced to its *key*: Persian letter forms, Latin digits, no ZWNJ, no diacritics
and no kashida, so that «رئيس‌جمهور» from a training file and «رئیسجمهور» from a scraped page whose
joiners were lost have the same features. Everything the tagger learns about a word is computed once
per key and cached; a sentence's features are then concatenations of cached lists, which is what
keeps the recognizer fast on one core.

>>> word_key("رئيس‌جمهور")
'رئیسجمهور'
>>> word_key("۱۴۰۲")
'1402'
>>> word_shape("۱۴۰۲"), word_shape("ایران"), word_shape("F16"), word_shape("،")
('digits', 'persian', 'latin-digits', 'punct')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from khabar.chars import (
    ZWJ,
    ZWNJ,
)
from khabar.normalize.fold import LETTER_FOLDS

_KEY_TABLE = str.maketrans({**LETTER_FOLDS, ZWNJ: None, ZWJ: None})

# The Arabic-script block: a word with a letter from it is written in Persian (or Arabic).
_PERSIAN_LETTER_RANGE = ("\u0600", "\u06ff")


def word_key(token: str) -> str:
    """The form of ``token`` the tagger sees: one letter form, Latin digits, no ZWNJ."""
    return token.translate(_KEY_TABLE).lower()


def word_shape(key: str) -> str:
    """A coarse shape class of a word key: persian, latin, digits, latin-digits, mixed or punct."""
    key = word_key(key)
    has_digit = any(c.isdigit() for c in key)
    has_latin = any("a" <= c <= "z" for c in key)
    has_persian = any(
        c.isalpha() and _PERSIAN_LETTER_RANGE[0] <= c <= _PERSIAN_LETTER_RANGE[1] for c in key
    )
    if has_persian:
        return "mixed" if (has_digit or has_latin) else "persian"
    if has_latin:
        return "latin-digits" if has_digit else "latin"
    if has_digit:
        return "digits"
    return "punct"


class FeatureExtractor:
    """Turns a sentence (a list of token strings) into one feature list per token.

    ``clusters`` maps a word key to a distributional cluster path (a bit string, coarse to fine);
    ``gazetteer`` maps a word key to the gazetteer classes it belongs to (``LOC``, ``TITLE``,
    ``ORG-HEAD`` ...). Both are plain mappings so tests can pass small ones.

    >>> extractor = FeatureExtractor(clusters={"تهران": "0110"}, gazetteer={"تهران": ("LOC",)})
    >>> features = extractor.sentence_features(["در", "تهران", "."])
    >>> "w=تهران" in features[1] and "g=LOC" in features[1] and "-1w=در" in features[1]
    True
    """

    def __init__(
        self,
        clusters: Mapping[str, str] | None = None,
        gazetteer: Mapping[str, Sequence[str]] | None = None,
        *,
        cluster_prefixes: Sequence[int] = (4, 8, 12),
    ) -> None:
        self.clusters = clusters or {}
        self.gazetteer = gazetteer or {}
        self.cluster_prefixes = tuple(cluster_prefixes)
        self._own: dict[str, list[str]] = {}
        self._context: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}

    def _own_features(self, key: str) -> list[str]:
        features = self._own.get(key)
        if features is None:
            features = self._compute_own(key)
            if len(self._own) < 500_000:  # bound the cache on endless streams of new words
                self._own[key] = features
        return features

    def _compute_own(self, key: str) -> list[str]:
        shape = word_shape(key)
        features = ["b", "w=" + key, "s=" + shape, "l=" + str(min(len(key), 8))]
        if shape == "persian" or shape == "latin":
            features += [
                "p2=" + key[:2],
                "p3=" + key[:3],
                "s1=" + key[-1:],
                "s2=" + key[-2:],
                "s3=" + key[-3:],
                "s4=" + key[-4:],
            ]
        elif shape == "digits":
            features.append("d=" + str(min(len(key), 5)))
        path = self.clusters.get(key)
        if path is not None:
            features += ["c" + str(n) + "=" + path[:n] for n in self.cluster_prefixes]
        else:
            features.append("c=none")
        for kind in self.gazetteer.get(key, ()):
            features.append("g=" + kind)
        return features

    def _context_features(self, key: str) -> tuple[list[str], list[str], list[str], list[str]]:
        cached = self._context.get(key)
        if cached is None:
            cached = self.context_features(key)
            if len(self._context) < 500_000:
                self._context[key] = cached
        return cached

    def own_features(self, key: str) -> list[str]:
        """The features a word key gives itself (not cached: the tagger caches their scores)."""
        return self._compute_own(key)

    def context_features(self, key: str) -> tuple[list[str], list[str], list[str], list[str]]:
        """What a word key tells the words 2 after, 1 after, 1 before and 2 before it: the
        features written ``-2…``, ``-1…``, ``+1…``, ``+2…`` on those words."""
        path = self.clusters.get(key)
        coarse = path[: self.cluster_prefixes[1]] if path is not None else "none"
        kinds = self.gazetteer.get(key, ())
        near = ["w=" + key, "c=" + coarse, "s3=" + key[-3:], *("g=" + k for k in kinds)]
        far = ["w=" + key, "c=" + coarse]
        return (
            ["-2" + f for f in far],
            ["-1" + f for f in near],
            ["+1" + f for f in near],
            ["+2" + f for f in far],
        )

    def sentence_features(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token of a sentence."""
        keys = [word_key(token) for token in tokens]
        count = len(keys)
        contexts = [self._context_features(key) for key in keys]
        result: list[list[str]] = []
        for index, key in enumerate(keys):
            features = list(self._own_features(key))
            if index > 0:
                features += contexts[index - 1][1]
                features.append("bi-=" + keys[index - 1] + "|" + key)
                if index > 1:
                    features += contexts[index - 2][0]
            else:
                features.append("BOS")
            if index + 1 < count:
                features += contexts[index + 1][2]
                features.append("bi+=" + key + "|" + keys[index + 1])
                if index + 2 < count:
                    features += contexts[index + 2][3]
            else:
                features.append("EOS")
            result.append(features)
        return result
