"""Name-phrase lexicon: whole names of two words or more seen in the training text, as features.

The CRF sees a word and its neighbours two either side; a long organisation name
(«سازمان جهاد کشاورزی استان هرمزگان») is longer than that, and its boundaries are where the
tagger errs most. This lexicon keeps every multi-word name of the training part with the labels
it was tagged with; the feature extractor marks the longest match at each place of a sentence on
its words (``ph=B-ORG``, ``ph=I-ORG``, ``ph=E-ORG``) and on the words just outside it
(``ph+1=B-ORG``: the next word begins a known name; ``ph-1=E-ORG``: the previous one ended one).
Like the name-part lexicon it is jackknifed while training: a sentence's matches come from the
other folds, so the CRF learns how far to trust a phrase on new text.

>>> counts = count_phrases([(["وزارت", "امور", "خارجه", "گفت"], ["B-ORG", "I-ORG", "I-ORG", "O"])])
>>> counts[("وزارت", "امور", "خارجه")]
{'ORG': 1}
>>> lexicon = phrase_labels(counts)
>>> from khabar.entities.features import phrase_matches
>>> phrase_matches(["سخنگوی", "وزارت", "امور", "خارجه", "افزود"], lexicon)
[(1, 4, 'ORG')]
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.corpus import spans
from khabar.entities.features import word_key
from khabar.errors import ResourceError

PHRASES_PATH = Path(str(resources.files("khabar").joinpath("data"))) / "ner-phrases.tsv.gz"
_LABELS = ("PER", "ORG", "LOC")


def count_phrases(
    sentences: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> dict[tuple[str, ...], dict[str, int]]:
    """Name of two words or more (as word keys) → {label: times tagged with it}."""
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    for tokens, tags in sentences:
        for start, end, label in spans(tags):
            if end - start > 1 and label in _LABELS:
                key = tuple(word_key(token) for token in tokens[start:end])
                if any(" " in word or "\t" in word for word in key):
                    continue  # not writable in the file format
                entry = counts.setdefault(key, {})
                entry[label] = entry.get(label, 0) + 1
    return counts


def phrase_labels(
    counts: Mapping[tuple[str, ...], Mapping[str, int]],
) -> dict[tuple[str, ...], str]:
    """Phrase → the label it had most often."""
    return {
        phrase: max(labels, key=lambda label: labels[label]) for phrase, labels in counts.items()
    }


def save(
    counts: Mapping[tuple[str, ...], Mapping[str, int]], path: Path, comment: str = ""
) -> None:
    """Write the counts: one phrase a line, ``KEY KEY ...<TAB>LABEL:COUNT[,LABEL:COUNT...]``."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        for line in comment.splitlines():
            out.write(f"# {line}\n")
        for phrase in sorted(counts):
            pairs = ",".join(f"{label}:{n}" for label, n in sorted(counts[phrase].items()))
            out.write(" ".join(phrase) + "\t" + pairs + "\n")


@cache
def load(path: Path = PHRASES_PATH) -> dict[tuple[str, ...], str]:
    """Phrase → label from the packaged counts; empty when the file is absent."""
    if not path.exists():
        return {}
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#"):
                    continue
                phrase, _, pairs = line.rstrip("\n").partition("\t")
                counts[tuple(phrase.split(" "))] = {
                    label: int(n) for label, n in (pair.split(":") for pair in pairs.split(","))
                }
    except (OSError, ValueError, EOFError) as exc:
        raise ResourceError(
            f"name-phrase lexicon {path} cannot be read ({exc}); rebuild it with "
            "scripts/train_ner.py"
        ) from exc
    return phrase_labels(counts)
