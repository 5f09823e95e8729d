"""``khabar normalize [PATH|-]``: normalize text line by line, for shell pipelines.

Reads a UTF-8 file (or standard input) and writes one normalized line per input line, streaming:
each line is written as soon as it is read, so ``tail -f feed.txt | khabar normalize`` works.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from khabar.cli.options import Digits
from khabar.errors import InputError
from khabar.normalize import NormalizeConfig, Normalizer


class Plural(StrEnum):
    zwnj = "zwnj"
    glued = "glued"
    keep = "keep"


def normalize(
    path: Annotated[
        str, typer.Argument(help="A UTF-8 text file; - (the default) reads stdin.")
    ] = "-",
    digits: Annotated[Digits, typer.Option(help="Write digits in this script.")] = Digits.persian,
    joiners: Annotated[
        bool, typer.Option("--joiners/--no-joiners", help="Restore lost ZWNJs and spaces.")
    ] = True,
    plural: Annotated[
        Plural, typer.Option(help="Attach plural ها with a ZWNJ, glued, or as found.")
    ] = Plural.zwnj,
) -> None:
    """Normalize Persian text: letters, digits, punctuation, ZWNJ and spacing; one line per line."""
    config = NormalizeConfig(digits=digits.value, joiners=joiners, plural=plural.value)
    normalizer = Normalizer(config)
    out = sys.stdout
    for line in _lines(path):
        out.write(normalizer.normalize_text(line) + "\n")
        out.flush()


def _lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from _read(sys.stdin, "<stdin>")
        return
    file = Path(path)
    if not file.is_file():
        raise InputError(path, "no such file")
    try:
        with file.open(encoding="utf-8") as stream:
            yield from _read(stream, path)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def _read(stream: TextIO, name: str) -> Iterator[str]:
    try:
        for line in stream:
            yield line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text (byte {exc.start}); convert it first") from None
