"""The CRF and the neural tagger as one: their label scores added, decoded by one Viterbi.

Both taggers are linear-chain models over the same seven IOB labels: the CRF
(:mod:`khabar.entities.tagger`) scores a token from sparse features of its words, the neural
tagger (:mod:`khabar.entities.neural`) from word vectors, letters and a convolution over seven
words either side. They make different mistakes, so the sum of their scores (the neural's times
:data:`NEURAL_WEIGHT`, transitions included) finds more names than either: the product of the two
models' distributions, as one CRF. :class:`EnsembleTagger` has the CRF tagger's interface
(``model``, ``extractor``, ``key_emissions``, ``tag_keys``, ``clear_caches``), so the document
pass of :class:`~khabar.entities.recognizer.NameTagger` adds its weights to the summed scores and
decodes again with the summed transitions.

Needs numpy (the neural tagger's run time). BLAS is held to one thread while the neural tagger
scores a story: its matrices are small, and a BLAS thread pool on a busy machine (another
process, or the other worker of ``khabar analyze --jobs 2``) makes it many times slower. The limit
is process-wide and undone after each story (threadpoolctl), so a program that runs taggers in
several threads at once may see it lifted while one of them scores: slower, never wrong.

>>> tagger = EnsembleTagger.default()
>>> tagger.tag(["سفر", "به", "تهران"])[2]
'B-LOC'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
from threadpoolctl import ThreadpoolController

from khabar.entities.features import FeatureExtractor
from khabar.entities.neural import NeuralTagger
from khabar.entities.tagger import CrfModel, CrfTagger, ScoredTagger

# The neural tagger's scores are multiplied by this before they are added to the CRF's; chosen on
# the validation documents (docs/models/ner.md, "Ensemble"), never on dev.
NEURAL_WEIGHT = 1.0


class EnsembleTagger(ScoredTagger):
    """Tags token sequences with IOB labels by the summed scores of a CRF and a neural tagger.

    Not a dataclass: ``__init__`` combines the two models' transitions once.
    """

    def __init__(self, crf: CrfTagger, neural: NeuralTagger, weight: float = NEURAL_WEIGHT) -> None:
        labels = crf.model.labels
        if sorted(labels) != sorted(neural.labels):
            raise ValueError(f"the taggers' labels differ: {labels} and {neural.labels}")
        self.crf = crf
        self.neural = neural
        self.weight = weight
        self.extractor: FeatureExtractor = crf.extractor
        order = [neural.labels.index(label) for label in labels]
        self._order = np.array(order)
        rows = neural.crf.rows
        size = len(labels)
        self.model = CrfModel(
            labels,
            {
                (i, j): crf.model.rows[i][j] + weight * rows[order[i]][order[j]]
                for i in range(size)
                for j in range(size)
            },
            {},
        )
        self._start = weight * neural.start[self._order]
        self._end = weight * neural.end[self._order]

    @classmethod
    def default(cls) -> EnsembleTagger:
        """The packaged CRF and neural tagger, combined once per process."""
        return _default_ensemble()

    def clear_caches(self) -> None:
        """Forget both taggers' per-word caches (the benchmark measures from cold caches)."""
        self.crf.clear_caches()
        self.neural.clear_caches()

    def key_emissions(self, keys: Sequence[str]) -> list[list[float]]:
        """Summed label scores of each token of a sentence given as word keys."""
        return self.sentence_emissions([keys])[0]

    def sentence_emissions(self, sentences: Sequence[Sequence[str]]) -> list[list[list[float]]]:
        """Summed label scores of each token of a story's sentences (given as word keys), the
        neural tagger's start and end scores on each sentence's first and last token; the neural
        tagger scores the whole story in one pass, and the sums are made for all its tokens at
        once."""
        crf = self.crf.sentence_emissions(sentences)
        with _blas_controller().limit(limits=1, user_api="blas"):
            neural = self.neural.story_emissions(sentences)
        if not len(neural):
            return [[] for _ in sentences]
        total = (
            np.array([row for scores in crf for row in scores])
            + self.weight * neural[:, self._order]
        )
        lengths = np.array([len(keys) for keys in sentences])
        ends = np.cumsum(lengths)
        starts = ends - lengths
        nonempty = starts < ends
        total[starts[nonempty]] += self._start
        total[ends[nonempty] - 1] += self._end
        rows: list[list[float]] = total.tolist()
        return [rows[start:end] for start, end in zip(starts, ends, strict=True)]


@cache
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


@cache
def _default_ensemble() -> EnsembleTagger:
    return EnsembleTagger(CrfTagger.default(), NeuralTagger.default())
