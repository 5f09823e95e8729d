"""The language check: is this text Persian?

Needs: nothing (runs on the raw text first).
Adds: ``language`` (the language found and its score) and a ``rejection`` for empty pages and pages
that are not Persian. Arabic shares the script, so the check weighs letters and words found only in
Persian (پ چ ژ گ, «است», «این», «را», «می») against those typical of Arabic (ة, «في», «التي»).
"""

from __future__ import annotations

import dataclasses
import re

from khabar.model import Document, LanguageCheck, Rejection

_ARABIC_SCRIPT_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
_PERSIAN_MARKERS = re.compile(
    "[پچژگ]|(?<!\\w)(?:است|این|را|که|می|برای|های|شد|کرد|نیز|وی|آن)(?!\\w)"
)
_ARABIC_MARKERS = re.compile("ة|(?<!\\w)(?:في|التي|الذي|هذا|هذه|إلى|على|عن|كان|قال)(?!\\w)")

MIN_LETTERS = 20


def check_language(text: str) -> LanguageCheck:
    """The most likely language of ``text`` among Persian, Arabic, a Latin or Cyrillic one, or none."""
    sample = text[:20000]
    script = len(_ARABIC_SCRIPT_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    letters = script + latin
    if letters < MIN_LETTERS:
        return LanguageCheck("none", 0.0)
    if script < latin:
        return LanguageCheck("latin", round(latin / letters, 3))
    persian = len(_PERSIAN_MARKERS.findall(sample))
    arabic = len(_ARABIC_MARKERS.findall(sample))
    if arabic > persian:
        return LanguageCheck("ar", round(arabic / (arabic + persian), 3))
    return LanguageCheck("fa", round(script / letters, 3))


class LanguageFilter:
    """The language-check stage: records the language and rejects what is not Persian."""

    name = "language"
    requires: frozenset[str] = frozenset()
    provides = frozenset({"language"})

    def __call__(self, doc: Document) -> Document:
        if not doc.raw.strip():
            return dataclasses.replace(doc, rejection=Rejection("empty", "the page has no text"))
        check = check_language(doc.raw)
        rejection = None
        if check.language == "none":
            rejection = Rejection("empty", "the page has almost no letters")
        elif check.language != "fa":
            names = {"ar": "it reads as Arabic", "latin": "it is in Latin or Cyrillic script"}
            rejection = Rejection(
                "not_persian", f"the page is not Persian ({names[check.language]})"
            )
        return dataclasses.replace(doc, language=check, rejection=rejection)
