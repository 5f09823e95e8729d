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
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from operator import add
from pathlib import Path
from typing import Protocol

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
    """The feature extractor the packaged model was trained with: word clusters, gazetteer classes,
    and the name-part lexicon learnt from the training text (``ner-name-parts.tsv.gz``)."""
    return FeatureExtractor(load_clusters(), merge(tagger_gazetteer(), load_name_parts()))


def model_rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a gzip'd text model file, comments skipped (the
    format of the CRF and document-pass models; read errors surface to the caller)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


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
            for fields in model_rows(path):
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

    def viterbi(
        self, emissions: Sequence[Sequence[float]], anchors: list[int] | None = None
    ) -> list[int]:
        """The best label sequence (label indices) for a sentence's state scores (exact).

        After each token, a label ``j`` whose best path so far trails the best label ``b``'s by
        more than ``lead_over[b][j]`` (the most a step out of ``j`` can gain over one out of ``b``)
        is dropped: swapping ``j`` for ``b`` there raises the score of any continuation, so no
        best path goes through it. Most tokens, plainly O, then leave a single state alive and
        the next token costs one addition per label.

        ``anchors``, when given, receives for each token the one label left alive after it (the
        best path goes through it whatever follows), or -1: :meth:`redecode` starts and stops
        there.
        """
        if not emissions:
            return []
        alive = list(enumerate(emissions[0]))
        if anchors is not None:
            anchors.append(alive[0][0] if len(alive) == 1 else -1)
        return self._decode(emissions, 0, alive, anchors, None, 0)[0]

    def redecode(
        self,
        emissions: Sequence[Sequence[float]],
        path: Sequence[int],
        anchors: Sequence[int],
        changed: Sequence[int],
    ) -> list[int]:
        """:meth:`viterbi` again after the scores of the tokens ``changed`` (ascending) changed,
        given the old best ``path`` and its ``anchors``: the same result, decoding only around the
        changes, from the last anchor before a change to the first token at or after it where the
        new decoding is left with the old anchor's single label (from there both decodings agree
        until the next change)."""
        result = list(path)
        count = len(changed)
        next_change = 0
        while next_change < count:
            first = changed[next_change]
            start = first - 1
            while start >= 0 and anchors[start] < 0:
                start -= 1
            if start < 0:
                begin, alive = 0, list(enumerate(emissions[0]))
            else:
                begin, alive = start, [(anchors[start], 0.0)]
            new, end = self._decode(emissions, begin, alive, None, anchors, first)
            result[begin : end + 1] = new
            while next_change < count and changed[next_change] <= end:
                next_change += 1
        return result

    def _decode(
        self,
        emissions: Sequence[Sequence[float]],
        begin: int,
        alive: list[tuple[int, float]],
        anchors: list[int] | None,
        stop_at: Sequence[int] | None,
        last: int,
    ) -> tuple[list[int], int]:
        """The best path from token ``begin`` (whose live states are ``alive``) to the end, or to
        the first token from ``last`` on left with the single label ``stop_at`` gives it; and the
        index of that token."""
        rows = self.rows
        columns = self.columns
        lead_over = self.lead_over
        same = self._same_pointers
        labels = range(len(self.labels))
        backpointers: list[Sequence[int]] = []
        end = len(emissions) - 1
        for position in range(begin + 1, len(emissions)):
            emission = emissions[position]
            pointers: Sequence[int]
            if len(alive) == 1:
                # one state alive: scores are compared within a position only, so its own
                # value, the same for every label, is left out
                only = alive[0][0]
                totals = list(map(add, rows[only], emission))
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
            if anchors is not None:
                anchors.append(alive[0][0] if len(alive) == 1 else -1)
            elif (
                stop_at is not None
                and position >= last
                and len(alive) == 1
                and alive[0][0] == stop_at[position]
            ):
                end = position
                break
        label = max(alive, key=lambda state: state[1])[0]
        path = [label]
        for pointers in reversed(backpointers):
            label = pointers[label]
            path.append(label)
        path.reverse()
        return path, end


class SequenceTagger(Protocol):
    """What :class:`~khabar.entities.recognizer.NameTagger` needs of a tagger:
    :class:`CrfTagger` and :class:`~khabar.entities.ensemble.EnsembleTagger` both are one."""

    @property
    def model(self) -> CrfModel:
        """Labels, transitions and the Viterbi decoder of the label scores."""
        ...

    @property
    def extractor(self) -> FeatureExtractor:
        """The CRF's feature extractor (its gazetteer gives the document pass its word classes)."""
        ...

    def sentence_emissions(self, sentences: Sequence[Sequence[str]]) -> list[list[list[float]]]:
        """Label scores of each token of a story's sentences, given as word keys."""
        ...

    def tag_keys(self, keys: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence, given as token keys."""
        ...

    def clear_caches(self) -> None:
        """Forget per-word caches."""
        ...


class ScoredTagger:
    """Tagging by the Viterbi path of label scores: a subclass gives ``model`` (labels,
    transitions, decoder) and :meth:`key_emissions`."""

    model: CrfModel

    def key_emissions(self, keys: Sequence[str]) -> list[list[float]]:
        """Label scores of each token of a sentence given as word keys."""
        raise NotImplementedError

    def tag_keys(self, keys: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence, given as token keys."""
        if not keys:
            return []
        labels = self.model.labels
        return [labels[index] for index in self.model.viterbi(self.key_emissions(keys))]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence."""
        return self.tag_keys([word_key(token) for token in tokens])


class CrfTagger(ScoredTagger):
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

    def sentence_emissions(self, sentences: Sequence[Sequence[str]]) -> list[list[list[float]]]:
        """:meth:`key_emissions` of each of a story's sentences (given as word keys)."""
        return [self.key_emissions(keys) for keys in sentences]


@cache
def _default_tagger() -> CrfTagger:
    return CrfTagger(MODEL_PATH, default_extractor())
