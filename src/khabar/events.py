"""Events: meetings, talks, visits, invitations and calls, with who, where and when.

Needs: ``sentences``, ``paragraphs``, ``dates`` (the time of an event), ``quotes`` (quoted speech
is not narrated fact) and ``people`` when the pipeline has a people stage.
Adds: ``events``: type (meeting, talks, visit, invitation, call), the trigger word, participants
(indices into ``people``, or names as written for countries, organisations and people the people
stage did not profile), the place and the time expression with its resolved date.
Stays true: one event per occurrence; «در این دیدار» and plural «ملاقات\u200cها» refer to events
already told and add none; a headline's event that the body tells again is the body's event.

The constructions:

- verbal: «X ... با Y دیدار کرد / دیدار و گفت\u200cوگو کردند», «X ... به Y سفر کرد»,
  «X از Y جهت سفر به Z دعوت کرد / دعوت به عمل آورد»;
- nominal: «X ... در دیدار (با) Y ...», «دیدار X با Y», «گفت\u200cوگوی X و Y», «در تماس تلفنی با Y».

>>> import khabar
>>> from datetime import datetime, timezone
>>> doc = khabar.Pipeline()(khabar.Document.from_text(
...     "وزیر خارجه عمان صبح دیروز با سخنگوی دولت دیدار کرد.",
...     published=datetime(2024, 1, 10, 9, tzinfo=timezone.utc)))
>>> from khabar.statements.speakers import person_label
>>> for e in doc.events:
...     names = [p if isinstance(p, str) else person_label(doc, p) for p in e.participants]
...     print(e.type, names, doc.span_text(e.when.span), e.when.resolved)
meeting ['وزیر خارجه عمان', 'سخنگوی دولت'] صبح دیروز 2024-01-09
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from khabar.chars import ZWNJ
from khabar.dates import ORDINALS
from khabar.model import Document, Event, Span, TimeExpression
from khabar.statements.cues import END, SPEECH_VERB_PATTERN, START, J
from khabar.statements.speakers import (
    STOP_WORDS,
    SubjectResolver,
    clause_start,
    inside,
    subject_phrase,
)

TRIGGERS = {
    "call": (
        rf"تماس{J}(?:های{J})?تلفنی",
        rf"(?:گفت{J}و{J}گو|گفتگو)ی?{J}تلفنی",
        rf"تلفنی{J}(?:گفت{J}و{J}گو|گفتگو)",
    ),
    "meeting": ("دیدار", "ملاقات"),
    "talks": (rf"گفت{J}و{J}گو", "گفتگو", "رایزنی", "مذاکره", "مذاکرات"),
    "visit": ("سفر",),
    "invitation": ("دعوت",),
}
MAX_PARTICIPANT_WORDS = 6
FAMILIES = {
    "meeting": "meeting",
    "talks": "meeting",
    "call": "call",
    "visit": "visit",
    "invitation": "invitation",
}
TRIGGER_PATTERN = re.compile(
    START
    + "(?:"
    + "|".join(f"(?P<{kind}>" + "|".join(words) + ")" for kind, words in TRIGGERS.items())
    + ")(?P<ezafe>ی)?"
    + END
)
_ANAPHORIC = re.compile(r"(?:این|آن|همین|همان|دو|چند|سه)\s+$")
# «در گفت\u200cوگو با خبرنگار ما»: an interview, not talks.
_MEDIA = re.compile(
    r"\s*(?:با\s+)?(?:خبرنگار|خبرگزاری|شبکه|روزنامه|رسانه|برنامه|تلویزیون|پایگاه|نشریه|مجله|سایت"
    r"|ایسنا|ایرنا|فارس|تسنیم|مهر|صدا|رادیو)"
)
_REFLEXIVE = re.compile(r"\s+خود(?=\s)")
_PLACE_END = re.compile(r"[،,.:؛]")
_LIGHT_VERB = re.compile(
    rf"\s*(?:و\s|(?:کرد|کردند|نمود|نمودند|داشت|داشتند|کرده|می{J}کن|به{J}عمل|خواهد|خواهند|پرداخت"
    rf"|پرداختند|می{J}پرداز|انجام{J}(?:داد|دادند|شد)|برگزار))"
)
_PLACE = re.compile(rf"در{J}حاشیه{J}|در{J}(?:محل|کاخ|مقر|ساختمان){J}")
# «با بیان اینکه ...» after a participant opens a statement, not a second participant.
_LEAD_WORD = re.compile(
    r"\s*(?:بیان|تأکید|تاکید|اشاره|ابراز|اعلام|یادآوری|اظهار|توجه|حضور)(?![\w])"
)
# «سفر دو روزه خود»، «دیدار رسمی»: words between a trigger and its participants.
_QUALIFIER = re.compile(
    rf"(?:\s+(?:[0-9۰-۹]+|یک|دو|سه|چهار|پنج|چند){J}روزه|\s+(?:رسمی|اخیر|آتی|مشترک|دوجانبه|اختصاصی))+"
)
# What ends the «با X» of a verbal meeting: its topic or a relative clause.
_TOPIC = re.compile(rf"\s(?:درباره|پیرامون|در{J}مورد|درمورد|در{J}خصوص|راجع|که)\s")
_PURPOSE = re.compile(r"\s(?:جهت|برای)\s")
# A phrase that holds a verb names no participant: a newspaper round-up's «قدس تشریح کرد»,
# «ابطحی می‌رود» (nor one that opens with an ordinal, a date's «چهاردهم»: dates.ORDINALS).
_VERB_IN_PHRASE = re.compile(
    rf"(?:^|\s)(?:ن?می{J}\S+|(?:کرد|کردند|شد|شدند|است|بود|گفت|رفت)(?=\s|$))"
)


class EventFinder:
    """The events stage (see the module docstring)."""

    name = "events"
    provides = frozenset({"events"})

    def __init__(self, *, use_people: bool = False) -> None:
        needs = {"sentences", "paragraphs", "dates", "quotes"}
        self.requires = frozenset(needs | ({"people"} if use_people else set()))

    def __call__(self, doc: Document) -> Document:
        return dataclasses.replace(doc, events=find_events(doc))


def find_events(doc: Document) -> tuple[Event, ...]:
    """The events told in ``doc``."""
    text = doc.text
    quoted = [q.content for q in doc.quotes if q.kind == "direct"]
    heads = [p.span for p in doc.paragraphs if p.role in {"title", "lead"}]
    # sentences whose subjects a later «وی» may refer to: statements and told events, not headlines
    telling = {
        s.start
        for s in doc.sentences
        if not inside(s.start, heads)
        and (
            TRIGGER_PATTERN.search(text, s.start, s.end)
            or any(s.start <= q.cue.start < s.end for q in doc.quotes if q.cue)
        )
    }
    resolver = SubjectResolver(doc, skipped=quoted, statement_sentences=telling)
    events: list[tuple[Span, Event]] = []  # (sentence, event)
    for sentence in doc.sentences:
        start = clause_start(doc, sentence)
        for match in TRIGGER_PATTERN.finditer(text, start, sentence.end):
            if inside(match.start(), quoted):
                continue
            if _ANAPHORIC.search(text, max(sentence.start, match.start() - 8), match.start()):
                continue
            kind = match.lastgroup if match.lastgroup != "ezafe" else None
            kind = next(k for k in TRIGGERS if match.group(k)) if kind is None else kind
            if kind == "talks" and _MEDIA.match(text, match.end()):
                continue
            if kind == "visit" and re.search(
                "دعوت", text[match.end() : min(sentence.end, match.end() + 60)]
            ):
                continue  # the purpose of an invitation: «از X جهت سفر به باکو دعوت کرد»
            if kind == "invitation" and re.search(
                rf"به{J}$", text[max(0, match.start() - 3) : match.start()]
            ):
                continue  # «به دعوت X»: the occasion of another event
            event = _event(doc, resolver, kind, Span(*match.span()), sentence, start, quoted)
            if event is not None:
                events.append((sentence, event))
    return tuple(_merge(events, heads))


def _event(
    doc: Document,
    resolver: SubjectResolver,
    kind: str,
    trigger: Span,
    sentence: Span,
    clause_start: int,
    quoted: Sequence[Span],
) -> Event | None:
    text = doc.text
    participants: list[int | str] = []
    verbal = bool(_LIGHT_VERB.match(text, trigger.end))
    before = text[clause_start : trigger.start]
    nominal_start = (
        re.search(r"(?:^|\s)(?:در|طی|پس\s+از|پیش\s+از|از|به|حاشیه)\s+$", before) is not None
    )
    reflexive = _REFLEXIVE.match(text, trigger.end) is not None  # «دیدار خود با X»
    where: str | None = None
    if verbal or nominal_start or reflexive or kind == "invitation":
        subject = resolver.subject(clause_start, trigger.start)
        if subject.person is not None:
            participants.append(subject.person)
            participants += _persons_in(resolver, subject.mention, exclude=participants)
        elif subject.name:
            participants.append(subject.name)
    if verbal or kind == "invitation":
        marker = {"invitation": " از ", "visit": " به "}.get(kind, " با ")
        position = text.rfind(marker, clause_start, trigger.start)
        if position != -1:
            region_end = trigger.start
            purpose = _PURPOSE.search(text, position, trigger.start)
            if purpose:
                region_end = purpose.start()
                destination = re.search(r"به\s+(.+?)\s*$", text[purpose.end() : trigger.start])
                if destination and len(destination.group(1).split()) <= 4:
                    where = destination.group(1)
            if (topic := _TOPIC.search(text, position + len(marker), region_end)) is not None:
                region_end = topic.start()  # «با X که ... انجام شد، درباره غزه رایزنی کرد»
            region = Span(position + len(marker), region_end)
            if kind == "visit":
                where = text[region.start : region.end].strip()
            else:
                participants += _resolve_region(doc, resolver, region, participants)
    else:
        after = trigger.end
        if (qualifier := _QUALIFIER.match(text, after)) is not None:
            after = qualifier.end()
            reflexive = reflexive or text.startswith(" خود", after)
        if reflexive:
            after = text.index("خود", after) + len("خود")
        if text.startswith(" با ", after):
            after += 4
        first = subject_phrase(text, after, sentence.end, resolver.barriers)
        if first is not None:
            participants += _resolve_region(doc, resolver, first, participants)
            rest = first.end
            if (
                text.startswith(" با ", rest) or text.startswith(" و ", rest)
            ) and not _LEAD_WORD.match(text, rest + 3):
                second = subject_phrase(text, rest + 3, sentence.end, resolver.barriers)
                if second is not None:
                    participants += _resolve_region(doc, resolver, second, participants)
            if kind == "visit" and text.startswith(" به ", rest):
                place = subject_phrase(text, rest + 4, sentence.end, resolver.barriers)
                where = text[place.start : place.end] if place else None
        if kind == "visit" and first is None and text.startswith(" به ", trigger.end):
            place = subject_phrase(text, trigger.end + 4, sentence.end, resolver.barriers)
            where = text[place.start : place.end] if place else None
    if not participants:
        return None
    where = where or _place(text, trigger.end, sentence.end)
    return Event(
        kind,
        trigger,
        tuple(participants),
        where,
        _when(doc, trigger, sentence, clause_start, quoted),
    )


def _persons_in(
    resolver: SubjectResolver, span: Span | None, exclude: Sequence[int | str]
) -> list[int | str]:
    """Further persons named in a subject phrase («X و Y در تماس تلفنی ...»)."""
    if span is None:
        return []
    found: list[int | str] = []
    for _, index in resolver.people.overlapping(span):
        if index not in exclude and index not in found:
            found.append(index)
    return found


def _resolve_region(
    doc: Document, resolver: SubjectResolver, region: Span, known: Sequence[int | str]
) -> list[int | str]:
    """Who ``region`` names: people, else places and organisations, else the phrase as written."""
    found: list[int | str] = []
    for mention, index in resolver.people.overlapping(region):
        if doc.people[index].name is None:
            # an office-only profile: the named person holding that office, when one is known
            index = resolver.people.described(doc.span_text(mention)) or index
        if index not in known and index not in found:
            found.append(index)
    if found:
        return found
    phrase = doc.span_text(region).strip(" ،,")
    described = resolver.people.described(phrase)
    if described is not None:
        return [] if described in known else [described]
    for entity in doc.entities:
        if entity.label in {"LOC", "ORG", "GPE"} and region.start <= entity.span.start < region.end:
            name = entity.canonical or doc.span_text(entity.span)
            if name not in known and name not in found:
                found.append(name)
    if found:
        return found
    span = subject_phrase(doc.text, region.start, region.end, resolver.barriers) or region
    name = doc.span_text(span).replace("«", "").replace("»", "").strip(" ،,")
    if name.replace("«", "").replace("»", "") in {"خود", "وی", "او"} or name.startswith("حضور"):
        return []
    words = name.split()
    if not words or words[0] in STOP_WORDS or name in known or len(words) > MAX_PARTICIPANT_WORDS:
        return []
    if _VERB_IN_PHRASE.search(name) or words[0].replace(ZWNJ, "") in ORDINALS:
        return []
    return [name]


def _place(text: str, start: int, end: int) -> str | None:
    """«در حاشیه اجلاس اکو در ترکمنستان»: the place named after the trigger, up to the verb."""
    match = _PLACE.search(text, start, end)
    if match is None:
        return None
    stop = end
    verb = SPEECH_VERB_PATTERN.search(text, match.end(), end)
    if verb:
        stop = verb.start()
    punctuation = _PLACE_END.search(text, match.end(), stop)
    if punctuation:
        stop = punctuation.start()
    place = text[match.end() : stop].strip()
    return place if 0 < len(place.split()) <= 8 else None


def _when(
    doc: Document, trigger: Span, sentence: Span, clause_start: int, quoted: Sequence[Span]
) -> TimeExpression | None:
    """The time expression of the event's clause: the nearest before the trigger, else after it."""
    candidates = [
        t
        for t in doc.times
        if sentence.start <= t.span.start < sentence.end and not inside(t.span.start, quoted)
    ]
    before = [t for t in candidates if t.span.end <= trigger.start]
    if before:
        return before[-1]
    after = [t for t in candidates if t.span.start >= trigger.end]
    return after[0] if after else None


