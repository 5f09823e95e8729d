"""The corpus database: idempotent writes, the record kept whole, clear errors on bad files."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from corpus_helpers import STORY_GLUED, STORY_WITH_ZWNJ, analyzed, meeting_story, utc

from khabar.corpus.record import prepare
from khabar.corpus.store import Store
from khabar.errors import InputError
from khabar.serialize import document_to_dict


def test_store_adding_the_same_document_twice_adds_nothing(tmp_path: Path) -> None:
    doc = analyzed(STORY_WITH_ZWNJ, "a", source="آفتاب")
    with Store(tmp_path / "k.db") as store:
        assert store.add([prepare(doc), prepare(doc)]) == 1
        assert store.add([prepare(doc)]) == 0
        assert store.count() == 1


def test_store_same_text_from_another_outlet_is_another_document(tmp_path: Path) -> None:
    first = analyzed(STORY_GLUED, "a", source="آفتاب")
    second = dataclasses.replace(first, source="کویر")
    with Store(tmp_path / "k.db") as store:
        assert store.add([prepare(first), prepare(second)]) == 2


def test_store_keeps_the_whole_record_and_gives_it_back(tmp_path: Path) -> None:
    doc = meeting_story()
    with Store(tmp_path / "k.db") as store:
        store.add([prepare(doc)])
        store.recluster()
        [stored] = store.documents()
        back = stored.document()
    assert back.cluster is not None and back.cluster.earliest and back.cluster.size == 1
    expected = document_to_dict(dataclasses.replace(doc, cluster=back.cluster))
    assert document_to_dict(back) == expected
    assert back.quotes == doc.quotes and back.events == doc.events and back.people == doc.people


def test_store_fills_the_structured_tables_from_the_document(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store:
        store.add([prepare(meeting_story())])
        sql = store.connection.execute
        assert sql("SELECT name, role FROM people ORDER BY position").fetchall() == [
            ("سید کامران نیک‌اندیش", "وزیر صنعت"),
            ("ماهیار دلاوری", "سفیر"),
        ]
        assert sql("SELECT speaker, kind FROM quotes ORDER BY position").fetchall() == [
            ("سید کامران نیک‌اندیش", "direct"),
            ("ماهیار دلاوری", "indirect"),
        ]
        assert sql("SELECT type, participants, place, time FROM events").fetchall() == [
            ("meeting", '["سید کامران نیک‌اندیش", "ماهیار دلاوری"]', "تهران", "2023-05-06")
        ]
        assert sql("SELECT label, count(*) FROM entities GROUP BY label").fetchall() == [
            ("LOC", 2),
            ("PER", 1),
        ]


def test_store_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    good = prepare(analyzed(STORY_GLUED, "a", published=utc(2023, 1, 1)))
    broken = dataclasses.replace(good, key="other", people=((0, "x"),))  # wrong width: fails
    with Store(tmp_path / "k.db") as store:
        with pytest.raises(sqlite3.Error):
            store.add([good, broken])
        assert store.count() == 0
        assert store.connection.execute("SELECT count(*) FROM signatures").fetchone() == (0,)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("این یک پایگاه داده نیست" * 100, "utf-8")
    with pytest.raises(InputError, match="not a khabar database"):
        Store(bogus)


def test_store_refuses_another_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    Store(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(InputError, match="schema version 99"):
        Store(path)


def test_store_reading_a_missing_database_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="khabar ingest"):
        Store(tmp_path / "missing.db", create=False)
