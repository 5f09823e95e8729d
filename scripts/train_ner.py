"""Train khabar's entity tagger (a CRF over cached word features) from ../shared/data/ner.

    .venv/bin/python scripts/train_ner.py                # writes src/khabar/data/ner-crf.tsv.gz,
                                                         # ner-name-parts.tsv.gz (the lexicon) and
                                                         # ner-document.tsv.gz (the document pass)
    .venv/bin/python scripts/train_ner.py --no-write     # train and score only

Training data: ARMAN ``train_fold1.txt`` (its ``test_fold1.txt`` is kept for scoring) and PEYMA
minus its dev documents (every tenth document in file order, see ``peyma_dev_documents``).
The word clusters (``scripts/build_word_clusters.py``) and gazetteers must be built first.
Needs the ``train`` extra (python-crfsuite); the run time reads the exported text model and needs
no compiled dependency. Takes about 25 minutes on the 2-core sandbox (CRFsuite uses one core):
the CRF, then five jackknife CRFs whose output the document pass learns from
(``ner_document_pass.py``; ``--no-document`` skips it, ``--document-iterations 60`` halves it).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from khabar.entities import boundaries, name_parts
from khabar.entities.corpus import (
    VALIDATION,
    Sentence,
    documents,
    harmonize_arman,
    keep_labels,
    peyma_split,
    read_conll,
    score,
    spans,
)
from khabar.entities.document import DOCUMENT_MODEL_PATH, DocumentModel
from khabar.entities.features import FeatureExtractor
from khabar.entities.gazetteers import load_places, tagger_gazetteer
from khabar.entities.recognizer import NameTagger
from khabar.entities.tagger import (
    MODEL_PATH,
    TAGGED_LABELS,
    CrfModel,
    CrfTagger,
    load_clusters,
)

REPO = Path(__file__).resolve().parent.parent
NER = REPO.parent / "shared" / "data" / "ner"


def peyma_dev_documents() -> list[str]:
    """The PEYMA documents held out for dev, in file order (for the model card)."""
    return list(dict.fromkeys(s.document for s in peyma_parts()[1]))


def arman_training() -> list[Sentence]:
    """ARMAN's ``train_fold1`` in PEYMA's conventions (``harmonize_arman``)."""
    places = load_places()
    return [
        harmonize_arman(sentence, places.__contains__)
        for sentence in read_conll(NER / "arman" / "train_fold1.txt")
    ]


def peyma_parts(validation: bool = False) -> tuple[list[Sentence], list[Sentence]]:
    """PEYMA's training part and the part it is scored on: dev, or, with ``validation``, the
    validation documents (every tenth training document from the fifth), which then leave the
    training part too: settings are chosen on them, never on dev."""
    train, held_out = peyma_split(list(read_conll(NER / "peyma" / "train.txt")))
    if validation:
        train, held_out = peyma_split(train, VALIDATION)
    return train, held_out


def beside(model: Path, part: str) -> Path:
    """The file written beside a trial model (``--no-write``): its ``name-parts`` lexicon or its
    ``document`` pass (``/tmp/khabar-ner-1.tsv.gz`` → ``/tmp/khabar-ner-1-document.tsv.gz``)."""
    return model.with_name(model.name.replace(".tsv.gz", f"-{part}.tsv.gz"))


def extractor_with(lexicon: Mapping[str, Sequence[str]]) -> FeatureExtractor:
    """The CRF's feature extractor with this name-part lexicon (word key → classes)."""
    return FeatureExtractor(load_clusters(), name_parts.merge(tagger_gazetteer(), lexicon))


