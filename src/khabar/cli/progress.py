"""A progress bar on stderr for long runs; silent for a handful of documents or a pipe."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
QUIET_BELOW = 5  # documents; smaller runs show no bar


def progress(items: Iterable[T], *, label: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a bar with count, rate and time left on stderr once it is worth it."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.speed:>6.1f}/s" if total else ""),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    started = time.monotonic()
    bar: Progress | None = None
    task = None
    try:
        for count, item in enumerate(items, 1):
            if bar is None and count > QUIET_BELOW and time.monotonic() - started > 0.5:
                bar = Progress(*columns, transient=True, console=None, redirect_stdout=False)
                bar.start()
                task = bar.add_task(label, total=total, completed=count - 1)
            if bar is not None and task is not None:
                bar.advance(task)
            yield item
    finally:
        if bar is not None:
            bar.stop()
