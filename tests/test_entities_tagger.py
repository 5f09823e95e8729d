"""The CRF tagger, its model file, its features, gazetteers and canonical names."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from khabar.chars import ZWNJ
from khabar.entities.canonical import canonical_name
from khabar.entities.corpus import harmonize_arman, map_tag, score, spans
from khabar.entities.features import FeatureExtractor, word_key
from khabar.entities.gazetteers import load_places, load_titles
from khabar.entities.tagger import CrfModel, CrfTagger, default_extractor
from khabar.errors import ResourceError


def small_model(size: int = 4, seed: int = 3) -> CrfModel:
    rng = random.Random(seed)
    labels = ["O", "B-PER", "I-PER", "B-LOC"][:size]
    transitions = {(i, j): rng.uniform(-2, 2) for i in range(size) for j in range(size)}
    features = {
        name: tuple((i, rng.uniform(-3, 3)) for i in range(size)) for name in ("a", "b", "c")
    }
    return CrfModel(labels, transitions, features)


def test_tagger_viterbi_finds_the_best_path_by_brute_force() -> None:
    model = small_model()
    rng = random.Random(5)
    for _ in range(20):
        emissions = [[rng.uniform(-4, 4) for _ in range(4)] for _ in range(5)]

        def total(path: tuple[int, ...], emissions: list[list[float]] = emissions) -> float:
            value = sum(emissions[t][label] for t, label in enumerate(path))
            return value + sum(model.rows[a][b] for a, b in itertools.pairwise(path))

        best = max(itertools.product(range(4), repeat=5), key=total)
        assert model.viterbi(emissions) == list(best)


def test_tagger_model_file_round_trip(tmp_path: Path) -> None:
    model = small_model()
    path = tmp_path / "model.tsv.gz"
    model.save(path, "a test model")
    loaded = CrfModel.load(path)
    assert loaded.labels == model.labels
    for row, loaded_row in zip(model.rows, loaded.rows, strict=True):
        assert loaded_row == pytest.approx(row, abs=1e-3)
    assert loaded.scores(["a", "c", "unknown"]) == pytest.approx(model.scores(["a", "c"]), abs=1e-3)


def test_tagger_missing_or_damaged_model_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="train_ner.py"):
        CrfTagger(tmp_path / "absent.tsv.gz", FeatureExtractor())
    damaged = tmp_path / "damaged.tsv.gz"
    damaged.write_bytes(b"not gzip at all")
    with pytest.raises(ResourceError, match="cannot be read"):
        CrfTagger(damaged, FeatureExtractor())


def test_tagger_same_tags_for_zwnj_glued_and_arabic_letter_forms() -> None:
    tagger = CrfTagger.default()
    with_zwnj = tagger.tag(["سخنگوی", f"وزارت{ZWNJ}خانه", "در", "تهران", "گفت"])
    glued = tagger.tag(["سخنگوی", "وزارتخانه", "در", "تهران", "گفت"])
    arabic = tagger.tag(["سخنگوي", "وزارتخانه", "در", "تهران", "گفت"])
    assert with_zwnj == glued == arabic
    assert with_zwnj[3] == "B-LOC"


def test_tagger_emissions_match_the_feature_extractor() -> None:
    tagger = CrfTagger.default()
    extractor = default_extractor()
    tokens = ["دیدار", "وزیر", "خارجه", "ژاپن", "با", "همتای", "خود", "در", "توکیو"]
    emissions = tagger.emissions(tokens)
    for token_features, scores in zip(extractor.sentence_features(tokens), emissions, strict=True):
        assert scores == pytest.approx(tagger.model.scores(token_features), abs=1e-9)


def test_features_key_erases_letter_forms_digits_and_zwnj() -> None:
    assert word_key(f"رئيس{ZWNJ}جمهور") == word_key("رئیسجمهور")
    assert word_key("۱۴۰۲") == word_key("1402") == "1402"


def test_gazetteers_match_glued_spaced_and_zwnj_forms() -> None:
    titles = load_titles()
    for tokens in (["رئیس", "جمهور"], [f"رئیس{ZWNJ}جمهور"], ["رئیسجمهور"]):
        match = titles.longest(tokens, 0)
        assert match is not None and match[0] == len(tokens)
        assert match[1].canonical == f"رئیس{ZWNJ}جمهور"
    places = load_places()
    assert f"سرزمین{ZWNJ}های فلسطینی" in places and "فلسطین" in places


@pytest.mark.parametrize(
    ("label", "text", "canonical"),
    [
        ("LOC", "جمهوری اسلامی ایران", "ایران"),
        ("LOC", "جمهوری آذربایجان", "آذربایجان"),
        ("LOC", "ایالات متحده آمریکا", "آمریکا"),
        ("LOC", "كره جنوبي", "کره جنوبی"),
        ("ORG", "جمهوری اسلامی ایران", "ایران"),
        ("ORG", "سازمان همکاری اقتصادی", "اکو"),
        ("ORG", "شرکت  نفت", "شرکت نفت"),
    ],
)
def test_canonical_names(label: str, text: str, canonical: str) -> None:
    assert canonical_name(label, text) == canonical


def test_corpus_maps_both_tag_sets_and_scores_exact_spans() -> None:
    assert [map_tag(t) for t in ("B-pers", "I-org", "B-fac", "B-PER", "I-MON", "B-x")] == [
        "B-PER",
        "I-ORG",
        "B-FAC",
        "B-PER",
        "I-MONEY",
        "O",
    ]
    gold = [spans(["B-PER", "I-PER", "O", "B-LOC"])]
    predicted = [spans(["B-PER", "O", "O", "B-LOC"])]
    result = score(gold, predicted)
    assert result["LOC"]["f1"] == 1.0 and result["PER"]["f1"] == 0.0
    assert result["micro"]["precision"] == 0.5 and result["micro"]["recall"] == 0.5


def test_corpus_harmonizes_arman_countries_and_nationalities() -> None:
    from khabar.entities.corpus import Sentence

    sentence = Sentence(
        ("ایران", "و", "ایرانی", "سازمان", "ملل"),
        ("B-ORG", "O", "B-ORG", "B-ORG", "I-ORG"),
        "arman",
    )
    harmonized = harmonize_arman(sentence, load_places().__contains__)
    assert harmonized.tags == ("B-LOC", "O", "O", "B-ORG", "I-ORG")
