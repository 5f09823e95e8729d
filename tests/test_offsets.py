from hypothesis import given
from hypothesis import strategies as st

from khabar.offsets import Edit, OffsetMap, apply_edits


def test_offsets_identity_maps_every_span_to_itself() -> None:
    offsets = OffsetMap.identity(10)
    assert offsets.to_raw(2, 7) == (2, 7)
    assert offsets.to_text(2, 7) == (2, 7)


def test_offsets_deletion_maps_following_text_after_the_deleted_stretch() -> None:
    text, offsets = apply_edits("ab--cd", OffsetMap.identity(6), [Edit(2, 4, "")])
    assert text == "abcd"
    assert offsets.to_raw(2, 4) == (4, 6)
    assert offsets.to_raw(0, 2) == (0, 2)
    assert offsets.to_text(4, 6) == (2, 4)


def test_offsets_insertion_has_an_empty_raw_span() -> None:
    text, offsets = apply_edits("کشوردر", OffsetMap.identity(6), [Edit(4, 4, " ")])
    assert text == "کشور در"
    assert offsets.to_raw(4, 5) == (4, 4)
    assert offsets.to_raw(5, 7) == (4, 6)


def test_offsets_equal_length_edits_add_no_anchor() -> None:
    text, offsets = apply_edits("كتاب", OffsetMap.identity(4), [Edit(0, 1, "ک")])
    assert text == "کتاب"
    assert offsets.anchors == ((0, 4), (0, 4))


def test_offsets_compose_over_several_rounds() -> None:
    raw = "a__b  c"
    text, offsets = apply_edits(raw, OffsetMap.identity(len(raw)), [Edit(1, 3, "")])
    text, offsets = apply_edits(text, offsets, [Edit(2, 4, " ")])
    assert text == "ab c"
    assert offsets.to_raw(3, 4) == (6, 7)
    assert raw[slice(*offsets.to_raw(0, 2))] == "a__b"


@st.composite
def edit_rounds(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    raw = draw(st.text(alphabet="abcde", min_size=1, max_size=15))
    rounds = []
    length = len(raw)
    for _ in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, length), max_size=6)))
        edits, cursor = [], 0
        for a in cuts:
            if a < cursor:
                continue
            b = min(length, a + draw(st.integers(0, 2)))
            edits.append((a, b, draw(st.sampled_from(["", "X", "XX", "XXX"]))))
            cursor = b + 1
        rounds.append(edits)
        length += sum(len(r) - (b - a) for a, b, r in edits)
    return raw, rounds


@given(edit_rounds())
def test_offsets_original_characters_map_back_exactly(
    case: tuple[str, list[list[tuple[int, int, str]]]],
) -> None:
    """Characters that no edit touched map back to the raw character they came from."""
    raw, rounds = case
    # carry each character's origin along: its raw index, or None when an edit wrote it
    text, origin = raw, list(range(len(raw)))
    offsets = OffsetMap.identity(len(raw))
    for edits in rounds:
        new_origin: list[int | None] = []
        cursor = 0
        for a, b, replacement in edits:
            new_origin += origin[cursor:a]
            new_origin += [None] * len(replacement)
            cursor = b
        new_origin += origin[cursor:]
        text, offsets = apply_edits(text, offsets, [Edit(*e) for e in edits])
        origin = new_origin  # type: ignore[assignment]
    text_points, raw_points = offsets.anchors
    assert list(text_points) == sorted(text_points) and list(raw_points) == sorted(raw_points)
    for index, source in enumerate(origin):
        start, end = offsets.to_raw(index, index + 1)
        assert 0 <= start <= end <= len(raw)
        if source is not None:
            assert (start, end) == (source, source + 1)
            assert offsets.to_text(source, source + 1) == (index, index + 1)
