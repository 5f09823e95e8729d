"""The record khabar produces: one :class:`Document` per story.

``raw`` is the text exactly as read (decoded, never modified); ``text`` is the normalized text.
Every annotation is a half-open character span ``[start, end)`` into ``text``; the document's
:class:`~khabar.offsets.OffsetMap` converts it to the span of ``raw`` it came from.

Records are frozen: a stage returns ``dataclasses.replace(doc, field=...)`` and never mutates.
:class:`Span` is a ``NamedTuple`` rather than a frozen dataclass because a document holds thousands
of them and creating a tuple costs a third of a frozen dataclass; it is just as immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NamedTuple

from khabar.offsets import OffsetMap


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` into a document's normalized text."""

    start: int
    end: int


ParagraphRole = Literal["title", "lead", "body"]
RejectionReason = Literal[
    "empty",
    "binary",
    "undecodable",
    "not_persian",
    "too_large",
    "unreadable",
    "duplicate",
    "failed",
]
QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Correction:
    """One edit made while cleaning the text: ``raw[raw_start:raw_end]`` became ``after``.

    ``before`` is the text the rule saw, which equals the raw stretch unless an earlier rule had
    already changed it.
    """

    raw_start: int
    raw_end: int
    before: str
    after: str
    rule: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (one line of the page) and its role in the story."""

    span: Span
    role: ParagraphRole = "body"


@dataclass(frozen=True, slots=True)
class Removed:
    """A line of page furniture or the outlet's name line, cut from the story's text."""

    raw_start: int
    raw_end: int
    text: str
    kind: Literal["outlet", "furniture"]


@dataclass(frozen=True, slots=True)
class LanguageCheck:
    """The result of the language check: the language found and the share of evidence for it."""

    language: str
    score: float


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a document was refused; the document is kept and reported, not analyzed further."""

    reason: RejectionReason
    message: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity or a date, money or percentage expression.

    ``label`` is one of PER, ORG, LOC, FAC, EVENT, PRODUCT, DATE, TIME, MONEY, PERCENT.
    ``canonical`` names the same thing in one agreed form (جمهوری اسلامی ایران → ایران).
    """

    span: Span
    label: str
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """One person of a story, with every mention that refers to them.

    ``name`` is ``None`` for a person known only by office (رئیس‌جمهور آذربایجان).
    """

    name: str | None
    titles: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    organization: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement and who made it.

    ``speaker`` is the index of the speaker in ``Document.people`` when the speaker was resolved to a
    person, else ``None``; ``speaker_name`` is the speaker as written when no person matched or the
    person is known only by office (سخنگوی دولت).
    ``repeated_by`` lists spans (a lead line, say) that repeat this quotation.
    """

    content: Span
    kind: QuoteKind
    cue: Span | None = None
    speaker: int | None = None
    speaker_mention: Span | None = None
    speaker_name: str | None = None
    repeated_by: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cited source (به گزارش X، به نقل از Y); ``chain`` orders them, outermost first.

    Link 0, relation ``outlet``, is the outlet of the page itself (an empty span: it is not in
    the text); the links of each cited chain count from 1.
    """

    span: Span
    source: str
    relation: Literal["report", "quote", "statement", "outlet"] = "report"
    chain: int = 0


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and the calendar date it resolves to against the publication date."""

    span: Span
    resolved: str | None = None  # ISO 8601 date (the first day of a week, month or year)
    part_of_day: str | None = None  # dawn, morning, noon, afternoon, evening, night
    resolved_jalali: str | None = None  # the same date in the Jalali calendar: 1402-08-15
    granularity: str = "day"  # day, week, month or year


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting, visit, invitation, talk or call.

    ``participants`` holds indices into ``Document.people`` or, for a country or organisation,
    its canonical name.
    """

    type: str
    trigger: Span
    participants: tuple[int | str, ...] = ()
    where: str | None = None
    when: TimeExpression | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """The story cluster a document belongs to across outlets."""

    id: str
    earliest: bool
    size: int = 1


@dataclass(frozen=True, slots=True)
class Document:
    """One story, from its raw text to everything khabar found in it."""

    id: str
    raw: str
    text: str
    offsets: OffsetMap
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    tags: tuple[str, ...] = ()
    abstract: str | None = None
    raw_offset: int = 0  # where ``raw`` starts in the page it was cut from
    origin: str | None = None  # the file (and line) the document was read from
    language: LanguageCheck | None = None
    removed: tuple[Removed, ...] = ()
    corrections: tuple[Correction, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    keywords: tuple[str, ...] = ()
    summary: tuple[Span, ...] = ()
    cluster: Cluster | None = None
    rejection: Rejection | None = None
    provides: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_text(cls, raw: str, *, id: str = "text", **metadata: object) -> Document:
        """A new, unanalyzed document whose text is its raw text."""
        return cls(id=id, raw=raw, text=raw, offsets=OffsetMap.identity(len(raw)), **metadata)  # type: ignore[arg-type]

    def span_text(self, span: Span) -> str:
        """The normalized text of ``span``."""
        return self.text[span.start : span.end]

    def raw_span(self, span: Span) -> Span:
        """The span of ``raw`` that ``span`` of the normalized text came from."""
        return Span(*self.offsets.to_raw(span.start, span.end))
