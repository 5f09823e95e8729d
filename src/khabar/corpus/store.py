"""The corpus database: one SQLite file (WAL journal) holding analyzed documents and their index.

Tables::

    meta        name → value: schema_version, dedup_threshold, band_layout, banded (how many
                documents the band index holds)
    documents   one row per document, keyed by the content hash of its source and normalized text;
                columns for filtering (source, published, ...), its story cluster, its
                normalized text (for snippets) and the whole analyzed record
                (khabar.serialize.document_to_dict), both zlib-compressed
    signatures  the MinHash signature of each document (near-duplicate detection)
    bands       the LSH band keys of each signature, so that a new document finds its candidate
                copies without the whole LSH being rebuilt (khabar.corpus.dedup.band_keys)
    people, quotes, events, entities
                one row per item of each document, for the structured questions
    search      the FTS5 index of the search key (khabar.corpus.searchkey), contentless

Every batch of documents is written in one transaction, so a crash (even ``kill -9``) leaves the
database as it was after the last complete batch; a document already stored is ignored, so writing
the same batch twice adds nothing.

>>> store = Store(":memory:")
>>> store.count()
0
>>> store.close()
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from khabar.corpus.dedup import (
    DEFAULT_THRESHOLD,
    DedupConfig,
    Member,
    band_keys,
    band_layout,
    find_clusters,
    similarity,
)
from khabar.corpus.record import (
    PreparedRecord,
    document_from_bytes,
    record_from_bytes,
    stored_data,
)
from khabar.errors import InputError
from khabar.model import Cluster, Document
from khabar.serialize import cluster_to_dict

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "StoredDocument"]

DEFAULT_DB = "khabar.db"
SCHEMA_VERSION = "1"

# Kept since schema 1 without a version change: a store that lacks it gets it at its next
# clustering, which then recomputes every cluster once.
_BANDS_TABLE = (
    "CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, doc INTEGER NOT NULL,"
    " PRIMARY KEY (key, doc)) WITHOUT ROWID"
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    raw_key TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    ingested TEXT NOT NULL,
    cluster TEXT,
    earliest INTEGER NOT NULL DEFAULT 1,
    cluster_size INTEGER NOT NULL DEFAULT 1,
    text BLOB NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_raw_key ON documents (raw_key);
CREATE INDEX IF NOT EXISTS documents_published ON documents (published);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
CREATE INDEX IF NOT EXISTS documents_cluster ON documents (cluster);
CREATE TABLE IF NOT EXISTS signatures (doc INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS people (
    doc INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT, name_key TEXT NOT NULL,
    role TEXT, titles TEXT NOT NULL, country TEXT, organization TEXT, mentions INTEGER NOT NULL,
    PRIMARY KEY (doc, position)
);
CREATE INDEX IF NOT EXISTS people_name_key ON people (name_key);
CREATE TABLE IF NOT EXISTS quotes (
    doc INTEGER NOT NULL, position INTEGER NOT NULL, speaker TEXT, speaker_key TEXT NOT NULL,
    kind TEXT, content TEXT, cue TEXT,
    PRIMARY KEY (doc, position)
);
CREATE INDEX IF NOT EXISTS quotes_speaker_key ON quotes (speaker_key);
CREATE TABLE IF NOT EXISTS events (
    doc INTEGER NOT NULL, position INTEGER NOT NULL, type TEXT, trigger TEXT,
    participants TEXT NOT NULL, participant_keys TEXT NOT NULL, place TEXT, time TEXT,
    PRIMARY KEY (doc, position)
);
CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL, position INTEGER NOT NULL, label TEXT, text TEXT, canonical TEXT,
    key TEXT NOT NULL,
    PRIMARY KEY (doc, position)
);
CREATE INDEX IF NOT EXISTS entities_label ON entities (label, key);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (
    words, compounds, content='', tokenize='unicode61 remove_diacritics 0'
);
"""


class StoredDocument:
    """A row of ``documents``: its columns, and the analyzed document rebuilt on demand."""

    __slots__ = (
        "rowid",
        "key",
        "doc_id",
        "source",
        "url",
        "title",
        "published",
        "cluster",
        "_text",
        "_blob",
    )

    def __init__(self, row: Sequence[Any]) -> None:
        (
            self.rowid,
            self.key,
            self.doc_id,
            self.source,
            self.url,
            self.title,
            self.published,
            cluster,
            earliest,
            size,
            self._text,
            self._blob,
        ) = row
        self.cluster = Cluster(cluster, bool(earliest), size) if cluster else None

    def text(self) -> str:
        """The normalized text."""
        return zlib.decompress(self._text).decode("utf-8")

    def record(self) -> dict[str, Any]:
        """The stored JSON record (``khabar.serialize.document_to_dict``), cluster filled in."""
        data = record_from_bytes(self._blob)
        data["cluster"] = cluster_to_dict(self.cluster)
        return data

    def stored_data(self) -> dict[str, Any]:
        """The record as stored (no spans rebuilt): enough for its counts and text."""
        return stored_data(self._blob)

    def document(self) -> Document:
        """The analyzed document, with its current story cluster."""
        return replace(document_from_bytes(self._blob), cluster=self.cluster)


