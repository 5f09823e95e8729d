"""Structured questions over the corpus: who said what, who is mentioned, who met whom.

Names match in any spelling (letters, digits, ZWNJ and spacing folded, see
:func:`khabar.corpus.record.name_key`) and as a part of the stored name: «احمدی» finds
«سید علی احمدی». By default only the earliest copy of each story counts, so that a statement
reported by five outlets is listed once; ``all_copies=True`` lists every copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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


def people(store: Store, name: str | None = None) -> list[PersonRow]:
    """The people of the corpus (those matching ``name``), the most often reported first."""
    rows = store.connection.execute(
        "SELECT p.name_key, p.name, p.role, p.doc, p.mentions FROM people p"
        " WHERE p.name_key LIKE ? AND p.name_key != ''",
        (f"%{name_key(name)}%",),
    ).fetchall()
    grouped: dict[str, dict[str, object]] = {}
    for key, written, role, doc, mentions in rows:
        entry = grouped.setdefault(key, {"names": {}, "roles": {}, "docs": set(), "mentions": 0})
        names: dict[str, int] = entry["names"]  # type: ignore[assignment]
        roles: dict[str, int] = entry["roles"]  # type: ignore[assignment]
        if written:
            names[written] = names.get(written, 0) + 1
        if role:
            roles[role] = roles.get(role, 0) + 1
        entry["docs"].add(doc)  # type: ignore[attr-defined]
        entry["mentions"] = int(entry["mentions"]) + int(mentions)  # type: ignore[call-overload]
    result = []
    for entry in grouped.values():
        names = entry["names"]  # type: ignore[assignment]
        roles = entry["roles"]  # type: ignore[assignment]
        shown = max(names, key=lambda n: names[n]) if names else max(roles, key=lambda r: roles[r])
        result.append(
            PersonRow(
                name=shown,
                roles=tuple(sorted(roles, key=lambda r: -roles[r])),
                documents=len(entry["docs"]),  # type: ignore[arg-type]
                mentions=int(entry["mentions"]),  # type: ignore[call-overload]
            )
        )
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
