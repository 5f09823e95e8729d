"""The exceptions khabar raises.

::

    KhabarError                 everything khabar raises on purpose
    ├── InputError              a file or stream cannot be read as a news document
    │   └── DecodeError         its bytes are not text in any encoding khabar reads
    ├── ConfigError             a setting or argument is out of range
    ├── PipelineError           a pipeline was built with a stage whose needs are not met
    ├── StageError              a stage failed on a document (carries the stage and document id)
    └── ResourceError           a packaged lexicon or model is missing or damaged

Expected outcomes are not exceptions: an empty page, a page that is not Persian or a duplicate
becomes a :class:`khabar.Rejection` on the document, counted and reported by the CLI.
"""

from __future__ import annotations


class KhabarError(Exception):
    """Base class of every error khabar raises on purpose."""


class InputError(KhabarError):
    """An input cannot be read; the message names the input and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # exceptions cross process boundaries (Pipeline.pipe with n_process > 1) by pickling
        return (type(self), (self.source, self.problem))


class DecodeError(InputError):
    """The bytes of an input are not text in any encoding khabar reads."""


class ConfigError(KhabarError):
    """A setting or argument is out of range; the message gives the allowed values."""


class PipelineError(KhabarError):
    """A pipeline was built from stages whose requirements are not met."""


class StageError(KhabarError):
    """A stage raised while processing a document."""

    def __init__(self, stage: str, document_id: str, cause: BaseException | str) -> None:
        super().__init__(f"stage {stage!r} failed on document {document_id!r}: {cause}")
        self.stage = stage
        self.document_id = document_id
        self.cause_text = str(cause)

    def __reduce__(self) -> tuple[type[StageError], tuple[str, str, str]]:
        # pickled in a worker process and raised again in the parent by Pipeline.pipe
        return (type(self), (self.stage, self.document_id, self.cause_text))


class ResourceError(KhabarError):
    """A packaged resource (lexicon, model) is missing or cannot be loaded."""
