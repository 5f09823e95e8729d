"""The neural entity tagger (its packaged model, its numpy decoding) and the ensemble of it and the
CRF that ``--entities ensemble`` runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from khabar.chars import ZWNJ
from khabar.entities.corpus import spans
from khabar.entities.features import word_key
from khabar.entities.recognizer import EntityRecognizer, NameTagger, packaged_tagger
from khabar.errors import ConfigError, ResourceError

np = pytest.importorskip("numpy")

from khabar.entities.ensemble import EnsembleTagger  # noqa: E402
from khabar.entities.neural import NEURAL_MODEL_PATH, NeuralTagger  # noqa: E402


def test_ensemble_finds_a_fictional_person_and_a_real_country() -> None:
    # composed for this test: a fictional envoy, a real country and city
    sentence = (
        f"به گزارش خبرنگار ما ، دکتر فرهاد نیک{ZWNJ}سرشت ، سفیر ایران در اندونزی ، "
        "روز گذشته وارد جاکارتا شد ."
    ).split()
    tagger = NameTagger(packaged_tagger("ensemble"))
    assert isinstance(tagger.tagger, EnsembleTagger)
    found = {(" ".join(sentence[start:end]), label) for start, end, label in tagger.names(sentence)}
    assert (f"فرهاد نیک{ZWNJ}سرشت", "PER") in found
    assert ("اندونزی", "LOC") in found
    assert ("جاکارتا", "LOC") in found
    assert not any(label == "PER" and "سفیر" in name for name, label in found)


def test_ensemble_scores_are_the_sum_of_both_taggers() -> None:
    """The summed scores: the CRF's plus the neural tagger's times the weight, its start and end
    scores on the first and last token; its transitions likewise."""
    ensemble = EnsembleTagger.default()
    crf, neural, weight = ensemble.crf, ensemble.neural, ensemble.weight
    keys = [word_key(t) for t in "سرهنگ نادر کیانفر به کرمانشاه رفت".split()]
    order = [neural.labels.index(label) for label in crf.model.labels]
    expected = np.asarray(crf.key_emissions(keys)) + weight * neural.key_emissions(keys)[:, order]
    expected[0] += weight * neural.start[order]
    expected[-1] += weight * neural.end[order]
    assert np.allclose(ensemble.key_emissions(keys), expected, atol=1e-4)
    i, j = crf.model.labels.index("B-PER"), crf.model.labels.index("I-PER")
    assert ensemble.model.rows[i][j] == pytest.approx(
        crf.model.rows[i][j] + weight * neural.crf.rows[order[i]][order[j]]
    )


def test_a_story_scored_in_one_pass_equals_sentence_by_sentence() -> None:
    """The neural tagger lays a story's sentences end to end: none may see another's words."""
    tagger = NeuralTagger.default()
    story = [
        [word_key(t) for t in s.split()]
        for s in (
            "خبرگزاری ایسنا از شیراز گزارش داد که مهندس لاله پاکزاد آمد",
            "و",
            "",
            "سفر به تبریز و دیدار با کامران افشار در مشهد انجام شد",
        )
    ]
    together = np.split(tagger.story_emissions(story), np.cumsum([len(k) for k in story])[:-1])
    assert [len(scores) for scores in together] == [len(keys) for keys in story]
    for keys, scores in zip(story, together, strict=True):
        if keys:
            assert np.allclose(scores, tagger.key_emissions(keys), atol=1e-4)


def test_the_pipeline_runs_the_ensemble_when_asked() -> None:
    import khabar
    from khabar.pipeline import AnalyzeConfig, Pipeline

    pipeline = Pipeline(config=AnalyzeConfig(entities="ensemble"))
    recognizer = next(stage for stage in pipeline.stages if stage.name == "entities")
    assert isinstance(recognizer, EntityRecognizer)
    assert isinstance(recognizer.name_tagger.tagger, EnsembleTagger)
    doc = khabar.analyze("هیئتی از ژاپن روز دوشنبه وارد تهران شد.", pipeline=pipeline)
    assert {doc.span_text(e.span) for e in doc.entities if e.label == "LOC"} == {"ژاپن", "تهران"}


def test_an_unknown_tagger_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="crf, ensemble"):
        packaged_tagger("lstm")  # type: ignore[arg-type]


def test_neural_tagger_reads_an_organisation_and_a_person_in_a_headline() -> None:
    sentence = "سخنگوی وزارت امور خارجه : کاوه دلنواز به بغداد سفر می‌کند".split()
    tags = NeuralTagger.default().tag(sentence)
    found = {(" ".join(sentence[s:e]), label) for s, e, label in spans(tags)}
    assert ("وزارت امور خارجه", "ORG") in found
    assert ("کاوه دلنواز", "PER") in found
    assert ("بغداد", "LOC") in found


def test_neural_tagger_is_the_same_with_cold_and_warm_caches() -> None:
    tagger = NeuralTagger.default()
    keys = [
        word_key(t) for t in "خبرگزاری ایسنا از شیراز گزارش داد که مهندس لاله پاکزاد آمد".split()
    ]
    tagger.clear_caches()
    cold = tagger.key_emissions(keys)
    warm = tagger.key_emissions(keys)
    assert np.allclose(cold, warm)
    # a word's scores depend on its neighbours only within the dilated window (7 either side)
    longer = tagger.key_emissions([*keys, *(["و"] * 12), *keys])
    assert np.allclose(longer[: len(keys) - 7], cold[: len(keys) - 7], atol=1e-4)


def test_neural_tagger_empty_sentence_and_lone_joiner() -> None:
    tagger = NeuralTagger.default()
    assert tagger.tag([]) == []
    assert len(tagger.tag([ZWNJ, "تهران"])) == 2


def test_neural_model_missing_or_damaged_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="train_neural_ner.py"):
        NeuralTagger(tmp_path / "absent.npz", {})
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not an archive")
    with pytest.raises(ResourceError, match="cannot be read"):
        NeuralTagger(damaged, {})
    partial = tmp_path / "partial.npz"
    with np.load(NEURAL_MODEL_PATH) as archive:
        np.savez(partial, labels=archive["labels"])
    with pytest.raises(ResourceError, match="lacks"):
        NeuralTagger(partial, {})


def test_training_network_and_numpy_tagger_agree(
    load_script: Callable[[str], ModuleType],
) -> None:
    """The numpy run time recomputes exactly what the PyTorch network of the training script
    computes (up to the float16 export)."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("torchcrf")
    pytest.importorskip("pycrfsuite")
    training = load_script("train_neural_ner")
    from khabar.entities.corpus import Sentence

    words = ["از", "ژاپن", "تهران", "گفت"]
    rng = np.random.default_rng(3)
    vectors = np.zeros((len(words) + 1, 8), dtype=np.float32)
    vectors[1:] = rng.standard_normal((len(words), 8))
    clusters = np.array([[0, 0, 0], [1, 3, 20], [2, 17, 300], [2, 18, 301], [0, 0, 0]])
    chars = "اتجرزنپژگفهی"
    classes = ["s=persian", "s=punct", "g=LOC"]
    torch.manual_seed(0)
    network = training.Network(
        torch.from_numpy(vectors),
        torch.from_numpy(clusters),
        len(chars),
        len(classes),
        char_dim=6,
        char_filters=10,
        cluster_dim=4,
        class_dim=5,
        hidden=16,
        dilations=(1, 2, 4),
        dropout=0.3,
        word_dropout=0.1,
    )
    network.eval()
    tokens = ("هیئتی", "از", "ژاپن", "وارد", "تهران", ZWNJ, "شد", "و", "گفت", ".")
    gazetteer = {"ژاپن": ("LOC",), "تهران": ("LOC",)}
    sentence = Sentence(tokens, ("O",) * len(tokens), "test")
    encoder = training.Encoder(words, chars, classes)
    w, c, n, k, _tags, m = training.batch([encoder.encode(sentence, gazetteer)])
    with torch.no_grad():
        expected = network.emissions(w, c, n, k, m)[0].numpy()
    tagger = NeuralTagger.from_weights(network.export(words, chars, classes), gazetteer)
    found = tagger.key_emissions([word_key(t) for t in tokens])
    assert np.allclose(found, expected, atol=0.02)


def test_cli_analyze_with_the_ensemble(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from khabar.cli import app

    # composed for this test: a fictional minister's visit
    page = tmp_path / "page.txt"
    page.write_text(
        "وزیر کشاورزی، مهندس داریوش بهمنیار، روز شنبه برای بازدید از سد کرخه به اهواز رفت.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(
        app, ["analyze", str(page), "--format", "json", "--entities", "ensemble"]
    )
    assert result.exit_code == 0, result.output
    entities = {
        (e["text"], e["label"]) for e in json.loads(result.output)["documents"][0]["entities"]
    }
    assert ("داریوش بهمنیار", "PER") in entities
    assert ("اهواز", "LOC") in entities
    wrong = runner.invoke(app, ["analyze", str(page), "--entities", "lstm"])
    assert wrong.exit_code == 2
