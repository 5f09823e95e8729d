"""Training of the entity tagger's document pass (``khabar.entities.document``), for train_ner.py.

The document pass corrects the CRF's state scores with what the rest of the story says about a
word (the labels the same word got elsewhere, the longest name it is part of ...). Its features
are built from the CRF's *first-pass* output, so to learn them the training text needs first-pass
output of the kind new text gets: jackknifed. The training text is cut into the folds of the
name-part lexicon; a CRF is trained on all folds but one and tags the one left out, with the
lexicon classes counted without it. The correction weights are then learnt by an averaged
structured perceptron whose decoder adds them to those jackknifed scores (the CRF stays fixed).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from khabar.entities.corpus import Sentence, keep_labels
from khabar.entities.document import DocumentModel, document_features, word_class_function
from khabar.entities.features import FeatureExtractor, word_key
from khabar.entities.tagger import TAGGED_LABELS, CrfModel, CrfTagger

# (sentence keys, jackknifed emissions, the fold whose CRF scored them)
Scored = tuple[list[str], list[list[float]], int]


def jackknife(
    training: Sequence[Sentence],
    extractors: Sequence[FeatureExtractor],
    assignment: Sequence[int],
    export: Callable[[Path, Path, str], CrfModel],
    *,
    iterations: int,
    c1: float,
    c2: float,
) -> tuple[list[Scored], list[CrfModel]]:
    """First-pass state scores of every training sentence from a CRF that never saw it."""
    folds = len(extractors)
    features = [extractors[f].sentence_features(s.tokens) for s, f in zip(training, assignment)]
    labels = [keep_labels(s.tags, TAGGED_LABELS) for s in training]
    scored: list[Scored | None] = [None] * len(training)
    models: list[CrfModel] = []
    with tempfile.TemporaryDirectory() as folder:
        for fold in range(folds):
            started = time.perf_counter()
            trainer = pycrfsuite.Trainer(verbose=False)
            for xseq, yseq, f in zip(features, labels, assignment, strict=True):
                if f != fold:
                    trainer.append(xseq, yseq)
            trainer.set_params(
                {
                    "c1": c1,
                    "c2": c2,
                    "max_iterations": iterations,
                    "feature.possible_transitions": True,
                }
            )
            path = Path(folder) / f"fold{fold}.crfsuite"
            trainer.train(str(path))
            model = export(path, Path(folder) / f"fold{fold}.tsv.gz", "jackknife fold")
            models.append(model)
            tagger = CrfTagger(Path(folder) / f"fold{fold}.tsv.gz", extractors[fold])
            for index, sentence in enumerate(training):
                if assignment[index] == fold:
                    keys = [word_key(token) for token in sentence.tokens]
                    scored[index] = (keys, tagger.key_emissions(keys), fold)
            print(f"  jackknife fold {fold}: {time.perf_counter() - started:.0f}s", flush=True)
    return [s for s in scored if s is not None], models


def documents_of(training: Sequence[Sentence]) -> list[list[int]]:
    """Sentence indices grouped by document: PEYMA's named documents; ARMAN's sentences, which
    name no document, each alone (as the benchmark scores them)."""
    groups: list[list[int]] = []
    current = ""
    for index, sentence in enumerate(training):
        named = sentence.document.startswith(("NER-", "news"))
        if named and sentence.document == current:
            groups[-1].append(index)
        else:
            groups.append([index])
        current = sentence.document if named else ""
    return groups


def train_perceptron(
    training: Sequence[Sentence],
    scored: Sequence[Scored],
    models: Sequence[CrfModel],
    word_classes: Sequence[Callable[[str], str]],
    *,
    epochs: int = 6,
    rate: float = 0.3,
    seed: int = 7,
) -> DocumentModel:
    """Averaged structured perceptron over the document features of the jackknifed first pass.

    ``word_classes``: one per fold, from the lexicon counted without that fold (a story lies in
    one fold), so that a training word's class does not already know its own tags."""
    labels = models[0].labels
    index = {label: i for i, label in enumerate(labels)}
    examples = []  # (emissions, features per token, gold label indices, fold)
    for group in documents_of(training):
        keys = [scored[i][0] for i in group]
        first = [[labels[j] for j in models[scored[i][2]].viterbi(scored[i][1])] for i in group]
        word_class = word_classes[scored[group[0]][2]]
        story_features = document_features(keys, first, word_class)
        for i, sentence_features in zip(group, story_features, strict=True):
            if any(sentence_features):
                gold = [index[t] for t in keep_labels(training[i].tags, TAGGED_LABELS)]
                examples.append((scored[i][1], sentence_features, gold, scored[i][2]))
    print(f"  document pass: {len(examples)} sentences with document features", flush=True)
    size = len(labels)
    weights: dict[str, list[float]] = {}
    scorer = DocumentModel(labels, weights)  # shares ``weights``: scores as the tagger will
    totals: dict[str, list[float]] = {}  # sum over steps, for the average (lazy updates)
    stamps: dict[str, list[int]] = {}
    step = 0
    rng = random.Random(seed)
    order = list(range(len(examples)))
    for epoch in range(epochs):
        rng.shuffle(order)
        mistakes = 0
        for n in order:
            step += 1
            emissions, token_features, gold, fold = examples[n]
            adjusted = [list(e) for e in emissions]
            scorer.adjust(adjusted, token_features)
            predicted = models[fold].viterbi(adjusted)
            if predicted == gold:
                continue
            mistakes += 1
            for names, g, p in zip(token_features, gold, predicted, strict=True):
                if g == p:
                    continue
                for name in names:
                    w = weights.setdefault(name, [0.0] * size)
                    total = totals.setdefault(name, [0.0] * size)
                    stamp = stamps.setdefault(name, [0] * size)
                    for j, delta in ((g, rate), (p, -rate)):
                        total[j] += w[j] * (step - stamp[j])
                        stamp[j] = step
                        w[j] += delta
        print(f"  perceptron epoch {epoch + 1}: {mistakes} sentences wrong", flush=True)
    averaged = {}
    for name, w in weights.items():
        total, stamp = totals[name], stamps[name]
        mean = [(total[j] + w[j] * (step - stamp[j])) / step for j in range(size)]
        if any(abs(v) >= 1e-4 for v in mean):
            averaged[name] = mean
    return DocumentModel(labels, averaged)


def word_classes_of(extractors: Sequence[FeatureExtractor]) -> list[Callable[[str], str]]:
    """The document features' word classes of each fold's extractor."""
    return [word_class_function(e.gazetteer) for e in extractors]
