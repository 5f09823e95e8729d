"""Name-part lexicon: how often each word was seen inside a PER, ORG or LOC name while training.

The tagger's training text teaches more than its weights: that «غلام» is mostly the first word of
a person's name, «وزارت» the first word of an organisation, «آباد» the last word of a place. This
module counts, per word key, the IOB tags a word had in the training part (``B-PER``, ``I-ORG`` ...
and ``O``) and turns the counts into gazetteer classes the feature extractor puts on the word and
its neighbours: ``N:B-PER:hi`` when at least half of the word's occurrences begin a person's name,
``N:I-ORG:mid`` when a tenth to a half continue an organisation's, ``N:name:hi`` when it is mostly
inside some name. Every word seen gets a frequency class (``N:f:rare``: once or twice,
``N:f:some``: under ten times, ``N:f:many``), so that a word never seen, which has no class at all,
is told apart from a frequent plain word: an unseen word after a known first name is most likely
a surname (دکتر مرتضی [نیکسرشت]), and transliterated foreign names are seldom in the training
text. Without the frequency classes both had no class and the tagger left such surnames out.

Counted on the training part only (scripts/train_ner.py). While training, each sentence's classes
come from the *other* folds of the training text (jackknife), so the CRF learns how much to trust
a lexicon that does not already know the sentence's own names, as on new text.

>>> counts = count_tags([(["آقای", "غلام", "رضایی"], ["O", "B-PER", "I-PER"]),
...                      (["غلام", "گفت"], ["B-PER", "O"])])
>>> counts["غلام"]
{'B-PER': 2}
>>> lexicon_classes(counts)["غلام"]
('N:B-PER:hi', 'N:f:rare', 'N:name:hi')
>>> lexicon_classes({"خانه": {"O": 40}, "زاده": {"I-PER": 3, "O": 1}})["زاده"]
('N:I-PER:hi', 'N:f:some', 'N:name:hi')
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.entities.features import word_key
from khabar.errors import ResourceError

NAME_PARTS_PATH = Path(str(resources.files("khabar").joinpath("data"))) / "ner-name-parts.tsv.gz"
TAGS = ("B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")


def count_tags(
    sentences: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> dict[str, dict[str, int]]:
    """Word key → {IOB tag: times seen with it} over ``(tokens, tags)`` pairs."""
    counts: dict[str, dict[str, int]] = {}
    for tokens, tags in sentences:
        for token, tag in zip(tokens, tags, strict=True):
            tag = tag if tag in TAGS else "O"
            entry = counts.setdefault(word_key(token), {})
            entry[tag] = entry.get(tag, 0) + 1
    return counts


def _bucket(share: float) -> str:
    return "hi" if share >= 0.5 else "mid" if share >= 0.1 else "lo"


def word_classes(tag_counts: Mapping[str, int]) -> tuple[str, ...]:
    """The lexicon classes of one word from its tag counts."""
    total = sum(tag_counts.values())
    classes = [
        "N:" + tag + ":" + _bucket(tag_counts[tag] / total) for tag in TAGS if tag in tag_counts
    ]
    classes.append("N:f:" + ("rare" if total <= 2 else "some" if total < 10 else "many"))
    named = total - tag_counts.get("O", 0)
    if named:
        classes.append("N:name:" + _bucket(named / total))
    return tuple(classes)


def lexicon_classes(counts: Mapping[str, Mapping[str, int]]) -> dict[str, tuple[str, ...]]:
    """Word key → lexicon classes, for every word of ``counts`` that has any."""
    result = {}
    for key, tag_counts in counts.items():
        classes = word_classes(tag_counts)
        if classes:
            result[key] = classes
    return result


def save(counts: Mapping[str, Mapping[str, int]], path: Path, comment: str = "") -> None:
    """Write the counts: one word a line, ``KEY<TAB>TAG:COUNT[,TAG:COUNT...]``."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        for line in comment.splitlines():
            out.write(f"# {line}\n")
        for key in sorted(counts):
            pairs = ",".join(f"{tag}:{n}" for tag, n in sorted(counts[key].items()))
            out.write(f"{key}\t{pairs}\n")


@cache
def load(path: Path = NAME_PARTS_PATH) -> dict[str, tuple[str, ...]]:
    """Word key → lexicon classes from the packaged counts; empty when the file is absent (a
    model trained without the lexicon)."""
    if not path.exists():
        return {}
    counts: dict[str, dict[str, int]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#"):
                    continue
                key, _, pairs = line.rstrip("\n").partition("\t")
                counts[key] = {
                    tag: int(n) for tag, n in (pair.split(":") for pair in pairs.split(","))
                }
    except (OSError, ValueError, EOFError) as exc:
        raise ResourceError(
            f"name-part lexicon {path} cannot be read ({exc}); rebuild it with scripts/train_ner.py"
        ) from exc
    return lexicon_classes(counts)


def merge(
    gazetteer: Mapping[str, Sequence[str]], lexicon: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """One class mapping from the gazetteer's and the lexicon's.

    >>> merge({"تهران": ("LOC",)}, {"تهران": ("N:B-LOC:hi",), "غلام": ("N:B-PER:hi",)})
    {'تهران': ('LOC', 'N:B-LOC:hi'), 'غلام': ('N:B-PER:hi',)}
    """
    result = {key: tuple(kinds) for key, kinds in gazetteer.items()}
    for key, kinds in lexicon.items():
        result[key] = result.get(key, ()) + tuple(kinds)
    return result
