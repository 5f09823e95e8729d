"""The ``--db`` option every corpus command takes, and opening the database it names."""

from __future__ import annotations

from typing import Annotated

import typer

from khabar.corpus.store import DEFAULT_DB, Store

DbOption = Annotated[
    str, typer.Option("--db", help="The corpus database (one SQLite file).", show_default=True)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON instead of a readable list.")]


def open_store(path: str = DEFAULT_DB, *, create: bool = False) -> Store:
    """The corpus at ``path``; reading commands refuse a database that does not exist."""
    return Store(path, create=create)
