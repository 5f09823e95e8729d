"""Structured questions over the corpus: who said what, who is mentioned, who met whom.

Names match in any spelling (letters, digits, ZWNJ and spacing folded, see
:func:`khabar.corpus.record.name_key`) and as a part of the stored name: «احمدی» finds
«سید علی احمدی». By default only the earliest copy of each story counts, so that a statement
reported by five outlets is listed once; ``all_copies=True`` lists every copy.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from khabar.corpus.record import name_key
from khabar.corpus.store import Store

__all__ = ["MeetingRow", "PersonRow", "QuoteRow", "meetings", "people", "quotes"]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A statement, its speaker and the document it was found in."""

    speaker: str | None
    kind: str | None
    content: str | None
    cue: str | None
    doc_id: str
    title: str | None
    source: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person of the corpus: the name most often written, roles, and where they appear."""

    name: str
    roles: tuple[str, ...]
    documents: int
    mentions: int


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting, visit, call or other event and its participants."""

    type: str | None
    participants: tuple[str, ...]
    place: str | None
    time: str | None
    doc_id: str
    title: str | None
    source: str | None
    published: str | None


def _copies(all_copies: bool) -> str:
    return "" if all_copies else " AND d.earliest = 1"


def quotes(store: Store, speaker: str | None = None, *, all_copies: bool = False) -> list[QuoteRow]:
    """The statements of ``speaker`` (of everyone when ``None``), oldest first."""
    rows = store.connection.execute(
        "SELECT q.speaker, q.kind, q.content, q.cue, d.doc_id, d.title, d.source, d.published"
        " FROM quotes q JOIN documents d ON d.rowid = q.doc WHERE q.speaker_key LIKE ?"
        f"{_copies(all_copies)} ORDER BY d.published IS NULL, d.published, d.rowid, q.position",
        (f"%{name_key(speaker)}%",),
    )
    return [QuoteRow(*row) for row in rows]


@dataclass(slots=True)
class _PersonTally:
    names: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    documents: set[int] = field(default_factory=set)
    mentions: int = 0


def people(store: Store, name: str | None = None) -> list[PersonRow]:
    """The people of the corpus (those matching ``name``), the most often reported first.

    One person is one folded name (or office, for a person known only by it).
    """
    rows = store.connection.execute(
        "SELECT p.name_key, p.name, p.role, p.doc, p.mentions FROM people p"
        " WHERE p.name_key LIKE ? AND p.name_key != ''",
        (f"%{name_key(name)}%",),
    )
    tallies: dict[str, _PersonTally] = {}
    for key, written, role, doc, mentions in rows:
        tally = tallies.setdefault(key, _PersonTally())
        if written:
            tally.names[written] += 1
        if role:
            tally.roles[role] += 1
        tally.documents.add(doc)
        tally.mentions += mentions
    result = [
        PersonRow(
            name=(tally.names or tally.roles).most_common(1)[0][0],
            roles=tuple(role for role, _count in tally.roles.most_common()),
            documents=len(tally.documents),
            mentions=tally.mentions,
        )
        for tally in tallies.values()
    ]
    result.sort(key=lambda row: (-row.documents, -row.mentions, row.name))
    return result


def meetings(
    store: Store, participant: str | None = None, *, all_copies: bool = False
) -> list[MeetingRow]:
    """The events with ``participant`` among their participants (all events when ``None``)."""
    rows = store.connection.execute(
        "SELECT e.type, e.participants, e.place, e.time, d.doc_id, d.title, d.source, d.published"
        " FROM events e JOIN documents d ON d.rowid = e.doc WHERE e.participant_keys LIKE ?"
        f"{_copies(all_copies)} ORDER BY coalesce(e.time, d.published) IS NULL,"
        " coalesce(e.time, d.published), d.rowid, e.position",
        (f"%{name_key(participant)}%",),
    )
    return [
        MeetingRow(kind, tuple(json.loads(names)), place, time, *rest)
        for kind, names, place, time, *rest in rows
    ]
