"""The tagger's document pass: features from a story's first-pass names, weights, re-decoding."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from khabar.entities.document import DocumentModel, document_features, load_document_model
from khabar.entities.recognizer import NameTagger
from khabar.entities.tagger import CrfModel
from khabar.errors import ResourceError


def new_word(key: str) -> str:
    return "new"


def test_document_features_come_from_the_other_mentions_only() -> None:
    keys = [["آقای", "نیکسرشت", "گفت"], ["نیکسرشت", "افزود"], ["نیکسرشت", "رفت"]]
    tags = [["O", "B-PER", "O"], ["O", "O"], ["O", "O"]]
    features = document_features(keys, tags, new_word)
    # the lone mention left out here learns that the word was a whole name elsewhere
    assert "r=S-PER|new" in features[1][0] and "a=some" in features[1][0]
    # the tagged mention sees only the two untagged ones: no name elsewhere
    assert not any(f.startswith("r=") for f in features[0][1])
    assert "-1l=PER" in features[1][1]  # the word before افزود was a name elsewhere


def test_document_features_joins_and_breaks_between_neighbours() -> None:
    keys = [["وزارت", "نیرو", "گفت"], ["وزارت", "نیرو", "گفت"]]
    tags = [["B-ORG", "I-ORG", "O"], ["O", "O", "O"]]
    features = document_features(keys, tags, new_word)
    assert "j+=ORG" in features[1][0] and "j-=ORG" in features[1][1]
    assert "L=B-ORG" in features[1][0] and "L=E-ORG" in features[1][1]
    assert "b+" in features[1][1]  # elsewhere the name ended between نیرو and گفت
    assert "+1l=ORG" in features[1][0] and "-1l=ORG" in features[1][2]
    assert features[0][0] == []  # the tagged mention is not evidence for itself


def test_document_features_nothing_without_a_repeated_name() -> None:
    keys = [["سفر", "به", "تهران"], ["سفر", "ادامه", "یافت"]]
    tags = [["O", "O", "B-LOC"], ["O", "O", "O"]]
    assert document_features(keys, tags, new_word) == [[[], [], []], [[], [], []]]


def test_document_model_file_round_trip_and_adjust(tmp_path: Path) -> None:
    model = DocumentModel(("O", "B-PER", "I-PER"), {"r=S-PER|new": [-1.0, 2.0, 0.5]})
    path = tmp_path / "document.tsv.gz"
    model.save(path, "a test model")
    loaded = DocumentModel.load(path)
    assert loaded.labels == model.labels
    assert loaded.weights["r=S-PER|new"] == pytest.approx([-1.0, 2.0, 0.5])
    scores = [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
    assert loaded.adjust(scores, [[], ["r=S-PER|new", "unknown"], []]) == [1]
    assert scores[1] == pytest.approx([0.0, 3.0, 1.5])
    assert loaded.adjust(scores, [[], ["unknown"], []]) == []


def test_document_model_damaged_file_is_a_resource_error(tmp_path: Path) -> None:
    damaged = tmp_path / "document.tsv.gz"
    damaged.write_bytes(b"not gzip")
    with pytest.raises(ResourceError, match="train_ner.py"):
        DocumentModel.load(damaged)


def random_model(seed: int) -> CrfModel:
    rng = random.Random(seed)
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    transitions = {(i, j): rng.uniform(-3, 3) for i in range(5) for j in range(5)}
    return CrfModel(labels, transitions, {})


def test_redecode_after_a_change_equals_a_full_viterbi() -> None:
    rng = random.Random(11)
    for trial in range(300):
        model = random_model(trial % 7)
        length = rng.randint(1, 14)
        # mostly plain O tokens (one state left alive), some ambiguous ones
        emissions = [
            [rng.uniform(4, 8)] + [rng.uniform(-6, 0) for _ in range(4)]
            if rng.random() < 0.7
            else [rng.uniform(-3, 3) for _ in range(5)]
            for _ in range(length)
        ]
        anchors: list[int] = []
        path = model.viterbi(emissions, anchors)
        assert path == model.viterbi(emissions) and len(anchors) == length
        changed = sorted(rng.sample(range(length), rng.randint(1, min(length, 4))))
        for position in changed:
            emissions[position] = [v + rng.uniform(-6, 6) for v in emissions[position]]
        assert model.redecode(emissions, path, anchors, changed) == model.viterbi(emissions)


def test_packaged_document_pass_finds_a_surname_left_alone() -> None:
    if load_document_model() is None:
        pytest.skip("no packaged document model")
    tagger = NameTagger()
    story = [
        ["به", "گزارش", "خبرنگار", "ما", "،", "سرهنگ", "کاوه", "نیکسرشت", "فرمانده",
         "انتظامی", "شهرستان", "گفت", ":", "سارقان", "دستگیر", "شدند", "."],
        ["نیکسرشت", "در", "ادامه", "افزود", ":", "تحقیقات", "ادامه", "دارد", "."],
    ]  # fmt: skip
    found = tagger.document_names(story)
    assert (6, 8, "PER") in found[0]
    assert (0, 1, "PER") in found[1]
