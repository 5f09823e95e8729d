"""The name-part lexicon (counts learnt from tagged text, classes, file, features); consistency."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from khabar.chars import ZWNJ
from khabar.entities import name_parts
from khabar.entities.features import FeatureExtractor
from khabar.entities.recognizer import NameTagger
from khabar.entities.tagger import CrfTagger


def test_name_parts_counts_use_word_keys_and_only_name_tags() -> None:
    counts = name_parts.count_tags(
        [
            ([f"وزارت{ZWNJ}خانه", "نفت", "در", "۱۴۰۲"], ["B-ORG", "I-ORG", "O", "B-DATE"]),
            (["وزارتخانه", "گفت"], ["O", "O"]),
        ]
    )
    assert counts["وزارتخانه"] == {"B-ORG": 1, "O": 1}
    assert counts["1402"] == {"O": 1}  # a date is not a name part


def test_name_parts_classes_say_how_often_a_word_is_in_a_name() -> None:
    classes = name_parts.lexicon_classes(
        {
            "غلام": {"B-PER": 9, "O": 1},
            "سازمان": {"B-ORG": 30, "O": 70},
            "خانه": {"O": 300, "B-LOC": 1},
            "است": {"O": 900},
            "نوسکوف": {"I-PER": 1},
        }
    )
    assert "N:B-PER:hi" in classes["غلام"] and "N:name:hi" in classes["غلام"]
    assert "N:B-ORG:mid" in classes["سازمان"]
    assert "N:B-LOC:lo" in classes["خانه"]
    assert classes["است"] == ("N:f:many",)  # a frequent plain word: only how often it was seen
    assert "N:f:rare" in classes["نوسکوف"] and "N:name:hi" in classes["نوسکوف"]


def test_name_parts_file_round_trip_keeps_the_classes(tmp_path: Path) -> None:
    counts = {"غلام": {"B-PER": 9, "O": 1}, "است": {"O": 900}, "نادر": {"O": 2}}
    path = tmp_path / "parts.tsv.gz"
    name_parts.save(counts, path, "a test lexicon")
    assert name_parts.load(path) == name_parts.lexicon_classes(counts)


def test_name_parts_are_features_of_the_word_and_its_neighbours() -> None:
    lexicon = name_parts.lexicon_classes({"غلام": {"B-PER": 5}})
    extractor = FeatureExtractor(gazetteer=name_parts.merge({}, lexicon))
    features = extractor.sentence_features(["آقای", "غلام", "گفت"])
    assert "g=N:B-PER:hi" in features[1]
    assert not any(f.startswith("g=N:") for f in features[2])  # گفت was never seen
    assert "-1g=N:B-PER:hi" in features[2] and "+1g=N:B-PER:hi" in features[0]


class _FixedTags:
    """A stand-in for the CRF: tags one name once and leaves its other mentions untagged."""

    def tag_keys(self, keys: list[str]) -> list[str]:
        if keys[:2] == ["آقای", "نوسکوف"]:
            return ["O", "B-PER"] + ["O"] * (len(keys) - 2)
        return ["O"] * len(keys)


def test_document_consistency_tags_a_name_tagged_once_everywhere_in_its_story() -> None:
    tagger = NameTagger(cast(CrfTagger, _FixedTags()), gazetteers=False, use_document=False)
    sentences = [
        ["آقای", "نوسکوف", "گفت"],
        ["نوسکوف", "دیروز", "آمد"],
        ["همکاران", "نوسکوف", "رفتند"],
    ]
    found = tagger.document_names(sentences)
    assert found == [[(1, 2, "PER")], [(0, 1, "PER")], [(1, 2, "PER")]]
