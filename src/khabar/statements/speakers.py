"""Speakers: the subject of a clause, and the person of the story it refers to.

A Persian news sentence opens with its subject: «آیت\u200cالله رئیسی ظهر دیروز در دیدار ... گفت»,
«وزیر دفاع جمهوری آذربایجان نیز ... اظهار داشت», «وی با بیان اینکه ... تصریح کرد». The subject
phrase runs from the start of the clause to the first word that opens an adverbial (در, با, نیز,
همچنین, a time expression) or a comma. :func:`subject_phrase` finds it.

:class:`SubjectResolver` then resolves it, in this order:

1. a person of ``Document.people`` with a mention overlapping the phrase (the people stage has
   already linked رئیس\u200cجمهور and the surname to the full name);
2. a named person whose office and country the phrase spells out (وزیر دفاع جمهوری اسلامی ایران);
3. a named person whose surname the phrase holds;
4. for a pronoun (وی, او, ایشان) or a clause without a subject, the last suitable person: the
   subject of the latest earlier sentence that named one (quoted speech skipped);
5. otherwise the phrase itself, as written (``name``).

>>> text = "وزیر دفاع جمهوری آذربایجان نیز در این دیدار اظهار داشت: ..."
>>> span = subject_phrase(text, 0, text.index("اظهار"))
>>> text[span.start:span.end]
'وزیر دفاع جمهوری آذربایجان'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from khabar.chars import ZWNJ
from khabar.model import Document, Span
from khabar.normalize.fold import fold

PRONOUNS = frozenset({"وی", "او", "ایشان", "آنها", f"آن{ZWNJ}ها"})
# Words that end a subject phrase: prepositions, adverbs, connectives and parts of the day.
STOP_WORDS = frozenset(
    """در با به از ضمن طی پس پیش برای درباره دربارهٔ نیز همچنین هم سپس اما ولی که بر روز امروز
    دیروز پریروز فردا دیشب امشب ظهر صبح عصر شامگاه بامداد شب غروب هفته ماه سال طی حین هنگام پیرامون
    ضمنا ضمناً بعد قبل را تا اخیرا اخیراً امسال پارسال شنبه یکشنبه دوشنبه سهشنبه چهارشنبه
    پنجشنبه خطاب بدون طبق بنابر بنا ابتدا نخست درخصوص دراین همین روزگذشته درمورد دربارهی راجع
    هرچند اگرچه چون زیرا""".split()
)
# Phrase openers that stand before the subject and end at a comma (در همین حال، ...).
_PUNCTUATION_STOP = set('،,؛;:.!?؟()[]«»“”"')
_COMMA = re.compile("[،,]")
# «یکی از نمایندگان»: a quantifier takes its «از» phrase into the subject.
_QUANTIFIERS = frozenset({"یکی", "برخی", "بعضی", "شماری", "تعدادی", "هیچیک", "هیچکدام", "بسیاری"})
_CONJUNCTION = re.compile(r"(?:[\s»”\"،,]|و\s)+")
_WORD = re.compile(rf"«[^»\n]{{1,80}}»|[\w{ZWNJ}\u0654\u064b-\u065f]+|\S")
J_CLASS = f"[{ZWNJ} ]?"
MAX_SUBJECT_WORDS = 10
# An outlet's dateline before the first sentence: «خبرگزاری فارس: رئیس ... گفت».
DATELINE = re.compile(
    rf"(?:خبرگزاری|پایگاه|روزنامه|شبکه|سایت|باشگاه{J_CLASS}خبرنگاران|ایرنا|ایسنا|ایلنا)[^:\n.،]{{0,40}}:\s*"
)


def _key(word: str) -> str:
    return word.replace(ZWNJ, "")


_PRONOUN_KEYS = frozenset(_key(pronoun) for pronoun in PRONOUNS)


def subject_phrase(text: str, start: int, end: int, barriers: Sequence[Span] = ()) -> Span | None:
    """The subject phrase at the start of the clause ``text[start:end]``, or ``None``.

    ``barriers`` are spans (time expressions) that end the phrase where they begin. When the clause
    opens with an adverbial that a comma closes (در همین حال، وی گفت), the phrase after the comma is
    taken; a clause that opens with an adverbial and has no such comma has no subject (pro-drop).
    """
    phrase = _phrase_from(text, start, end, barriers)
    if phrase is not None:
        return phrase
    comma = _COMMA.search(text, start, end)  # only the first: later commas are inside the clause
    if comma is not None:
        return _phrase_from(text, comma.end(), end, barriers)
    return None


# Names of offices with a comma inside: the comma does not end the subject.
COMMA_NAMES = re.compile(
    rf"،\s*(?:معدن{J_CLASS}و{J_CLASS}تجارت|صنایع{J_CLASS}دستی{J_CLASS}و{J_CLASS}گردشگری"
    rf"|کار{J_CLASS}و{J_CLASS}رفاه{J_CLASS}اجتماعی|درمان{J_CLASS}و{J_CLASS}آموزش{J_CLASS}پزشکی)"
)


# Adverbials that open a clause before its subject, with or without a comma.
LEADING_ADVERBIAL = re.compile(
    rf"(?:در{J_CLASS}(?:ادامه|پایان|پاسخ|ابتدا|همین{J_CLASS}حال|این{J_CLASS}(?:باره|زمینه|راستا))"
    rf"|همچنین|سپس|اما|ولی|از{J_CLASS}سوی{J_CLASS}دیگر|از{J_CLASS}طرف{J_CLASS}دیگر)(?:\s*[،,])?\s+"
)


def _phrase_from(text: str, start: int, end: int, barriers: Sequence[Span]) -> Span | None:
    start = _after_leading_times(text, start, end, barriers)
    if (conjunction := _CONJUNCTION.match(text, start, end)) is not None:  # «» و افزود»
        start = conjunction.end()
    words: list[re.Match[str]] = []
    skip_to = -1
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if match.start() < skip_to:
            continue
        if word in "،," and words and (name := COMMA_NAMES.match(text, match.start())):
            skip_to = name.end()  # «مدیرکل صنعت، معدن و تجارت گیلان»
            continue
        quantified = word == "از" and len(words) == 1 and _key(words[0].group()) in _QUANTIFIERS
        if not quantified and (word in _PUNCTUATION_STOP or _key(word) in STOP_WORDS):
            break
        if words and word == "این":  # «معاون وزیر این را گفت»
            break
        if any(b.start <= match.start() < b.end for b in barriers):
            break
        if word.startswith("«") and len(word.split()) > 4:  # a quotation, not a «name»
            break
        words.append(match)
        if len(words) == 1 and is_pronoun(
            word
        ):  # «وی فروش بیمه را ... عنوان کرد»: the pronoun alone
            break
        if len(words) > MAX_SUBJECT_WORDS:
            return None
    if not words:
        return None
    return Span(words[0].start(), words[-1].end())


def _first_cue(text: str, start: int, end: int) -> int:
    """Where the first statement cue of ``text[start:end]`` begins (``end`` when none does)."""
    from khabar.statements.cues import (
        ACCORDING_TO_PATTERN,
        HOPE_PATTERN,
        INDIRECT_LEAD_PATTERN,
        SPEECH_VERB_PATTERN,
    )

    patterns = (SPEECH_VERB_PATTERN, INDIRECT_LEAD_PATTERN, HOPE_PATTERN, ACCORDING_TO_PATTERN)
    found = [p.search(text, start, end) for p in patterns]
    return min((m.start() for m in found if m is not None), default=end)


def _after_leading_times(text: str, start: int, end: int, barriers: Sequence[Span]) -> int:
    """Skip time expressions and spaces that open a clause (صبح امروز قربانعلی مقبلی گفت)."""
    moved = True
    while moved:
        moved = False
        while start < end and text[start] in " ،,":
            start += 1
        for barrier in barriers:
            if barrier.start == start and barrier.end <= end:
                start, moved = barrier.end, True
        if (adverbial := LEADING_ADVERBIAL.match(text, start, end)) is not None:
            start, moved = adverbial.end(), True  # «در ادامه عضو کمیسیون ... گفت»
    return start


def is_pronoun(phrase: str) -> bool:
    """True when a subject phrase refers back: a pronoun (وی, او) or «این» + office (این مقام).

    >>> is_pronoun("وی"), is_pronoun("این نماینده مجلس"), is_pronoun("نماینده مجلس")
    (True, True, False)
    """
    words = phrase.strip().split()
    if not words:
        return False
    if len(words) == 1 and _key(words[0]) in _PRONOUN_KEYS:
        return True
    return words[0] in {"این", "همین"} and 2 <= len(words) <= 4


def inside(position: int, spans: Iterable[Span]) -> bool:
    """Whether ``position`` falls in one of ``spans``."""
    return any(span.start <= position < span.end for span in spans)


def clause_start(doc: Document, sentence: Span) -> int:
    """Where the clause of ``sentence`` starts: after a dateline and a leading attribution chain
    (به گزارش X به نقل از Y،)."""
    start = sentence.start
    if dateline := DATELINE.match(doc.text, start, sentence.end):
        start = dateline.end()
    for attribution in sorted(doc.attributions, key=lambda a: a.span.start):
        span = attribution.span
        if sentence.start <= span.start < sentence.end and span.start - start <= 3:
            start = span.end
            # a chain of attributions: skip every link, then the comma
            while start < sentence.end and doc.text[start] in " ،,":
                start += 1
    return start


def person_label(doc: Document, index: int) -> str | None:
    """A person in words: the name, else the first mention as written (وزیر امور خارجه عمان),
    else the office."""
    person = doc.people[index]
    if person.name:
        return person.name
    if person.mentions:
        return doc.span_text(person.mentions[0]).replace("«", "").replace("»", "").strip()
    return person.role


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a subject phrase refers to: a person's index, or a name as written, and the phrase."""

    person: int | None = None
    name: str | None = None
    mention: Span | None = None

    @property
    def known(self) -> bool:
        return self.person is not None or self.name is not None


