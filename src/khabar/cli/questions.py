"""``khabar quotes``, ``khabar people`` and ``khabar meetings``: structured questions."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from khabar.cli.database import DbOption, JsonOption, open_store
from khabar.corpus import questions
from khabar.corpus.store import DEFAULT_DB

AllCopies = Annotated[
    bool, typer.Option("--all-copies", help="List every copy of a story, not only the earliest.")
]


def _print_json(rows: Sequence[Any]) -> None:
    typer.echo(json.dumps([dataclasses.asdict(row) for row in rows], ensure_ascii=False, indent=2))


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
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        typer.echo(f"{row.speaker or '?'} ({row.kind}): «{row.content}»")
        typer.echo(f"    {_where(row.title, row.source, row.published)}")
    if not rows:
        typer.echo("no statements found")


def people(
    name: Annotated[str | None, typer.Option(help="Only people whose name holds this.")] = None,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """The people of the corpus, the most often reported first."""
    with open_store(db) as store:
        rows = questions.people(store, name)
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        roles = f" ({'، '.join(row.roles)})" if row.roles else ""
        typer.echo(f"{row.name}{roles}: {row.documents} document(s), {row.mentions} mention(s)")
    if not rows:
        typer.echo("no people found")


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
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        when = f" {row.time}" if row.time else ""
        place = f" in {row.place}" if row.place else ""
        typer.echo(f"{row.type}{when}{place}: {'، '.join(row.participants)}")
        typer.echo(f"    {_where(row.title, row.source, row.published)}")
    if not rows:
        typer.echo("no events found")
