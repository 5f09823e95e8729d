"""Export the corpus: JSONL (the whole record of each document), CSV or Parquet (one row each).

JSONL lines are :func:`khabar.serialize.document_to_dict` records with their story cluster. CSV and
Parquet rows hold the columns of :data:`COLUMNS`; Parquet adds the whole record as a JSON string
column, ``record``. Parquet needs pyarrow, installed with ``pip install 'khabar[parquet]'``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any, Literal

from khabar.corpus.store import Store, StoredDocument
from khabar.errors import ConfigError

__all__ = ["COLUMNS", "ExportFormat", "export"]

ExportFormat = Literal["jsonl", "csv", "parquet"]
COLUMNS = (
    "key",
    "id",
    "source",
    "url",
    "title",
    "published",
    "cluster",
    "earliest",
    "cluster_size",
    "people",
    "quotes",
    "events",
    "text",
)
PARQUET_BATCH = 1000


def _row(stored: StoredDocument, record: dict[str, Any]) -> dict[str, Any]:
    cluster = stored.cluster
    return {
        "key": stored.key,
        "id": stored.doc_id,
        "source": stored.source,
        "url": stored.url,
        "title": stored.title,
        "published": stored.published,
        "cluster": cluster.id if cluster else None,
        "earliest": cluster.earliest if cluster else None,
        "cluster_size": cluster.size if cluster else None,
        "people": len(record.get("people") or ()),
        "quotes": len(record.get("quotes") or ()),
        "events": len(record.get("events") or ()),
        "text": record.get("text"),
    }


def _records(store: Store) -> Iterator[tuple[StoredDocument, dict[str, Any]]]:
    for stored in store.documents():
        yield stored, stored.record()


def export(store: Store, fmt: ExportFormat, out: IO[bytes]) -> int:
    """Write every document of ``store`` to ``out`` in ``fmt``; returns how many were written."""
    if fmt == "jsonl":
        count = 0
        for _stored, record in _records(store):
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1
        return count
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        count = 0
        for stored in store.documents():  # the counts and text need no spans rebuilt
            writer.writerow(_row(stored, stored.stored_data()))
            count += 1
        text.flush()
        text.detach()
        return count
    if fmt == "parquet":
        return _export_parquet(store, out)
    raise ConfigError(f"unknown export format {fmt!r}: use jsonl, csv or parquet")


def _export_parquet(store: Store, out: IO[bytes]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("Parquet export needs pyarrow: pip install 'khabar[parquet]'") from None
    schema = pa.schema(
        [
            ("key", pa.string()),
            ("id", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", pa.string()),
            ("cluster", pa.string()),
            ("earliest", pa.bool_()),
            ("cluster_size", pa.int32()),
            ("people", pa.int32()),
            ("quotes", pa.int32()),
            ("events", pa.int32()),
            ("text", pa.string()),
            ("record", pa.string()),
        ]
    )
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for stored, record in _records(store):
            batch.append({**_row(stored, record), "record": json.dumps(record, ensure_ascii=False)})
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
