"""Quality gate: the scores of benchmarks/quotes.py on the annotated passages may not drop.

The floor is stored in tests/data/quotes/baseline.json with the hash of the passages it was
measured on; changing the passages means measuring again and writing the new figures there.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "quotes"


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(
        "quotes_benchmark", ROOT / "benchmarks" / "quotes.py"
    )
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    figures: dict[str, Any] = benchmark.measure("gold")
    return figures


def test_quotes_quality_passages_hash_matches_the_baseline() -> None:
    baseline = json.loads((DATA / "baseline.json").read_text("utf-8"))
    digest = hashlib.sha256((DATA / "passages.jsonl").read_bytes()).hexdigest()
    assert digest == baseline["passages_sha256"], (
        "passages changed: measure again and update baseline.json"
    )


def test_quotes_quality_scores_do_not_drop(scores: dict[str, Any]) -> None:
    baseline = json.loads((DATA / "baseline.json").read_text("utf-8"))
    for measure, floor in baseline["passages"].items():
        name, figure = measure.split(".")
        value = scores["passages"][name][figure]
        if isinstance(value, str):  # "52/55 (0.95)"
            ok, total = value.split(" ")[0].split("/")
            value = int(ok) / int(total)
        assert value >= floor, f"{measure} fell to {value} (floor {floor})"
