"""Ingest: read inputs, analyze them over N processes, store them in batches, group the copies.

Needs: paths (files, directories), feed files and URLs; an open :class:`~khabar.corpus.Store`.
Adds: one stored document per story not stored before, then the story clusters of the corpus.
Stays true: ingesting the same inputs twice adds nothing (documents are keyed by content hash, and
an input already stored is not even analyzed again); a killed ingest loses at most the batch it
was writing, and the next run stores exactly what is missing (each batch is one transaction).

The worker processes do everything that does not touch the database: the analysis and the stored
form of each document (JSON record, search key, MinHash signature); the parent process only writes.
Inputs are read a window of documents at a time, so an archive of any size is ingested in bounded
memory.

>>> import tempfile, pathlib
>>> from khabar.corpus.store import Store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("وزیر نیرو روز شنبه از سد کرج بازدید کرد.", "utf-8")
>>> with Store(":memory:") as store:
...     first, second = ingest([str(folder)], store), ingest([str(folder)], store)
>>> (first.added, second.added, second.already_stored)
(1, 0, 1)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.corpus.dedup import DedupConfig
from khabar.corpus.dedup import load as load_dedup
from khabar.corpus.feeds import (
    FEED_SUFFIXES,
    is_url,
    looks_like_feed,
    make_client,
    read_feed,
    read_url,
)
from khabar.corpus.record import PreparedRecord, prepare, raw_key
from khabar.corpus.store import Store
from khabar.errors import ConfigError
from khabar.model import Document
from khabar.parallel import process_map
from khabar.pipeline import Pipeline
from khabar.readers import SUFFIXES, iter_files, read_paths, read_stream, rejected

if TYPE_CHECKING:
    import httpx

__all__ = ["IngestReport", "ingest", "read_inputs"]

BATCH_SIZE = 64  # documents per transaction
BATCH_SECONDS = 2.0  # and at most this long between commits
WINDOW = 2000  # documents read, checked against the store and analyzed together


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, and where its time went (seconds, summed over the workers)."""

    read: int = 0
    added: int = 0
    already_stored: int = 0
    rejected: list[Document] = field(default_factory=list)
    analyze_seconds: float = 0.0
    prepare_seconds: float = 0.0
    store_seconds: float = 0.0
    cluster_seconds: float = 0.0
    wall_seconds: float = 0.0


def _read_file(path: Path, client: httpx.Client | None) -> Iterator[Document]:
    if path.suffix.lower() in FEED_SUFFIXES or path.suffix.lower() not in SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield rejected(str(path), "unreadable", exc.strerror or str(exc))
            return
        if path.suffix.lower() in FEED_SUFFIXES or looks_like_feed(data):
            yield from read_feed(data, str(path), client=client)
            return
    yield from read_paths([path])


def read_inputs(names: Iterable[str], *, follow_links: bool = False) -> Iterator[Document]:
    """The unanalyzed documents of every input, lazily: paths, directories, feed files, URLs,
    ``-`` (the ingest takes them a window at a time)."""
    client: httpx.Client | None = None
    try:
        for name in names:
            if name == "-":
                yield from read_stream(sys.stdin.buffer)
                continue
            if is_url(name):
                client = client or make_client()
                yield from read_url(name, client, follow_links=follow_links)
                continue
            if follow_links:
                client = client or make_client()
            for path in iter_files([Path(name)], SUFFIXES | FEED_SUFFIXES):
                yield from _read_file(path, client)
    finally:
        if client is not None:
            client.close()


# -- the work of one document, in a worker process -----------------------------------------------

WorkResult = tuple[PreparedRecord | Document, float, float]


def _windows(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``docs`` in lists of ``size`` (the last one shorter)."""
    window: list[Document] = []
    for doc in docs:
        window.append(doc)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window


def _work(pipeline: Pipeline, doc: Document) -> WorkResult:
    """Analyze and prepare one document: (the record, or the rejected document; timings)."""
    started = time.perf_counter()
    # a stage's bug on one document rejects it (reason "failed"); the rest of the batch goes on
    analyzed = pipeline.run_or_reject(doc)
    analyzed_at = time.perf_counter()
    if analyzed.rejection is not None:
        return analyzed, analyzed_at - started, 0.0
    record = prepare(analyzed)
    return record, analyzed_at - started, time.perf_counter() - analyzed_at


def ingest(
    names: Iterable[str],
    store: Store,
    *,
    jobs: int = 1,
    pipeline: Pipeline | None = None,
    dedup: DedupConfig | None = None,
    follow_links: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Iterator[WorkResult]], Iterator[WorkResult]] | None = None,
    window: int = WINDOW,
) -> IngestReport:
    """Ingest every input named into ``store`` (see the module docstring)."""
    if jobs < 1 or batch_size < 1 or window < 1:
        raise ConfigError(
            f"jobs, batch size and window must be at least 1, got {jobs}, {batch_size}, {window}"
        )
    load_dedup()  # before the workers fork, so that none imports it again
    started = time.perf_counter()
    report = IngestReport()
    seen: set[str] = set()
    chosen = pipeline or Pipeline()
    if jobs > 1:  # load the models here, once, before the workers fork: they inherit them
        chosen.warm_up()

    def fresh_documents(docs: list[Document]) -> list[Document]:
        """The documents of one window not stored before (nor earlier in this run)."""
        candidates: list[tuple[str, Document]] = []
        for doc in docs:
            report.read += 1
            if doc.rejection is not None:
                report.rejected.append(doc)
            else:
                candidates.append((raw_key(doc), doc))
        stored = store.stored_raw_keys(key for key, _ in candidates)
        fresh = []
        for key, doc in candidates:
            if key in stored or key in seen:
                report.already_stored += 1
            else:
                seen.add(key)
                fresh.append(doc)
        return fresh

    def analyzed() -> Iterator[WorkResult]:
        with process_map(partial(_work, chosen), n_process=jobs) as mapped:
            for docs in _windows(read_inputs(names, follow_links=follow_links), window):
                fresh = fresh_documents(docs)
                yield from mapped(fresh, max(1, min(16, len(fresh) // (jobs * 4) or 1)))

    results: Iterator[WorkResult] = analyzed()
    if progress is not None:
        results = progress(results)
    batch: list[PreparedRecord] = []
    last_commit = time.perf_counter()

    def flush() -> None:
        nonlocal last_commit
        before = time.perf_counter()
        added = store.add(batch)
        report.added += added
        report.already_stored += len(batch) - added
        batch.clear()
        last_commit = time.perf_counter()
        report.store_seconds += last_commit - before

    for result, analyze_seconds, prepare_seconds in results:
        report.analyze_seconds += analyze_seconds
        report.prepare_seconds += prepare_seconds
        if isinstance(result, Document):
            report.rejected.append(result)
            continue
        batch.append(result)
        if len(batch) >= batch_size or time.perf_counter() - last_commit > BATCH_SECONDS:
            flush()
    if batch:
        flush()
    before = time.perf_counter()
    if store.needs_clustering(dedup):
        store.cluster(dedup)
    report.cluster_seconds = time.perf_counter() - before
    report.wall_seconds = time.perf_counter() - started
    return report
