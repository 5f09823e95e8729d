"""Uptraining: silver sentences (news tagged by the ensemble) appended to the CRF's training data.

The silver file is composed here (fictional people and places); no model is trained.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from khabar.entities.corpus import Sentence
from khabar.entities.features import FeatureExtractor

pytest.importorskip("pycrfsuite")  # train_ner.py, which both scripts import, needs it

Script = Callable[[str], ModuleType]

SILVER = """# doc: fars-news-1/0
کاوه\tB-PER
فرزانفر\tI-PER
به\tO
شهرک\tB-LOC
آبگینه\tI-LOC
رفت\tO
.\tO

این\tO
سفر\tO
دو\tO
روز\tO
طول\tO
کشید\tO
.\tO

# doc: varzesh3-1/0
تیم\tO
ستاره\tB-ORG
سهند\tI-ORG
برد\tO
.\tO

"""


class _Trainer:
    """Records what a ``pycrfsuite.Trainer`` would be given."""

    def __init__(self) -> None:
        self.items: list[tuple[list[list[str]], list[str]]] = []

    def append(self, features: list[list[str]], tags: list[str]) -> None:
        self.items.append((features, tags))


def test_silver_sentences_are_appended_after_the_gold(tmp_path: Path, load_script: Script) -> None:
    train_ner = load_script("train_ner")
    silver = tmp_path / "silver.conll"
    silver.write_text(SILVER, encoding="utf-8")
    gold = [
        Sentence(("کاوه", "سخن", "گفت"), ("B-PER", "O", "O"), "NER-1"),
        Sentence(("در", "آبگینه"), ("O", "B-DATE"), "NER-2"),  # DATE is not the CRF's
    ]
    extractors = [FeatureExtractor({}, {}), FeatureExtractor({}, {})]
    trainer = _Trainer()
    items = train_ner.append_training(trainer, gold, extractors, [0, 1], 1, [silver], False)
    assert len(items) == 3 and len(trainer.items) == 5
    assert trainer.items[1][1] == ["O", "O"]
    tags = [item[1] for item in trainer.items[2:]]
    assert tags[0] == ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "O"]
    assert tags[1] == ["O"] * 7
    assert tags[2] == ["O", "B-ORG", "I-ORG", "O", "O"]
    features = trainer.items[2][0]
    assert len(features) == 7
    # featurized as new text: with the name-part lexicon of all the gold (کاوه: a first name) ...
    assert "g=N:B-PER:hi" in features[0]
    # ... in which the silver names take no part (فرزانفر was never seen in the gold)
    assert "-1g=N:B-PER:hi" in features[1]
    assert not any(feature.startswith("g=N:") for feature in features[1])
    # every gold sentence with --sample 2, and all the silver
    trainer = _Trainer()
    train_ner.append_training(trainer, gold, extractors, [0, 1], 2, [silver], False)
    assert len(trainer.items) == 4


def test_no_silver_no_items(load_script: Script) -> None:
    train_ner = load_script("train_ner")
    assert train_ner.silver_sentences([], [], [FeatureExtractor({}, {})], False) == []


def test_silver_file_filtered_by_outlet_names_and_articles(
    tmp_path: Path, load_script: Script
) -> None:
    ner_silver = load_script("ner_silver")
    source = tmp_path / "silver.conll"
    source.write_text(SILVER, encoding="utf-8")
    named = tmp_path / "named.conll"
    assert ner_silver.main(["--from", str(source), "--only-named", "--output", str(named)]) == 0
    articles = list(ner_silver.read_silver(named))
    assert [name for name, _, _ in articles] == ["fars-news-1/0", "varzesh3-1/0"]
    assert [len(sentences) for _, sentences, _ in articles] == [1, 1]
    assert articles[0][2][0][:2] == ["B-PER", "I-PER"]
    fars = tmp_path / "fars.conll"
    ner_silver.main(["--from", str(source), "--pattern", "fars-*", "--output", str(fars)])
    assert [len(s) for _, s, _ in ner_silver.read_silver(fars)] == [2]
    every = tmp_path / "every.conll"
    ner_silver.main(["--from", str(source), "--every", "2", "--output", str(every)])
    assert [name for name, _, _ in ner_silver.read_silver(every)] == ["fars-news-1/0"]
    assert ner_silver.main(["--from", str(tmp_path / "none"), "--output", str(every)]) == 1