class PersonIndex:
    """The mentions of ``Document.people``, for looking up who a span of text refers to."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mentions = sorted(
            (mention, index)
            for index, person in enumerate(doc.people)
            for mention in person.mentions
        )
        self.starts = [m.start for m, _ in self.mentions]

    def overlapping(self, span: Span) -> list[tuple[Span, int]]:
        """The mentions that overlap ``span``, in text order."""
        first = bisect.bisect_left(self.starts, span.start - 200)
        return [
            (m, i) for m, i in self.mentions[first:] if m.start < span.end and span.start < m.end
        ][:50]

    def at(self, span: Span) -> int | None:
        """The person with the mention that overlaps ``span`` most, earliest first on a tie."""
        best: tuple[int, int] | None = None
        for mention, index in self.overlapping(span):
            overlap = min(mention.end, span.end) - max(mention.start, span.start)
            if best is None or overlap > best[0]:
                best = (overlap, index)
        return best[1] if best else None

    def described(self, phrase: str) -> int | None:
        """A named person whose office and country, or surname, the phrase spells out."""
        key = fold(phrase)
        if not key:
            return None
        for index, person in enumerate(self.doc.people):
            if person.name is None or not person.role:
                continue
            role = fold(person.role)
            if role and key.startswith(role):
                rest = key[len(role) :]
                country = fold(person.country or "")
                if not rest or (country and country in rest):
                    return index
        for index, person in enumerate(self.doc.people):
            if person.name and len(person.name.split()) > 1:
                surname = fold(person.name.split()[-1])
                words = {fold(w) for w in phrase.split()}
                if len(surname) > 2 and surname in words:
                    return index
        # the same office written out in a named person's mention: «رئیس سازمان امور مالیاتی»
        # and «امیدعلی پارسا، رئیس سازمان امور مالیاتی کشور»
        if len(key) >= 8:
            holders = {
                index
                for mention, index in self.mentions
                if self.doc.people[index].name and fold(self.doc.span_text(mention)).startswith(key)
            }
            if len(holders) == 1:
                return holders.pop()
        return None


class SubjectResolver:
    """Resolves the subject of any clause of a document to a :class:`Speaker`.

    ``skipped`` are spans of quoted speech: their sentences name no subject of the story.
    ``statement_sentences`` are starts of sentences that make a statement (hold a cue); without
    people profiles only those sentences' subjects are remembered for pronouns.
    """

    def __init__(
        self,
        doc: Document,
        skipped: Sequence[Span] = (),
        statement_sentences: Iterable[int] = (),
        barriers: Sequence[Span] = (),
    ) -> None:
        self.doc = doc
        self.people = PersonIndex(doc)
        self.barriers = tuple(barriers) or tuple(t.span for t in doc.times)
        self.skipped = sorted(skipped)
        statements = set(statement_sentences)
        self._names: list[str] = []  # subjects as written, in text order, for _fuller_name
        self.history: list[tuple[int, Speaker]] = []  # (position, subject), in text order
        for sentence in doc.sentences:
            if inside(sentence.start, self.skipped):
                continue
            if not doc.people and sentence.start not in statements:
                continue
            start = clause_start(self.doc, sentence)
            if start < sentence.end and doc.text[start] in '«“"':
                continue  # «...»، X گفت: the caller remembers the speaker named after the quotation
            speaker = self.named(start, _first_cue(doc.text, start, sentence.end))
            if speaker.known and (doc.people == () or speaker.person is not None):
                self.history.append((sentence.start, speaker))

    def named(self, start: int, end: int) -> Speaker:
        """The subject phrase of ``text[start:end]`` resolved without pronoun resolution."""
        span = subject_phrase(self.doc.text, start, end, self.barriers)
        if span is None:
            return Speaker()
        phrase = self.doc.span_text(span)
        if is_pronoun(phrase):
            return Speaker(mention=span)
        person = self.people.at(span)
        if person is not None:
            # the phrase ran past the person into the object («X رقم … را … عنوان کرد»): end it
            # where the person's mentions end
            mentions = [m for m, i in self.people.overlapping(span) if i == person]
            ends = [m.end for m in mentions]
            coordinated = ends and self.doc.text.startswith(" و ", max(ends))  # «X و Y گفتند»
            if (
                ends
                and not coordinated
                and max(ends) < span.end
                and min(m.start for m in mentions) <= span.start + 1
            ):
                span = Span(span.start, max(ends))
                phrase = self.doc.span_text(span)
        if person is not None and self.doc.people[person].name is None:
            # an office-only person: a named person with that office and country is the same one
            person = self.people.described(phrase) or person
        if person is None:
            person = self.people.described(phrase)
        if person is None and self.doc.people:
            # «یکی از نمایندگان معلمان، فاطمه رحیمی، ...»: a profiled person in apposition
            for comma in _COMMA.finditer(self.doc.text, span.end, end):
                appositive = _phrase_from(self.doc.text, comma.end(), end, self.barriers)
                if appositive is None:
                    break
                if (person := self.people.at(appositive)) is not None:
                    span = appositive
                    break
        if person is not None:
            # an office-only person keeps the phrase as written: «سخنگوی دولت» says more than
            # the bare office the profile holds
            unnamed = self.doc.people[person].name is None
            return Speaker(
                person, phrase.replace("«", "").replace("»", "").strip() if unnamed else None, span
            )
        return Speaker(
            None, self._fuller_name(phrase.replace("«", "").replace("»", "").strip()), span
        )

    def _fuller_name(self, phrase: str) -> str:
        """An earlier subject that this one shortens: «رئیسی» → «آیت\u200cالله سید ابراهیم رئیسی».

        Only names as written are linked this way (the people stage links offices to names).
        """
        words = [_key(w) for w in phrase.split()]
        for earlier in reversed(self._names):
            longer = [_key(w) for w in earlier.split()]
            if len(longer) > len(words) and words[-1] == longer[-1] and set(words) <= set(longer):
                return earlier
        if phrase not in self._names:
            self._names.append(phrase)
        return phrase

    def subject(self, start: int, end: int) -> Speaker:
        """The subject of the clause ``text[start:end]``: named, or the last suitable person."""
        speaker = self.named(start, end)
        if speaker.known:
            return speaker
        previous = self.last_before(start)
        if previous is not None:
            return Speaker(previous.person, previous.name, speaker.mention)
        if speaker.mention is not None:  # no earlier subject: the people stage's own link, if any
            linked = self.people.at(speaker.mention)
            if linked is not None:
                return Speaker(linked, None, speaker.mention)
        return speaker

    def last_before(self, position: int) -> Speaker | None:
        """The subject of the latest sentence before ``position`` that named one."""
        index = bisect.bisect_left(self.history, position, key=lambda item: item[0])
        return self.history[index - 1][1] if index else None

    def remember(self, position: int, speaker: Speaker) -> None:
        """Record a subject found by a caller (a speaker named after the quotation)."""
        if speaker.known:
            bisect.insort(self.history, (position, speaker), key=lambda item: item[0])
