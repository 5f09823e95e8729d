"""Boundary conventions of PEYMA: which word before a name belongs to it, counted in training gold.

The CRF finds most names but sometimes starts one a word late, where PEYMA's annotators follow a
convention the training gold states plainly, word by word:

- a head word before an organisation's name is part of it: «وزارت» is the first word of an ORG
  name 193 times and an untagged word just before one 4 times, so «وزارت [بهداشت]» →
  «[وزارت بهداشت]» (likewise «شرکت», «سازمان», «دانشگاه» ...);
- a generic place word before a place is part of it where PEYMA says so: «استان» (122 against 3),
  «خیابان» (37 against 1), «شهرستان»; «کشور» (28 against 28) and «مرز» (31 against 19) are not
  decisive and are left alone;
- an honorific or a first name before a person's name is part of it: «سید» (86 against 0),
  «دونالد» (117 against 0); a title like «آقای» never is (0 against 165), and the rule never adds it;
- a name of two words or more takes the label its first word nearly always begins: names
  beginning with «جمهوری» are organisations (135) and almost never places (3), so a
  «[جمهوری اسلامی]» tagged as a place becomes an organisation.

For each word key and label this module keeps two counts: how often the word was the *first*
word of a name of two words or more (inside) and how often it was the untagged word *just before*
a name (outside). Built from PEYMA's training gold (never its dev documents) by
``scripts/build_ner_boundaries.py`` into ``ner-boundaries.tsv.gz``. After the CRF,
:class:`BoundaryRules` applies them where they are decisive (at least ``min_seen`` occurrences, at
least ``share`` of them one way). The same counts for the right end of names, and trimming a first
or last word that is nearly always outside, changed nothing on the validation documents and were
dropped (docs/models/ner.md, fifth round).

>>> counts = count_boundaries([(["در", "وزارت", "نفت", "گفت"], ["O", "B-ORG", "I-ORG", "O"])],
...                           min_seen=1)
>>> counts[("ORG", "left", "وزارت")], counts[("ORG", "left", "در")]
([1, 0], [0, 1])
>>> rules = BoundaryRules({("ORG", "left", "وزارت"): [20, 0]})
>>> rules.apply(["در", "وزارت", "بهداشت", "گفت"], [(2, 3, "ORG")])
[(1, 3, 'ORG')]
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.corpus import spans
from khabar.entities.features import word_key
from khabar.entities.tagger import model_rows
from khabar.errors import ResourceError

BOUNDARIES_PATH = Path(str(resources.files("khabar").joinpath("data"))) / "ner-boundaries.tsv.gz"
Name = tuple[int, int, str]
# (label, side, word key) → [inside, outside]
Counts = dict[tuple[str, str, str], list[int]]
RULES = ("extend-left", "relabel")

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


def count_boundaries(
    sentences: Iterable[tuple[Sequence[str], Sequence[str]]], *, min_seen: int = 3
) -> Counts:
    """Inside/outside counts of the words at the start of the names of ``(tokens, tags)`` pairs
    (IOB tags): inside, the first word of a name of two words or more; outside, the untagged word
    just before a name. Only words count (:func:`_is_word`), and only those seen ``min_seen``
    times or more at a name's start for that label (rarer ones tell no convention, and are left
    out of the shares of :class:`BoundaryRules` too)."""
    counts: Counts = {}

    def add(label: str, key: str, inside: bool) -> None:
        if _is_word(key):
            counts.setdefault((label, "left", key), [0, 0])[0 if inside else 1] += 1

    for tokens, tags in sentences:
        keys = [word_key(token) for token in tokens]
        for start, end, label in spans(tags):
            if end - start > 1:
                add(label, keys[start], True)
            if start > 0 and tags[start - 1] == "O":
                add(label, keys[start - 1], False)
    return {entry: pair for entry, pair in counts.items() if sum(pair) >= min_seen}


class BoundaryRules:
    """Moves a name's start by one word, or relabels it, where PEYMA's training gold is decisive.

    ``rules`` chooses among :data:`RULES` (both by default): ``extend-left`` adds the untagged word
    before a name when that word is nearly always the first word of names of its label (never a
    word of another name, never a wrapper word such as «پایگاه»); ``relabel`` gives a name of two
    words or more the label its first word nearly always begins. ``share`` 0.95 and ``min_seen`` 5
    were chosen on the validation documents (0.9 and 0.8 scored lower).
    """

    def __init__(
        self,
        counts: Mapping[tuple[str, str, str], Sequence[int]],
        *,
        min_seen: int = 5,
        share: float = 0.95,
        rules: Iterable[str] = RULES,
    ) -> None:
        unknown = set(rules) - set(RULES)
        if unknown:
            raise ValueError(f"unknown boundary rules {sorted(unknown)}; choose from {RULES}")
        self.rules = frozenset(rules)
        # (label, word) where the word before a name of that label is nearly always inside it
        self.inside: set[tuple[str, str]] = set()
        # first word → the label of nearly all the names of two words or more it begins
        first_words: dict[str, dict[str, int]] = {}
        for (label, side, key), (inside, outside) in counts.items():
            if side != "left":
                continue
            if inside + outside >= min_seen and inside >= share * (inside + outside):
                self.inside.add((label, key))
            if inside:
                first_words.setdefault(key, {})[label] = inside
        self.label_of_first: dict[str, str] = {}
        for key, labels in first_words.items():
            label, most = max(labels.items(), key=lambda pair: pair[1])
            if most >= min_seen and most >= share * sum(labels.values()):
                self.label_of_first[key] = label

    def apply(
        self,
        keys: Sequence[str],
        names: Sequence[Name],
        known: Callable[[int, int], bool] | None = None,
    ) -> list[Name]:
        """The names of one sentence (``keys``: its token keys; ``names``: sorted, not
        overlapping) with the rules applied. A name that ``known(start, end)`` says is a known
        place keeps its label (PEYMA's «جمهوری» begins organisations, «جمهوری اسلامی»; the
        gazetteer's «جمهوری چک» stays a country).

        >>> rules = BoundaryRules({("LOC", "left", "استان"): [30, 1],
        ...                        ("ORG", "left", "جمهوری"): [40, 0]})
        >>> rules.apply(["سفر", "به", "استان", "یزد"], [(3, 4, "LOC")])
        [(2, 4, 'LOC')]
        >>> rules.apply(["مخالفان", "جمهوری", "اسلامی"], [(1, 3, "LOC")])
        [(1, 3, 'ORG')]
        """
        if not names:
            return list(names)
        extend = "extend-left" in self.rules
        relabel = "relabel" in self.rules
        moved = []
        previous_end = 0  # the end of the name before: a name never grows into another
        for start, end, label in names:
            if relabel and end - start > 1 and not (known is not None and known(start, end)):
                label = self.label_of_first.get(keys[start], label)
            if extend and start > previous_end:
                before = keys[start - 1]
                if (label, before) in self.inside and before not in WRAPPER_WORDS:
                    start -= 1
            moved.append((start, end, label))
            previous_end = end
        return moved


def save(counts: Mapping[tuple[str, str, str], Sequence[int]], path: Path, comment: str) -> None:
    """Write the counts: ``LABEL<TAB>SIDE<TAB>KEY<TAB>INSIDE<TAB>OUTSIDE`` a line, gzip'd (the
    side is ``left``: the counts are about the word at a name's start)."""
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
        for label, side, key, inside, outside in model_rows(path):
            counts[(label, side, key)] = (int(inside), int(outside))
    except (OSError, ValueError, EOFError) as exc:
        raise ResourceError(
            f"boundary counts {path} cannot be read ({exc}); "
            "rebuild them with scripts/build_ner_boundaries.py"
        ) from exc
    return counts