_DOCUMENT_COLUMNS = (
    "rowid, key, doc_id, source, url, title, published, cluster, earliest, cluster_size,"
    " text, record"
)


class Store:
    """An open corpus database. ``create=False`` refuses a file that does not exist yet."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            file = Path(self.path)
            if not create and not file.exists():
                raise InputError(self.path, "no such database (build one with `khabar ingest`)")
            if file.is_dir():
                raise InputError(self.path, "is a directory, not a database file")
            if create:
                try:
                    file.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise InputError(self.path, f"cannot create its folder ({exc})") from None
        try:
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.connection.execute("PRAGMA journal_mode=WAL")
            # WAL with synchronous=NORMAL survives a killed process; only a power cut may lose
            # the last transactions, never corrupt the file
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.OperationalError as exc:
            raise InputError(self.path, f"cannot open the database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path, f"not a khabar database ({exc})") from None

    def _migrate(self) -> None:
        connection = self.connection
        found = None
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
            found = self._meta("schema_version")
        if found is not None and found != SCHEMA_VERSION:
            raise InputError(
                self.path,
                f"database schema version {found}, this khabar reads version {SCHEMA_VERSION}; "
                "ingest the sources into a new database",
            )
        if found is None:
            with self.transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
                )

    # -- transactions -------------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """A write transaction: committed on success, rolled back on any error."""
        return _Transaction(self.connection)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def stored_raw_keys(self, raw_keys: Iterable[str]) -> set[str]:
        """Those of ``raw_keys`` whose input is already stored."""
        found: set[str] = set()
        for chunk in _chunks(list(raw_keys)):
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self.connection.execute(
                    f"SELECT raw_key FROM documents WHERE raw_key IN ({marks})", chunk
                )
            )
        return found

    def add(self, records: Sequence[PreparedRecord]) -> int:
        """Store ``records`` in one transaction; returns how many were new."""
        added = 0
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            execute = self.connection.execute
            layout = self._indexed_layout()
            for record in records:
                cursor = execute(
                    "INSERT OR IGNORE INTO documents (key, raw_key, text_hash, doc_id, source, url,"
                    " title, published, ingested, text, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        record.key,
                        record.raw_key,
                        record.text_hash,
                        record.doc_id,
                        record.source,
                        record.url,
                        record.title,
                        record.published,
                        now,
                        record.text,
                        record.record,
                    ),
                )
                if cursor.rowcount != 1:
                    continue
                rowid = cursor.lastrowid
                added += 1
                execute(
                    "INSERT INTO search (rowid, words, compounds) VALUES (?,?,?)",
                    (rowid, *record.search),
                )
                execute("INSERT INTO signatures VALUES (?,?)", (rowid, record.signature))
                if layout is not None:
                    self._index_bands([(rowid, record.signature)], layout)
                for table, rows, width in (
                    ("people", record.people, 8),
                    ("quotes", record.quotes, 6),
                    ("events", record.events, 7),
                    ("entities", record.entities, 5),
                ):
                    if rows:
                        marks = ",".join("?" * (width + 1))
                        self.connection.executemany(
                            f"INSERT INTO {table} VALUES ({marks})", [(rowid, *r) for r in rows]
                        )
            if layout is not None and added:
                execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE name = 'banded'",
                    (added,),
                )
        return added

    # -- story clusters -----------------------------------------------------------------------

    @property
    def dedup_threshold(self) -> float:
        value = self._meta("dedup_threshold")
        return float(value) if value is not None else DEFAULT_THRESHOLD

    def needs_clustering(self, config: DedupConfig | None = None) -> bool:
        """Whether a document has no cluster yet, or ``config`` changes the threshold."""
        if config is not None and config.threshold != self.dedup_threshold:
            return True
        return bool(
            self.connection.execute(
                "SELECT 1 FROM documents WHERE cluster IS NULL LIMIT 1"
            ).fetchone()
        )

    def cluster(self, config: DedupConfig | None = None) -> int:
        """Give the documents without a story cluster theirs; returns how many documents changed
        cluster. Only the clusters a new document may join are recomputed (their candidates come
        from the band index); the first time, or with another threshold, every cluster is
        (:meth:`recluster`). Either way the clusters are those a full recomputation gives."""
        config = config or DedupConfig(threshold=self.dedup_threshold)
        layout = band_layout(config.threshold)
        if (
            config.threshold != self.dedup_threshold
            or self._indexed_layout() != layout
            or self._meta("banded") != str(self.count())  # a document stored without its keys
        ):
            return self.recluster(config)
        rows = self._cluster_rows("d.cluster IS NULL")
        if not rows:
            return 0
        # the stored documents a new one is a copy of: sharing a band, and as similar as the
        # threshold asks (the check the full clustering makes of its LSH candidates)
        joined: set[str] = set()
        for row in rows:
            hashes = row[4]
            keys = band_keys(hashes, layout)
            marks = ",".join("?" * len(keys))
            for cluster, other in self.connection.execute(
                "SELECT d.cluster, s.hashes FROM documents d JOIN signatures s ON s.doc = d.rowid"
                f" WHERE d.rowid IN (SELECT doc FROM bands WHERE key IN ({marks}))"
                " AND d.cluster IS NOT NULL",
                keys,
            ):
                if cluster not in joined and similarity(hashes, other) >= config.threshold:
                    joined.add(cluster)
        # and their whole clusters: a new document that joins two clusters merges them
        for chunk in _chunks(sorted(joined)):
            rows += self._cluster_rows(f"d.cluster IN ({','.join('?' * len(chunk))})", chunk)
        return self._write_clusters(sorted(rows), config, rebuild_bands=False)

    def recluster(self, config: DedupConfig | None = None) -> int:
        """Recompute every story cluster and the band index; returns how many documents changed
        cluster."""
        config = config or DedupConfig(threshold=self.dedup_threshold)
        return self._write_clusters(self._cluster_rows(), config, rebuild_bands=True)

    def _cluster_rows(self, where: str = "1", values: Sequence[object] = ()) -> list[Any]:
        return self.connection.execute(
            "SELECT d.rowid, d.key, d.text_hash, d.published, s.hashes, d.cluster, d.earliest,"
            f" d.cluster_size FROM documents d JOIN signatures s ON s.doc = d.rowid WHERE {where}"
            " ORDER BY d.rowid",
            list(values),
        ).fetchall()

    def _write_clusters(
        self, rows: Sequence[Any], config: DedupConfig, *, rebuild_bands: bool
    ) -> int:
        """Cluster ``rows`` (whole clusters and new documents) and write what changed."""
        clusters = find_clusters([Member(*row[:5]) for row in rows], config)
        changes = [
            (cluster.id, int(cluster.earliest), cluster.size, row[0])
            for row in rows
            if (cluster := clusters[row[0]]) != (row[5], bool(row[6]), row[7])
        ]
        with self.transaction():
            self.connection.executemany(
                "UPDATE documents SET cluster = ?, earliest = ?, cluster_size = ? WHERE rowid = ?",
                changes,
            )
            self.connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('dedup_threshold', ?)",
                (repr(config.threshold),),
            )
            if rebuild_bands:
                layout = band_layout(config.threshold)
                self.connection.execute(_BANDS_TABLE)
                self.connection.execute("DELETE FROM bands")
                self._index_bands(((row[0], row[4]) for row in rows), layout)
                self.connection.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [("band_layout", f"{layout[0]} {layout[1]}"), ("banded", str(len(rows)))],
                )
        return len(changes)

    def _index_bands(
        self, signatures: Iterable[tuple[Any, bytes]], layout: tuple[int, int]
    ) -> None:
        """Add the band keys of ``(document rowid, signature)`` pairs to the band index."""
        self.connection.executemany(
            "INSERT OR IGNORE INTO bands VALUES (?,?)",
            (
                (key, rowid)
                for rowid, signature in signatures
                for key in band_keys(signature, layout)
            ),
        )

    def _indexed_layout(self) -> tuple[int, int] | None:
        """The band layout the stored documents are indexed under, if the index is kept."""
        value = self._meta("band_layout")
        if value is None:
            return None
        bands, rows = value.split()
        return int(bands), int(rows)

    def _meta(self, name: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many documents are stored."""
        count: int = self.connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        return count

    def documents(self, rowids: Sequence[int] | None = None) -> Iterator[StoredDocument]:
        """The stored documents (those of ``rowids``, in that order), else all in ingest order."""
        if rowids is None:
            cursor = self.connection.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY rowid"
            )
            yield from map(StoredDocument, cursor)
            return
        found: dict[int, StoredDocument] = {}
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            for row in self.connection.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE rowid IN ({marks})", chunk
            ):
                found[row[0]] = StoredDocument(row)
        yield from (found[rowid] for rowid in rowids if rowid in found)


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """``values`` in pieces small enough for one SQL ``IN (...)``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` when the block raises."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")
