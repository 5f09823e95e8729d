"""A small neural entity tagger, decoded in numpy: word vectors, a dilated convolution, a CRF.

Used as one half of :class:`~khabar.entities.ensemble.EnsembleTagger` (``--entities ensemble``),
which adds its label scores to the CRF's of :mod:`khabar.entities.tagger`; alone it has no feature
extractor for the document pass, so :class:`~khabar.entities.recognizer.NameTagger` does not take
it. Trained by
``scripts/train_neural_ner.py`` with PyTorch; the run time needs only numpy (never torch) and
reads the weights from ``khabar/data/ner-neural.npz`` (float16). Model card:
``docs/models/ner-neural.md``.

The network, per word key (computed once per distinct key and cached, like the CRF's scores):
a word vector (positive-PMI SVD vectors learnt on news text, frozen), a character CNN (width 3,
max-pooled), the word's distributional cluster at three depths, and its gazetteer and name-part
lexicon classes (the CRF's, :mod:`khabar.entities.name_parts`) with its shape, all projected to
one vector. Per sentence: residual convolutions of width 3 with growing dilation (each token sees
the words up to seven either side), a linear layer to label scores, and Viterbi decoding with the
CRF transitions learnt with them.

>>> tagger = NeuralTagger.default()
>>> tagger.tag(["سفر", "به", "تهران"])[2]
'B-LOC'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from khabar.entities.features import word_key, word_shape
from khabar.entities.gazetteers import tagger_gazetteer
from khabar.entities.name_parts import load as load_name_parts
from khabar.entities.name_parts import merge
from khabar.entities.tagger import CrfModel
from khabar.errors import ResourceError

NEURAL_MODEL_PATH = Path(str(resources.files("khabar").joinpath("data"))) / "ner-neural.npz"
# The cluster path prefixes (bits) the network has one embedding table each for.
CLUSTER_DEPTHS = (4, 8, 12)
# The longest part of a word key the character CNN reads (its first and last letters).
MAX_CHARS = 24

Array = npt.NDArray[np.float32]


def word_classes(key: str, gazetteer: Mapping[str, Sequence[str]]) -> list[str]:
    """The sparse classes of a word key the network is given: its shape and its gazetteer and
    name-part lexicon classes.

    >>> word_classes("تهران", {"تهران": ("LOC", "N:B-LOC:hi")})
    ['s=persian', 'g=LOC', 'g=N:B-LOC:hi']
    """
    return ["s=" + word_shape(key), *("g=" + kind for kind in gazetteer.get(key, ()))]


def char_window(key: str) -> str:
    """The letters of a key the character CNN reads: all of them, or the first and last
    ``MAX_CHARS / 2`` of a longer one.

    >>> char_window("تهران")
    'تهران'
    """
    if len(key) <= MAX_CHARS:
        return key
    half = MAX_CHARS // 2
    return key[:half] + key[-half:]


def cluster_ids(path: str | None) -> list[int]:
    """The embedding row of a cluster path at each depth of ``CLUSTER_DEPTHS`` (0: no cluster).

    >>> cluster_ids("000100100011"), cluster_ids(None)
    ([2, 19, 292], [0, 0, 0])
    """
    if path is None:
        return [0] * len(CLUSTER_DEPTHS)
    return [int(path[:depth], 2) + 1 for depth in CLUSTER_DEPTHS]


def _strings(array: npt.NDArray[np.generic]) -> list[str]:
    text = bytes(array.tobytes()).decode("utf-8")
    return text.split("\n") if text else []


class NeuralTagger:
    """Tags token sequences with IOB labels (B-PER, I-ORG, ..., O) with the neural model.

    Not a dataclass: ``__init__`` loads the weights and sets up the per-word cache.
    """

    def __init__(self, model_path: Path, gazetteer: Mapping[str, Sequence[str]]) -> None:
        if not model_path.exists():
            raise ResourceError(
                f"neural entity model {model_path} is missing; build it with "
                "scripts/train_neural_ner.py"
            )
        try:
            with np.load(model_path, allow_pickle=False) as archive:
                weights = {name: archive[name] for name in archive.files}
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ResourceError(
                f"neural entity model {model_path} cannot be read ({exc}); rebuild it with "
                "scripts/train_neural_ner.py"
            ) from exc
        self._load(weights, gazetteer, model_path)

    @classmethod
    def from_weights(
        cls, weights: Mapping[str, npt.NDArray[np.generic]], gazetteer: Mapping[str, Sequence[str]]
    ) -> NeuralTagger:
        """A tagger from weights in memory (the training script scores its epochs with this)."""
        tagger = cls.__new__(cls)
        tagger._load(weights, gazetteer, Path("<memory>"))
        return tagger

    def _load(
        self,
        weights: Mapping[str, npt.NDArray[np.generic]],
        gazetteer: Mapping[str, Sequence[str]],
        model_path: Path,
    ) -> None:
        self.model_path = model_path
        self.gazetteer = gazetteer
        # word key → its vector and the first convolution's parts of it (see _cached_words)
        self._words: dict[str, Array] = {}

        def table(name: str) -> Array:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        try:
            self.labels = tuple(_strings(weights["labels"]))
            words = _strings(weights["words"])
            self.word_index = {word: index + 1 for index, word in enumerate(words)}
            self.char_index = {
                char: index + 2
                for index, char in enumerate(bytes(weights["chars"].tobytes()).decode("utf-8"))
            }
            self.class_index = {
                name: index for index, name in enumerate(_strings(weights["classes"]))
            }
            self.word_vectors = table("word_vectors")
            self.word_clusters = np.asarray(weights["word_clusters"], dtype=np.int64)
            self.cluster_tables = [table(f"cluster{depth}") for depth in CLUSTER_DEPTHS]
            self.char_embeddings = table("char_embeddings")
            self.char_weight = table("char_weight")
            self.char_bias = table("char_bias")
            self.class_weight = table("class_weight")
            self.project_weight = table("project_weight")
            self.project_bias = table("project_bias")
            self.dilations = [int(d) for d in weights["dilations"]]
            self.conv_weights = [table(f"conv{i}_weight") for i in range(len(self.dilations))]
            self.conv_biases = [table(f"conv{i}_bias") for i in range(len(self.dilations))]
            self.output_weight = table("output_weight")
            self.output_bias = table("output_bias")
            transitions = table("transitions")
            self.start = table("start")
            self.end = table("end")
        except KeyError as exc:
            raise ResourceError(f"neural entity model lacks {exc}; rebuild it") from exc
        # The projection is linear before its ReLU, so each input's share of it is computed once:
        # a word's vector is then the sum of a few table rows (see _word_vectors).
        widths = [
            self.word_vectors.shape[1],
            self.char_weight.shape[1],
            *(t.shape[1] for t in self.cluster_tables),
            self.class_weight.shape[1],
        ]
        parts = np.split(self.project_weight, np.cumsum(widths)[:-1], axis=0)
        self.projected_words = self.word_vectors @ parts[0]
        self.projected_chars = parts[1]
        self.projected_clusters = [
            table @ part for table, part in zip(self.cluster_tables, parts[2:-1], strict=True)
        ]
        self.projected_classes = self.class_weight @ parts[-1]
        size = len(self.labels)
        self.crf = CrfModel(
            self.labels,
            {(i, j): float(transitions[i, j]) for i in range(size) for j in range(size)},
            {},
        )

    @classmethod
    def default(cls) -> NeuralTagger:
        """The packaged model, loaded once per process."""
        return _default_neural_tagger()

    def clear_caches(self) -> None:
        """Forget the cached word vectors (the benchmark measures from cold caches)."""
        self._words.clear()

    def _word_vectors(self, keys: Sequence[str]) -> Array:
        """The projected vectors of word keys (rows): each one's embedding, letters, clusters and
        classes, computed together for the words of a sentence not yet cached."""
        count = len(keys)
        rows = np.array([self.word_index.get(key, 0) for key in keys], dtype=np.int64)
        clusters = self.word_clusters[rows]
        total = self.projected_words[rows] + self.project_bias
        for depth, table in enumerate(self.projected_clusters):
            total += table[clusters[:, depth]]
        windows = [char_window(key) for key in keys]
        longest = max(len(letters) for letters in windows)
        if longest:
            char_ids = np.zeros((count, longest + 2), dtype=np.int64)
            lengths = np.empty(count, dtype=np.int64)
            char_index = self.char_index
            for row, letters in enumerate(windows):
                lengths[row] = len(letters)
                char_ids[row, 1 : len(letters) + 1] = [char_index.get(c, 1) for c in letters]
            embedded = self.char_embeddings[char_ids]
            stacked = np.concatenate((embedded[:, :-2], embedded[:, 1:-1], embedded[:, 2:]), axis=2)
            convolved = stacked @ self.char_weight
            outside = np.arange(longest)[None, :] >= lengths[:, None]
            convolved[outside] = -np.inf  # an empty key (a lone joiner) has no letters: zeros
            characters = np.maximum(convolved.max(axis=1) + self.char_bias, 0.0)
            total += characters @ self.projected_chars
        class_index = self.class_index
        for row, key in enumerate(keys):
            for name in word_classes(key, self.gazetteer):
                index = class_index.get(name)
                if index is not None:
                    total[row] += self.projected_classes[index]
        vectors: Array = np.maximum(total, 0.0)
        return vectors

    def _cached_words(self, keys: Sequence[str]) -> Array:
        """Per token, its word vector and what the first convolution takes from it as the word
        before, itself and the word after (rows 0 to 3): computed once per distinct word."""
        words = self._words
        new = [key for key in dict.fromkeys(keys) if key not in words]
        if not new:
            return np.stack([words[key] for key in keys])
        vectors = self._word_vectors(new)
        weight = self.conv_weights[0]
        width = vectors.shape[1]
        parts = [vectors @ weight[k * width : (k + 1) * width] for k in range(3)]
        computed = np.stack((vectors, *parts), axis=1)
        if len(words) < 50_000:  # bound the cache (2 KB a word) on endless streams of new words
            words.update(zip(new, computed, strict=True))
            return np.stack([words[key] for key in keys])
        fresh = dict(zip(new, computed, strict=True))
        return np.stack([words[key] if key in words else fresh[key] for key in keys])

    def key_emissions(self, keys: Sequence[str]) -> Array:
        """Label scores of each token (rows) of a sentence given as word keys."""
        return self.story_emissions([keys])

    def story_emissions(self, sentences: Sequence[Sequence[str]]) -> Array:
        """Label scores of every token of a story's sentences (given as word keys), one row each
        in order, computed in one pass: the sentences are laid end to end with rows of zeros
        between them as wide as the widest dilation, kept zero after every layer, so no sentence
        sees another."""
        lengths = [len(keys) for keys in sentences]
        if not any(lengths):
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        margin = max(self.dilations)
        cached = self._cached_words([key for keys in sentences for key in keys])
        starts = np.cumsum([margin] + [length + margin for length in lengths[:-1]])
        positions = np.concatenate(
            [
                np.arange(start, start + length)
                for start, length in zip(starts, lengths, strict=True)
            ]
        )
        rows = np.zeros((int(starts[-1]) + lengths[-1] + margin, *cached.shape[1:]), np.float32)
        rows[positions] = cached
        inside = np.zeros((len(rows), 1), dtype=np.float32)
        inside[positions] = 1.0
        dilation = self.dilations[0]
        first = rows[:, 2] + self.conv_biases[0]
        first[dilation:] += rows[:-dilation, 1]
        first[:-dilation] += rows[dilation:, 3]
        hidden = (rows[:, 0] + np.maximum(first, 0.0)) * inside
        for dilation, weight, bias in zip(
            self.dilations[1:], self.conv_weights[1:], self.conv_biases[1:], strict=True
        ):
            before = np.zeros_like(hidden)
            before[dilation:] = hidden[:-dilation]
            after = np.zeros_like(hidden)
            after[:-dilation] = hidden[dilation:]
            windows = np.concatenate((before, hidden, after), axis=1)
            hidden = (hidden + np.maximum(windows @ weight + bias, 0.0)) * inside
        scores: Array = hidden[positions] @ self.output_weight + self.output_bias
        return scores

    def tag_keys(self, keys: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence, given as token keys."""
        if not keys:
            return []
        scores = self.key_emissions(keys)
        scores[0] += self.start
        scores[-1] += self.end
        labels = self.labels
        return [labels[index] for index in self.crf.viterbi(scores.tolist())]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence."""
        return self.tag_keys([word_key(token) for token in tokens])


@cache
def _default_neural_tagger() -> NeuralTagger:
    return NeuralTagger(NEURAL_MODEL_PATH, merge(tagger_gazetteer(), load_name_parts()))
