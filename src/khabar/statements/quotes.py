"""Quotes: who said what, direct and indirect.

Needs: ``sentences`` and ``paragraphs``, ``dates`` (time expressions end a subject phrase) and
``attributions`` (a leading «به گزارش X،» is not the subject); and ``people`` when the pipeline has
a people stage (the speaker is then resolved to a person profile).
Adds: ``quotes``, each with its content span, kind (direct / indirect), cue span, speaker (an index
into ``people``) or, when no person matches, the speaker as written, and the speaker mention.
Stays true: the contents of direct quotes never overlap; a lead or title line that repeats a
quotation is listed in that quotation's ``repeated_by`` and is not a quote of its own (a quote
found in a lead or title that the body says again is the body's quote).

The constructions, with their cues in :mod:`khabar.statements.cues`:

- colon form: «X ... گفت: ...»; the content runs across sentences to the end of the paragraph, or
  to the next sentence that makes a statement of its own; after a colon at the end of a paragraph,
  the next paragraph;
- guillemets: «X گفت: «...»», «X گفت «...»», and the speaker after: «"...»، X گفت.»;
- reported: «X گفت که ...», «X اظهار امیدواری کرد (که) ...», «به گفته X، ...»;
- leading clauses: «X با بیان اینکه ...، گفت» (the content ends at the comma before the verb);
- description: «X ... را ... توصیف کرد».

>>> import khabar
>>> doc = khabar.analyze(
...     "سخنگوی دولت با بیان اینکه نشست فردا برگزار می\u200cشود، گفت: بودجه تصویب شد.")
>>> for q in doc.quotes:
...     cue, content = doc.span_text(q.cue), doc.span_text(q.content)
...     print(speaker_label(doc, q), "|", cue, "|", q.kind, "|", content)
سخنگوی دولت | با بیان اینکه | indirect | نشست فردا برگزار می\u200cشود
سخنگوی دولت | گفت | direct | بودجه تصویب شد.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from khabar.chars import ZWNJ
from khabar.model import Document, Paragraph, Quote, QuoteKind, Span
from khabar.statements.cues import (
    ACCORDING_TO_PATTERN,
    CLOSING_QUOTES,
    DESCRIBE_PATTERN,
    DOCUMENT_PATTERN,
    HOPE_PATTERN,
    INDIRECT_LEAD_PATTERN,
    ISSUED_BY,
    OPENING_QUOTES,
    SPEECH_VERB_PATTERN,
    J,
)
from khabar.statements.linking import (
    documents_keep_their_issuer,
    join_office_and_name,
    link_repeats,
)
from khabar.statements.speakers import (
    PersonIndex,
    Speaker,
    SubjectResolver,
    clause_start,
    inside,
    is_pronoun,
    person_label,
    subject_phrase,
)

MIN_QUOTED_WORDS = 3  # «...» shorter than this before a cue is a name or a term, not speech
# What may stand between the subject and the object of «... را ... توصیف کرد».
_ADVERBIAL = re.compile(
    rf"(?:نیز|همچنین|سپس|در{J}ادامه|در{J}(?:این|آن|همین){J}\S+|در{J}بخش{J}دیگری{J}از{J}\S+(?:{J}خود)?|،)(?=\s|$)"
)
_THAT = re.compile(r"\s*که\s+")
_BUT_SEARCH = re.compile(r"\s*(?:[؛;]|[،,]?\s+(?:اما|ولی|لیکن))\s+")
_PRESENT = re.compile(rf"می{J}(?:گوی|افزای|نویس)")


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A statement found before its speaker is resolved: the clause that names the speaker."""

    content: Span
    kind: QuoteKind
    cue: Span
    clause: Span  # where the subject phrase is looked for
    sentence: Span
    speaker_after: bool = False  # «...»، X گفت: the speaker follows the quotation
    document: bool = False  # «در بیانیه X آمده است: ...»: the issuer of a document