def _merge(events: list[tuple[Span, Event]], heads: Sequence[Span]) -> list[Event]:
    """One event per occurrence: join the triggers of one clause, and drop a headline's repeat."""

    kept: list[tuple[Span, Event]] = []
    for sentence, event in [item for item in events if not inside(item[0].start, heads)]:
        same = next(
            (
                i
                for i, (s, e) in enumerate(kept)
                if (
                    FAMILIES[e.type] == FAMILIES[event.type]
                    and (s == sentence or _same_people(e, event))
                )
                or (s == sentence and set(e.participants) == set(event.participants))
                or (
                    s == sentence
                    and {FAMILIES[e.type], FAMILIES[event.type]} == {"meeting", "call"}
                    and bool(set(e.participants) & set(event.participants))
                )
            ),
            None,
        )
        if same is None:
            kept.append((sentence, event))
            continue
        other = kept[same][1]
        if other.when is None and event.when is not None and kept[same][0] == sentence:
            kept[same] = (kept[same][0], dataclasses.replace(other, when=event.when))
    families = {FAMILIES[e.type] for _, e in kept}
    for sentence, event in [item for item in events if inside(item[0].start, heads)]:
        if FAMILIES[event.type] not in families:  # a headline's event the body does not tell
            kept.append((sentence, event))
            families.add(FAMILIES[event.type])
    return [event for _, event in sorted(kept, key=lambda item: item[1].trigger.start)]


def _same_people(a: Event, b: Event) -> bool:
    """True when two events of one family have the same participants and no different time."""
    if set(a.participants) != set(b.participants):
        return False
    if a.when and b.when and a.when.resolved != b.when.resolved:
        return False
    return True
