"""The entity tagger: a linear-chain CRF over cached word features, and its model file.

The weights are learnt by CRFsuite (``scripts/train_ner.py``) and exported to khabar's own small
text format, ``khabar/data/ner-crf.tsv.gz``, which this module reads and decodes (Viterbi) in plain
Python: no compiled dependency at run time. Decoding is fast because a word's own features and what
it tells its neighbours are summed into score vectors once per distinct word and cached; a token's
scores are then the sum of five cached vectors (itself, two words either side) plus two bigram
lookups. The distributional word clusters the features use are in ``khabar/data/word-clusters.tsv``.

The model file, gzip-compressed UTF-8 text::

    # comment lines
    labels<TAB>O<TAB>B-PER<TAB>...
    transition<TAB>FROM<TAB>TO<TAB>WEIGHT
    FEATURE<TAB>LABEL_INDEX:WEIGHT[,LABEL_INDEX:WEIGHT...]

>>> tagger = CrfTagger.default()
>>> tagger.tag(["سفر", "به", "تهران"])[2]
'B-LOC'
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.features import FeatureExtractor, word_key
from khabar.entities.gazetteers import tagger_gazetteer
from khabar.entities.name_parts import load as load_name_parts
from khabar.entities.name_parts import merge
from khabar.errors import ResourceError

DATA = Path(str(resources.files("khabar").joinpath("data")))
MODEL_PATH = DATA / "ner-crf.tsv.gz"
CLUSTERS_PATH = DATA / "word-clusters.tsv"
# The labels the CRF learns; DATE, TIME, MONEY and PERCENT are found by rules (rules.py).
# ARMAN's FAC is learnt as LOC and its EVENT not at all: see docs/models/ner.md for why.
TAGGED_LABELS = ("PER", "ORG", "LOC")


@cache
def load_clusters(path: Path = CLUSTERS_PATH) -> dict[str, str]:
    """Word key → cluster path (a bit string, coarse to fine); empty when the file is absent."""
    if not path.exists():
        return {}
    clusters: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            word, _, bits = line.rstrip("\n").partition("\t")
            if bits:
                clusters[word] = bits
    return clusters


def default_extractor() -> FeatureExtractor:
    """The feature extractor the packaged model was trained with: word clusters, gazetteer classes
    and the name-part lexicon learnt from the training text (``ner-name-parts.tsv.gz``)."""
    return FeatureExtractor(load_clusters(), merge(tagger_gazetteer(), load_name_parts()))


class CrfModel:
    """Labels, transition weights and state-feature weights of a linear-chain CRF."""

    def __init__(
        self,
        labels: Sequence[str],
        transitions: dict[tuple[int, int], float],
        features: dict[str, tuple[tuple[int, float], ...]],
    ) -> None:
        self.labels = tuple(labels)
        size = len(self.labels)
        # rows[i][j]: the weight of moving from label i to label j
        self.rows = [[transitions.get((i, j), 0.0) for j in range(size)] for i in range(size)]
        self.columns = [[self.rows[i][j] for i in range(size)] for j in range(size)]
        self._same_pointers = [(i,) * size for i in range(size)]
        # lead_over[b][j]: the most one step out of label j can gain over one step out of b
        self.lead_over = [
            [max(self.rows[j][k] - self.rows[b][k] for k in range(size)) for j in range(size)]
            for b in range(size)
        ]

        self.features = features

    @classmethod
    def load(cls, path: Path) -> CrfModel:
        """Read a model file written by :meth:`save`."""
        labels: list[str] = []
        transitions: dict[tuple[int, int], float] = {}
        features: dict[str, tuple[tuple[int, float], ...]] = {}
        try:
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    if line.startswith("#"):
                        continue
                    fields = line.rstrip("\n").split("\t")
                    if fields[0] == "labels":
                        labels = fields[1:]
                    elif fields[0] == "transition":
                        transitions[int(fields[1]), int(fields[2])] = float(fields[3])
                    else:
                        features[fields[0]] = tuple(
                            (int(index), float(weight))
                            for index, weight in (pair.split(":") for pair in fields[1].split(","))
                        )
        except (OSError, ValueError, IndexError, EOFError) as exc:
            raise ResourceError(
                f"entity model {path} cannot be read ({exc}); rebuild it with scripts/train_ner.py"
            ) from exc
        if not labels:
            raise ResourceError(f"entity model {path} has no labels line; rebuild it")
        return cls(labels, transitions, features)

    def save(self, path: Path, comment: str = "") -> None:
        """Write the model in the text format :meth:`load` reads."""
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
            for line in comment.splitlines():
                out.write(f"# {line}\n")
            out.write("labels\t" + "\t".join(self.labels) + "\n")
            for i, row in enumerate(self.rows):
                for j, weight in enumerate(row):
                    if weight:
                        out.write(f"transition\t{i}\t{j}\t{weight:.5g}\n")
            for feature in sorted(self.features):
                pairs = ",".join(f"{i}:{w:.4g}" for i, w in self.features[feature])
                out.write(f"{feature}\t{pairs}\n")

    def scores(self, features: Sequence[str]) -> list[float]:
        """The state scores of one token with these features (one per label)."""
        vector = [0.0] * len(self.labels)
        table = self.features
        for feature in features:
            pairs = table.get(feature)
            if pairs is not None:
                for index, weight in pairs:
                    vector[index] += weight
        return vector

    def viterbi(self, emissions: Sequence[Sequence[float]]) -> list[int]:
        """The best label sequence (label indices) for a sentence's state scores (exact).

        After each token, a label ``j`` whose best path so far trails the best label ``b``'s by
        more than ``lead_over[b][j]`` (the most a step out of ``j`` can gain over one out of ``b``)
        is dropped: swapping ``j`` for ``b`` there raises the score of any continuation, so no
        best path goes through it. Most tokens, plainly O, then leave a single state alive and
        the next token costs one addition per label.
        """
        if not emissions:
            return []
        rows = self.rows
        columns = self.columns
        lead_over = self.lead_over
        same = self._same_pointers
        labels = range(len(self.labels))
        alive: list[tuple[int, float]] = list(enumerate(emissions[0]))
        backpointers: list[Sequence[int]] = []
        for emission in emissions[1:]:
            pointers: Sequence[int]
            if len(alive) == 1:
                only, value = alive[0]
                row = rows[only]
                totals = [value + step + score for step, score in zip(row, emission, strict=True)]
                pointers = same[only]
            else:
                totals = []
                pointers = []
                for j in labels:
                    column = columns[j]
                    best_from, best = -1, float("-inf")
                    for i, value in alive:
                        candidate = value + column[i]
                        if candidate > best:
                            best, best_from = candidate, i
                    totals.append(best + emission[j])
                    pointers.append(best_from)
            ceiling = max(totals)
            bounds = lead_over[totals.index(ceiling)]
            alive = [(j, total) for j, total in enumerate(totals) if ceiling - total <= bounds[j]]
            backpointers.append(pointers)
        label = max(alive, key=lambda state: state[1])[0]
        path = [label]
        for pointers in reversed(backpointers):
            label = pointers[label]
            path.append(label)
        path.reverse()
        return path


class CrfTagger:
    """Tags token sequences with IOB labels (B-PER, I-ORG, ..., O).

    Not a dataclass: ``__init__`` loads the model and sets up the per-word caches.
    """

    def __init__(self, model_path: Path, extractor: FeatureExtractor) -> None:
        if not model_path.exists():
            raise ResourceError(
                f"entity model {model_path} is missing; build it with scripts/train_ner.py"
            )
        self.model_path = model_path
        self.extractor = extractor
        self.model = CrfModel.load(model_path)
        self._words: dict[str, tuple[list[float], ...]] = {}
        model = self.model
        self._begin = model.scores(["BOS"])
        self._end = model.scores(["EOS"])

    @classmethod
    def default(cls) -> CrfTagger:
        """The packaged model, loaded once per process."""
        return _default_tagger()

    def clear_caches(self) -> None:
        """Forget the cached per-word scores (the benchmark measures from cold caches)."""
        self._words.clear()

    def _word_scores(self, key: str) -> tuple[list[float], ...]:
        """A word's own scores, then what it adds to a word as the word 2 before it, 1 before,
        1 after and 2 after it. Computed once per distinct word."""
        vectors = self._words.get(key)
        if vectors is None:
            scores = self.model.scores
            extractor = self.extractor
            vectors = (
                scores(extractor.own_features(key)),
                *(scores(features) for features in extractor.context_features(key)),
            )
            if len(self._words) < 500_000:  # bound the cache on endless streams of new words
                self._words[key] = vectors
        return vectors

    def emissions(self, tokens: Sequence[str]) -> list[list[float]]:
        """State scores of each token: exactly the CRF's, from the features of features.py."""
        return self.key_emissions([word_key(token) for token in tokens])

    def key_emissions(self, keys: Sequence[str]) -> list[list[float]]:
        """:meth:`emissions` of tokens already reduced to their keys."""
        count = len(keys)
        words = [self._word_scores(key) for key in keys]
        table = self.model.features
        result = []
        for index, key in enumerate(keys):
            if 1 < index < count - 2:  # the common case: two words on either side
                vector = [
                    a + b + c + d + e
                    for a, b, c, d, e in zip(
                        words[index][0],
                        words[index - 1][2],
                        words[index - 2][1],
                        words[index + 1][3],
                        words[index + 2][4],
                        strict=True,
                    )
                ]
            else:
                parts = [words[index][0]]
                if index > 0:
                    parts.append(words[index - 1][2])
                    if index > 1:
                        parts.append(words[index - 2][1])
                else:
                    parts.append(self._begin)
                if index + 1 < count:
                    parts.append(words[index + 1][3])
                    if index + 2 < count:
                        parts.append(words[index + 2][4])
                else:
                    parts.append(self._end)
                vector = [sum(values) for values in zip(*parts, strict=True)]
            if index > 0:
                bigram = table.get("bi-=" + keys[index - 1] + "|" + key)
                if bigram is not None:
                    for label, weight in bigram:
                        vector[label] += weight
            if index + 1 < count:
                bigram = table.get("bi+=" + key + "|" + keys[index + 1])
                if bigram is not None:
                    for label, weight in bigram:
                        vector[label] += weight
            result.append(vector)
        return result

    def tag_keys(self, keys: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence, given as token keys."""
        if not keys:
            return []
        labels = self.model.labels
        return [labels[index] for index in self.model.viterbi(self.key_emissions(keys))]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence."""
        return self.tag_keys([word_key(token) for token in tokens])


@cache
def _default_tagger() -> CrfTagger:
    return CrfTagger(MODEL_PATH, default_extractor())
