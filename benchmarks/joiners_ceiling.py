"""Where the joiner benchmark's gap lies: the dev files against themselves and against the sources.

    .venv/bin/python benchmarks/joiners_ceiling.py

Prints two things about ../shared/data/text/ud-perdt-dev.txt and ud-seraji-dev.txt (the files of
``benchmarks/joiners.py``), neither of which trains anything:

1. the *self ceiling*: the word accuracy, with every ZWNJ removed, of a restorer that writes each
   corrupted word the way the dev gold writes it most often. It tells how consistent the dev files
   are with themselves (a context-free restorer can do no better on them);
2. the *attestation* of the dev gold's compounds with a ZWNJ: whether the sources the joiner model
   is built from (updt.txt without the dev sentences, every news article, shekar's web vocabulary)
   write that ZWNJ form at all, and more often than the glued one.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks"), str(ROOT / "scripts")]

from build_joiners import DATA, dev_ngrams, normalize, read_news, read_updt, visible  # noqa: E402
from joiner_scoring import PUNCTUATION, category  # noqa: E402

from khabar.chars import ZWNJ  # noqa: E402

DEV = ("ud-perdt-dev.txt", "ud-seraji-dev.txt")


def words(text: str) -> list[str]:
    return [visible(word.strip(PUNCTUATION)) for word in text.split()]


def main() -> None:
    dev = [w for name in DEV for w in words(normalize((DATA / "text" / name).read_text("utf-8")))]
    dev = [w for w in dev if w]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for word in dev:
        forms[word.replace(ZWNJ, "")][word] += 1
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for word in dev:
        kind = category(word)
        total[kind] += 1
        right[kind] += forms[word.replace(ZWNJ, "")].most_common(1)[0][0] == word
    print(f"dev files: {len(dev):,} words")
    print(
        f"self ceiling, ZWNJ removed: words {sum(right.values()) / sum(total.values()):.4f}; "
        + ", ".join(f"{kind} {right[kind] / total[kind]:.3f}" for kind in total)
    )

    texts: Counter[str] = Counter()
    for line in read_updt(dev_ngrams()):
        texts.update(words(line))
    for article, _ in read_news():
        texts.update(words(article))
    web: Counter[str] = Counter()
    for line in (DATA / "lexicon" / "shekar-vocab.csv").read_text("utf-8").splitlines():
        word, _, count = line.rpartition(",")
        if count.isdigit():
            web[visible(normalize(word))] += int(count)
    kinds: Counter[str] = Counter()
    compounds = [w for w in dev if ZWNJ in w and category(w) == "compound"]
    for word in compounds:
        glued = word.replace(ZWNJ, "")
        if not texts[word] and not web[word]:
            kinds["its ZWNJ form is in no source"] += 1
        elif texts[word] > texts[glued]:
            kinds["the texts write it with its ZWNJ more often than glued"] += 1
        elif not texts[word] and not texts[glued]:
            side = "with its ZWNJ" if web[word] >= web[glued] else "glued"
            kinds[f"only the web has it, more often {side}"] += 1
        else:
            kinds["the texts glue it as often or more"] += 1
    print(f"compounds with a ZWNJ in the dev gold: {len(compounds):,}")
    for kind, count in kinds.most_common():
        print(f"  {count:5,} {count / len(compounds):.3f}  {kind}")


if __name__ == "__main__":
    main()
