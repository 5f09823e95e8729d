"""The entity tagger: a linear-chain CRF (CRFsuite) over cached word features, and its model files.

The model is ``khabar/data/ner.crfsuite`` (weights) beside ``khabar/data/word-clusters.tsv`` (the
distributional word clusters its features use); both are built by ``scripts/`` from ../shared/data
(see docs/models/ner.md). Nothing is loaded until a :class:`CrfTagger` is built.

>>> tagger = CrfTagger.default()
>>> tagger.tag(["سفر", "به", "تهران"])[2]
'B-LOC'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.features import FeatureExtractor
from khabar.entities.gazetteers import tagger_gazetteer
from khabar.errors import ResourceError

DATA = Path(str(resources.files("khabar").joinpath("data")))
MODEL_PATH = DATA / "ner.crfsuite"
CLUSTERS_PATH = DATA / "word-clusters.tsv"
# The labels the CRF learns; DATE, TIME, MONEY and PERCENT are found by rules (rules.py).
TAGGED_LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT")


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
    """The feature extractor the packaged model was trained with."""
    return FeatureExtractor(load_clusters(), tagger_gazetteer())


class CrfTagger:
    """Tags token sequences with IOB labels (B-PER, I-ORG, ..., O).

    Not a dataclass: ``__init__`` opens the CRFsuite model.
    """

    def __init__(self, model_path: Path, extractor: FeatureExtractor) -> None:
        import pycrfsuite

        if not model_path.exists():
            raise ResourceError(
                f"entity model {model_path} is missing; build it with scripts/train_ner.py"
            )
        self.model_path = model_path
        self.extractor = extractor
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(model_path))
        except (OSError, ValueError) as exc:
            raise ResourceError(f"entity model {model_path} cannot be read: {exc}") from exc

    @classmethod
    def default(cls) -> CrfTagger:
        """The packaged model, loaded once per process."""
        return _default_tagger()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The IOB tag of each token of one sentence."""
        if not tokens:
            return []
        tags: list[str] = self._tagger.tag(self.extractor.sentence_features(tokens))
        return tags


@cache
def _default_tagger() -> CrfTagger:
    return CrfTagger(MODEL_PATH, default_extractor())
