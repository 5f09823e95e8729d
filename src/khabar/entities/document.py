"""The tagger's document pass: what the rest of the story says about a word, added to its scores.

The CRF tags each sentence alone. A story names its people, places and organisations many times,
and a word the CRF missed once («جذب» alone, after «حجت جذب» two sentences before) is usually
tagged right somewhere else. The document pass reads the CRF's first-pass output over the whole
story and gives each token *document features* built from the *other* occurrences of its word:

- ``r=S-PER|hi``: elsewhere the word was a whole name (S), its first (B), middle (I) or last (E)
  word, of this label; joined to the word's class in the name-part lexicon (``hi``/``mid``/``lo``
  share of name tags, ``never`` a name, ``new``: unseen in training), so that «و» inside an
  organisation's name elsewhere does not count like a surname;
- ``a=all``/``a=some``: all or only some of its other occurrences were in names;
- ``L=E-PER``: its place in the longest name of two words or more containing it elsewhere;
- ``j+=PER``/``j-=PER``: the word and the next (previous) word were in one name elsewhere;
  ``b+``/``b-``: a name ended between them (began between them) elsewhere;
- ``+1l=ORG``/``-1l=ORG``: the labels the next (previous) word got elsewhere.

Weights for them (one per label, learnt by ``scripts/train_ner.py`` on jackknifed first-pass
output) are added to the CRF's state scores, and a sentence in which any fired is decoded again
with the CRF's transitions. A sentence without document features keeps its first-pass tags, so
the pass costs little where a story repeats no name. The model file, gzip-compressed text::

    # comment lines
    labels<TAB>O<TAB>B-PER<TAB>...
    FEATURE<TAB>WEIGHT<TAB>WEIGHT...   (one weight per label)

>>> keys = [["حجت", "جذب", "گفت"], ["جذب", "افزود"]]
>>> tags = [["B-PER", "I-PER", "O"], ["O", "O"]]
>>> features = document_features(keys, tags, lambda key: "new")
>>> sorted(features[1][0])
['L=E-PER', 'a=all', 'r=E-PER|new']
>>> features[0][2]
[]
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.corpus import spans
from khabar.entities.tagger import TAGGED_LABELS, model_rows
from khabar.errors import ResourceError

DOCUMENT_MODEL_PATH = Path(str(resources.files("khabar").joinpath("data"))) / "ner-document.tsv.gz"


def _role(position: int, start: int, end: int) -> str:
    if end - start == 1:
        return "S"
    return "B" if position == start else "E" if position == end - 1 else "I"


def document_features(
    keys: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    word_class: Callable[[str], str],
) -> list[list[list[str]]]:
    """The document features of every token of a story (``keys``: token keys by sentence,
    ``tags``: the first pass's IOB tags by sentence)."""
    # Every feature needs the token's word or a neighbour's named somewhere in the story and seen
    # there twice or more (``repeated``): without one (most one-sentence stories) there is
    # nothing to compute, and tokens with none beside them are skipped at once.
    seen: Counter[str] = Counter()  # word → occurrences
    named_words: set[str] = set()
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        seen.update(sentence_keys)
        named_words.update(
            key for key, tag in zip(sentence_keys, sentence_tags, strict=True) if tag != "O"
        )
    repeated = {key for key in named_words if seen[key] > 1}
    if not repeated:
        return [[[] for _ in sentence_keys] for sentence_keys in keys]
    roles: dict[str, dict[str, int]] = {}  # word → role-label counts over the story
    named: Counter[str] = Counter()  # word → occurrences inside a name
    longest: dict[
        str, list[tuple[int, str, int, int]]
    ] = {}  # word → (length, role, sentence, start)
    joins: Counter[tuple[str, str, str]] = Counter()  # (word, next word, label) in one name
    breaks: Counter[tuple[str, str]] = Counter()  # (word, next word): a name ends between them
    opens: Counter[tuple[str, str]] = Counter()  # (word, next word): a name begins between them
    own: list[list[str]] = []  # role-label of each token ("" outside names)
    for number, (sentence_keys, sentence_tags) in enumerate(zip(keys, tags, strict=True)):
        token_roles = [""] * len(sentence_keys)
        for start, end, label in spans(sentence_tags):
            for position in range(start, end):
                key = sentence_keys[position]
                role = _role(position, start, end) + "-" + label
                token_roles[position] = role
                counts = roles.get(key)
                if counts is None:
                    counts = roles[key] = {}
                counts[role] = counts.get(role, 0) + 1
                named[key] += 1
                if end - start > 1:
                    longest.setdefault(key, []).append((end - start, role, number, start))
                if position + 1 < end:
                    joins[key, sentence_keys[position + 1], label] += 1
            if end < len(sentence_keys):
                breaks[sentence_keys[end - 1], sentence_keys[end]] += 1
            if start > 0:
                opens[sentence_keys[start - 1], sentence_keys[start]] += 1
        own.append(token_roles)

    elsewhere: dict[tuple[str, str], list[str]] = {}  # (word, its role here) → r= and a=

    neighbour: dict[tuple[str, str], list[str]] = {}  # (word, its role there) → its labels

    def labels_elsewhere(key: str, role: str) -> list[str]:
        found = neighbour.get((key, role))
        if found is None:
            counts = roles.get(key)
            found = (
                []
                if counts is None
                else sorted({r[2:] for r, n in counts.items() if n > (r == role)})
            )
            neighbour[key, role] = found
        return found

    def word_features(key: str, role: str) -> list[str]:
        found = elsewhere.get((key, role))
        if found is None:
            found = []
            counts = roles.get(key)
            others = named[key] - (role != "") if counts is not None else 0
            if counts is not None and others:
                kind = word_class(key)
                found = ["r=" + r + "|" + kind for r, n in counts.items() if n > (r == role)]
                found.append("a=all" if others == seen[key] - 1 else "a=some")
            elsewhere[key, role] = found
        return found

    result: list[list[list[str]]] = []
    for number, sentence_keys in enumerate(keys):
        count = len(sentence_keys)
        near = [key in repeated for key in sentence_keys]
        if not any(near):
            result.append([[] for _ in sentence_keys])
            continue
        token_roles = own[number]
        sentence_features: list[list[str]] = []
        for position, key in enumerate(sentence_keys):
            if not (
                near[position]
                or (position > 0 and near[position - 1])
                or (position + 1 < count and near[position + 1])
            ):
                sentence_features.append([])
                continue
            role = token_roles[position]
            features = list(word_features(key, role)) if near[position] else []
            if features and key in longest:
                best = max(
                    (
                        (length, r)
                        for length, r, s, start in longest[key]
                        if not (s == number and start <= position < start + length)
                    ),
                    default=None,
                )
                if best is not None:
                    features.append("L=" + best[1])
            if position + 1 < count:  # the pair with the next word
                after, after_role = sentence_keys[position + 1], token_roles[position + 1]
                joined = role != "" and after_role[:1] in ("I", "E")
                features += _pair_features(
                    "+",
                    (key, after),
                    role[2:] if joined else "",
                    joins,
                    breaks.get((key, after), 0) - (role[:1] in ("S", "E")),
                    labels_elsewhere(after, after_role),
                )
            if position > 0:  # the pair with the word before
                before = sentence_keys[position - 1]
                joined = role[:1] in ("I", "E")
                features += _pair_features(
                    "-",
                    (before, key),
                    role[2:] if joined else "",
                    joins,
                    opens.get((before, key), 0) - (role[:1] in ("S", "B")),
                    labels_elsewhere(before, token_roles[position - 1]),
                )
            sentence_features.append(features)
        result.append(sentence_features)
    return result


def _pair_features(
    side: str,
    pair: tuple[str, str],
    joined_as: str,
    joins: Counter[tuple[str, str, str]],
    split_elsewhere: int,
    neighbour_labels: list[str],
) -> list[str]:
    """What the story says elsewhere of a word and its neighbour on ``side`` ("+" after, "-"
    before): inside one name of a label (``j``), not counting this sentence's, where they are
    ``joined_as`` that label; a name ending or beginning between them (``b``; its count from
    elsewhere); the labels the neighbour had elsewhere."""
    features = [
        f"j{side}={label}"
        for label in TAGGED_LABELS
        if joins.get((*pair, label), 0) - (joined_as == label) > 0
    ]
    if split_elsewhere > 0:
        features.append("b" + side)
    return features + [f"{side}1l={label}" for label in neighbour_labels]


class DocumentModel:
    """Per-label weights of document features, added to the CRF's state scores."""

    def __init__(self, labels: Sequence[str], weights: dict[str, list[float]]) -> None:
        self.labels = tuple(labels)
        self.weights = weights

    @classmethod
    def load(cls, path: Path) -> DocumentModel:
        """Read a model file written by :meth:`save`."""
        labels: list[str] = []
        weights: dict[str, list[float]] = {}
        try:
            for fields in model_rows(path):
                if fields[0] == "labels":
                    labels = fields[1:]
                else:
                    weights[fields[0]] = [float(value) for value in fields[1:]]
        except (OSError, ValueError, EOFError) as exc:
            raise ResourceError(
                f"document model {path} cannot be read ({exc}); rebuild it with "
                "scripts/train_ner.py"
            ) from exc
        if not labels or any(len(w) != len(labels) for w in weights.values()):
            raise ResourceError(f"document model {path} is damaged; rebuild it")
        return cls(labels, weights)

    def save(self, path: Path, comment: str = "") -> None:
        """Write the model in the text format :meth:`load` reads."""
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
            for line in comment.splitlines():
                out.write(f"# {line}\n")
            out.write("labels\t" + "\t".join(self.labels) + "\n")
            for feature in sorted(self.weights):
                out.write(feature + "\t" + "\t".join(f"{w:.4g}" for w in self.weights[feature]))
                out.write("\n")

    def adjust(self, emissions: list[list[float]], features: Sequence[Sequence[str]]) -> list[int]:
        """Add the weights of each token's features to its scores (in place); the tokens changed."""
        table = self.weights
        changed: list[int] = []
        for position, names in enumerate(features):
            if not names:
                continue
            vector = emissions[position]
            for name in names:
                weights = table.get(name)
                if weights is not None:
                    if not changed or changed[-1] != position:
                        changed.append(position)
                    for label, weight in enumerate(weights):
                        vector[label] += weight
        return changed


def word_class_function(gazetteer: Mapping[str, Sequence[str]]) -> Callable[[str], str]:
    """The word classes the document features are joined to, from the tagger's gazetteer mapping
    (which carries the name-part lexicon's classes): ``key → hi/mid/lo`` (share of name tags in
    training), ``never`` or ``new``.

    >>> word_class = word_class_function(
    ...     {"غلام": ("N:B-PER:hi", "N:f:rare", "N:name:hi"), "و": ("N:f:many",)})
    >>> word_class("غلام"), word_class("و"), word_class("نوسکوف")
    ('hi', 'never', 'new')
    """

    def word_class(key: str) -> str:
        kind = "new"
        for name in gazetteer.get(key, ()):
            if name.startswith("N:name:"):
                return name[7:]
            if name.startswith("N:f:"):
                kind = "never"
        return kind

    return word_class


@cache
def load_document_model(path: Path = DOCUMENT_MODEL_PATH) -> DocumentModel | None:
    """The packaged document model, or None when it was not built (the pass is then skipped)."""
    return DocumentModel.load(path) if path.exists() else None
