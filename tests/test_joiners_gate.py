"""Quality gate of joiner restoration: scores on the UD dev files may not drop.

The baseline (tests/joiners_baseline.json) stores each score, rounded to four places, next to the
SHA-256 of the evaluation data. Raising a bar is a commit that updates the baseline with the scores
this test measures; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from khabar.normalize import run_text
from khabar.normalize.joiners import joiner_rule
from khabar.normalize.rules import default_rules

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from joiner_scoring import CATEGORIES, Score, corrupt  # noqa: E402

BASELINE = json.loads((REPO / "tests" / "joiners_baseline.json").read_text("utf-8"))
TOLERANCE = 0.0005


@pytest.mark.parametrize("mode", ["removed", "spaced"])
def test_joiners_scores_do_not_drop(shared_dir: Path, mode: str) -> None:
    files = [
        shared_dir / "data" / "text" / name for name in ("ud-perdt-dev.txt", "ud-seraji-dev.txt")
    ]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    if digest != BASELINE["data_sha256"]:
        pytest.fail("the UD dev files changed: regenerate tests/joiners_baseline.json")
    rules = default_rules(digits="keep")
    gold = [
        run_text(line, rules)
        for path in files
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    restored = joiner_rule().apply("\n".join(corrupt(line, mode) for line in gold)).split("\n")
    score = Score()
    for gold_line, line in zip(gold, restored, strict=True):
        score.add(gold_line, line)
    expected = BASELINE[mode]
    measured = {"words": score.accuracy(), **{kind: score.accuracy(kind) for kind in CATEGORIES}}
    dropped = {
        name: (round(value, 4), expected[name])
        for name, value in measured.items()
        if value < expected[name] - TOLERANCE
    }
    assert dropped == {}
