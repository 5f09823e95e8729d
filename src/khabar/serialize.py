"""The JSON form of a :class:`~khabar.model.Document`, versioned and described by a JSON Schema.

Every span becomes ``{"start", "end", "raw_start", "raw_end", "text"}``: offsets into ``text``, the
matching offsets into ``raw``, and the text it covers. The schema ships with the package
(:func:`json_schema`); ``SCHEMA_VERSION`` changes its major number when a field is renamed or removed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from khabar.model import (
    Attribution,
    Cluster,
    Correction,
    Document,
    Entity,
    Event,
    LanguageCheck,
    Paragraph,
    Person,
    Quote,
    Rejection,
    Removed,
    Span,
    TimeExpression,
)
from khabar.offsets import OffsetMap

SCHEMA_VERSION = "1.0"

JSON = dict[str, Any]


def span_to_dict(doc: Document, span: Span) -> JSON:
    raw_start, raw_end = doc.offsets.to_raw(span.start, span.end)
    return {
        "start": span.start,
        "end": span.end,
        "raw_start": raw_start,
        "raw_end": raw_end,
        "text": doc.text[span.start : span.end],
    }


def _person_name(doc: Document, index: int | str | None) -> str | None:
    from khabar.statements.speakers import person_label

    if index is None or isinstance(index, str):
        return index
    return person_label(doc, index)


def _speaker_label(doc: Document, quote: Quote) -> str | None:
    """Who said it, in words (see :func:`khabar.statements.quotes.speaker_label`)."""
    from khabar.statements.quotes import speaker_label as label

    return label(doc, quote)


def cluster_to_dict(cluster: Cluster | None) -> JSON | None:
    """The JSON form of a story cluster (``None`` for none)."""
    if cluster is None:
        return None
    return {"id": cluster.id, "earliest": cluster.earliest, "size": cluster.size}


def document_to_dict(doc: Document) -> JSON:
    """The JSON object of one document (see the schema for every field)."""

    def span(s: Span) -> JSON:
        return span_to_dict(doc, s)

    published = doc.published
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "published": published.astimezone(UTC).isoformat() if published else None,
        "published_jalali": _jalali(published),
        "tags": list(doc.tags),
        "language": {"language": doc.language.language, "score": doc.language.score}
        if doc.language
        else None,
        "raw": doc.raw,
        "text": doc.text,
        "raw_offset": doc.raw_offset,
        "origin": doc.origin,
        "offset_map": dict(zip(("text", "raw"), map(list, doc.offsets.anchors))),
        "removed": [
            {"raw_start": r.raw_start, "raw_end": r.raw_end, "text": r.text, "kind": r.kind}
            for r in doc.removed
        ],
        "corrections": [
            {
                "raw_start": c.raw_start,
                "raw_end": c.raw_end,
                "before": c.before,
                "after": c.after,
                "rule": c.rule,
            }
            for c in doc.corrections
        ],
        "paragraphs": [{**span(p.span), "role": p.role} for p in doc.paragraphs],
        "sentences": [span(s) for s in doc.sentences],
        "tokens": [span(t) for t in doc.tokens],
        "entities": [
            {**span(e.span), "label": e.label, "canonical": e.canonical} for e in doc.entities
        ],
        "people": [
            {
                "name": p.name,
                "titles": list(p.titles),
                "role": p.role,
                "country": p.country,
                "organization": p.organization,
                "mentions": [span(m) for m in p.mentions],
            }
            for p in doc.people
        ],
        "quotes": [
            {
                "speaker": _speaker_label(doc, q),
                "speaker_index": q.speaker,
                "speaker_mention": span(q.speaker_mention) if q.speaker_mention else None,
                "cue": span(q.cue) if q.cue else None,
                "content": span(q.content),
                "kind": q.kind,
                "repeated_by": [span(r) for r in q.repeated_by],
            }
            for q in doc.quotes
        ],
        "attributions": [
            {**span(a.span), "source": a.source, "relation": a.relation, "chain": a.chain}
            for a in doc.attributions
        ],
        "events": [
            {
                "type": e.type,
                "trigger": span(e.trigger),
                "participants": [_person_name(doc, p) for p in e.participants],
                "participant_refs": list(e.participants),
                "where": e.where,
                "when": _time_to_dict(doc, e.when) if e.when else None,
            }
            for e in doc.events
        ],
        "times": [_time_to_dict(doc, t) for t in doc.times],
        "keywords": list(doc.keywords),
        "summary": [span(s) for s in doc.summary],
        "cluster": cluster_to_dict(doc.cluster),
        "rejection": {"reason": doc.rejection.reason, "message": doc.rejection.message}
        if doc.rejection
        else None,
    }


def _time_to_dict(doc: Document, time: TimeExpression) -> JSON:
    return {
        **span_to_dict(doc, time.span),
        "resolved": time.resolved,
        "resolved_jalali": time.resolved_jalali,
        "part_of_day": time.part_of_day,
        "granularity": time.granularity,
    }


def _time_from_dict(obj: JSON) -> TimeExpression:
    return TimeExpression(
        _span(obj),
        obj.get("resolved"),
        obj.get("part_of_day"),
        resolved_jalali=obj.get("resolved_jalali"),
        granularity=obj.get("granularity", "day"),
    )


def _jalali(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    import jdatetime

    local = moment.astimezone(UTC)
    jalali: str = jdatetime.datetime.fromgregorian(datetime=local).strftime("%Y-%m-%dT%H:%M:%S")
    return jalali


def _span(obj: JSON) -> Span:
    return Span(obj["start"], obj["end"])


def document_from_dict(obj: JSON) -> Document:
    """Rebuild a document from its JSON object (the inverse of :func:`document_to_dict`)."""
    published = obj.get("published")
    return Document(
        id=obj["id"],
        raw=obj["raw"],
        text=obj["text"],
        offsets=OffsetMap(obj["offset_map"]["text"], obj["offset_map"]["raw"]),
        source=obj.get("source"),
        url=obj.get("url"),
        title=obj.get("title"),
        published=datetime.fromisoformat(published) if published else None,
        tags=tuple(obj.get("tags", ())),
        raw_offset=obj.get("raw_offset", 0),
        origin=obj.get("origin"),
        language=LanguageCheck(**obj["language"]) if obj.get("language") else None,
        removed=tuple(Removed(**r) for r in obj.get("removed", ())),
        corrections=tuple(Correction(**c) for c in obj.get("corrections", ())),
        paragraphs=tuple(Paragraph(_span(p), p["role"]) for p in obj.get("paragraphs", ())),
        sentences=tuple(_span(s) for s in obj.get("sentences", ())),
        tokens=tuple(_span(t) for t in obj.get("tokens", ())),
        entities=tuple(
            Entity(_span(e), e["label"], e.get("canonical")) for e in obj.get("entities", ())
        ),
        people=tuple(
            Person(
                p["name"],
                tuple(p["titles"]),
                p["role"],
                p["country"],
                p.get("organization"),
                tuple(_span(m) for m in p["mentions"]),
            )
            for p in obj.get("people", ())
        ),
        quotes=tuple(
            Quote(
                content=_span(q["content"]),
                kind=q["kind"],
                cue=_span(q["cue"]) if q.get("cue") else None,
                speaker=q.get("speaker_index"),
                speaker_mention=_span(q["speaker_mention"]) if q.get("speaker_mention") else None,
                speaker_name=q["speaker"]
                if q.get("speaker_index") is None
                or obj["people"][q["speaker_index"]]["name"] is None
                else None,
                repeated_by=tuple(_span(r) for r in q.get("repeated_by", ())),
            )
            for q in obj.get("quotes", ())
        ),
        attributions=tuple(
            Attribution(_span(a), a["source"], a.get("relation", "report"), a.get("chain", 0))
            for a in obj.get("attributions", ())
        ),
        events=tuple(
            Event(
                type=e["type"],
                trigger=_span(e["trigger"]),
                participants=tuple(e.get("participant_refs", e["participants"])),
                where=e.get("where"),
                when=_time_from_dict(e["when"]) if e.get("when") else None,
            )
            for e in obj.get("events", ())
        ),
        times=tuple(_time_from_dict(t) for t in obj.get("times", ())),
        keywords=tuple(obj.get("keywords", ())),
        summary=tuple(_span(s) for s in obj.get("summary", ())),
        cluster=Cluster(**obj["cluster"]) if obj.get("cluster") else None,
        rejection=Rejection(**obj["rejection"]) if obj.get("rejection") else None,
    )


def dumps(doc: Document) -> str:
    """One document as a line of JSON (UTF-8 text, Persian unescaped)."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False)


@cache
def json_schema() -> JSON:
    """The JSON Schema of the ``--format json`` output, shipped inside the package."""
    text = resources.files("khabar.schema").joinpath("document.schema.json").read_text("utf-8")
    schema: JSON = json.loads(text)
    return schema
