"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes to analyze with.")]
