"""Segmentation: sentences and tokens as spans of the normalized text.

Needs: normalized text (``normalized``) and its paragraphs (``structure``).
Adds: ``sentences`` and ``tokens``.
Stays true: sentences never cross a paragraph; tokens do not overlap and never contain whitespace; a
ZWNJ-joined word (رئیس‌جمهور) is one token; punctuation marks are tokens of their own.

>>> from khabar.segment import split_sentences, split_tokens
>>> text = "وی گفت: «قیمت ۳.۵ درصد بالا رفت.» سپس رفت. آیا آمد؟"
>>> [text[s:e] for s, e in split_sentences(text)]
['وی گفت: «قیمت ۳.۵ درصد بالا رفت.»', 'سپس رفت.', 'آیا آمد؟']
>>> words = "رئیس\u200cجمهور گفت: ۳.۵٪"
>>> [words[s:e] for s, e in split_tokens(words)]
['رئیس\u200cجمهور', 'گفت', ':', '۳.۵', '٪']
"""

from __future__ import annotations

import dataclasses
import re
from functools import partial

from khabar.chars import ZWNJ
from khabar.model import Document, Paragraph, Span

_MARKS = "\u064b-\u065f\u0670\u0654"
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# Every token opens with a character that is neither whitespace nor a ZWNJ; the lookbehind that
# follows checks which kind of token that character opens. Written so, the pattern opens with a
# character class and the regex engine skips from token to token instead of trying every position.
TOKEN_PATTERN = re.compile(
    rf"[^\s{ZWNJ}](?:"
    rf"(?<=[{_DIGIT}])[{_DIGIT}]*(?:[.,/:\u066b\u066c][{_DIGIT}]+)*"  # ۳.۵  1,000  ۱۴۰۲/۰۱/۰۱  12:30
    rf"|(?<=[^\W\d_])[\w{_MARKS}]*(?:{ZWNJ}[\w{_MARKS}]+)*"  # words, ZWNJ compounds included
    r"|(?<=\.)\.+|(?<=…)"  # ellipses
    rf"|(?<=[^\w\s{ZWNJ}])"  # any other mark, one a token
    ")"
)

# A sentence ends after . ! ? ؟ (and any closing quote or bracket) before whitespace or the end;
# not after a period (..). The pattern opens with the mark itself, and the lookbehind that spans it
# checks the character before, so that the regex engine can skip ahead from mark to mark.
_SENTENCE_END = re.compile(r"[.!?؟](?<!\.[.!?؟])[.!?؟]*(?!\.)[»\")\]]*(?=\s|$)")
# Abbreviations that end in a period without ending the sentence: initials (م.، ج.ا.ا.) and short forms.
_ABBREVIATION = re.compile(r"(?:^|[\s(«])(?:(?:\w\.)+|(?:Dr|Mr|Mrs|Ms|St|Prof|etc|vs)\.)$")

# Span(start, end) from a match's (start, end) tuple, without the Python-level __new__ of a
# NamedTuple: a few megabytes of news make more than a million tokens.
_span = partial(tuple.__new__, Span)
_match_span = re.Match.span


def split_tokens(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The token spans of ``text[start:end]``, as offsets into ``text``."""
    end = len(text) if end is None else end
    return list(map(_span, map(_match_span, TOKEN_PATTERN.finditer(text, start, end))))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentence spans of one paragraph ``text[start:end]`` (no newline inside)."""
    end = len(text) if end is None else end
    sentences: list[Span] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        boundary = match.end()
        if ".." in match.group():  # an ellipsis marks an omission, not the end of a sentence
            continue
        if match.group()[0] == "." and _ABBREVIATION.search(
            text, _abbreviation_window(text, sentence_start, match.start() + 1), match.start() + 1
        ):
            continue
        if _inside_quotation(text, sentence_start, boundary, end):
            continue
        sentences.append(Span(sentence_start, boundary))
        sentence_start = _skip_space(text, boundary, end)
    if sentence_start < end:
        sentences.append(Span(sentence_start, end))
    return sentences


def _abbreviation_window(text: str, sentence_start: int, period_end: int) -> int:
    """Where an abbreviation ending at ``period_end`` can start: the character before the run of
    word characters and periods that ends there (an abbreviation is such a run after a space, «
    or a bracket), so that only that run is searched rather than the whole sentence.
    """
    start = period_end - 1
    while start > sentence_start and (text[start - 1] in "._" or text[start - 1].isalnum()):
        start -= 1
    return max(sentence_start, start - 1)


def _inside_quotation(text: str, start: int, position: int, end: int) -> bool:
    """True when ``position`` lies inside «…» that closes later in the paragraph."""
    opened = text.count("«", start, position) - text.count("»", start, position)
    return opened > 0 and text.find("»", position, end) != -1


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of ``text``."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def paragraph_spans(text: str) -> tuple[Paragraph, ...]:
    """One body paragraph per non-empty line of ``text``."""
    return tuple(Paragraph(Span(start, end)) for start, end in line_spans(text))


class Segmenter:
    """The segmentation stage."""

    name = "segment"
    requires = frozenset({"normalized", "structure"})
    provides = frozenset({"sentences", "tokens"})

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        paragraphs = doc.paragraphs or paragraph_spans(text)
        sentences: list[Span] = []
        for paragraph in paragraphs:
            sentences.extend(split_sentences(text, paragraph.span.start, paragraph.span.end))
        return dataclasses.replace(
            doc,
            sentences=tuple(sentences),
            tokens=tuple(split_tokens(text)),
        )
