"""Entity recognition benchmark: exact-span P/R/F1 and tokens per second on one core.

    .venv/bin/python benchmarks/ner.py [--model PATH] [--json OUT]
    .venv/bin/python benchmarks/ner.py --ensemble    # the CRF + neural ensemble too (khabar[neural])

Scores the recognizer exactly as the pipeline runs it (:class:`khabar.entities.NameTagger`: the CRF,
its document pass, gazetteer places, PEYMA's boundary rules and document consistency) on
- PEYMA dev: every tenth document of ../shared/data/ner/peyma/train.txt, never trained on;
- ARMAN test_fold1: ARMAN's first test fold, disjoint from train_fold1, the only ARMAN part the
  packaged model was trained on (test_fold2 and test_fold3 are inside train_fold1, so they are not
  held out and are not scored).
Entity-level exact spans, per label and micro over PER, ORG, LOC. DATE/TIME/MONEY/PERCENT rules
are scored on PEYMA dev too (PEYMA is the only set that marks them). Speed: tokens per second of the
name tagger alone (features + CRF + document pass + gazetteers + boundary rules + document
consistency), pinned to one core, in CPU seconds of the process, over both test sets (PEYMA story by
story, ARMAN sentence by sentence, as they are scored), from cold per-word caches; the same without
the document pass and without the boundary rules. The scores are printed without the boundary
rules too (same run).
Prints the ratio of each figure to the issue's anchors (F1 0.90, 50,000 tokens/s).
With ``--ensemble``, the ensemble tagger (:mod:`khabar.entities.ensemble`: the CRF and the neural
tagger, their scores added) is scored and timed the same way in the same run, with the same
document pass, and its speed is given as a ratio to the CRF's too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from khabar.entities.corpus import (
    Sentence,
    documents,
    keep_labels,
    peyma_split,
    read_conll,
    score,
    spans,
)
from khabar.entities.document import DOCUMENT_MODEL_PATH, load_document_model
from khabar.entities.recognizer import NameTagger
from khabar.entities.rules import find_expressions
from khabar.entities.tagger import MODEL_PATH, CrfTagger, default_extractor

NER = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner"
TARGET_F1 = 0.90
TARGET_TOKENS_PER_SECOND = 50_000
RULE_LABELS = ("DATE", "TIME", "MONEY", "PERCENT")


def name_scores(
    tagger: NameTagger, sentences: list[Sentence], *, by_document: bool
) -> dict[str, dict[str, float]]:
    """Scores of the names found sentence by sentence, or document by document as the stage does
    (PEYMA names its documents; ARMAN does not, so each of its sentences stands alone)."""
    gold = [spans(keep_labels(s.tags, ("PER", "ORG", "LOC"))) for s in sentences]
    if not by_document:
        return score(gold, [tagger.names(s.tokens) for s in sentences])
    predicted = [
        names
        for document in documents(sentences)
        for names in tagger.document_names([s.tokens for s in document])
    ]
    return score(gold, predicted)


def rule_scores(sentences: list[Sentence]) -> dict[str, dict[str, float]]:
    """Rules run on the sentence written out with single spaces; spans mapped back to tokens."""
    gold, predicted = [], []
    letters = str.maketrans("يىك", "ییک")  # as the Normalizer writes them; lengths unchanged
    for sentence in sentences:
        text = " ".join(sentence.tokens).translate(letters)
        starts, ends, position = {}, {}, 0
        for index, token in enumerate(sentence.tokens):
            starts[position] = index
            ends[position + len(token)] = index + 1
            position += len(token) + 1
        found = []
        for start, end, label in find_expressions(text):
            if start in starts and end in ends:
                found.append((starts[start], ends[end], label))
            else:
                found.append((-1, -1, label))  # not on token boundaries: a wrong span
        gold.append(spans(keep_labels(sentence.tags, RULE_LABELS)))
        predicted.append(found)
    return score(gold, predicted, RULE_LABELS)


def tokens_per_second(
    tagger: NameTagger, stories: list[Sentence], sentences: list[Sentence], rounds: int = 3
) -> float:
    """Best of ``rounds`` passes, each from cold per-word caches (no word seen before), over
    ``stories`` story by story and ``sentences`` one by one.

    Timed in CPU seconds of this process (``time.process_time``), pinned to one core: the sandbox
    is shared with other jobs, and wall-clock time there measures them as much as this code.
    """
    tokens = sum(len(s.tokens) for s in stories + sentences)
    grouped = [[s.tokens for s in story] for story in documents(stories)]
    best = float("inf")
    for _ in range(rounds):
        tagger.tagger.clear_caches()
        started = time.process_time()
        for story in grouped:
            tagger.document_names(story)
        for sentence in sentences:
            tagger.names(sentence.tokens)
        best = min(best, time.process_time() - started)
    return tokens / best


def show(name: str, result: dict[str, dict[str, float]]) -> None:
    print(f"  {name}")
    for label, values in result.items():
        print(
            f"    {label:8} P={values['precision']:.3f} R={values['recall']:.3f} "
            f"F1={values['f1']:.3f} (gold {values['support']:.0f})"
        )


def show_against_target(result: dict[str, dict[str, float]]) -> None:
    micro = result["micro"]["f1"]
    print(f"  micro-F1 {micro:.3f} = {micro / TARGET_F1:.2f} × target {TARGET_F1}")


def show_speed(label: str, speed: float) -> None:
    print(
        f"{label}: {speed:,.0f} tokens/s on one core = "
        f"{speed / TARGET_TOKENS_PER_SECOND:.2f} × target {TARGET_TOKENS_PER_SECOND:,}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--document", type=Path, default=DOCUMENT_MODEL_PATH)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--ensemble", action="store_true", help="score the ensemble tagger too")
    parser.add_argument("--neural-model", type=Path, help="the neural model of the ensemble")
    args = parser.parse_args()
    if not NER.exists():
        print(f"error: {NER} is missing (../shared beside the repository)", file=sys.stderr)
        return 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    _, peyma_dev = peyma_split(list(read_conll(NER / "peyma" / "train.txt")))
    arman_test = list(read_conll(NER / "arman" / "test_fold1.txt"))
    document = load_document_model(args.document)
    tagger = NameTagger(CrfTagger(args.model, default_extractor()), document=document)
    first_pass = NameTagger(tagger.tagger, use_document=False)
    without_boundaries = NameTagger(tagger.tagger, document=document, use_boundaries=False)
    crf_only = NameTagger(tagger.tagger, gazetteers=False, use_document=False, use_boundaries=False)
    machine = platform.processor() or platform.machine()
    print(f"khabar NER benchmark, {time.strftime('%Y-%m-%d')}, {machine}, one core")
    print(f"model {args.model.name} ({args.model.stat().st_size:,} bytes)")
    if document is not None:
        print(f"document pass {args.document.name} ({args.document.stat().st_size:,} bytes)")
    figures: dict[str, object] = {}
    for name, sentences, by_document in (
        ("PEYMA dev", peyma_dev, True),
        ("ARMAN test_fold1", arman_test, False),
    ):
        named = len({s.document for s in sentences})
        tokens = sum(len(s.tokens) for s in sentences)
        print(f"{name}: {len(sentences)} sentences, {tokens:,} tokens, {named} documents")
        result = name_scores(tagger, sentences, by_document=by_document)
        show("recognizer (CRF + document pass + gazetteers + document consistency)", result)
        if document is not None:
            show(
                "recognizer without the document pass",
                name_scores(first_pass, sentences, by_document=by_document),
            )
        show(
            "recognizer without the boundary rules",
            name_scores(without_boundaries, sentences, by_document=by_document),
        )
        if by_document:
            show(
                "CRF + document pass + gazetteers, sentence by sentence",
                name_scores(tagger, sentences, by_document=False),
            )
        show("CRF alone", name_scores(crf_only, sentences, by_document=False))
        show_against_target(result)
        figures[name] = result
    rules = rule_scores(peyma_dev)
    show("rules on PEYMA dev (DATE/TIME/MONEY/PERCENT)", rules)
    figures["rules PEYMA dev"] = rules
    speed = tokens_per_second(tagger, peyma_dev, arman_test)
    show_speed("speed", speed)
    figures["tokens_per_second"] = crf_speed = speed
    speed = tokens_per_second(without_boundaries, peyma_dev, arman_test)
    print(f"  without the boundary rules, same run: {speed:,.0f} tokens/s")
    figures["tokens_per_second_without_boundary_rules"] = speed
    if document is not None:
        speed = tokens_per_second(first_pass, peyma_dev, arman_test)
        print(f"  without the document pass, same run: {speed:,.0f} tokens/s")
        figures["tokens_per_second_without_document_pass"] = speed
    if args.ensemble:
        figures["ensemble"] = ensemble_figures(tagger, args.neural_model, peyma_dev, arman_test)
        ratio = figures["ensemble"]["tokens_per_second"] / crf_speed  # type: ignore[index]
        print(f"ensemble speed = {ratio:.2f} × the CRF's, same run")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


def ensemble_figures(
    crf: NameTagger,
    neural_model: Path | None,
    peyma_dev: list[Sentence],
    arman_test: list[Sentence],
) -> dict[str, object]:
    """The ensemble (the CRF of ``crf`` and the neural tagger) scored and timed as the CRF is."""
    from khabar.entities.ensemble import EnsembleTagger
    from khabar.entities.neural import NEURAL_MODEL_PATH, NeuralTagger

    assert isinstance(crf.tagger, CrfTagger)
    path = neural_model or NEURAL_MODEL_PATH
    print(f"ensemble: neural model {path.name} ({path.stat().st_size:,} bytes)")
    ensemble = EnsembleTagger(crf.tagger, NeuralTagger(path, crf.tagger.extractor.gazetteer))
    tagger = NameTagger(ensemble, document=crf.document, use_document=crf.document is not None)
    alone = NameTagger(ensemble, gazetteers=False, use_document=False, use_boundaries=False)
    figures: dict[str, object] = {}
    for name, sentences, by_document in (
        ("PEYMA dev", peyma_dev, True),
        ("ARMAN test_fold1", arman_test, False),
    ):
        result = name_scores(tagger, sentences, by_document=by_document)
        show(f"{name}: ensemble recognizer (+ document pass, gazetteers, consistency)", result)
        show(f"{name}: ensemble alone", name_scores(alone, sentences, by_document=False))
        show_against_target(result)
        figures[name] = result
    speed = tokens_per_second(tagger, peyma_dev, arman_test)
    show_speed("ensemble speed", speed)
    figures["tokens_per_second"] = speed
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
