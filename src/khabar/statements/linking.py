"""After the quotes of a story are found: what repeats them, and who is who across them.

- a lead or headline line that repeats a quotation is linked to it (:func:`link_repeats`);
- a speaker known only by office and the named speaker who continues the statement are one person
  (:func:`join_office_and_name`);
- «در ادامه این اطلاعیه آمده است:» quotes the issuer named before
  (:func:`documents_keep_their_issuer`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from khabar.model import Document, Paragraph, Span
from khabar.normalize.fold import fold
from khabar.statements.cues import J
from khabar.statements.speakers import Speaker, is_pronoun

if TYPE_CHECKING:
    from khabar.statements.quotes import FoundQuote

MIN_REPEAT_KEY = 15  # folded characters a lead must share with a quotation to repeat it
_CONTINUATION = re.compile(rf"افزود(?:ند)?|ادامه{J}داد(?:ند)?|اضافه{J}(?:کرد|نمود)(?:ند)?")
_FURTHERMORE = re.compile(r"(?<!\w)همچنین(?!\w)")
_ALSO_SOMEONE_ELSE = re.compile(r"(?<!\w)نیز(?!\w)")


def documents_keep_their_issuer(
    doc: Document, quotes: list[FoundQuote], speakers: list[Speaker]
) -> list[Speaker]:
    """«در ادامه این اطلاعیه آمده است:» quotes the issuer of the document quoted before."""
    issuer: Speaker | None = None
    result = []
    for quote, speaker in zip(quotes, speakers, strict=True):
        if quote.document:
            if quote.clause.end > quote.clause.start and speaker.known:
                issuer = speaker
            elif issuer is not None:
                speaker = dataclasses.replace(issuer, mention=None)
        result.append(speaker)
    return result


def join_office_and_name(
    doc: Document, quotes: list[FoundQuote], speakers: list[Speaker]
) -> list[Speaker]:
    """One speaker for «مدیرعامل شرکت آب ... گفت: ... جواد مشکاتی افزود: ...».

    When a statement by a named person continues the one just before it (افزود, ادامه داد, اضافه
    کرد, or همچنین in its clause; «نیز» means someone else) and that one's speaker is known only by
    office, both are the named person, and so is every statement of that office-only speaker. The
    other order (a name, then an office that «adds») is joined only when the story has a single
    named speaker: with two, it as often brings in the other one.
    """
    merged: dict[int | str, int] = {}  # office-only person or phrase -> named person
    named_speakers = {s.person for s in speakers if _named(doc, s)}
    for index in range(1, len(quotes)):
        before, after = speakers[index - 1], speakers[index]
        quote = quotes[index]
        gap = doc.text[quotes[index - 1].content.end : quote.sentence.start]
        same_sentence = [q for q in quotes if q.sentence == quote.sentence]
        if len(gap.strip(' .»"”\n')) > 0 or not any(_continues(doc, q) for q in same_sentence):
            continue
        # only an office followed by a name: «مدیرعامل ... گفت: … / جواد مشکاتی افزود: …». A name
        # followed by an office that «adds» is as often a new speaker («رئیس سازمان … افزود»).
        office = _office_key(doc, before) if not _named(doc, before) else None
        if office is not None and _named(doc, after) and after.person is not None:
            merged[office] = after.person
        elif len(named_speakers) == 1 and _named(doc, before) and before.person is not None:
            # the story's only named speaker «adds» under an office: the same person
            office = _office_key(doc, after) if not _named(doc, after) else None
            if office is not None:
                merged.setdefault(office, before.person)
    if not merged:
        return speakers
    joined = []
    for speaker in speakers:
        key = None if _named(doc, speaker) else _office_key(doc, speaker)
        if key is not None and key in merged:
            speaker = dataclasses.replace(speaker, person=merged[key], name=None)
        joined.append(speaker)
    return joined


def _named(doc: Document, speaker: Speaker) -> bool:
    return speaker.person is not None and bool(doc.people[speaker.person].name)


def _office_key(doc: Document, speaker: Speaker) -> int | str | None:
    """An office-only person's index, or an unprofiled speaker's phrase (not a pronoun)."""
    if speaker.person is not None:
        return speaker.person
    if speaker.name and doc.people and not is_pronoun(speaker.name):
        return speaker.name
    return None


def _continues(doc: Document, quote: FoundQuote) -> bool:
    """True when the cue or the clause says the same speaker goes on."""
    clause = doc.text[quote.clause.start : quote.clause.end]
    if _ALSO_SOMEONE_ELSE.search(clause):
        return False
    return bool(_CONTINUATION.fullmatch(doc.text[quote.cue.start : quote.cue.end])) or bool(
        _FURTHERMORE.search(clause)
    )


def link_repeats(
    doc: Document, paragraphs: tuple[Paragraph, ...], found: list[FoundQuote]
) -> tuple[list[FoundQuote], dict[Span, tuple[Span, ...]]]:
    """Link lead and title lines that repeat a quotation; drop quotes that only repeat another."""
    repeats: dict[Span, list[Span]] = {}
    heads = [p.span for p in paragraphs if p.role in {"lead", "title"}]
    body = [q for q in found if not any(h.start <= q.cue.start < h.end for h in heads)]
    if not heads:
        return body, {}
    keys = {q.content: fold(doc.span_text(q.content)) for q in found}
    kept = list(body)
    for quote in found:
        if quote in body:
            continue
        key = keys[quote.content]
        twin = next((q for q in body if _same(key, keys[q.content])), None)
        if twin is None:
            kept.append(quote)
        else:
            repeats.setdefault(twin.content, []).append(quote.content)
    for head in heads:
        if any(q.cue.start >= head.start and q.cue.start < head.end for q in kept):
            continue
        parts = [fold(part) for part in _headline_parts(doc.span_text(head))]
        for quote in body:
            if any(_same(part, keys[quote.content]) for part in parts):
                repeats.setdefault(quote.content, []).append(head)
                break
    return kept, {span: tuple(spans) for span, spans in repeats.items()}


def _headline_parts(line: str) -> list[str]:
    """A lead or headline and its pieces: «روحانی: تجمع ... برگزار شد/ نماز ... اقامه شد».

    >>> _headline_parts("روحانی: تجمع برگزار شد/ نماز اقامه شد")[1:]
    ['تجمع برگزار شد', 'نماز اقامه شد']
    """
    speaker_colon = re.match(r"[^:\n]{2,40}:\s*", line)
    rest = line[speaker_colon.end() :] if speaker_colon else line
    pieces = [p.strip() for p in re.split(r"[/|]", rest) if p.strip()]
    return [line] + (pieces if pieces != [line] else [])


def _same(a: str, b: str) -> bool:
    """True when one folded text holds the other and they share enough to be one quotation."""
    if min(len(a), len(b)) < MIN_REPEAT_KEY:
        return False
    return a in b or b in a
