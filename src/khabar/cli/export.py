"""``khabar export``: write the corpus as JSONL, CSV or Parquet."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.database import DbOption, open_store
from khabar.corpus.export import export as export_corpus
from khabar.corpus.store import DEFAULT_DB
from khabar.errors import ConfigError


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def export(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl (whole records), csv or parquet.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export every document of the corpus."""
    with open_store(db) as store:
        if output is None:
            if output_format is ExportFormat.parquet and sys.stdout.isatty():
                raise ConfigError("Parquet is binary: give --output FILE or redirect the output")
            export_corpus(store, output_format.value, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        with output.open("wb") as out:
            export_corpus(store, output_format.value, out)
