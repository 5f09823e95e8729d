"""Build src/khabar/data/word-clusters.tsv: distributional word clusters for the entity tagger.

    .venv/bin/python scripts/build_word_clusters.py      # about a minute on 2 cores

Reads raw text from ../shared/data/news (Fars and Varzesh3 articles), ../shared/data/text and the
tokens (not the tags) of the NER training part (ARMAN train_fold1, PEYMA minus its dev documents).
Each frequent word is described by the words seen just left and right of it (positive PMI), reduced
to 100 dimensions by a truncated SVD, then clustered top-down by k-means into 16 × 16 × 16 groups;
the cluster path is written as 12 bits, so a 4-bit prefix is a coarse class and 12 bits a fine one.
Needs numpy (the ``train`` extra); the tagger only reads the TSV.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from khabar.entities.corpus import peyma_split, read_conll
from khabar.entities.features import word_key
from khabar.segment import TOKEN_PATTERN

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
OUTPUT = REPO / "src" / "khabar" / "data" / "word-clusters.tsv"


def corpus_sentences() -> list[list[str]]:
    """Token keys of every line of the unlabeled text, and of the NER training sentences."""
    sentences: list[list[str]] = []

    def add(text: str) -> None:
        for line in text.split("\n"):
            keys = [word_key(m.group()) for m in TOKEN_PATTERN.finditer(line)]
            if keys:
                sentences.append(keys)

    for path in sorted((DATA / "news").glob("*.json")):
        for article in json.loads(path.read_text(encoding="utf-8")):
            add(article.get("title") or "")
            add(article.get("abstract") or "")
            for paragraph in article.get("paragraphs") or []:
                add(paragraph)
    for path in sorted((DATA / "text").glob("*.txt")):
        add(path.read_text(encoding="utf-8"))
    arman = list(read_conll(DATA / "ner" / "arman" / "train_fold1.txt"))
    peyma_train, _ = peyma_split(list(read_conll(DATA / "ner" / "peyma" / "train.txt")))
    for sentence in arman + peyma_train:
        sentences.append([word_key(token) for token in sentence.tokens])
    return sentences


def kmeans(points: np.ndarray, k: int, rng: np.random.Generator, rounds: int = 25) -> np.ndarray:
    """Cluster index of each row of ``points`` (rows unit-length; cosine k-means)."""
    if len(points) <= k:
        return np.arange(len(points))
    centers = points[rng.choice(len(points), k, replace=False)]
    assignment = np.zeros(len(points), dtype=np.int64)
    for _ in range(rounds):
        assignment = np.argmax(points @ centers.T, axis=1)
        for index in range(k):
            members = points[assignment == index]
            if len(members):
                center = members.sum(axis=0)
                centers[index] = center / (np.linalg.norm(center) + 1e-9)
    return assignment


def word_vectors(
    sentences: list[list[str]],
    rng: np.random.Generator,
    vocabulary: int = 40_000,
    contexts: int = 1_500,
    min_count: int = 3,
    dimensions: int = 100,
) -> tuple[list[str], np.ndarray]:
    """The frequent words and their unit-length vectors: positive PMI with the words just left and
    right of them, reduced by a truncated SVD (also the initial word embeddings of
    scripts/train_neural_ner.py)."""
    counts = Counter(key for sentence in sentences for key in sentence)
    words = [w for w, c in counts.most_common(vocabulary) if c >= min_count]
    word_index = {w: i for i, w in enumerate(words)}
    context_index = {w: i for i, w in enumerate(words[:contexts])}
    width = contexts + 1  # the last column stands for every rarer word
    pairs: list[int] = []
    for sentence in sentences:
        ids = [word_index.get(k, -1) for k in sentence]
        neighbours = [context_index.get(k, contexts) for k in sentence]
        for position, word in enumerate(ids):
            if word < 0:
                continue
            left = neighbours[position - 1] if position > 0 else contexts
            right = neighbours[position + 1] if position + 1 < len(ids) else contexts
            pairs.append(word * 2 * width + left)
            pairs.append(word * 2 * width + width + right)
    matrix = np.bincount(np.array(pairs, dtype=np.int64), minlength=len(words) * 2 * width)
    matrix = matrix.reshape(len(words), 2 * width).astype(np.float32)
    total = matrix.sum()
    row = matrix.sum(axis=1, keepdims=True)
    column = matrix.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * total / (row @ column + 1e-9) + 1e-12)
    pmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0)
    sketch = pmi @ rng.standard_normal((pmi.shape[1], 150)).astype(np.float32)
    basis, _ = np.linalg.qr(sketch)
    small = basis.T @ pmi
    u_small, singular, _ = np.linalg.svd(small, full_matrices=False)
    vectors = (basis @ u_small[:, :dimensions]) * np.sqrt(singular[:dimensions])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return words, vectors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--vocabulary", type=int, default=40_000)
    parser.add_argument("--contexts", type=int, default=1_500)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    words, vectors = word_vectors(
        corpus_sentences(), rng, args.vocabulary, args.contexts, args.min_count
    )
    paths = [""] * len(words)
    groups = [np.arange(len(words))]
    for _level in range(3):
        next_groups = []
        for group in groups:
            assignment = kmeans(vectors[group], 16, rng)
            for index in range(16):
                members = group[assignment == index]
                for member in members:
                    paths[member] += format(index, "04b")
                if len(members):
                    next_groups.append(members)
        groups = next_groups
    header = (
        "# Built by scripts/build_word_clusters.py from ../shared/data (news, text, NER training "
        "tokens); word key<TAB>12-bit cluster path\n"
    )
    body = "".join(f"{w}\t{p}\n" for w, p in zip(words, paths, strict=True))
    args.output.write_text(header + body, encoding="utf-8")
    print(f"wrote {len(words)} words to {args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
