"""PEYMA's boundary conventions after the CRF (entities/boundaries.py), on composed sentences.

Each test gives the rules a sentence and the names the CRF might have found in it, and checks
the span the packaged counts (PEYMA's training gold) make of them. The people are fictional.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pytest

from khabar.entities import boundaries
from khabar.entities.boundaries import BoundaryRules, count_boundaries
from khabar.entities.features import word_key
from khabar.entities.recognizer import NameTagger
from khabar.entities.tagger import SequenceTagger
from khabar.errors import ResourceError

Name = tuple[int, int, str]


@pytest.fixture(scope="module")
def rules() -> BoundaryRules:
    counts = boundaries.load()
    assert counts, "ner-boundaries.tsv.gz is missing: run scripts/build_ner_boundaries.py"
    return BoundaryRules(counts)


def moved(rules: BoundaryRules, sentence: str, names: list[Name]) -> list[tuple[str, str]]:
    tokens = sentence.split()
    found = rules.apply([word_key(token) for token in tokens], names)
    return [(" ".join(tokens[start:end]), label) for start, end, label in found]


def test_boundaries_head_word_before_an_organisation_is_part_of_it(rules: BoundaryRules) -> None:
    # «وزارت [بهداشت]»: PEYMA marks the ministry with its head word
    sentence = "کارشناسان وزارت بهداشت روز شنبه از طرح تازه دفاع کردند ."
    assert moved(rules, sentence, [(2, 3, "ORG")]) == [("وزارت بهداشت", "ORG")]
    sentence = "مدیرعامل شرکت فولادسازان کویر گفت : تولید دو برابر شد ."
    assert moved(rules, sentence, [(2, 4, "ORG")]) == [("شرکت فولادسازان کویر", "ORG")]


def test_boundaries_generic_place_word_before_a_place_as_peyma_marks_it(
    rules: BoundaryRules,
) -> None:
    # «استان», «خیابان» are inside the place's name in PEYMA
    sentence = "سیل دیروز به سه روستای استان یزد خسارت زد ."
    assert moved(rules, sentence, [(6, 7, "LOC")]) == [("استان یزد", "LOC")]
    sentence = "مغازه او در خیابان ارغوان هفتم آتش گرفت ."
    assert moved(rules, sentence, [(4, 6, "LOC")]) == [("خیابان ارغوان هفتم", "LOC")]
    # «مرز» and «کشور» are inside about as often as outside: left as the CRF found them
    sentence = "نیروهای امدادی در مرز مهران مستقر شدند ."
    assert moved(rules, sentence, [(4, 5, "LOC")]) == [("مهران", "LOC")]
    sentence = "نام کشور ایران از فهرست حذف شد ."
    assert moved(rules, sentence, [(2, 3, "LOC")]) == [("ایران", "LOC")]


def test_boundaries_honorific_before_a_person_is_part_of_the_name(rules: BoundaryRules) -> None:
    # «سید» is the first word of a person's name in PEYMA; «آقای» never is, and is never added
    sentence = "سید کامران نیک‌سرشت دیروز در جلسه حاضر شد ."
    assert moved(rules, sentence, [(1, 3, "PER")]) == [("سید کامران نیک‌سرشت", "PER")]
    sentence = "آقای کامران نیک‌سرشت دیروز در جلسه حاضر شد ."
    assert moved(rules, sentence, [(1, 3, "PER")]) == [("کامران نیک‌سرشت", "PER")]


def test_boundaries_never_over_another_name_or_a_wrapper_word(rules: BoundaryRules) -> None:
    # «پایگاه» (a website) is cut off an organisation's name by the recognizer: never added back
    sentence = "به گزارش پایگاه شرکت فولادسازان کویر تولید بالا رفت ."
    assert moved(rules, sentence, [(3, 6, "ORG")]) == [("شرکت فولادسازان کویر", "ORG")]
    # the word before is another name: the names stay apart
    sentence = "هیئت وزارت بهداشت تهران را ترک کرد ."
    names: list[Name] = [(1, 2, "ORG"), (2, 4, "ORG")]
    assert moved(rules, sentence, names) == [("وزارت", "ORG"), ("بهداشت تهران", "ORG")]


def test_boundaries_a_name_takes_the_label_its_first_word_nearly_always_begins(
    rules: BoundaryRules,
) -> None:
    # «جمهوری اسلامی» tagged a place: PEYMA's names beginning with «جمهوری» are organisations
    sentence = "مخالفان جمهوری اسلامی دیروز در لندن گرد آمدند ."
    assert moved(rules, sentence, [(1, 3, "LOC"), (5, 6, "LOC")]) == [
        ("جمهوری اسلامی", "ORG"),
        ("لندن", "LOC"),
    ]


def test_boundaries_counts_and_thresholds() -> None:
    counts = count_boundaries(
        [
            (
                ["در", "استان", "یزد", "و", "شهر", "کرمان"],
                ["O", "B-LOC", "I-LOC", "O", "O", "B-LOC"],
            ),
            (["آقای", "کامرانی", "،", "گفت"], ["O", "B-PER", "O", "O"]),
            (["،", "کامرانی", "گفت"], ["O", "B-PER", "O"]),
        ],
        min_seen=1,
    )
    assert counts[("LOC", "left", "استان")] == [1, 0]
    assert counts[("LOC", "left", "شهر")] == [0, 1]
    assert counts[("PER", "left", "آقای")] == [0, 1]
    assert ("PER", "left", "،") not in counts  # punctuation never moves a boundary
    # by default a word seen fewer than three times at a name's start is not counted
    assert count_boundaries([(["آقای", "کامرانی"], ["O", "B-PER"])]) == {}
    # too few counts, or not decisive (share 0.95 of five or more): no rule
    assert BoundaryRules({("LOC", "left", "شهر"): [4, 0]}).inside == set()
    assert BoundaryRules({("LOC", "left", "شهر"): [18, 2]}).inside == set()
    assert BoundaryRules({("LOC", "left", "شهر"): [19, 1]}).inside == {("LOC", "شهر")}
    # the label of the names a first word begins: decisive only when nearly all agree
    relabel = BoundaryRules(
        {("ORG", "left", "دانشگاه"): [95, 2], ("LOC", "left", "دانشگاه"): [12, 1]}
    )
    assert relabel.label_of_first == {}
    relabel = BoundaryRules(
        {("ORG", "left", "جمهوری"): [135, 0], ("LOC", "left", "جمهوری"): [3, 35]}
    )
    assert relabel.label_of_first == {"جمهوری": "ORG"}
    with pytest.raises(ValueError, match="unknown boundary rules"):
        BoundaryRules({}, rules=["extend-middle"])
    only = BoundaryRules({("ORG", "left", "وزارت"): [20, 0]}, rules=["relabel"])
    assert only.apply(["وزارت", "نیرو"], [(1, 2, "ORG")]) == [(1, 2, "ORG")]


def test_boundaries_file_round_trip_and_damage(tmp_path: Path) -> None:
    path = tmp_path / "boundaries.tsv.gz"
    boundaries.save({("ORG", "left", "وزارت"): [12, 1]}, path, "a test table")
    assert boundaries.load(path) == {("ORG", "left", "وزارت"): (12, 1)}
    assert boundaries.load(tmp_path / "absent.tsv.gz") == {}
    damaged = tmp_path / "damaged.tsv.gz"
    damaged.write_bytes(b"not gzip")
    with pytest.raises(ResourceError, match="build_ner_boundaries"):
        boundaries.load(damaged)


class _FixedTags:
    """A stand-in CRF that tags «بهداشت» alone as an organisation."""

    def tag_keys(self, keys: Sequence[str]) -> list[str]:
        return ["B-ORG" if key == "بهداشت" else "O" for key in keys]


def test_boundaries_run_in_the_recognizer_before_document_consistency() -> None:
    tagger = NameTagger(cast(SequenceTagger, _FixedTags()), use_document=False)
    story = [
        "کارشناسان وزارت بهداشت از طرح دفاع کردند .".split(),
        "وزارت بهداشت فردا گزارش می‌دهد .".split(),
    ]
    names = tagger.document_names(story)
    assert names == [[(1, 3, "ORG")], [(0, 2, "ORG")]]
    without = NameTagger(
        cast(SequenceTagger, _FixedTags()), use_document=False, use_boundaries=False
    )
    assert without.document_names(story) == [[(2, 3, "ORG")], [(1, 2, "ORG")]]


class _CountryTags:
    """A stand-in CRF that tags «جمهوری چک» as a place and «جمهوری اسلامی» as one too."""

    def tag_keys(self, keys: Sequence[str]) -> list[str]:
        tags = ["O"] * len(keys)
        for index in range(len(keys) - 1):
            if keys[index] == word_key("جمهوری") and keys[index + 1] in ("چک", "اسلامی"):
                tags[index : index + 2] = ["B-LOC", "I-LOC"]
        return tags


def test_boundaries_relabel_leaves_a_known_country_a_place() -> None:
    # «جمهوری» begins organisations in PEYMA (جمهوری اسلامی, the state); a country of the
    # gazetteer whose name begins with it stays a place, so a person's office keeps its country
    tagger = NameTagger(cast(SequenceTagger, _CountryTags()), use_document=False)
    sentence = "سفیر جمهوری چک در تهران با مقامات دیدار کرد .".split()
    assert (1, 3, "LOC") in tagger.names(sentence)
    rules = tagger.boundary_rules
    assert rules is not None and rules.label_of_first.get(word_key("جمهوری")) == "ORG"
