"""Train khabar's neural entity tagger (khabar.entities.neural) with PyTorch on one CPU thread.

    .venv/bin/python scripts/train_neural_ner.py             # writes src/khabar/data/ner-neural.npz
    .venv/bin/python scripts/train_neural_ner.py --no-write  # train and score only

The same training data as scripts/train_ner.py: ARMAN ``train_fold1`` (harmonized to PEYMA's
conventions) and PEYMA minus its dev documents, of which the validation documents of
``train_ner.py --validation`` (every tenth training document from the fifth) are kept out of
training to choose the epoch (early stopping). PEYMA dev and ARMAN test_fold1 are never read here:
``benchmarks/ner.py --ensemble`` scores them. The name-part lexicon classes of each training sentence
are counted on the other four of five folds, as for the CRF; the word vectors are the positive-PMI
SVD vectors of scripts/build_word_clusters.py (64 dimensions, frozen).

Needs the ``train-neural`` extra (torch, pytorch-crf, numpy, python-crfsuite for the shared helpers);
the run time reads the exported float16 weights with numpy alone.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torchcrf import CRF  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_word_clusters import corpus_sentences, word_vectors  # noqa: E402
from train_ner import (  # noqa: E402
    NER,
    arman_training,
    evaluate_recognizer,
    extractor_with,
    name_part_extractors,
    peyma_parts,
)

from khabar.entities import name_parts  # noqa: E402
from khabar.entities.corpus import (  # noqa: E402
    Sentence,
    keep_labels,
    score,
    spans,
)
from khabar.entities.features import word_key  # noqa: E402
from khabar.entities.neural import (  # noqa: E402
    CLUSTER_DEPTHS,
    MAX_CHARS,
    NEURAL_MODEL_PATH,
    NeuralTagger,
    char_window,
    cluster_ids,
    word_classes,
)
from khabar.entities.recognizer import NameTagger  # noqa: E402
from khabar.entities.tagger import TAGGED_LABELS, load_clusters  # noqa: E402

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
VECTORS_CACHE = Path("/tmp/khabar-word-vectors-64.npz")


class Network(nn.Module):
    """The tagger network; ``export`` writes what khabar.entities.neural computes in numpy."""

    def __init__(
        self,
        vectors: torch.Tensor,
        clusters: torch.Tensor,
        chars: int,
        classes: int,
        *,
        char_dim: int,
        char_filters: int,
        cluster_dim: int,
        class_dim: int,
        hidden: int,
        dilations: tuple[int, ...],
        dropout: float,
        word_dropout: float,
        tune_vectors: bool = False,
    ) -> None:
        super().__init__()
        self.word_vectors = nn.Embedding.from_pretrained(vectors, freeze=not tune_vectors)
        self.register_buffer("word_clusters", clusters)
        self.cluster_tables = nn.ModuleList(
            nn.Embedding(2**depth + 1, cluster_dim) for depth in CLUSTER_DEPTHS
        )
        self.char_embeddings = nn.Embedding(chars + 2, char_dim, padding_idx=0)
        self.char_conv = nn.Linear(3 * char_dim, char_filters)
        self.class_weight = nn.Linear(classes, class_dim, bias=False)
        width = vectors.shape[1] + char_filters + len(CLUSTER_DEPTHS) * cluster_dim + class_dim
        self.project = nn.Linear(width, hidden)
        self.dilations = dilations
        self.convs = nn.ModuleList(nn.Linear(3 * hidden, hidden) for _ in dilations)
        self.output = nn.Linear(hidden, len(LABELS))
        self.crf = CRF(len(LABELS), batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.word_dropout = word_dropout

    def emissions(
        self,
        words: torch.Tensor,
        chars: torch.Tensor,
        lengths: torch.Tensor,
        classes: torch.Tensor,
        mask: torch.Tensor,
    ) -> torch.Tensor:
        if self.training and self.word_dropout:
            words = words.masked_fill(torch.rand(words.shape) < self.word_dropout, 0)
        letters = self.char_embeddings(chars)  # B, T, L + 2, C
        windows = torch.cat((letters[:, :, :-2], letters[:, :, 1:-1], letters[:, :, 2:]), dim=-1)
        convolved = self.char_conv(windows)  # B, T, L, F
        positions = torch.arange(convolved.shape[2])
        outside = positions[None, None, :] >= lengths[:, :, None]
        convolved = convolved.masked_fill(outside[..., None], float("-inf"))
        characters = torch.relu(convolved.max(dim=2).values)
        clusters = self.word_clusters[words]
        features = torch.cat(
            (
                self.word_vectors(words),
                characters,
                *(table(clusters[..., i]) for i, table in enumerate(self.cluster_tables)),
                self.class_weight(classes),
            ),
            dim=-1,
        )
        keep = mask[..., None].float()
        hidden = torch.relu(self.project(self.dropout(features))) * keep
        count = hidden.shape[1]
        for dilation, conv in zip(self.dilations, self.convs, strict=True):
            padded = nn.functional.pad(hidden, (0, 0, dilation, dilation))
            windows = torch.cat(
                (padded[:, :count], hidden, padded[:, 2 * dilation : 2 * dilation + count]),
                dim=-1,
            )
            hidden = (hidden + torch.relu(conv(self.dropout(windows)))) * keep
        result: torch.Tensor = self.output(self.dropout(hidden))
        return result

    def export(self, words: list[str], chars: str, classes: list[str]) -> dict[str, np.ndarray]:
        def array(tensor: torch.Tensor) -> np.ndarray:
            return tensor.detach().cpu().numpy().astype(np.float16)

        def encoded(text: str) -> np.ndarray:
            return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)

        weights = {
            "labels": encoded("\n".join(LABELS)),
            "words": encoded("\n".join(words)),
            "chars": encoded(chars),
            "classes": encoded("\n".join(classes)),
            "word_vectors": array(self.word_vectors.weight),
            "word_clusters": self.word_clusters.numpy().astype(np.int16),
            "char_embeddings": array(self.char_embeddings.weight),
            "char_weight": array(self.char_conv.weight.T),
            "char_bias": array(self.char_conv.bias),
            "class_weight": array(self.class_weight.weight.T),
            "project_weight": array(self.project.weight.T),
            "project_bias": array(self.project.bias),
            "dilations": np.array(self.dilations, dtype=np.int8),
            "output_weight": array(self.output.weight.T),
            "output_bias": array(self.output.bias),
            "transitions": array(self.crf.transitions),
            "start": array(self.crf.start_transitions),
            "end": array(self.crf.end_transitions),
        }
        for index, conv in enumerate(self.convs):
            weights[f"conv{index}_weight"] = array(conv.weight.T)
            weights[f"conv{index}_bias"] = array(conv.bias)
        for depth, table in zip(CLUSTER_DEPTHS, self.cluster_tables, strict=True):
            weights[f"cluster{depth}"] = array(table.weight)
        return weights


def load_vectors() -> tuple[list[str], np.ndarray]:
    """The 64-dimensional word vectors (computed once, then cached in /tmp)."""
    if VECTORS_CACHE.exists():
        with np.load(VECTORS_CACHE, allow_pickle=False) as archive:
            words = bytes(archive["words"].tobytes()).decode("utf-8").split("\n")
            return words, archive["vectors"]
    words, vectors = word_vectors(corpus_sentences(), np.random.default_rng(7), dimensions=64)
    np.savez(
        VECTORS_CACHE,
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        vectors=vectors.astype(np.float32),
    )
    return words, vectors


class Encoder:
    """Turns sentences into the network's index tensors."""

    def __init__(self, words: list[str], chars: str, classes: list[str]) -> None:
        self.word_index = {word: index + 1 for index, word in enumerate(words)}
        self.char_index = {char: index + 2 for index, char in enumerate(chars)}
        self.class_index = {name: index for index, name in enumerate(classes)}

    def encode(
        self, sentence: Sentence, gazetteer: dict[str, tuple[str, ...]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        keys = [word_key(token) for token in sentence.tokens]
        count = len(keys)
        words = np.array([self.word_index.get(key, 0) for key in keys], dtype=np.int64)
        chars = np.zeros((count, MAX_CHARS + 2), dtype=np.int64)
        lengths = np.zeros(count, dtype=np.int64)
        classes = np.zeros((count, len(self.class_index)), dtype=np.float32)
        for position, key in enumerate(keys):
            letters = char_window(key)
            lengths[position] = len(letters)
            for offset, char in enumerate(letters):
                chars[position, offset + 1] = self.char_index.get(char, 1)
            for name in word_classes(key, gazetteer):
                index = self.class_index.get(name)
                if index is not None:
                    classes[position, index] = 1.0
        tags = np.array(
            [LABELS.index(tag) for tag in keep_labels(sentence.tags, TAGGED_LABELS)],
            dtype=np.int64,
        )
        return words, chars, lengths, classes, tags


def batch(
    items: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[torch.Tensor, ...]:
    """Pad encoded sentences to one batch: words, chars, lengths, classes, tags, mask."""
    size = len(items)
    longest = max(len(item[0]) for item in items)
    width = items[0][3].shape[1]
    words = torch.zeros((size, longest), dtype=torch.long)
    chars = torch.zeros((size, longest, MAX_CHARS + 2), dtype=torch.long)
    lengths = torch.ones((size, longest), dtype=torch.long)
    classes = torch.zeros((size, longest, width))
    tags = torch.zeros((size, longest), dtype=torch.long)
    mask = torch.zeros((size, longest), dtype=torch.bool)
    for row, (w, c, n, k, t) in enumerate(items):
        count = len(w)
        words[row, :count] = torch.from_numpy(w)
        chars[row, :count] = torch.from_numpy(c)
        lengths[row, :count] = torch.from_numpy(n)
        classes[row, :count] = torch.from_numpy(k)
        tags[row, :count] = torch.from_numpy(t)
        mask[row, :count] = True
    return words, chars, lengths, classes, tags, mask


def evaluate(tagger: NeuralTagger, sentences: list[Sentence]) -> dict[str, dict[str, float]]:
    gold = [spans(keep_labels(s.tags, TAGGED_LABELS)) for s in sentences]
    predicted = [spans(tagger.tag(s.tokens)) for s in sentences]
    return score(gold, predicted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=NEURAL_MODEL_PATH)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=40, help="stop after this long")
    parser.add_argument("--patience", type=int, default=4, help="epochs without a better score")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=2e-3)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--dilations", default="1,2,4")
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--word-dropout", type=float, default=0.1)
    parser.add_argument("--tune-vectors", action="store_true", help="train the word vectors too")
    parser.add_argument(
        "--decay",
        type=float,
        default=1.0,
        help="multiply the learning rate by this after an "
        "epoch that did not improve the validation score",
    )
    parser.add_argument("--sample", type=int, default=1, help="train on every Nth sentence")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not NER.exists():
        print(f"error: {NER} is missing (../shared beside the repository)", file=sys.stderr)
        return 1
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    started = time.perf_counter()
    arman_train = arman_training()
    peyma_train, validation = peyma_parts(validation=True)  # dev is never read here
    training = arman_train + peyma_train
    extractors, assignment, counts = name_part_extractors(training, 5)
    validation_gazetteer = extractor_with(name_parts.lexicon_classes(counts)).gazetteer

    words, vectors = load_vectors()
    clusters = load_clusters()
    word_clusters = np.zeros((len(words) + 1, len(CLUSTER_DEPTHS)), dtype=np.int64)
    for index, word in enumerate(words):
        word_clusters[index + 1] = cluster_ids(clusters.get(word))
    char_counts = Counter(
        char for s in training for token in s.tokens for char in char_window(word_key(token))
    )
    chars = "".join(sorted(c for c, n in char_counts.items() if n >= 5 and c != "\n"))
    gazetteer_classes = {
        "g=" + kind
        for extractor in extractors
        for kinds in extractor.gazetteer.values()
        for kind in kinds
    }
    classes = sorted(
        {"s=" + s for s in ("persian", "latin", "digits", "latin-digits", "mixed", "punct")}
        | gazetteer_classes
    )
    encoder = Encoder(words, chars, classes)
    encoded = [
        encoder.encode(sentence, extractors[assignment[index]].gazetteer)
        for index, sentence in enumerate(training)
        if index % args.sample == 0
    ]
    tokens = sum(len(item[0]) for item in encoded)
    print(
        f"{len(encoded)} training sentences ({tokens:,} tokens), {len(validation)} validation; "
        f"{len(words)} word vectors, {len(chars)} letters, {len(classes)} classes; "
        f"prepared in {time.perf_counter() - started:.0f}s",
        flush=True,
    )
    vectors_table = np.zeros((len(words) + 1, vectors.shape[1]), dtype=np.float32)
    vectors_table[1:] = vectors
    network = Network(
        torch.from_numpy(vectors_table),
        torch.from_numpy(word_clusters),
        len(chars),
        len(classes),
        char_dim=24,
        char_filters=64,
        cluster_dim=16,
        class_dim=32,
        hidden=args.hidden,
        dilations=tuple(int(d) for d in args.dilations.split(",")),
        dropout=args.dropout,
        word_dropout=args.word_dropout,
        tune_vectors=args.tune_vectors,
    )
    optimizer = torch.optim.Adam(
        [p for p in network.parameters() if p.requires_grad], lr=args.learning_rate
    )
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    batches = [order[i : i + args.batch_size] for i in range(0, len(order), args.batch_size)]
    best_f1, best_epoch, best_weights = -1.0, 0, None
    training_started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        network.train()
        random.shuffle(batches)
        epoch_started = time.perf_counter()
        total_loss = 0.0
        for members in batches:
            w, c, n, k, t, m = batch([encoded[i] for i in members])
            emissions = network.emissions(w, c, n, k, m)
            loss = -network.crf(emissions, t, mask=m, reduction="token_mean")
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimizer.step()
            total_loss += float(loss.detach())
        network.eval()
        weights = network.export(words, chars, classes)
        result = evaluate(NeuralTagger.from_weights(weights, validation_gazetteer), validation)
        f1 = result["micro"]["f1"]
        print(
            f"epoch {epoch}: loss {total_loss / len(batches):.4f}, "
            f"{time.perf_counter() - epoch_started:.0f}s; validation "
            + "  ".join(f"{label} {v['f1']:.3f}" for label, v in result.items()),
            flush=True,
        )
        if f1 > best_f1:
            best_f1, best_epoch, best_weights = f1, epoch, weights
        elif args.decay != 1.0:
            for group in optimizer.param_groups:
                group["lr"] *= args.decay
        elapsed = (time.perf_counter() - training_started) / 60
        if epoch - best_epoch >= args.patience or elapsed > args.minutes:
            break
    assert best_weights is not None
    minutes = (time.perf_counter() - training_started) / 60
    print(f"best validation micro-F1 {best_f1:.3f} after epoch {best_epoch}; {minutes:.1f} min")
    # the neural tagger alone as the recognizer's first pass (the document pass is the CRF's)
    neural = NeuralTagger.from_weights(best_weights, validation_gazetteer)
    recognizer = NameTagger(neural, use_document=False)  # type: ignore[arg-type]
    evaluate_recognizer(
        recognizer,
        validation,
        "validation, as the recognizer without its document pass (gazetteers, consistency)",
        by_document=True,
    )
    output = (
        args.output if not args.no_write else Path(f"/tmp/khabar-ner-neural-{time.time():.0f}.npz")
    )
    about = (
        "khabar neural entity tagger, by scripts/train_neural_ner.py: trained on ARMAN train_fold1 "
        f"({len(arman_train)} sentences) and PEYMA minus its dev and validation documents "
        f"({len(peyma_train)} sentences); epoch {best_epoch}, validation micro-F1 {best_f1:.3f}; "
        f"{' '.join(argv if argv is not None else sys.argv[1:])}\n"
        "inherits the research-use terms of ARMAN and PEYMA: see docs/models/ner-neural.md"
    )
    best_weights["about"] = np.frombuffer(about.encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(output, **best_weights)
    print(f"model {output} ({output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
