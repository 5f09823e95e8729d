"""An ordered map over worker processes, shared by :meth:`Pipeline.pipe` and the corpus ingest.

The workers are forked, so they inherit the function with everything it holds (a pipeline with its
rules and models) instead of receiving it pickled; only the items and results cross the process
boundary.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_FUNCTION: Callable[[Any], Any] | None = None


def map_in_processes(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    n_process: int,
    chunksize: int,
) -> Iterator[Result]:
    """``map(function, items)`` in input order, over ``n_process`` processes (1: in this one)."""
    if n_process == 1:
        yield from map(function, items)
        return
    global _FUNCTION
    _FUNCTION = function  # set before the fork: the workers inherit it
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        yield from pool.imap(_call, items, chunksize=chunksize)


def _call(item: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(item)
