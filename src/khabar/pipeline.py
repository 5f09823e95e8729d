"""Pipelines: an explicit sequence of stages, checked once when built, run on a stream.

A stage is any callable ``Document -> Document`` with a ``name`` and the sets of capabilities it
``requires`` and ``provides``. Building a :class:`Pipeline` checks that every stage's needs are met by
the stages before it and fails with a message naming what is missing. A rejected document passes
through the remaining stages untouched.

>>> from khabar.pipeline import Pipeline
>>> [stage.name for stage in Pipeline().stages][:6]
['language', 'normalize', 'structure', 'segment', 'entities', 'people']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from khabar.entities.people import PeopleConfig
from khabar.entities.recognizer import TaggerKind
from khabar.errors import ConfigError, KhabarError, PipelineError, StageError
from khabar.model import Document, Rejection
from khabar.normalize import NormalizeConfig
from khabar.parallel import map_in_processes

# A short story that makes every stage load what it needs (composed, fictional).
_WARM_UP = "به گزارش خبرنگار ما، وزیر نیرو صبح امروز در تبریز گفت: کار سد ادامه دارد."


class Stage(Protocol):
    """A pure function of the document, with declared needs and products."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> frozenset[str]: ...

    @property
    def provides(self) -> frozenset[str]: ...

    def __call__(self, doc: Document, /) -> Document: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzeConfig:
    """Settings of the default pipeline."""

    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    people: PeopleConfig = field(default_factory=PeopleConfig)
    # the entity tagger: "crf" (fastest) or "ensemble" (CRF + neural tagger; khabar[neural])
    entities: TaggerKind = "crf"


def default_stages(config: AnalyzeConfig | None = None) -> list[Stage]:
    """The stages of a full analysis, in order."""
    from khabar.entities import EntityRecognizer, PeopleLinker
    from khabar.language import LanguageFilter
    from khabar.normalize import Normalizer
    from khabar.segment import Segmenter
    from khabar.structure import Structure

    config = config or AnalyzeConfig()
    stages: list[Stage] = [
        LanguageFilter(),
        Normalizer(config.normalize),
        Structure(),
        Segmenter(),
        EntityRecognizer(tagger=config.entities),
        PeopleLinker(config.people),
    ]
    return stages + statement_stages(stages)


def statement_stages(before: Sequence[Stage]) -> list[Stage]:
    """Dates, attributions, quotes and events, to run after ``before``.

    The quotes and events stages require ``people`` when a stage of ``before`` provides it, so a
    pipeline that puts the people stage after them fails when built; without one they still run
    and name speakers as written.
    """
    from khabar.attributions import AttributionFinder
    from khabar.dates import DateFinder
    from khabar.events import EventFinder
    from khabar.statements.quotes import QuoteFinder

    use_people = any("people" in stage.provides for stage in before)
    return [
        DateFinder(),
        AttributionFinder(),
        QuoteFinder(use_people=use_people),
        EventFinder(use_people=use_people),
    ]


class Pipeline:
    """An ordered sequence of stages.

    Not a dataclass: ``__init__`` checks the stages' requirements.
    """

    def __init__(
        self, stages: Sequence[Stage] | None = None, *, config: AnalyzeConfig | None = None
    ) -> None:
        self.stages: tuple[Stage, ...] = tuple(
            stages if stages is not None else default_stages(config)
        )
        available: set[str] = set()
        for stage in self.stages:
            missing = stage.requires - available
            if missing:
                providers = {
                    need: [s.name for s in self.stages if need in s.provides] for need in missing
                }
                hint = "; ".join(
                    f"{need!r} is provided by {', '.join(names) or 'no stage in this pipeline'}"
                    for need, names in sorted(providers.items())
                )
                raise PipelineError(
                    f"stage {stage.name!r} needs {sorted(missing)} from an earlier stage: {hint}"
                )
            available |= stage.provides

    def __call__(self, doc: Document) -> Document:
        """Run every stage on one document."""
        provided = doc.provides
        for stage in self.stages:
            if doc.rejection is not None:
                break
            try:
                doc = stage(doc)
            except KhabarError:
                raise
            except Exception as exc:  # a bug in a stage: name the stage and the document
                raise StageError(stage.name, doc.id, exc) from exc
            provided |= stage.provides
        # recorded once, not after each stage: a replace of the whole record per stage is costly
        return dataclasses.replace(doc, provides=provided) if provided != doc.provides else doc

    def pipe(
        self,
        docs: Iterable[Document],
        *,
        batch_size: int = 16,
        n_process: int = 1,
        on_error: Literal["raise", "reject"] = "raise",
    ) -> Iterator[Document]:
        """Analyze a stream of documents, in input order, over ``n_process`` processes.

        ``on_error="reject"`` turns a document whose stage fails into a rejected one (reason
        ``failed``, naming the stage) so that the rest of a batch goes on; ``"raise"`` raises the
        :class:`~khabar.errors.StageError`.
        """
        if n_process < 1 or batch_size < 1:
            raise ConfigError(
                f"n_process and batch_size must be at least 1, got {n_process} and {batch_size}"
            )
        if on_error not in ("raise", "reject"):
            raise ConfigError(f"on_error must be 'raise' or 'reject', got {on_error!r}")
        run = self if on_error == "raise" else self.run_or_reject
        if n_process > 1:
            self.warm_up()
        yield from map_in_processes(run, docs, n_process=n_process, chunksize=batch_size)

    def warm_up(self) -> None:
        """Make every stage load what it loads on first use (lexicons, models), here: workers
        forked afterwards inherit them, instead of each loading its own copy."""
        self.run_or_reject(Document.from_text(_WARM_UP))

    def run_or_reject(self, doc: Document) -> Document:
        """Like calling the pipeline, but a failing stage rejects the document instead of raising."""
        try:
            return self(doc)
        except StageError as exc:
            return dataclasses.replace(doc, rejection=Rejection("failed", str(exc)))
