"""``khabar quotes``, ``khabar people`` and ``khabar meetings``: structured questions."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

import typer

from khabar.cli.database import DbOption, JsonOption, open_store
from khabar.corpus import questions
from khabar.corpus.store import DEFAULT_DB

Row = TypeVar("Row")
AllCopies = Annotated[
    bool, typer.Option("--all-copies", help="List every copy of a story, not only the earliest.")
]


def _emit(
    rows: Sequence[Row], as_json: bool, lines: Callable[[Row], list[str]], nothing: str
) -> None:
    """The rows as JSON, or as readable lines (``nothing`` when there are none)."""
    if as_json:
        records = [dataclasses.asdict(row) for row in rows]  # type: ignore[call-overload]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for row in rows:
        for line in lines(row):
            typer.echo(line)
    if not rows:
        typer.echo(nothing)


def _where(title: str | None, source: str | None, published: str | None) -> str:
    parts = [p for p in (source, (published or "")[:10], title) if p]
    return " · ".join(parts)


def quotes(
    speaker: Annotated[str | None, typer.Option(help="Whose statements (any spelling).")] = None,
    db: DbOption = DEFAULT_DB,
    all_copies: AllCopies = False,
    as_json: JsonOption = False,
) -> None:
    """Statements in the corpus, by speaker, oldest first."""
    with open_store(db) as store:
        rows = questions.quotes(store, speaker, all_copies=all_copies)
    _emit(
        rows,
        as_json,
        lambda row: [
            f"{row.speaker or '?'} ({row.kind}): «{row.content}»",
            f"    {_where(row.title, row.source, row.published)}",
        ],
        "no statements found",
    )


def people(
    name: Annotated[str | None, typer.Option(help="Only people whose name holds this.")] = None,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """The people of the corpus, the most often reported first."""
    with open_store(db) as store:
        rows = questions.people(store, name)

    def lines(row: questions.PersonRow) -> list[str]:
        roles = f" ({'، '.join(row.roles)})" if row.roles else ""
        return [f"{row.name}{roles}: {row.documents} document(s), {row.mentions} mention(s)"]

    _emit(rows, as_json, lines, "no people found")


def meetings(
    with_: Annotated[
        str | None, typer.Option("--with", help="Only events with this participant.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    all_copies: AllCopies = False,
    as_json: JsonOption = False,
) -> None:
    """Meetings, visits, calls and other events, with their participants."""
    with open_store(db) as store:
        rows = questions.meetings(store, with_, all_copies=all_copies)

    def lines(row: questions.MeetingRow) -> list[str]:
        when = f" {row.time}" if row.time else ""
        place = f" in {row.place}" if row.place else ""
        return [
            f"{row.type}{when}{place}: {'، '.join(row.participants)}",
            f"    {_where(row.title, row.source, row.published)}",
        ]

    _emit(rows, as_json, lines, "no events found")
