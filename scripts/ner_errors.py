"""Count the entity recognizer's errors by kind on PEYMA documents held out for tuning.

    .venv/bin/python scripts/train_ner.py --validation --no-write     # prints the model's path
    .venv/bin/python scripts/ner_errors.py --model /tmp/khabar-ner-....tsv.gz [--examples 15]
    .venv/bin/python scripts/build_ner_boundaries.py --validation --output /tmp/val-boundaries.tsv.gz
    .venv/bin/python scripts/ner_errors.py --model ... --boundaries /tmp/val-boundaries.tsv.gz \
        [--rules extend-left,relabel] [--share 0.95] [--min-seen 5]

Scores the recognizer (CRF, gazetteers, document consistency) on the *validation* documents of
``scripts/train_ner.py --validation`` (PEYMA training documents, every tenth from the fifth), never
on dev: the breakdown is what the fixes are tuned on. Without ``--boundaries`` the boundary rules
are off (the packaged counts include the validation documents); give it counts built with
``build_ner_boundaries.py --validation``. Each gold or predicted name that is not an
exact match is put in one kind:

- ``boundary`` (same label, overlapping spans): which side differs and whether the prediction is
  longer or shorter there (``left+``: it starts earlier than gold, ``right-``: it ends earlier);
- ``label`` (same span, another label), ``label+boundary`` (overlapping, another label);
- ``missed`` (a gold name no prediction overlaps), ``spurious`` (a prediction no gold overlaps).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from train_ner import NER, beside, extractor_with, peyma_parts  # beside this script

from khabar.entities import boundaries, name_parts
from khabar.entities.corpus import Sentence, documents, keep_labels, score, spans
from khabar.entities.document import load_document_model
from khabar.entities.recognizer import NameTagger
from khabar.entities.tagger import TAGGED_LABELS, CrfTagger

Name = tuple[int, int, str]


def validation_documents() -> list[list[Sentence]]:
    """The validation documents of ``train_ner.py --validation``, each a list of sentences."""
    return list(documents(peyma_parts(validation=True)[1]))


def _side(gold: Name, predicted: Name) -> str:
    parts = []
    if predicted[0] != gold[0]:
        parts.append("left+" if predicted[0] < gold[0] else "left-")
    if predicted[1] != gold[1]:
        parts.append("right+" if predicted[1] > gold[1] else "right-")
    return " ".join(parts)


def classify(gold: list[Name], predicted: list[Name]) -> list[tuple[str, Name | None, Name | None]]:
    """The errors of one sentence: ``(kind, gold name, predicted name)``."""
    errors: list[tuple[str, Name | None, Name | None]] = []
    exact = set(gold) & set(predicted)
    gold_left = [g for g in gold if g not in exact]
    predicted_left = [p for p in predicted if p not in exact]
    paired_gold: set[Name] = set()
    for p in predicted_left:
        overlapping = [g for g in gold_left if g[0] < p[1] and p[0] < g[1]]
        if not overlapping:
            errors.append((f"spurious {p[2]}", None, p))
            continue
        for g in overlapping:
            paired_gold.add(g)
            if g[2] == p[2]:
                errors.append((f"boundary {g[2]} {_side(g, p)}", g, p))
            elif g[:2] == p[:2]:
                errors.append((f"label {g[2]}→{p[2]}", g, p))
            else:
                errors.append((f"label+boundary {g[2]}→{p[2]}", g, p))
    for g in gold_left:
        if g not in paired_gold:
            errors.append((f"missed {g[2]}", g, None))
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--lexicon", type=Path, help="default: the model's -name-parts file")
    parser.add_argument("--examples", type=int, default=8, help="examples shown per kind")
    parser.add_argument("--kinds", type=int, default=20, help="kinds shown")
    parser.add_argument("--no-document", action="store_true", help="without the document pass")
    parser.add_argument("--boundaries", type=Path, help="boundary counts (build_ner_boundaries.py)")
    parser.add_argument(
        "--rules", default=",".join(boundaries.RULES), help="boundary rules, comma-separated"
    )
    parser.add_argument("--share", type=float, default=0.95, help="boundary rules: decisive share")
    parser.add_argument("--min-seen", type=int, default=5, help="boundary rules: fewest counts")
    args = parser.parse_args(argv)
    if not NER.exists():
        print(f"error: {NER} is missing (../shared beside the repository)", file=sys.stderr)
        return 1
    lexicon_path = args.lexicon or beside(args.model, "name-parts")
    document_path = beside(args.model, "document")
    extractor = extractor_with(name_parts.load(lexicon_path))
    document = None if args.no_document else load_document_model(document_path)
    print(f"document pass: {document_path if document else 'none'}")
    rules = None
    if args.boundaries is not None:
        rules = boundaries.BoundaryRules(
            boundaries.load(args.boundaries),
            min_seen=args.min_seen,
            share=args.share,
            rules=[rule for rule in args.rules.split(",") if rule],
        )
    print(f"boundary rules: {sorted(rules.rules) if rules else 'none'}")
    tagger = NameTagger(
        CrfTagger(args.model, extractor),
        document=document,
        use_document=False,
        boundary_rules=rules,
        use_boundaries=False,
    )
    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    all_gold: list[list[Name]] = []
    all_predicted: list[list[Name]] = []
    for story in validation_documents():
        found = tagger.document_names([s.tokens for s in story])
        for sentence, predicted in zip(story, found, strict=True):
            gold = spans(keep_labels(sentence.tags, TAGGED_LABELS))
            all_gold.append(gold)
            all_predicted.append(predicted)
            for kind, g, p in classify(gold, predicted):
                kinds[kind] += 1
                tokens = sentence.tokens
                shown = " | ".join(
                    f"{what} [{' '.join(tokens[n[0] : n[1]])}]"
                    for what, n in (("gold", g), ("got", p))
                    if n is not None
                )
                context = " ".join(tokens[max(0, (g or p)[0] - 3) : (g or p)[1] + 3])  # type: ignore[index]
                examples.setdefault(kind, []).append(f"{shown}   «{context}»")
    total = sum(kinds.values())
    result = score(all_gold, all_predicted)
    print(
        "validation: "
        + "  ".join(f"{label} F1={v['f1']:.3f}" for label, v in result.items())
        + f"  (micro P={result['micro']['precision']:.3f} R={result['micro']['recall']:.3f})"
    )
    micro = result["micro"]
    predicted_names = sum(len(names) for names in all_predicted)
    exact = round(micro["recall"] * micro["support"])
    print(
        f"gold names {micro['support']:.0f}, predicted {predicted_names}, exact {exact}, "
        f"errors {total}; micro-F1 {micro['f1']:.4f}"
    )
    for group in ("boundary", "label", "label+boundary", "missed", "spurious"):
        count = sum(n for kind, n in kinds.items() if kind.split()[0] == group)
        print(f"  {group:15} {count:5} ({count / total:.0%})")
    for kind, count in kinds.most_common(args.kinds):
        print(f"\n{kind}: {count}")
        for line in examples[kind][: args.examples]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
