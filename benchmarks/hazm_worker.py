"""Times hazm on a list of texts; run by ``benchmarks/core.py`` inside hazm's own virtualenv.

Usage: ``python hazm_worker.py TEXTS.json``, where ``TEXTS.json`` is a JSON list of strings. The
worker imports hazm, builds its normalizer and warms its tokenizers up, prints ``{"version": ...}``
and then, for each line ``run`` read on standard input, processes every text once and prints one
JSON line: the CPU seconds taken (``time.process_time``) and the sentences and tokens found (to
check that both tools saw the same input). Start-up and imports are never timed. Processing a text
is ``Normalizer.normalize``, then ``sent_tokenize``, then ``word_tokenize`` on each sentence.

This file runs under hazm's interpreter, not khabar's: it imports nothing from khabar.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from importlib.metadata import version


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
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
    print(json.dumps({"version": version("hazm")}), flush=True)

    for command in sys.stdin:
        if command.strip() != "run":
            continue
        gc.collect()
        started = time.process_time()
        sentences, tokens = run()
        seconds = time.process_time() - started
        result = {"seconds": seconds, "sentences": sentences, "tokens": tokens}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
