"""Quality gate: the packaged entity model must not score below its recorded baseline.

The baseline (tests/entities_baseline.json) holds the micro-F1 of the recognizer on PEYMA dev and
ARMAN test_fold1, with the CRF (the default) and with the ensemble (``ensemble_`` keys), as
printed by benchmarks/ner.py, next to the SHA-256 of the files scored. Raising a bar is a commit;
lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from khabar.entities.corpus import documents, keep_labels, peyma_split, read_conll, score, spans
from khabar.entities.recognizer import TAGGER_KINDS, NameTagger, TaggerKind, packaged_tagger

pytestmark = [pytest.mark.shared, pytest.mark.slow]
BASELINE = Path(__file__).with_name("entities_baseline.json")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", TAGGER_KINDS)
def test_quality_recognizer_keeps_its_scores(shared_dir: Path, kind: TaggerKind) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    ner = shared_dir / "data" / "ner"
    peyma, arman = ner / "peyma" / "train.txt", ner / "arman" / "test_fold1.txt"
    assert sha256(peyma) == baseline["peyma_sha256"], "PEYMA changed: rescore and update baseline"
    assert sha256(arman) == baseline["arman_test_fold1_sha256"], "ARMAN changed: rescore"
    tagger = NameTagger(packaged_tagger(kind))
    _, dev = peyma_split(list(read_conll(peyma)))
    predicted = [
        names
        for document in documents(dev)
        for names in tagger.document_names([s.tokens for s in document])
    ]
    gold = [spans(keep_labels(s.tags, ("PER", "ORG", "LOC"))) for s in dev]
    peyma_f1 = score(gold, predicted)["micro"]["f1"]
    test = list(read_conll(arman))
    arman_f1 = score(
        [spans(keep_labels(s.tags, ("PER", "ORG", "LOC"))) for s in test],
        [tagger.names(s.tokens) for s in test],
    )["micro"]["f1"]
    prefix = "" if kind == "crf" else f"{kind}_"
    assert peyma_f1 >= baseline[f"{prefix}peyma_dev_micro_f1"] - 0.002
    assert arman_f1 >= baseline[f"{prefix}arman_test_fold1_micro_f1"] - 0.002
