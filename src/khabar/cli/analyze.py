"""``khabar analyze``: analyze pages and print a readable report, JSON or JSONL."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.options import Digits, EntitiesOption, EntityTagger, JobsOption
from khabar.cli.progress import progress
from khabar.cli.report import render_report
from khabar.dates import parse_publication_date
from khabar.errors import ConfigError
from khabar.model import Document
from khabar.normalize import NormalizeConfig
from khabar.pipeline import AnalyzeConfig, Pipeline
from khabar.readers import read_paths, read_stream
from khabar.serialize import SCHEMA_VERSION, document_to_dict


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories to analyze; - reads standard input.")
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="text (a readable report), json or jsonl."),
    ] = OutputFormat.text,
    digits: Annotated[Digits, typer.Option(help="Write digits in this script.")] = Digits.persian,
    split: Annotated[
        bool, typer.Option("--split/--no-split", help="Cut pages into stories at headlines.")
    ] = True,
    jobs: JobsOption = 1,
    entities: EntitiesOption = EntityTagger.crf,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date of inputs that carry none: ISO (2023-11-08, 2023-11-08T09:30+03:30)"
            " or Jalali (1402-08-17). Relative dates (دیروز, سه\u200cشنبه) are resolved against it.",
        ),
    ] = None,
) -> None:
    """Analyze Persian news pages: normalize, segment and find who said what."""
    moment = None
    if published is not None:
        try:
            moment = parse_publication_date(published)
        except ConfigError as exc:
            print(f"khabar: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
    config = AnalyzeConfig(
        normalize=NormalizeConfig(digits=digits.value),
        entities=entities.kind,
    )
    try:
        pipeline = Pipeline(config=config)
    except ConfigError as exc:
        print(f"khabar: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    docs = _inputs(paths, split)
    if moment is not None:
        docs = (d if d.published else dataclasses.replace(d, published=moment) for d in docs)
    results = progress(pipeline.pipe(docs, n_process=jobs, on_error="reject"), label="analyzing")
    rejected: list[Document] = []
    out = sys.stdout
    if output_format is OutputFormat.json:
        out.write('{"schema_version": ' + json.dumps(SCHEMA_VERSION) + ', "documents": [')
    first = True
    for doc in results:
        if doc.rejection is not None:
            rejected.append(doc)
        if output_format is OutputFormat.text:
            if doc.rejection is None:
                render_report(doc, out)
            continue
        line = json.dumps(document_to_dict(doc), ensure_ascii=False)
        if output_format is OutputFormat.json:
            out.write(("\n" if first else ",\n") + line)
        else:
            out.write(line + "\n")
        first = False
    if output_format is OutputFormat.json:
        out.write("\n]}\n")
    out.flush()
    for doc in rejected:
        assert doc.rejection is not None
        print(f"khabar: {doc.origin or doc.id}: {doc.rejection.message}", file=sys.stderr)
    if rejected:
        print(f"khabar: {len(rejected)} input(s) rejected", file=sys.stderr)
        raise typer.Exit(1)


def _inputs(paths: list[str], split: bool) -> Iterator[Document]:
    for name in paths:
        if name == "-":
            yield from read_stream(sys.stdin.buffer, split_stories=split)
        else:
            yield from read_paths([Path(name)], split_stories=split)
