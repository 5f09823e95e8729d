"""Options shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes to analyze with.")]


class Digits(StrEnum):
    """The script digits are written in (``--digits``)."""

    persian = "persian"
    latin = "latin"
    keep = "keep"
