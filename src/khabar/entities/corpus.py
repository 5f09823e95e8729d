"""Reading the NER training sets (ARMAN, PEYMA) into one tag set, and scoring entity spans.

Both sets are one token a line with an IOB tag; they differ in their labels and their separators.
:func:`read_conll` reads either and maps its labels to khabar's (``pers`` → PER, ``DAT`` → DATE
...). A line whose tag is not a known label (PEYMA has a few damaged lines) counts as ``O``.

>>> map_tag("B-pers"), map_tag("I-DAT"), map_tag("O"), map_tag("است")
('B-PER', 'I-DATE', 'O', 'O')
>>> spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"])
[(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
>>> score([[(0, 2, "PER")]], [[(0, 2, "PER"), (3, 4, "LOC")]])["micro"]["precision"]
0.5
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

LABEL_MAP = {
    "pers": "PER",
    "per": "PER",
    "org": "ORG",
    "loc": "LOC",
    "fac": "FAC",
    "event": "EVENT",
    "pro": "PRODUCT",
    "dat": "DATE",
    "tim": "TIME",
    "mon": "MONEY",
    "pct": "PERCENT",
}
NAME_LABELS = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a training set: tokens, their khabar IOB tags and the document it is from."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    document: str


def map_tag(tag: str) -> str:
    """The khabar IOB tag of a tag from ARMAN or PEYMA; anything unknown is ``O``."""
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
        label = LABEL_MAP.get(tag[2:].lower())
        if label is not None:
            return tag[0] + "-" + label
    return "O"


def read_conll(path: Path) -> Iterator[Sentence]:
    """The sentences of an ARMAN or PEYMA file (``# doc: NAME`` lines name PEYMA's documents)."""
    document = path.stem
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# doc: "):
                document = line[len("# doc: ") :].strip()
                continue
            if not line.strip():
                if tokens:
                    yield Sentence(tuple(tokens), tuple(tags), document)
                    tokens, tags = [], []
                continue
            parts = line.split("\t") if "\t" in line else line.rsplit(" ", 1)
            token = parts[0].strip()
            if not token:
                continue
            tokens.append(token)
            tags.append(map_tag(parts[1].strip()) if len(parts) > 1 else "O")
    if tokens:
        yield Sentence(tuple(tokens), tuple(tags), document)


VALIDATION = 4  # ``peyma_split(train, VALIDATION)``: the training documents held out for tuning


def peyma_split(
    sentences: Sequence[Sentence], held_out: int = 9
) -> tuple[list[Sentence], list[Sentence]]:
    """PEYMA split by document: every tenth document in file order (the 10th, 20th ... with the
    default ``held_out``) is dev, the rest is training.

    The dev documents are never trained on (docs/models/ner.md lists them); the training part is
    split again with ``held_out=VALIDATION`` (the 5th, 15th ...) to choose settings on.
    """
    order: dict[str, int] = {}
    for sentence in sentences:
        order.setdefault(sentence.document, len(order))
    train = [s for s in sentences if order[s.document] % 10 != held_out]
    dev = [s for s in sentences if order[s.document] % 10 == held_out]
    return train, dev


_NATIONALITY_ENDINGS = ("ی", "ي", "یان", "يان", "ها", "ئی", "یها", "يها", "ئیها")


def documents(sentences: Iterable[Sentence]) -> Iterator[list[Sentence]]:
    """Runs of consecutive sentences from one document (PEYMA names its documents; ARMAN's
    sentences all come as one)."""
    for _, group in groupby(sentences, key=lambda sentence: sentence.document):
        yield list(group)


def harmonize_arman(sentence: Sentence, is_place: Callable[[str], bool]) -> Sentence:
    """ARMAN's tags in PEYMA's conventions, so the two sets teach one tagger the same thing.

    ARMAN marks a country standing for its state as an organisation (``[ایران]org``) and
    nationalities too (``[ایرانی]org``); PEYMA marks the first a place and the second nothing.
    A one-token ORG that is a gazetteer place becomes LOC; one that ends like a nationality, O.
    Facilities become places, as PEYMA has them; events (PEYMA has none) are left to the caller.
    """
    tags = list(sentence.tags)
    for start, end, label in spans(tags):
        if label == "FAC":  # PEYMA marks facilities (ایستگاه هفت‌خوان, فرودگاه ...) as places
            tags[start:end] = ["B-LOC"] + ["I-LOC"] * (end - start - 1)
            continue
        if label != "ORG" or end - start != 1:
            continue
        token = sentence.tokens[start]
        if is_place(token):
            tags[start] = "B-LOC"
        elif token.endswith(_NATIONALITY_ENDINGS):
            tags[start] = "O"
    return Sentence(sentence.tokens, tuple(tags), sentence.document)


def keep_labels(tags: Sequence[str], labels: Iterable[str]) -> list[str]:
    """``tags`` with every label outside ``labels`` turned into ``O``."""
    allowed = set(labels)
    return [tag if tag != "O" and tag[2:] in allowed else "O" for tag in tags]


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` (token indices, end exclusive) of an IOB sequence.

    An ``I-`` that does not continue an entity of its label starts a new one (the usual reading).
    """
    result: list[tuple[int, int, str]] = []
    start = previous = -1
    label = ""
    for index in [i for i, tag in enumerate(tags) if tag != "O"]:  # most tags are O: skip them
        tag = tags[index]
        prefix, current = tag[0], tag[2:]
        if start >= 0 and (index != previous + 1 or prefix != "I" or current != label):
            result.append((start, previous + 1, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = index, current
        previous = index
    if start >= 0:
        result.append((start, previous + 1, label))
    return result


def iob_tags(length: int, names: Iterable[tuple[int, int, str]]) -> list[str]:
    """The IOB tags of a sentence of ``length`` tokens with these names: :func:`spans` inverted.

    >>> iob_tags(4, [(1, 3, "PER")])
    ['O', 'B-PER', 'I-PER', 'O']
    """
    tags = ["O"] * length
    for start, end, label in names:
        tags[start] = "B-" + label
        tags[start + 1 : end] = ["I-" + label] * (end - start - 1)
    return tags


def score(
    gold: Sequence[Sequence[tuple[int, int, str]]],
    predicted: Sequence[Sequence[tuple[int, int, str]]],
    labels: Sequence[str] = NAME_LABELS,
) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per label and micro-averaged over ``labels``."""
    counts = {label: [0, 0, 0] for label in labels}  # true positives, predicted, gold
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        gold_set = {span for span in gold_spans if span[2] in counts}
        predicted_set = {span for span in predicted_spans if span[2] in counts}
        for span in gold_set & predicted_set:
            counts[span[2]][0] += 1
        for span in predicted_set:
            counts[span[2]][1] += 1
        for span in gold_set:
            counts[span[2]][2] += 1
    result = {label: _prf(*counts[label]) for label in labels}
    total = [sum(values[i] for values in counts.values()) for i in range(3)]
    result["micro"] = _prf(*total)
    return result


def _prf(true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": float(gold)}
