"""An ordered map over worker processes, shared by :meth:`Pipeline.pipe` and the corpus ingest.

The workers are forked, so they inherit the function with everything it holds (a pipeline with its
rules and models) instead of receiving it pickled; only the items and results cross the process
boundary.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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
    with process_map(function, n_process=n_process) as mapped:
        yield from mapped(items, chunksize)


@contextmanager
def process_map(
    function: Callable[[Item], Result], *, n_process: int
) -> Iterator[Callable[[Iterable[Item], int], Iterator[Result]]]:
    """One set of ``n_process`` workers for several ordered maps of ``function`` (each call of
    what it yields maps some items, ``chunksize`` at a time), so that a caller that feeds them in
    rounds (ingest reads its inputs a window at a time) does not fork new workers each round."""
    if n_process == 1:
        yield lambda items, chunksize: map(function, items)
        return
    global _FUNCTION
    _FUNCTION = function  # set before the fork: the workers inherit it
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        yield lambda items, chunksize: pool.imap(_call, items, chunksize=chunksize)


def _call(item: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(item)