def export(crfsuite_path: Path, output: Path, comment: str) -> CrfModel:
    """Convert a CRFsuite model into khabar's text model file (read by khabar.entities.tagger)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_path))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda label: (label != "O", label[2:], label))
    index = {label: i for i, label in enumerate(labels)}
    transitions = {(index[a], index[b]): w for (a, b), w in info.transitions.items()}
    features: dict[str, list[tuple[int, float]]] = {}
    for (attribute, label), weight in info.state_features.items():
        if abs(weight) >= 1e-4:
            features.setdefault(attribute, []).append((index[label], weight))
    model = CrfModel(labels, transitions, {f: tuple(p) for f, p in features.items()})
    model.save(output, comment)
    return model


def fold_of(index: int, sentence: Sentence, documents: dict[str, int], folds: int) -> int:
    """The jackknife fold of a training sentence: PEYMA by document, ARMAN (one file, no document
    names) by blocks of 50 sentences."""
    if sentence.document in documents:
        return documents[sentence.document] % folds
    return (index // 50) % folds


def name_part_extractors(
    training: list[Sentence], folds: int
) -> tuple[list[FeatureExtractor], list[int], dict[str, dict[str, int]]]:
    """One feature extractor per fold, its name-part lexicon counted on the other folds; the fold
    of each training sentence; and the counts over all of the training text (shipped)."""
    documents: dict[str, int] = {}
    for sentence in training:
        if sentence.document.startswith("NER-") or sentence.document.startswith("news"):
            documents.setdefault(sentence.document, len(documents))
    assignment = [fold_of(i, s, documents, folds) for i, s in enumerate(training)]
    labelled = [(s.tokens, keep_labels(s.tags, TAGGED_LABELS)) for s in training]
    per_fold = [
        name_parts.count_tags(pair for pair, f in zip(labelled, assignment, strict=True) if f == k)
        for k in range(folds)
    ]
    total = name_parts.count_tags(labelled)
    extractors = []
    for k in range(folds):
        counts: dict[str, dict[str, int]] = {}
        for key, tags in total.items():
            left = {t: n - per_fold[k].get(key, {}).get(t, 0) for t, n in tags.items()}
            left = {t: n for t, n in left.items() if n > 0}
            if left:
                counts[key] = left
        extractors.append(extractor_with(name_parts.lexicon_classes(counts)))
    return extractors, assignment, total


def silver_sentences(
    paths: list[Path],
    training: list[Sentence],
    extractors: list[FeatureExtractor],
    no_lexicon: bool,
) -> list[tuple[list[list[str]], list[str]]]:
    """CRF items (features, tags) of the silver sentences in ``paths`` (``ner_silver.py``).

    They are featurized as new text is: with the name-part lexicon of all of ``training`` (not
    one fold's), and they take no part in the lexicon's counts nor in the document pass's
    jackknife (the caller appends them to the CRF's trainer only).
    """
    if not paths:
        return []
    if no_lexicon:
        extractor = extractors[0]
    else:
        labelled = [(s.tokens, keep_labels(s.tags, TAGGED_LABELS)) for s in training]
        extractor = extractor_with(name_parts.lexicon_classes(name_parts.count_tags(labelled)))
    return [
        (extractor.sentence_features(sentence.tokens), keep_labels(sentence.tags, TAGGED_LABELS))
        for path in paths
        for sentence in read_conll(path)
    ]


def append_training(
    trainer: Any,
    training: list[Sentence],
    extractors: list[FeatureExtractor],
    assignment: list[int],
    sample: int,
    silver_paths: list[Path],
    no_lexicon: bool,
) -> list[tuple[list[list[str]], list[str]]]:
    """Give ``trainer`` (a ``pycrfsuite.Trainer``) every ``sample``-th training sentence, its
    features from its own fold's extractor, then every silver sentence (all of them); returns the
    silver items."""
    for index, sentence in enumerate(training):
        if index % sample:
            continue
        trainer.append(
            extractors[assignment[index]].sentence_features(sentence.tokens),
            keep_labels(sentence.tags, TAGGED_LABELS),
        )
    silver = silver_sentences(silver_paths, training, extractors, no_lexicon)
    for features, tags in silver:
        trainer.append(features, tags)
    return silver


def evaluate(tagger: CrfTagger, sentences: list[Sentence], name: str) -> float:
    gold, predicted = [], []
    for sentence in sentences:
        gold.append(spans(keep_labels(sentence.tags, TAGGED_LABELS)))
        predicted.append(spans(tagger.tag(sentence.tokens)))
    result = score(gold, predicted)
    print(
        f"{name}: "
        + "  ".join(
            f"{label} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}"
            for label, v in result.items()
        )
    )
    return result["micro"]["f1"]


def evaluate_recognizer(
    tagger: NameTagger, sentences: list[Sentence], name: str, *, by_document: bool
) -> float:
    """Micro-F1 of the recognizer as the pipeline runs it (document by document for PEYMA)."""
    gold = [spans(keep_labels(s.tags, TAGGED_LABELS)) for s in sentences]
    predicted: list[list[tuple[int, int, str]]] = []
    if by_document:
        for document in documents(sentences):
            predicted += tagger.document_names([s.tokens for s in document])
    else:
        predicted = [tagger.names(s.tokens) for s in sentences]
    result = score(gold, predicted)
    micro = result["micro"]
    print(
        f"{name}: "
        + "  ".join(f"{label} F1={v['f1']:.3f}" for label, v in result.items())
        + f"  (micro P={micro['precision']:.4f} R={micro['recall']:.4f} F1={micro['f1']:.4f})"
    )
    return result["micro"]["f1"]


def train_document_pass(
    args: argparse.Namespace,
    training: list[Sentence],
    extractors: list[FeatureExtractor],
    assignment: list[int],
    output: Path,
) -> DocumentModel:
    """The document pass's weights, learnt on jackknifed first-pass output (ner_document_pass)."""
    import ner_document_pass  # beside this script

    cache = args.jackknife_cache
    if cache is not None and cache.exists():
        scored, models = pickle.loads(cache.read_bytes())
    else:
        scored, models = ner_document_pass.jackknife(
            training,
            extractors,
            assignment,
            export,
            iterations=args.document_iterations,
            c1=args.c1,
            c2=args.c2,
        )
        if cache is not None:
            cache.write_bytes(pickle.dumps((scored, models)))
    model = ner_document_pass.train_perceptron(
        training,
        scored,
        models,
        ner_document_pass.word_classes_of(extractors),
        epochs=args.epochs,
        rate=args.rate,
    )
    model.save(
        output,
        "khabar entity tagger, document pass: per-label weights of document features, learnt by\n"
        "an averaged perceptron on jackknifed first-pass output (scripts/train_ner.py)\n"
        f"{len(extractors)} folds, {args.document_iterations} iterations each; "
        f"{args.epochs} epochs, rate {args.rate}\n"
        "inherits the research-use terms of ARMAN and PEYMA: see docs/models/ner.md",
    )
    print(f"document pass: {len(model.weights)} features, {output.stat().st_size:,} bytes")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.02)
    parser.add_argument("--min-freq", type=float, default=1)
    parser.add_argument("--without-arman", action="store_true", help="train on PEYMA alone")
    parser.add_argument("--folds", type=int, default=5, help="jackknife folds of the lexicon")
    parser.add_argument("--no-lexicon", action="store_true", help="train without name parts")
    parser.add_argument("--sample", type=int, default=1, help="train on every Nth sentence")
    parser.add_argument(
        "--validation",
        action="store_true",
        help="hold out every tenth PEYMA training document (offset 5) and score on those, not dev",
    )
    parser.add_argument("--list-dev", action="store_true", help="print PEYMA's dev documents")
    parser.add_argument("--no-document", action="store_true", help="no document pass")
    parser.add_argument(
        "--document-iterations", type=int, default=60, help="iterations of each jackknife CRF"
    )
    parser.add_argument("--epochs", type=int, default=6, help="perceptron epochs (document pass)")
    parser.add_argument("--rate", type=float, default=0.3, help="perceptron step (document pass)")
    parser.add_argument(
        "--jackknife-cache", type=Path, help="keep (or reuse) the jackknifed first pass here"
    )
    parser.add_argument(
        "--silver",
        type=Path,
        action="append",
        default=[],
        help="IOB file of machine-tagged sentences (scripts/ner_silver.py) appended to the CRF's "
        "training data (uptraining); may be given more than once",
    )
    parser.add_argument(
        "--reuse-model",
        type=Path,
        help="do not train the CRF: use this model (and its lexicon beside it); for trials",
    )
    args = parser.parse_args(argv)
    if not NER.exists():
        print(f"error: {NER} is missing (../shared beside the repository)", file=sys.stderr)
        return 1
    if args.list_dev:
        print(", ".join(peyma_dev_documents()))
        return 0
    started = time.perf_counter()
    arman_train = arman_training()
    arman_test = list(read_conll(NER / "arman" / "test_fold1.txt"))
    peyma_train, peyma_dev = peyma_parts(args.validation)
    trainer = pycrfsuite.Trainer(verbose=False)
    training = peyma_train if args.without_arman else arman_train + peyma_train
    output = args.output if not args.no_write else Path(f"/tmp/khabar-ner-{time.time():.0f}.tsv.gz")
    if args.reuse_model is not None:  # a trial of the document pass on a model trained before
        output = args.reuse_model
    lexicon_path = output.parent / name_parts.NAME_PARTS_PATH.name
    if args.no_write or args.reuse_model is not None:
        lexicon_path = beside(output, "name-parts")
    if args.no_lexicon:
        extractors = [extractor_with({})]
        assignment = [0] * len(training)
        if args.reuse_model is None:
            lexicon_path.unlink(missing_ok=True)
    else:
        extractors, assignment, counts = name_part_extractors(training, args.folds)
        if args.reuse_model is None:
            name_parts.save(
                counts,
                lexicon_path,
                "khabar name-part lexicon: IOB tag counts per word key over the training part of\n"
                "ARMAN train_fold1 and PEYMA minus its dev documents, by scripts/train_ner.py\n"
                "inherits the research-use terms of ARMAN and PEYMA: see docs/models/ner.md",
            )
    if args.reuse_model is None:
        silver = append_training(
            trainer, training, extractors, assignment, args.sample, args.silver, args.no_lexicon
        )
        if args.silver:
            print(f"silver: {len(silver):,} sentences appended", flush=True)
        print(f"features built in {time.perf_counter() - started:.0f}s", flush=True)
        trainer.set_params(
            {
                "c1": args.c1,
                "c2": args.c2,
                "max_iterations": args.iterations,
                "feature.possible_transitions": True,
                "feature.minfreq": args.min_freq,
            }
        )
        with tempfile.TemporaryDirectory() as folder:
            crfsuite_model = Path(folder) / "ner.crfsuite"
            trainer.train(str(crfsuite_model))
            comment = (
                "khabar entity tagger (linear-chain CRF, CRFsuite L-BFGS), by scripts/train_ner.py\n"
                f"trained on ARMAN train_fold1 ({len(arman_train)} sentences) and PEYMA minus its "
                f"dev documents ({len(peyma_train)} sentences); c1={args.c1} c2={args.c2} "
                f"iterations={args.iterations}\n"
                "inherits the research-use terms of ARMAN and PEYMA: see docs/models/ner.md"
            )
            if args.without_arman:
                comment = comment.replace("ARMAN train_fold1", "no ARMAN")
            if silver:
                comment += (
                    f"\nuptrained: {len(silver)} news sentences tagged by the ensemble "
                    "(scripts/ner_silver.py; no news text is shipped)"
                )
            export(crfsuite_model, output, comment)
        print(
            f"trained in {time.perf_counter() - started:.0f}s; "
            f"model {output.stat().st_size:,} bytes",
            flush=True,
        )
    tagger = CrfTagger(
        output, extractor_with({} if args.no_lexicon else name_parts.load(lexicon_path))
    )
    dev_name = "PEYMA validation" if args.validation else "PEYMA dev"
    evaluate(tagger, peyma_dev, dev_name + ", CRF alone")
    evaluate(tagger, arman_test, "ARMAN test_fold1, CRF alone")
    # the boundary rules counted on this run's PEYMA training part (the packaged counts include
    # the validation documents)
    boundary_rules = boundaries.BoundaryRules(
        boundaries.count_boundaries(
            (s.tokens, keep_labels(s.tags, TAGGED_LABELS)) for s in peyma_train
        )
    )
    without = NameTagger(tagger, use_document=False, boundary_rules=boundary_rules)
    evaluate_recognizer(without, peyma_dev, dev_name + ", recognizer", by_document=True)
    evaluate_recognizer(without, arman_test, "ARMAN test_fold1, recognizer", by_document=False)
    if args.no_document or args.no_lexicon:
        return 0
    document_path = DOCUMENT_MODEL_PATH
    if args.no_write or args.reuse_model is not None or args.output != MODEL_PATH:
        document_path = beside(output, "document")
    document = train_document_pass(args, training, extractors, assignment, document_path)
    print(f"document pass in {time.perf_counter() - started:.0f}s", flush=True)
    with_document = NameTagger(tagger, document=document, boundary_rules=boundary_rules)
    evaluate_recognizer(
        with_document, peyma_dev, dev_name + ", with document pass", by_document=True
    )
    evaluate_recognizer(
        with_document, arman_test, "ARMAN test_fold1, with document pass", by_document=False
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