class QuoteFinder:
    """The quotes stage.

    ``use_people`` declares ``people`` as a requirement: the pipeline then checks that a people
    stage runs first. Without it the stage still runs, and speakers are the phrases as written.
    """

    name = "quotes"
    provides = frozenset({"quotes"})

    def __init__(self, *, use_people: bool = False) -> None:
        self.use_people = use_people
        needs = {"sentences", "paragraphs", "dates", "attributions"}
        self.requires = frozenset(needs | ({"people"} if use_people else set()))

    def __call__(self, doc: Document) -> Document:
        return dataclasses.replace(doc, quotes=find_quotes(doc))


def find_quotes(doc: Document) -> tuple[Quote, ...]:
    """Every quotation of ``doc`` with its speaker resolved."""
    found: list[FoundQuote] = []
    covered: list[Span] = []
    paragraphs = doc.paragraphs or (Paragraph(Span(0, len(doc.text))),)
    for number, paragraph in enumerate(paragraphs):
        # a title is searched too: a line that ends in » passes for a headline, and a headline
        # that repeats a body quotation is linked to it below
        sentences = [
            s for s in doc.sentences if paragraph.span.start <= s.start < paragraph.span.end
        ]
        for sentence in sentences:
            if inside(sentence.start, covered):
                continue
            for quote in _sentence_quotes(doc, sentence, sentences, paragraphs, number, covered):
                found.append(quote)
                if quote.kind == "direct":
                    covered.append(quote.content)
    found, repeats = link_repeats(doc, paragraphs, found)
    from khabar.events import TRIGGER_PATTERN  # a told meeting names a subject «وی» may refer to

    heads = [p.span for p in paragraphs if p.role in {"title", "lead"}]
    direct = [q.content for q in found if q.kind == "direct"]
    telling = {q.sentence.start for q in found} | {
        s.start
        for s in doc.sentences
        if TRIGGER_PATTERN.search(doc.text, s.start, s.end)
        and not inside(s.start, heads)
        and not inside(s.start, direct)
    }
    resolver = SubjectResolver(doc, skipped=direct, statement_sentences=telling)
    ordered = sorted(found, key=lambda q: q.cue.start)
    speakers = []
    for quote in ordered:
        if quote.speaker_after:
            speaker = resolver.named(quote.clause.start, quote.clause.end)
            if not speaker.known:
                speaker = resolver.subject(quote.clause.start, quote.clause.end)
            resolver.remember(quote.sentence.start, speaker)
        else:
            speaker = resolver.subject(quote.clause.start, quote.clause.end)
        speakers.append(speaker)
    speakers = join_office_and_name(doc, ordered, speakers)
    speakers = documents_keep_their_issuer(doc, ordered, speakers)
    return tuple(
        _quote(quote, speaker, repeats.get(quote.content, ()))
        for quote, speaker in zip(ordered, speakers, strict=True)
    )


def _quote(found: FoundQuote, speaker: Speaker, repeated_by: tuple[Span, ...]) -> Quote:
    return Quote(
        content=found.content,
        kind=found.kind,
        cue=found.cue,
        speaker=speaker.person,
        speaker_mention=speaker.mention,
        speaker_name=speaker.name,
        repeated_by=repeated_by,
    )


def speaker_label(doc: Document, quote: Quote) -> str | None:
    """Who said it, in words: a named person's name, else the speaker as written, else the office.

    >>> from khabar.model import Person
    >>> doc = Document.from_text("x", people=(Person("نرگس فرهمند"), Person(None, role="سخنگو")))
    >>> [speaker_label(doc, Quote(Span(0, 1), "direct", speaker=i, speaker_name=n))
    ...  for i, n in ((0, None), (1, "سخنگوی دولت"), (1, None), (None, "وزارت بهداشت"))]
    ['نرگس فرهمند', 'سخنگوی دولت', 'سخنگو', 'وزارت بهداشت']
    """
    person = doc.people[quote.speaker] if quote.speaker is not None else None
    if person is not None and person.name:
        return person.name
    if quote.speaker_name or quote.speaker is None:
        return quote.speaker_name
    return person_label(doc, quote.speaker)


