import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from khabar import json_schema
from khabar.cli import app

runner = CliRunner()
PAGE = (
    "خبرگزاری نمونه:\n"
    "وزير نيرو صبح امروز در نشست خبري گفت: ذخایر سدها برای تابستان کافی است و نگرانی وجود ندارد.\n"
    "کد خبر: 12345\n"
)


def analyze(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, ["analyze", *args], input=input)


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_cli_analyze_prints_a_readable_report(page: Path) -> None:
    result = analyze(str(page))
    assert result.exit_code == 0, result.output
    assert "outlet:     خبرگزاری نمونه" in result.output
    assert "furniture: کد خبر: 12345" in result.output
    assert "corrections:" in result.output


def test_cli_analyze_json_follows_the_schema_and_contract(page: Path) -> None:
    result = analyze(str(page), "--format", "json")
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    jsonschema.validate(output, json_schema())
    [doc] = output["documents"]
    for key in [
        "id",
        "source",
        "title",
        "url",
        "published",
        "raw",
        "text",
        "corrections",
        "sentences",
        "tokens",
        "entities",
        "people",
        "quotes",
        "attributions",
        "events",
        "rejection",
    ]:
        assert key in doc
    assert doc["raw"] == PAGE
    for span in doc["sentences"] + doc["tokens"]:
        assert doc["text"][span["start"] : span["end"]] == span["text"]
    for correction in doc["corrections"]:
        assert set(correction) == {"raw_start", "raw_end", "before", "after", "rule"}
    assert {"rule": "arabic-letters", "before": "ي", "after": "ی"}.items() <= doc["corrections"][
        0
    ].items()


def test_cli_analyze_jsonl_keeps_input_order_and_reads_stdin() -> None:
    lines = [
        json.dumps({"id": f"n{i}", "text": f"خبر شماره {i} درباره بارش باران در شهر است."})
        for i in range(7)
    ]
    result = analyze("-", "--format", "jsonl", input="\n".join(lines))
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [f"n{i}" for i in range(7)]


def test_cli_analyze_splits_a_page_into_story_ids(reference_page: str, tmp_path: Path) -> None:
    path = tmp_path / "rahnama.txt"
    path.write_text(reference_page, encoding="utf-8")
    result = analyze(str(path), "-f", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "rahnama#1",
        "rahnama#2",
    ]


def test_cli_analyze_batch_reports_every_rejection_and_goes_on(tmp_path: Path, page: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "english.txt").write_text(
        "This page is written in English and has nothing Persian in it at all."
    )
    (tmp_path / "arabic.txt").write_text(
        "قال الوزير في المؤتمر إن هذه الخطة التي أعلنت كانت على جدول الأعمال."
    )
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    result = analyze(str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs if d["rejection"] is None] == ["page"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5
    by_file = {Path(e.split(": ")[1]).name: e.split(": ", 2)[2] for e in errors[:-1]}
    assert by_file == {
        "arabic.txt": "the page is not Persian (it reads as Arabic)",
        "binary.txt": "binary file (control bytes), not text",
        "empty.txt": "the page has no text",
        "english.txt": "the page is not Persian (it is in Latin or Cyrillic script)",
    }
    assert errors[-1] == "khabar: 4 input(s) rejected"
    assert "Traceback" not in result.output


def test_cli_missing_file_is_one_line_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    process = subprocess.run(
        [sys.executable, "-m", "khabar", "analyze", str(missing)], capture_output=True, text=True
    )
    assert process.returncode == 1
    assert process.stderr.splitlines()[0] == f"khabar: {missing}: no such file"
    assert "Traceback" not in process.stderr


def test_cli_huge_single_line_file_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write("ب" * 26_000_000)  # 52 MB on one line
    result = analyze(str(path))
    assert result.exit_code == 1
    assert "over the 20,000,000-byte limit" in result.stderr
    assert "Traceback" not in result.output
