"""Boundary conventions of PEYMA: which word next to a name belongs to it, counted in training gold.

The CRF finds most names but often a word early or late at one end. Many of those words follow a
convention of the annotators that the training gold states plainly, word by word:

- a head word before an organisation's name is part of it: «وزارت» is the first word of an ORG
  name 164 times and a plain word just before one 3 times, so «وزارت [بهداشت]» → «[وزارت بهداشت]»;
- a generic place word before a place is part of it where PEYMA says so: «استان» (102 against 3),
  «شهرستان», «خیابان», «دریای»; «کشور» (26 against 25) and «مرز» (21 against 19) are left alone;
- a title before a person's name is not part of it: «آقای», «دکتر», «آیت‌الله» are never inside;
- a first name before a surname (or a surname after a first name) is: «دونالد [ترامپ]».

For each word key and label this module keeps two counts per side of a name: on the left, how
often the word was the *first* word of a name of two words or more (inside) and how often it was
the untagged word *just before* a name (outside); on the right, the *last* word against the word
*just after*. Built from PEYMA's training gold (never its dev documents) by
``scripts/build_ner_boundaries.py`` into ``ner-boundaries.tsv.gz``. After the CRF,
:class:`BoundaryRules` moves a name's ends by one word where the counts are decisive (at least
``min_seen`` occurrences, at least ``share`` of them one way): it extends a name over an untagged
neighbour that is nearly always inside, and trims a first or last word that is nearly always
outside.

>>> counts = count_boundaries([(["در", "وزارت", "نفت", "گفت"], ["O", "B-ORG", "I-ORG", "O"])])
>>> counts[("ORG", "left", "وزارت")], counts[("ORG", "right", "گفت")]
([1, 0], [0, 1])
>>> rules = BoundaryRules({("ORG", "left", "وزارت"): [20, 0]})
>>> rules.apply(["در", "وزارت", "بهداشت", "گفت"], [(2, 3, "ORG")])
[(1, 3, 'ORG')]
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.corpus import spans
from khabar.entities.features import word_key
from khabar.errors import ResourceError

BOUNDARIES_PATH = Path(str(resources.files("khabar").joinpath("data"))) / "ner-boundaries.tsv.gz"
Name = tuple[int, int, str]
# (label, side, word key) → [inside, outside]
Counts = dict[tuple[str, str, str], list[int]]
RULES = ("extend-left", "trim-left", "extend-right", "trim-right", "relabel")

# Words around an organisation's name that are not part of it: its summit, website, press office
# (the recognizer cuts them off a name; a rule never extends a name over them).
WRAPPER_WORDS = frozenset(
    word_key(word)
    for word in (
        "اجلاس نشست همایش کنفرانس سران پایگاه اطلاع رسانی اطلاع‌رسانی خبری وب سایت وبسایت "
        "روابط عمومی سخنگوی"
    ).split()
)


def _is_word(key: str) -> bool:
    """Only words move a boundary: punctuation and numbers around a name are left as they are."""
    return any(character.isalpha() for character in key)


def count_boundaries(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Counts:
    """Inside/outside counts of the words at both ends of the names of ``(tokens, tags)`` pairs
    (IOB tags); only words count (:func:`_is_word`)."""
    counts: Counts = {}

    def add(label: str, side: str, key: str, inside: bool) -> None:
        if _is_word(key):
            counts.setdefault((label, side, key), [0, 0])[0 if inside else 1] += 1

    for tokens, tags in sentences:
        keys = [word_key(token) for token in tokens]
        for start, end, label in spans(tags):
            if end - start > 1:
                add(label, "left", keys[start], True)
                add(label, "right", keys[end - 1], True)
            if start > 0 and tags[start - 1] == "O":
                add(label, "left", keys[start - 1], False)
            if end < len(keys) and tags[end] == "O":
                add(label, "right", keys[end], False)
    return counts


class BoundaryRules:
    """Moves a name's ends by one word where PEYMA's training gold is decisive about that word.

    ``rules`` chooses among :data:`RULES` (all by default). A name is never extended over a word
    of another name, never trimmed to nothing, and keeps its label.
    """

    def __init__(
        self,
        counts: Mapping[tuple[str, str, str], Sequence[int]],
        *,
        min_seen: int = 5,
        share: float = 0.9,
        rules: Iterable[str] = RULES,
    ) -> None:
        unknown = set(rules) - set(RULES)
        if unknown:
            raise ValueError(f"unknown boundary rules {sorted(unknown)}; choose from {RULES}")
        self.inside: set[tuple[str, str, str]] = set()
        self.outside: set[tuple[str, str, str]] = set()
        # first word → the label of nearly all the names of two words or more it begins
        first_words: dict[str, dict[str, int]] = {}
        for (label, side, key), (inside, _outside) in counts.items():
            if side == "left" and inside:
                first_words.setdefault(key, {})[label] = inside
        self.label_of_first: dict[str, str] = {}
        for key, labels in first_words.items():
            label, most = max(labels.items(), key=lambda pair: pair[1])
            if most >= min_seen and most >= share * sum(labels.values()):
                self.label_of_first[key] = label
        for entry, (inside, outside) in counts.items():
            seen = inside + outside
            if seen >= min_seen and inside >= share * seen:
                self.inside.add(entry)
            elif seen >= min_seen and outside >= share * seen:
                self.outside.add(entry)
        self.rules = frozenset(rules)

    def apply(self, keys: Sequence[str], names: Sequence[Name]) -> list[Name]:
        """The names of one sentence (``keys``: its token keys; ``names``: sorted, not
        overlapping) with their ends moved.

        >>> rules = BoundaryRules({("PER", "left", "آقای"): [0, 30], ("LOC", "left", "استان"): [9, 1]})
        >>> rules.apply(["آقای", "کامرانی", "به", "استان", "یزد", "رفت"], [(0, 2, "PER"), (4, 5, "LOC")])
        [(1, 2, 'PER'), (3, 5, 'LOC')]
        """
        if not names:
            return list(names)
        taken = [False] * len(keys)
        for start, end, _label in names:
            taken[start:end] = [True] * (end - start)
        moved = []
        rules = self.rules
        for start, end, label in names:
            if "trim-left" in rules and end - start > 1:
                if (label, "left", keys[start]) in self.outside:
                    taken[start] = False
                    start += 1
            if "trim-right" in rules and end - start > 1:
                if (label, "right", keys[end - 1]) in self.outside:
                    taken[end - 1] = False
                    end -= 1
            if "extend-left" in rules and start > 0 and not taken[start - 1]:
                if (label, "left", keys[start - 1]) in self.inside and (
                    keys[start - 1] not in WRAPPER_WORDS
                ):
                    start -= 1
                    taken[start] = True
            if "extend-right" in rules and end < len(keys) and not taken[end]:
                if (label, "right", keys[end]) in self.inside and keys[end] not in WRAPPER_WORDS:
                    taken[end] = True
                    end += 1
            if "relabel" in rules and end - start > 1:
                label = self.label_of_first.get(keys[start], label)
            moved.append((start, end, label))
        return moved


def save(counts: Mapping[tuple[str, str, str], Sequence[int]], path: Path, comment: str) -> None:
    """Write the counts: ``LABEL<TAB>SIDE<TAB>KEY<TAB>INSIDE<TAB>OUTSIDE`` a line, gzip'd."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        for line in comment.splitlines():
            out.write(f"# {line}\n")
        for (label, side, key), (inside, outside) in sorted(counts.items()):
            out.write(f"{label}\t{side}\t{key}\t{inside}\t{outside}\n")


@cache
def load(path: Path = BOUNDARIES_PATH) -> dict[tuple[str, str, str], tuple[int, int]]:
    """The counts written by :func:`save`; empty when the file is absent (no boundary rules)."""
    if not path.exists():
        return {}
    counts: dict[tuple[str, str, str], tuple[int, int]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#"):
                    continue
                label, side, key, inside, outside = line.rstrip("\n").split("\t")
                counts[(label, side, key)] = (int(inside), int(outside))
    except (OSError, ValueError, EOFError) as exc:
        raise ResourceError(
            f"boundary counts {path} cannot be read ({exc}); "
            "rebuild them with scripts/build_ner_boundaries.py"
        ) from exc
    return counts
