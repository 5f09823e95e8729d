"""Count PEYMA's boundary conventions into khabar's ``ner-boundaries.tsv.gz`` (entities/boundaries.py).

    .venv/bin/python scripts/build_ner_boundaries.py                 # the packaged counts
    .venv/bin/python scripts/build_ner_boundaries.py --validation --output /tmp/val-boundaries.tsv.gz
    .venv/bin/python scripts/build_ner_boundaries.py --show استان شهر مرز وزارت

Counts, for each word and label, how often the word was the first word of a PER, ORG or LOC name
of two words or more in PEYMA's training gold and how often it was the untagged word just before
one. PEYMA only: ARMAN marks boundaries by other conventions («[ایران]org»), and
PEYMA is the style the recognizer is scored on. Never the dev documents (``peyma_split``); with
``--validation`` not the validation documents either, for choosing the rules on them. Words seen
fewer than three times at a name's start are not counted (``count_boundaries``). Seconds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from train_ner import NER, peyma_parts  # beside this script

from khabar.entities import boundaries
from khabar.entities.corpus import keep_labels
from khabar.entities.features import word_key
from khabar.entities.tagger import TAGGED_LABELS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=boundaries.BOUNDARIES_PATH)
    parser.add_argument(
        "--validation", action="store_true", help="leave the validation documents out"
    )
    parser.add_argument("--show", nargs="*", default=[], help="print these words' counts")
    args = parser.parse_args(argv)
    if not NER.exists():
        print(f"error: {NER} is missing (../shared beside the repository)", file=sys.stderr)
        return 1
    train, _scored = peyma_parts(args.validation)
    labelled = [(s.tokens, keep_labels(s.tags, TAGGED_LABELS)) for s in train]
    counts = boundaries.count_boundaries(labelled)
    everything = boundaries.count_boundaries(labelled, min_seen=1) if args.show else counts
    for word in args.show:
        key = word_key(word)
        for (label, side, entry), (inside, outside) in sorted(everything.items()):
            if entry == key:
                print(f"{word}\t{label}\t{side}\tinside {inside}\toutside {outside}")
    documents = len({s.document for s in train})
    boundaries.save(
        counts,
        args.output,
        "khabar boundary counts: per label, side and word key, how often the word was a name's\n"
        "first word and how often the untagged word just before one, in\n"
        f"PEYMA's training gold ({documents} documents, {len(train)} sentences; no dev"
        + (", no validation" if args.validation else "")
        + "), by scripts/build_ner_boundaries.py\n"
        "inherits PEYMA's research-use terms: see docs/models/ner.md",
    )
    print(
        f"{len(counts)} entries of {len(everything)}, {args.output.stat().st_size:,} bytes: {args.output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
