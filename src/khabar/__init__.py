"""khabar (خبر): raw Persian news in, clean, structured, searchable knowledge out.

>>> import khabar
>>> doc = khabar.analyze("به گزارش ایرنا، وزیر خارجه روز شنبه با همتای خود دیدار کرد.")
>>> doc.text[:8], len(doc.sentences)
('به گزارش', 1)

Importing khabar has no side effects: no logging set-up, no downloads, and no model is loaded until
a stage that needs it is built.
"""

from __future__ import annotations

import logging
from pathlib import Path

from khabar.errors import (
    ConfigError,
    DecodeError,
    InputError,
    KhabarError,
    PipelineError,
    ResourceError,
    StageError,
)
from khabar.model import (
    Attribution,
    Cluster,
    Correction,
    Document,
    Entity,
    Event,
    Paragraph,
    Person,
    Quote,
    Rejection,
    Span,
    TimeExpression,
)
from khabar.normalize import NormalizeConfig, Normalizer, normalize_text
from khabar.offsets import OffsetMap
from khabar.pipeline import AnalyzeConfig, Pipeline, Stage
from khabar.serialize import SCHEMA_VERSION, document_from_dict, document_to_dict, json_schema

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "AnalyzeConfig",
    "Attribution",
    "Cluster",
    "ConfigError",
    "Correction",
    "DecodeError",
    "Document",
    "Entity",
    "Event",
    "InputError",
    "KhabarError",
    "NormalizeConfig",
    "Normalizer",
    "OffsetMap",
    "Paragraph",
    "Person",
    "Pipeline",
    "PipelineError",
    "Quote",
    "Rejection",
    "ResourceError",
    "Span",
    "Stage",
    "StageError",
    "TimeExpression",
    "analyze",
    "document_from_dict",
    "document_to_dict",
    "json_schema",
    "normalize_text",
    "read",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_PIPELINE: Pipeline | None = None


def analyze(text_or_path: str | Path, *, pipeline: Pipeline | None = None) -> Document:
    """Analyze one text or one file as a single document (a page's stories are not split).

    A ``Path``, or a string naming an existing file, is read from disk; any other string is the
    text itself. To split pages into stories and stream many inputs, use :func:`read` with
    :meth:`Pipeline.pipe`.
    """
    global _PIPELINE
    if pipeline is None:
        _PIPELINE = _PIPELINE or Pipeline()
        pipeline = _PIPELINE
    if isinstance(text_or_path, Path) or _names_a_file(text_or_path):
        docs = list(read(text_or_path, split_stories=False))
        if len(docs) != 1:
            raise InputError(str(text_or_path), f"holds {len(docs)} documents; use khabar.read()")
        return pipeline(docs[0])
    return pipeline(Document.from_text(str(text_or_path)))


def _names_a_file(text: str) -> bool:
    """True when ``text`` is the path of an existing file (a long Persian line is not a path)."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except OSError:  # a name too long for the file system is text, not a path
        return False


def read(*paths: str | Path, split_stories: bool = True) -> list[Document]:
    """Read files or directories into unanalyzed documents, one per story."""
    from khabar.readers import read_paths

    return [doc for doc in read_paths([Path(p) for p in paths], split_stories=split_stories)]
