"""The link between the raw text of a document and its normalized text.

Every edit that normalization makes is applied through :func:`apply_edits`, which also returns the
updated :class:`OffsetMap`. The map converts any half-open span of the normalized text to the span of
the raw text it came from, and back, so that a highlight computed on clean text lands on the right
characters of the page as it was scraped.

The map is piecewise: a sorted list of anchor points ``(text_position, raw_position)``. Between two
anchors whose distances agree the map is the identity shifted; between two anchors whose distances
differ (a replaced, inserted or deleted stretch) positions are clamped to the raw stretch. Edits that
keep the length (ي → ی) add no anchor, so a typical map holds a handful of points.

>>> edits = [Edit(1, 2, "")]                       # delete the kashida of "aـb"
>>> text, offsets = apply_edits("a\u0640b", OffsetMap.identity(3), edits)
>>> text, offsets.to_raw(1, 2)
('ab', (2, 3))
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; an empty stretch is an insertion."""

    start: int
    end: int
    replacement: str


class OffsetMap:
    """Maps spans of a normalized text to spans of its raw text and back.

    Not a dataclass: the two anchor tuples must agree in length and order, which ``__init__`` checks.
    Instances are immutable; :func:`apply_edits` returns a new one.
    """

    __slots__ = ("_text_points", "_raw_points")

    def __init__(self, text_points: Sequence[int], raw_points: Sequence[int]) -> None:
        if len(text_points) != len(raw_points) or len(text_points) < 2:
            raise ValueError("an offset map needs two equally long lists of at least two anchors")
        self._text_points = tuple(text_points)
        self._raw_points = tuple(raw_points)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that equals its raw text."""
        return cls((0, length), (0, length))

    @property
    def text_length(self) -> int:
        return self._text_points[-1]

    @property
    def raw_length(self) -> int:
        return self._raw_points[-1]

    @property
    def is_identity(self) -> bool:
        """True while the text is its raw text (no edit has changed a length yet)."""
        return len(self._text_points) == 2 and self._text_points == self._raw_points

    @property
    def anchors(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The anchor points as ``(text_positions, raw_positions)``, for serialization."""
        return self._text_points, self._raw_points

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that the text span ``[start, end)`` came from."""
        raw_start = _map_start(self._text_points, self._raw_points, start)
        return raw_start, max(raw_start, _map_end(self._text_points, self._raw_points, end))

    def to_text(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The text span that the raw span ``[raw_start, raw_end)`` became."""
        start = _map_start(self._raw_points, self._text_points, raw_start)
        return start, max(start, _map_end(self._raw_points, self._text_points, raw_end))

    def raw_start(self, position: int) -> int:
        """The raw position of the character that starts at ``position`` in the text."""
        return _map_start(self._text_points, self._raw_points, position)

    def raw_end(self, position: int) -> int:
        """The raw position of the end of a span that ends at ``position`` in the text."""
        return _map_end(self._text_points, self._raw_points, position)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return self.anchors == other.anchors

    def __hash__(self) -> int:
        return hash(self.anchors)

    def __repr__(self) -> str:
        pairs = ", ".join(f"{t}→{r}" for t, r in zip(self._text_points, self._raw_points))
        return f"OffsetMap({pairs})"


def _map_start(source: Sequence[int], target: Sequence[int], position: int) -> int:
    if position < 0:
        return 0
    if position >= source[-1]:
        return target[-1]
    index = bisect_right(source, position) - 1
    return target[index] + min(position - source[index], target[index + 1] - target[index])


def _map_end(source: Sequence[int], target: Sequence[int], position: int) -> int:
    if position <= 0:
        return 0
    if position > source[-1]:
        return target[-1]
    index = bisect_left(source, position) - 1
    return target[index] + min(position - source[index], target[index + 1] - target[index])


def edited(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with sorted, non-overlapping ``edits`` applied.

    >>> edited("abcd", [Edit(1, 2, "XY"), Edit(3, 3, "-")])
    'aXYc-d'
    """
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edits must be sorted, non-overlapping and inside the text: {edit}")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def apply_edits(text: str, offsets: OffsetMap, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping ``edits`` to ``text`` and return the new text and map.

    ``offsets`` maps ``text`` to the raw text; the returned map maps the new text to the same raw
    text. Edits that keep their stretch's length leave the map untouched.
    """
    if not edits:
        return text, offsets
    new_text = edited(text, edits)
    resized = [e for e in edits if len(e.replacement) != e.end - e.start]
    if not resized:
        return new_text, offsets
    return new_text, _compose(offsets, resized, len(new_text))


def _compose(offsets: OffsetMap, edits: Sequence[Edit], new_length: int) -> OffsetMap:
    """The map of the text after ``edits`` (which all change length), in terms of the raw text."""
    old_text, old_raw = offsets.anchors
    new_text: list[int] = []
    new_raw: list[int] = []

    def add(text_position: int, raw_position: int) -> None:
        if new_text and new_text[-1] == text_position and new_raw[-1] == raw_position:
            return
        # drop the middle of three anchors on one straight stretch: the map stays compact
        if len(new_text) >= 2:
            t0, r0, t1, r1 = new_text[-2], new_raw[-2], new_text[-1], new_raw[-1]
            if t1 - t0 == r1 - r0 and text_position - t1 == raw_position - r1:
                new_text[-1], new_raw[-1] = text_position, raw_position
                return
        new_text.append(text_position)
        new_raw.append(raw_position)

    shift = 0  # new position minus old position, after the edits seen so far
    segment_start = 0  # start of the unchanged stretch in old coordinates
    point = 0  # index of the next old anchor to copy
    for edit in edits:
        # the unchanged stretch [segment_start, edit.start) keeps its anchors, shifted
        if segment_start < edit.start:
            add(segment_start + shift, _map_start(old_text, old_raw, segment_start))
        while point < len(old_text) and old_text[point] <= segment_start:
            point += 1
        while point < len(old_text) and old_text[point] < edit.start:
            add(old_text[point] + shift, old_raw[point])
            point += 1
        raw_edit_start = _map_start(old_text, old_raw, edit.start)
        add(edit.start + shift, _map_end(old_text, old_raw, edit.start))
        add(edit.start + shift, raw_edit_start)
        raw_edit_end = max(raw_edit_start, _map_end(old_text, old_raw, edit.end))
        if edit.start == edit.end:
            raw_edit_end = raw_edit_start
        shift += len(edit.replacement) - (edit.end - edit.start)
        add(edit.end + shift, raw_edit_end)
        segment_start = edit.end
        while point < len(old_text) and old_text[point] < edit.end:
            point += 1
    add(segment_start + shift, _map_start(old_text, old_raw, segment_start))
    while point < len(old_text) and old_text[point] <= segment_start:
        point += 1
    while point < len(old_text):
        add(old_text[point] + shift, old_raw[point])
        point += 1
    add(new_length, old_raw[-1])
    return OffsetMap(new_text, new_raw)
