"""Ingest: directories with a broken file, idempotency, a killed run resumed, feeds and URLs."""

from __future__ import annotations

import http.server
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_helpers import STORY_GLUED, STORY_OTHER, STORY_WITH_ZWNJ, many_stories, write_jsonl
from typer.testing import CliRunner

from khabar.cli import app
from khabar.corpus.ingest import ingest
from khabar.corpus.store import Store

runner = CliRunner()

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خبرگزاری آفتاب</title><link>http://127.0.0.1/</link>
<item><title>بازدید از طرح آبرسانی</title><link>{base}/news/1</link>
<pubDate>Sat, 25 Mar 2023 08:30:00 GMT</pubDate><category>استانی</category>
<description>&lt;p&gt;{first}&lt;/p&gt;</description></item>
<item><title>راه‌آهن شرق</title><link>{base}/news/2</link>
<pubDate>Thu, 01 Jun 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{second}&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ورزش امروز</title>
<entry><title>پیروزی نفت آبادان</title><id>tag:example,2023:1</id>
<updated>2023-07-01T12:00:00Z</updated><link href="http://127.0.0.1/sport/1"/>
<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry></feed>"""


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def count(db: Path) -> int:
    with Store(db) as store:
        return store.count()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text(STORY_WITH_ZWNJ, "utf-8")
    (news / "sub" / "b.txt").write_text(STORY_GLUED, "utf-8")
    write_jsonl(news / "more.jsonl", [STORY_OTHER])
    return news


def test_ingest_directory_with_a_broken_file_reports_it_and_stores_the_rest(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "broken.json").write_text('{"title": "خبر", "paragraphs": [', "utf-8")
    db = tmp_path / "k.db"
    code, _out, err = cli("ingest", str(folder), "--db", str(db))
    assert code == 1
    problems = [line for line in err.splitlines() if "broken.json" in line]
    assert len(problems) == 1 and "not valid JSON" in problems[0]
    assert "Traceback" not in err
    assert count(db) == 3


def test_ingest_twice_adds_nothing(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    assert cli("ingest", str(folder), "--db", str(db))[0] == 0
    code, _out, err = cli("ingest", str(folder), str(folder / "a.txt"), "--db", str(db))
    assert code == 0
    assert "0 new document(s), 4 already stored" in err
    assert count(db) == 3


def test_ingest_in_parallel_stores_what_one_process_stores(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "many.jsonl", many_stories(40))
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        ingest([str(source)], one, jobs=1)
        ingest([str(source)], two, jobs=2)
        keys = "SELECT key FROM documents ORDER BY rowid"
        assert one.connection.execute(keys).fetchall() == two.connection.execute(keys).fetchall()
        assert one.count() == 40


def test_ingest_in_windows_stores_what_one_window_stores(tmp_path: Path) -> None:
    # inputs are read a window at a time (bounded memory); a copy in a later window is still
    # recognised as already stored, and the stored corpus is the same as in one window
    stories = many_stories(12)
    source = write_jsonl(tmp_path / "many.jsonl", stories + stories[:3])
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "small.db") as small:
        whole = ingest([str(source)], one)
        windowed = ingest([str(source)], small, window=5, jobs=2)
        keys = "SELECT key FROM documents ORDER BY rowid"
        assert one.connection.execute(keys).fetchall() == small.connection.execute(keys).fetchall()
        assert (whole.read, whole.added, whole.already_stored) == (15, 12, 3)
        assert (windowed.read, windowed.added, windowed.already_stored) == (15, 12, 3)


def test_ingest_killed_mid_way_resumes_with_nothing_lost_or_doubled(tmp_path: Path) -> None:
    total = 600
    source = write_jsonl(tmp_path / "many.jsonl", many_stories(total))
    db = tmp_path / "k.db"
    command = [
        sys.executable, "-c", "from khabar.cli import main; main()",
        "ingest", str(source), "--db", str(db), "--batch-size", "8",
    ]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as probe:
                    stored = probe.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is still being created
                stored = 0
        if stored >= 16:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored < total, "the ingest was not caught mid-way"
    assert count(db) < total

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("SELECT count(*), count(DISTINCT key) FROM documents").fetchone() == (
            total,
            total,
        )
        ids = {row[0] for row in check.execute("SELECT doc_id FROM documents")}
        assert ids == {f"doc-{n}" for n in range(1, total + 1)}
        assert check.execute("SELECT count(*) FROM signatures").fetchone() == (total,)
        assert check.execute("SELECT count(*) FROM documents WHERE cluster IS NULL").fetchone() == (
            0,
        )
        # the search index holds each document once
        check.execute("INSERT INTO search(search) VALUES ('integrity-check')")
        found = check.execute(
            "SELECT count(*) FROM search WHERE search MATCH ?", ['"شورای"']
        ).fetchone()
        assert found == (total,)


def test_ingest_feed_files_rss_and_atom(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "aftab.xml").write_text(
        RSS.format(base="http://127.0.0.1:9", first=STORY_WITH_ZWNJ, second=STORY_GLUED), "utf-8"
    )
    (tmp_path / "feeds" / "sport.atom").write_text(ATOM.format(text=STORY_OTHER), "utf-8")
    db = tmp_path / "k.db"
    code, _out, err = cli("ingest", str(tmp_path / "feeds"), "--db", str(db))
    assert code == 0, err
    with Store(db) as store:
        rows = store.connection.execute(
            "SELECT source, title, published, url FROM documents ORDER BY rowid"
        ).fetchall()
    assert rows == [
        # titles are stored normalized: the lost ZWNJ of «آبرسانی» is restored
        ("خبرگزاری آفتاب", "بازدید از طرح آب\u200cرسانی", "2023-03-25T08:30:00+00:00", "http://127.0.0.1:9/news/1"),
        ("خبرگزاری آفتاب", "راه‌آهن شرق", "2023-06-01T10:00:00+00:00", "http://127.0.0.1:9/news/2"),
        ("ورزش امروز", "پیروزی نفت آبادان", "2023-07-01T12:00:00+00:00", "http://127.0.0.1/sport/1"),
    ]  # fmt: skip


def test_ingest_malformed_feed_is_reported(tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>خبر', "utf-8")
    db = tmp_path / "k.db"
    code, _out, err = cli("ingest", str(feed), "--db", str(db))
    assert code == 1
    assert err.splitlines()[0].startswith(f"khabar: {feed}: ")
    assert "feed" in err.splitlines()[0]
    assert count(db) == 0


class _Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path not in self.pages:
            self.send_error(404)
            return
        kind, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    article = (
        "<html><head><title>دیدار در سمنان</title></head><body><article><h1>دیدار در سمنان</h1>"
        + "".join(f"<p>{line}</p>" for line in STORY_GLUED.split("\n") * 3)
        + "</article></body></html>"
    )
    _Site.pages = {
        "/rss": (
            "application/rss+xml",
            RSS.format(
                base=base,
                first=STORY_WITH_ZWNJ,
                second="گزارش کوتاهی از نشست شورای اداری استان درباره طرح راه‌آهن شرق کشور",
            ).encode(),
        ),
        "/news/2": ("text/html; charset=utf-8", article.encode()),
        "/page": ("text/html; charset=utf-8", article.encode()),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_ingest_feed_url_and_page_url_over_http(site: str, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    code, _out, err = cli("ingest", f"{site}/rss", f"{site}/page", "--db", str(db))
    assert code == 0, err
    with Store(db) as store:
        urls = [row[0] for row in store.connection.execute("SELECT url FROM documents")]
    assert urls == [f"{site}/news/1", f"{site}/news/2", f"{site}/page"]


def test_ingest_follow_links_reads_the_linked_page(site: str, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    code, _out, err = cli("ingest", f"{site}/rss", "--follow-links", "--db", str(db))
    assert code == 0, err
    with Store(db) as store:
        [second] = [s for s in store.documents() if s.url == f"{site}/news/2"]
        # the page's text, not the feed's short summary (the first entry's page is missing: 404)
        assert "استاندار سمنان" in second.text()
        [first] = [s for s in store.documents() if s.url == f"{site}/news/1"]
        assert "گیلان" in first.text()


def test_ingest_unreachable_url_is_reported(site: str, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    code, _out, err = cli("ingest", f"{site}/missing", "--db", str(db))
    assert code == 1
    assert f"khabar: {site}/missing: HTTP 404" in err


class _FailingStage:
    name = "failing"
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()

    def __call__(self, doc: object) -> object:
        if "خراب" in getattr(doc, "text", ""):
            raise RuntimeError("a bug in a stage")
        return doc


@pytest.mark.parametrize("jobs", [1, 2])
def test_ingest_a_stage_failing_on_one_document_reports_it_and_goes_on(
    tmp_path: Path, jobs: int
) -> None:
    from khabar.pipeline import Pipeline, default_stages

    source = write_jsonl(tmp_path / "docs.jsonl", [*many_stories(5), "این سند خراب است و " * 5])
    pipeline = Pipeline([*default_stages(), _FailingStage()])  # type: ignore[list-item]
    with Store(tmp_path / "k.db") as store:
        report = ingest([str(source)], store, jobs=jobs, pipeline=pipeline)
        assert store.count() == 5
    [failed] = report.rejected
    assert failed.id == "doc-6" and failed.rejection is not None
    assert "stage 'failing' failed" in failed.rejection.message


def test_ingest_reads_standard_input(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=STORY_GLUED.encode())
    assert result.exit_code == 0, result.output
    assert count(db) == 1
