"""The corpus: many analyzed documents in one SQLite file, searchable, with copies grouped.

>>> import tempfile, pathlib
>>> from khabar.corpus import Filters, Store, ingest, search
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("رئیس‌جمهور روز شنبه از سد کرج بازدید کرد.", "utf-8")
>>> with Store(folder / "khabar.db") as store:
...     report = ingest([str(folder)], store)
...     [hit.doc_id for hit in search(store, "رئیسجمهور", Filters())]
['a']

Modules, one concept each: ``store`` (the database), ``record`` (what is stored of a document),
``searchkey`` (the spelling-free index form), ``search`` (queries, filters, snippets), ``ingest``
(reading, parallel analysis, batched writes), ``feeds`` (RSS/Atom and URLs), ``dedup`` (copies of
one story), ``questions`` (quotes, people, meetings), ``export`` (JSONL, CSV, Parquet), ``dates``
(Jalali and Gregorian days).
"""

from __future__ import annotations

from khabar.corpus.dedup import DedupConfig
from khabar.corpus.export import export
from khabar.corpus.ingest import IngestReport, ingest
from khabar.corpus.questions import meetings, people, quotes
from khabar.corpus.search import Filters, Hit, search
from khabar.corpus.store import DEFAULT_DB, Store

__all__ = [
    "DEFAULT_DB",
    "DedupConfig",
    "Filters",
    "Hit",
    "IngestReport",
    "Store",
    "export",
    "ingest",
    "meetings",
    "people",
    "quotes",
    "search",
]
