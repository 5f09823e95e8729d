"""A progress bar on stderr for long runs; silent for a handful of documents or a pipe."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
QUIET_BELOW = 5  # documents; smaller runs show no bar


def progress(items: Iterable[T], *, label: str) -> Iterator[T]:
    """Yield ``items``, drawing a bar with the count and the time taken on stderr once it is worth
    it (a stream has no known length, so no rate or time left)."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    started = time.monotonic()
    bar: Progress | None = None
    task = None
    try:
        for count, item in enumerate(items, 1):
            if bar is None and count > QUIET_BELOW and time.monotonic() - started > 0.5:
                bar = Progress(*columns, transient=True, console=None, redirect_stdout=False)
                bar.start()
                task = bar.add_task(label, total=None, completed=count - 1)
            if bar is not None and task is not None:
                bar.advance(task)
            yield item
    finally:
        if bar is not None:
            bar.stop()
