"""``khabar ingest``: analyze files, directories, feeds and URLs into the corpus database."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from khabar.cli.database import DbOption, open_store
from khabar.cli.options import EntitiesOption, EntityTagger, JobsOption
from khabar.cli.progress import progress
from khabar.corpus.dedup import DedupConfig
from khabar.corpus.ingest import WorkResult
from khabar.corpus.ingest import ingest as ingest_corpus
from khabar.corpus.store import DEFAULT_DB
from khabar.errors import ConfigError
from khabar.pipeline import AnalyzeConfig, Pipeline


def _bar(results: Iterator[WorkResult]) -> Iterator[WorkResult]:
    return progress(results, label="ingesting")


def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, RSS/Atom feeds (files or URLs), page URLs; - reads stdin."
        ),
    ],
    db: DbOption = DEFAULT_DB,
    jobs: JobsOption = 1,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0.01, max=1.0, help="Similarity from which two documents are copies of one story."
        ),
    ] = None,
    follow_links: Annotated[
        bool, typer.Option(help="Fetch the page each feed entry links to, not only its summary.")
    ] = False,
    batch_size: Annotated[
        int, typer.Option(min=1, hidden=True, help="Documents written per transaction.")
    ] = 64,
    entities: EntitiesOption = EntityTagger.crf,
) -> None:
    """Analyze documents and store them in the corpus; copies of one story are grouped."""
    dedup = DedupConfig(threshold=threshold) if threshold is not None else None
    try:
        pipeline = Pipeline(config=AnalyzeConfig(entities=entities.kind))
    except ConfigError as exc:
        print(f"khabar: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    with open_store(db, create=True) as store:
        report = ingest_corpus(
            inputs,
            store,
            jobs=jobs,
            pipeline=pipeline,
            dedup=dedup,
            follow_links=follow_links,
            batch_size=batch_size,
            progress=_bar,
        )
        total = store.count()
        stories = store.connection.execute(
            "SELECT count(DISTINCT cluster) FROM documents"
        ).fetchone()[0]
    for doc in report.rejected:
        assert doc.rejection is not None
        print(f"khabar: {doc.id}: {doc.rejection.message}", file=sys.stderr)
    rate = report.added / report.wall_seconds if report.wall_seconds else 0.0
    print(
        f"khabar: {report.added} new document(s), {report.already_stored} already stored,"
        f" {len(report.rejected)} rejected ({rate:.1f} documents/s);"
        f" {db} holds {total} documents in {stories} stories",
        file=sys.stderr,
    )
    if report.rejected:
        raise typer.Exit(1)
