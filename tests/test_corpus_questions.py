"""Structured questions (quotes, people, meetings) and export, through the command line."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
from pathlib import Path

import pytest
from corpus_helpers import STORY_GLUED, analyzed, meeting_story, utc
from typer.testing import CliRunner

from khabar.cli import app
from khabar.corpus.export import export
from khabar.corpus.record import prepare
from khabar.corpus.store import Store
from khabar.errors import ConfigError
from khabar.serialize import document_from_dict

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A corpus with the meeting story, a later copy of it from another outlet, and one other."""
    path = tmp_path / "k.db"
    original = meeting_story()
    copy = dataclasses.replace(
        original, id="meeting-copy", source="روزنامه کویر", published=utc(2023, 5, 7)
    )
    with Store(path) as store:
        store.add([prepare(copy), prepare(original), prepare(analyzed(STORY_GLUED, "other"))])
        store.recluster()
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_quotes_by_speaker_in_any_spelling_from_the_earliest_copy(db: Path) -> None:
    rows = json.loads(run("quotes", "--speaker", "نيك انديش", "--db", str(db), "--json"))
    assert [(r["speaker"], r["kind"], r["doc_id"]) for r in rows] == [
        ("سید کامران نیک‌اندیش", "direct", "meeting")
    ]
    assert rows[0]["content"] == "همکاری دو کشور در صنعت خودرو گسترش می‌یابد."
    every = json.loads(
        run("quotes", "--speaker", "نیک‌اندیش", "--all-copies", "--db", str(db), "--json")
    )
    assert sorted(r["doc_id"] for r in every) == ["meeting", "meeting-copy"]


def test_quotes_readable_list(db: Path) -> None:
    out = run("quotes", "--speaker", "دلاوری", "--db", str(db))
    assert "ماهیار دلاوری (indirect): «کشورش آماده سرمایه‌گذاری" in out


def test_people_counts_documents_and_mentions(db: Path) -> None:
    rows = json.loads(run("people", "--db", str(db), "--json"))
    assert rows[0] == {
        "name": "سید کامران نیک‌اندیش",
        "roles": ["وزیر صنعت"],
        "documents": 2,
        "mentions": 4,
    }
    names = [r["name"] for r in rows]
    # the other story's people are known only by office and are listed by it
    assert names[:2] == ["سید کامران نیک‌اندیش", "ماهیار دلاوری"]
    assert sorted(names[2:]) == sorted(["استاندار سمنان", "رئیس\u200cجمهور"])


def test_meetings_with_a_participant(db: Path) -> None:
    rows = json.loads(run("meetings", "--with", "دلاوري", "--db", str(db), "--json"))
    assert [(r["type"], r["participants"], r["place"], r["time"]) for r in rows] == [
        ("meeting", ["سید کامران نیک‌اندیش", "ماهیار دلاوری"], "تهران", "2023-05-06")
    ]
    assert json.loads(run("meetings", "--with", "کسی دیگر", "--db", str(db), "--json")) == []


def test_stories_lists_the_copies_earliest_first(db: Path) -> None:
    [story] = json.loads(run("stories", "--db", str(db), "--json"))
    assert [(c["id"], c["earliest"]) for c in story["copies"]] == [
        ("meeting", True),
        ("meeting-copy", False),
    ]


def test_export_jsonl_gives_back_every_whole_record(db: Path) -> None:
    lines = run("export", "--db", str(db)).splitlines()
    docs = [document_from_dict(json.loads(line)) for line in lines]
    assert [d.id for d in docs] == ["meeting-copy", "meeting", "other"]
    assert docs[1].quotes == meeting_story().quotes
    assert docs[0].cluster is not None and docs[0].cluster == dataclasses.replace(
        docs[1].cluster, earliest=False
    )


def test_export_csv_has_one_row_per_document(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.csv"
    run("export", "--format", "csv", "--output", str(out), "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [(r["id"], r["quotes"], r["earliest"]) for r in rows] == [
        ("meeting-copy", "2", "False"),
        ("meeting", "2", "True"),
        ("other", "0", "True"),
    ]


def test_export_parquet_reads_back(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "corpus.parquet"
    run("export", "--format", "parquet", "--output", str(out), "--db", str(db))
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["meeting-copy", "meeting", "other"]
    record = json.loads(table.column("record")[1].as_py())
    assert record["people"][0]["name"] == "سید کامران نیک‌اندیش"


def test_export_parquet_without_pyarrow_names_the_extra(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with Store(db) as store, pytest.raises(ConfigError, match=r"khabar\[parquet\]"):
        export(store, "parquet", io.BytesIO())
