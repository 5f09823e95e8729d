"""Readers: files, directories and streams become unanalyzed documents.

Formats: plain-text pages (an optional first line naming the outlet), the JSON article layout
(``title``, ``abstract``, ``paragraphs``, ``link``, ``tags``; one object or a list), JSONL (one
object a line with ``text`` and optional ``id``, ``source``, ``url``, ``title``, ``published``) and
HTML pages (main text and metadata through trafilatura).

Nothing raises for a bad input: an unreadable file becomes a document whose ``rejection`` says why,
so a batch goes on and every rejection can be listed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import IO

from khabar.errors import InputError
from khabar.model import Document, RejectionReason
from khabar.readers.decode import decode_bytes
from khabar.readers.formats import FORMATS, detect_format, parse_documents, rejected
from khabar.structure import split_stories

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "SUFFIXES",
    "decode_bytes",
    "iter_files",
    "read_paths",
    "read_stream",
    "rejected",
]

MAX_BYTES = 20_000_000  # one page or one JSON file; JSONL files are read line by line
SUFFIXES = {".txt", ".text", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml"}


def iter_files(paths: Iterable[Path], suffixes: Collection[str] = SUFFIXES) -> Iterator[Path]:
    """The files named, and the files with ``suffixes`` under the directories named, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            yield path


def read_paths(paths: Iterable[Path], *, split_stories: bool = True) -> Iterator[Document]:
    """Every document in ``paths`` (files or directories), one per story when splitting."""
    for path in iter_files(paths):
        yield from _split(_read_file(path), split_stories)


def read_stream(
    stream: IO[bytes], name: str = "<stdin>", *, split_stories: bool = True
) -> Iterator[Document]:
    """Documents from a byte stream: JSONL when it looks like it, else one plain-text page."""
    data = stream.read()
    yield from _split(_parse(data, name, None), split_stories)


def _split(docs: Iterable[Document], split: bool) -> Iterator[Document]:
    for doc in docs:
        # a record that names its title (JSON, HTML) is one article; only bare pages are split
        if split and doc.rejection is None and doc.title is None:
            yield from split_stories(doc)
        else:
            yield doc


def _read_file(path: Path) -> Iterator[Document]:
    source = str(path)
    try:
        size = path.stat().st_size
        fmt = detect_format(path, None)
        if size > MAX_BYTES and fmt != "jsonl":
            yield rejected(
                source,
                "too_large",
                f"{size:,} bytes, over the {MAX_BYTES:,}-byte limit of one page",
            )
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield rejected(source, "unreadable", "no such file")
        return
    except OSError as exc:
        yield rejected(source, "unreadable", exc.strerror or str(exc))
        return
    yield from _parse(data, source, path)


def _parse(data: bytes, source: str, path: Path | None) -> Iterator[Document]:
    try:
        text, _encoding = decode_bytes(data, source)
    except InputError as exc:
        reason: RejectionReason = "binary" if "binary" in exc.problem else "undecodable"
        yield rejected(source, reason, exc.problem)
        return
    fmt = detect_format(path, text)
    yield from parse_documents(text, source, fmt, stem=path.stem if path else "stdin")
