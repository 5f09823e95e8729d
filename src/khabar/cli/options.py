"""Options shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from khabar.entities.recognizer import TaggerKind

JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes to analyze with.")]


class Digits(StrEnum):
    """The script digits are written in (``--digits``)."""

    persian = "persian"
    latin = "latin"
    keep = "keep"


class EntityTagger(StrEnum):
    """The entity tagger (``--entities``): the CRF, or the CRF and the neural tagger together."""

    crf = "crf"
    ensemble = "ensemble"

    @property
    def kind(self) -> TaggerKind:
        """The kind :class:`~khabar.pipeline.AnalyzeConfig` takes."""
        return "ensemble" if self is EntityTagger.ensemble else "crf"


EntitiesOption = Annotated[
    EntityTagger,
    typer.Option(
        "--entities",
        help="Entity tagger: crf (fastest) or ensemble (CRF + neural tagger, finds more names, "
        "about half the speed; needs khabar[neural]).",
    ),
]
