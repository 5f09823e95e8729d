"""Times hazm on a list of texts; run by ``benchmarks/core.py`` inside hazm's own virtualenv.

Usage: ``python hazm_worker.py TEXTS.json REPEATS``. ``TEXTS.json`` is a JSON list of strings.
Importing hazm and building its normalizer and tokenizers happen before the clock starts; each
repeat then times ``Normalizer.normalize`` + ``sent_tokenize`` + ``word_tokenize`` (one call per
sentence) over every text. Prints one JSON object on stdout: hazm's version, the seconds of each
repeat, and the sentences and tokens found (to check that both tools saw the same input).

This file runs under hazm's interpreter, not khabar's: it imports nothing from khabar.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from importlib.metadata import version


def main() -> None:
    texts_path, repeats = sys.argv[1], int(sys.argv[2])
    with open(texts_path, encoding="utf-8") as handle:
        texts: list[str] = json.load(handle)

    from hazm import Normalizer, sent_tokenize, word_tokenize

    normalizer = Normalizer()

    def run() -> tuple[int, int]:
        sentence_count = token_count = 0
        for text in texts:
            sentences = sent_tokenize(normalizer.normalize(text))
            sentence_count += len(sentences)
            for sentence in sentences:
                token_count += len(word_tokenize(sentence))
        return sentence_count, token_count

    for text in texts[:20]:  # warm up: the tokenizers are built on first use
        for sentence in sent_tokenize(normalizer.normalize(text)):
            word_tokenize(sentence)

    seconds: list[float] = []
    counts = (0, 0)
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        counts = run()
        seconds.append(time.perf_counter() - started)
    json.dump(
        {
            "version": version("hazm"),
            "seconds": seconds,
            "sentences": counts[0],
            "tokens": counts[1],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