def _strip(text: str, start: int, end: int) -> Span:
    """``[start, end)`` without surrounding spaces, and without one pair of enclosing quotes."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2 and text[start] in OPENING_QUOTES:
        closing = CLOSING_QUOTES[text[start]]
        tail = text[start + 1 : end].rstrip(".!؟?")
        if tail.endswith(closing) and closing not in tail[:-1]:
            return Span(start + 1, start + 1 + len(tail) - 1)
    return Span(start, end)


def _quoted(text: str, start: int, limit: int) -> Span:
    """The quotation opening at ``text[start]``, through its closing mark (or to ``limit``)."""
    closing = CLOSING_QUOTES[text[start]]
    depth, position = 0, start
    while position < limit:
        char = text[position]
        if char == closing and (depth == 1 or closing == text[start] == '"'):
            return Span(start + 1, position)
        if char == text[start]:
            depth += 1
        elif char == closing:
            depth -= 1
        position += 1
    return Span(start + 1, limit)


def _opens_statement(doc: Document, sentence: Span) -> bool:
    """True when ``sentence`` makes a statement of its own (a colon quotation stops before it)."""
    text = doc.text
    if INDIRECT_LEAD_PATTERN.search(text, sentence.start, sentence.end):
        return True
    if HOPE_PATTERN.search(text, sentence.start, sentence.end):
        return True
    if any(sentence.start <= a.span.start < sentence.start + 3 for a in doc.attributions):
        return True
    for match in SPEECH_VERB_PATTERN.finditer(text, sentence.start, sentence.end):
        after = _skip_spaces(text, match.end(), sentence.end)
        if after < len(text) and (text[after] in ":：" or text[after] in OPENING_QUOTES):
            return True
        if _THAT.match(text, match.end()):
            return True
    return False


def _narrates(doc: Document, sentence: Span, people: PersonIndex) -> bool:
    """True when ``sentence`` opens with a person of the story (وی, a name): narration resumes."""
    first = re.match(rf"[\w{ZWNJ}]+", doc.text[sentence.start : sentence.end])
    if first is None:
        return False
    if is_pronoun(first.group()):
        return True
    return any(
        m.start == sentence.start
        for m, _ in people.overlapping(Span(sentence.start, first.end() + sentence.start))
    )


def _skip_spaces(text: str, position: int, limit: int) -> int:
    while position < limit and text[position] in " \t":
        position += 1
    return position


def _colon_content(
    doc: Document,
    start: int,
    sentence: Span,
    sentences: list[Span],
    paragraphs: tuple[Paragraph, ...],
    number: int,
) -> Span:
    """The content after a colon: quoted, to the end of the paragraph, or the next paragraph."""
    text = doc.text
    paragraph = paragraphs[number]
    start = _skip_spaces(text, start, paragraph.span.end)
    if start >= paragraph.span.end:  # «... گفت:» closes its paragraph: the next one is the speech
        if number + 1 >= len(paragraphs):
            return Span(start, start)
        following = paragraphs[number + 1].span
        if text[following.start] in OPENING_QUOTES:
            return _quoted(text, following.start, following.end)
        return _strip(text, following.start, following.end)
    if text[start] in OPENING_QUOTES:
        quoted = _quoted(text, start, paragraph.span.end)
        return quoted
    end = sentence.end
    people = PersonIndex(doc)
    for later in sentences:
        if later.start < sentence.end:
            continue
        if _opens_statement(doc, later) or _narrates(doc, later, people):
            break
        end = later.end
    return _strip(text, start, end)


def _sentence_quotes(
    doc: Document,
    sentence: Span,
    sentences: list[Span],
    paragraphs: tuple[Paragraph, ...],
    number: int,
    covered: list[Span],
) -> list[FoundQuote]:
    text = doc.text
    opening = clause_start(doc, sentence)
    quotes: list[FoundQuote] = []
    cues = sorted(
        [(m, "speech") for m in SPEECH_VERB_PATTERN.finditer(text, opening, sentence.end)]
        + [(m, "lead") for m in INDIRECT_LEAD_PATTERN.finditer(text, opening, sentence.end)]
        + [(m, "hope") for m in HOPE_PATTERN.finditer(text, opening, sentence.end)]
        + [(m, "describe") for m in DESCRIBE_PATTERN.finditer(text, opening, sentence.end)]
        + [(m, "according") for m in ACCORDING_TO_PATTERN.finditer(text, opening, sentence.end)]
        + [(m, "document") for m in DOCUMENT_PATTERN.finditer(text, opening, sentence.end)],
        key=lambda item: item[0].start(),
    )
    taken: list[Span] = list(covered)
    subject_from = opening  # after a quotation in this sentence, its subject is elsewhere
    for index, (match, kind) in enumerate(cues):
        if inside(match.start(), taken):
            continue
        cue = Span(*match.span())
        clause = Span(subject_from, cue.start)
        later_verb = next(
            (m.start() for m, k in cues[index + 1 :] if k in {"speech", "hope", "describe"}),
            sentence.end,
        )
        quote: FoundQuote | None = None
        if kind == "speech":
            quote = _speech_quote(doc, cue, clause, sentence, sentences, paragraphs, number)
        elif kind == "lead":
            quote = _lead_quote(doc, cue, clause, sentence, later_verb)
        elif kind == "hope":
            content = _after_that(text, cue.end, sentence.end)
            if content.end > content.start:
                quote = FoundQuote(content, "indirect", cue, clause, sentence)
        elif kind == "describe":
            quote = _described(doc, cue, clause, sentence)
        elif kind == "document":
            quote = _document(doc, match, sentence, sentences, paragraphs, number)
        else:
            quote = _according_to(doc, cue, sentence)
        if quote is None or quote.content.end <= quote.content.start:
            continue
        quotes.append(quote)
        taken.append(quote.content)
        if quote.kind == "direct" and not quote.speaker_after:
            subject_from = quote.content.end
        elif (turn := _BUT_SEARCH.match(text, quote.content.end)) is not None:
            subject_from = turn.end()  # «... اما دادستانی اعلام کرد که ...»: a new subject
    return quotes


def _speech_quote(
    doc: Document,
    cue: Span,
    clause: Span,
    sentence: Span,
    sentences: list[Span],
    paragraphs: tuple[Paragraph, ...],
    number: int,
) -> FoundQuote | None:
    text = doc.text
    after = _skip_spaces(text, cue.end, len(text))
    next_char = text[after] if after < len(text) else ""
    if next_char in ":：":
        content = _colon_content(doc, after + 1, sentence, sentences, paragraphs, number)
        if content.end <= content.start:
            return None
        return FoundQuote(content, "direct", cue, clause, sentence)
    if next_char and next_char in OPENING_QUOTES:
        content = _quoted(text, after, paragraphs[number].span.end)
        return FoundQuote(content, "direct", cue, clause, sentence)
    if _PRESENT.match(text, cue.start) and after < sentence.end and text[after] not in ".،؛!؟?":
        # «این مقام می\u200cگوید عرضه ... برمی\u200cگرداند»: reported speech without «که»
        that = _THAT.match(text, cue.end)
        content = _strip(text, that.end() if that else after, sentence.end)
        return (
            FoundQuote(content, "indirect", cue, clause, sentence)
            if content.end > content.start
            else None
        )
    if next_char == "،" and doc.text[cue.start : cue.end] in {"گفت", "گفتند"}:
        # «وی گفت، بهتر است ...»: a comma where a colon belongs
        content = _strip(text, after + 1, sentence.end)
        return (
            FoundQuote(content, "indirect", cue, clause, sentence)
            if content.end > content.start
            else None
        )
    if (that := _THAT.match(text, cue.end)) is not None:
        if text.rfind(" را ", clause.start, cue.start) != -1:
            # «وی تعداد پروازها را ۳ هزار اعلام کرد که ...»: the verb has its object; «که» opens
            # a relative clause, and the statement is the object and what it is said to be
            return _described(doc, cue, clause, sentence)
        content = _strip(text, that.end(), _reported_end(text, that.end(), sentence.end))
        if content.end > content.start:
            return FoundQuote(content, "indirect", cue, clause, sentence)
        return None
    # the speaker after the quotation: «...»، X گفت.
    if not re.match(r"\s*[.،؛!]?\s*[»\"”]?\s*$", text[cue.end : sentence.end]):
        return None
    closing = max(text.rfind(mark, clause.start, cue.start) for mark in '»”"')
    if closing == -1:
        return None
    opening = max(text.rfind(mark, clause.start, closing) for mark in OPENING_QUOTES)
    if opening == -1 or len(text[opening + 1 : closing].split()) < MIN_QUOTED_WORDS:
        return None
    speaker_start = closing + 1
    while speaker_start < cue.start and text[speaker_start] in " ،,؛:.":
        speaker_start += 1
    prefix = re.match(
        rf"(?:این{J}(?:سخن|مطلب|جمله|را)?\s*(?:را)?\s+)", text[speaker_start : cue.start]
    )
    if prefix:
        speaker_start += prefix.end()
    return FoundQuote(
        Span(opening + 1, closing), "direct", cue, Span(speaker_start, cue.start), sentence,
        speaker_after=True,
    )  # fmt: skip


def _reported_end(text: str, start: int, end: int) -> int:
    """Where reported speech after «که» ends: at «اما / ولی / ؛» before another reporting verb.

    «سایت وطن نوشته است که A اما دادستانی اعلام کرد که B»: A ends before «اما».
    """
    for later in SPEECH_VERB_PATTERN.finditer(text, start, end):
        opens = text[_skip_spaces(text, later.end(), end) : end][:1]
        if _THAT.match(text, later.end()) or (opens and opens in ":«"):
            turns = list(_BUT_SEARCH.finditer(text, start, later.start()))
            if turns:
                return turns[-1].start()
    return end


def _document(
    doc: Document,
    match: re.Match[str],
    sentence: Span,
    sentences: list[Span],
    paragraphs: tuple[Paragraph, ...],
    number: int,
) -> FoundQuote | None:
    """«در بیانیه منتشره از سوی X آمده است: ...»: X's statement; «در ادامه این اطلاعیه» is the
    issuer named before."""
    content = _colon_content(doc, match.end(), sentence, sentences, paragraphs, number)
    if content.end <= content.start:
        return None
    issuer_start, issuer_end = match.span("issuer")
    if (by := ISSUED_BY.match(doc.text, issuer_start, issuer_end)) is not None:
        issuer_start = by.end()
    issuer = Span(issuer_start, max(issuer_start, issuer_end))
    return FoundQuote(content, "direct", Span(*match.span("cue")), issuer, sentence, document=True)


def _after_that(text: str, start: int, end: int) -> Span:
    that = _THAT.match(text, start)
    return _strip(text, that.end() if that else start, end)


def _lead_quote(
    doc: Document, cue: Span, clause: Span, sentence: Span, verb: int
) -> FoundQuote | None:
    """«با بیان اینکه CONTENT، گفت»: the content ends at the last comma before the main verb."""
    text = doc.text
    comma = max(text.rfind("،", cue.end, verb), text.rfind(",", cue.end, verb))
    end = comma if comma != -1 else verb
    content = _strip(text, cue.end, end)
    if content.end <= content.start:
        return None
    return FoundQuote(content, "indirect", cue, clause, sentence)


def _described(doc: Document, cue: Span, clause: Span, sentence: Span) -> FoundQuote | None:
    """«X ... OBJECT را ... توصیف کرد»: the content is the object and what it is called."""
    text = doc.text
    object_mark = text.rfind(" را ", clause.start, cue.start)
    if object_mark == -1:
        return None
    subject = subject_phrase(text, clause.start, cue.start)
    start = subject.end if subject else clause.start
    if subject is not None:
        # a profiled person's mention at the subject's start bounds it better than the phrase
        mentions = [m for m, _ in PersonIndex(doc).overlapping(subject) if m.start == subject.start]
        if mentions:
            start = max(m.end for m in mentions)
    for adverbial in _ADVERBIAL.finditer(text, start, object_mark):
        start = adverbial.end()
    content = _strip(text, start, cue.start)
    if len(text[content.start : content.end].split()) < 3:
        return None
    return FoundQuote(content, "indirect", cue, clause, sentence)


def _according_to(doc: Document, cue: Span, sentence: Span) -> FoundQuote | None:
    """«به گفته X، CONTENT»: X is the speaker."""
    text = doc.text
    comma = text.find("،", cue.end, sentence.end)
    if comma == -1 or len(text[cue.end : comma].split()) > 12:
        return None
    content = _strip(text, comma + 1, sentence.end)
    if content.end <= content.start:
        return None
    return FoundQuote(content, "indirect", cue, Span(cue.end + 1, comma), sentence)
