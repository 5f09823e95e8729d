"""Silver training data for the entity CRF: raw news tagged by the ensemble (uptraining).

    .venv/bin/python scripts/ner_silver.py --output /tmp/silver-full.conll
    .venv/bin/python scripts/train_ner.py --silver /tmp/silver-full.conll

The articles of ``../shared/data/news`` (``*.json``: title, abstract, paragraphs) are normalized,
split into sentences and tokens as the pipeline does (``normalize_text``, one paragraph a line,
``split_sentences``, ``TOKEN_PATTERN``), and each article is tagged as one story by the whole
recognizer with the ensemble tagger (CRF + neural, document pass, gazetteers, boundary rules,
document consistency): its PER, ORG and LOC names become IOB tags. The file is one token a line
(``TOKEN<TAB>TAG``), a blank line between sentences and a ``# doc: OUTLET/FILE/N`` line before
each article, the format ``khabar.entities.corpus.read_conll`` reads; ``train_ner.py --silver``
appends its sentences to the CRF's training data (Petrov et al. 2010, "Uptraining for accurate
deterministic question parsing": a fast model learns from a slower, better one).

The silver text is the outlets' text: keep it out of the repository (write it under /tmp).
``--only-named`` keeps only the sentences where the teacher found a name, ``--every N`` every Nth
article; ``--from FILE`` applies these (and ``--pattern``) to a silver file written before instead
of tagging again. For trials on the validation documents, ``--crf``, ``--document`` and ``--boundaries`` name a
teacher trained without them (``train_ner.py --validation --no-write``,
``build_ner_boundaries.py --validation``); by default the packaged models teach.
Needs numpy and threadpoolctl (the neural tagger: ``khabar[neural]``).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from train_ner import beside, extractor_with  # beside this script

from khabar.entities import boundaries, name_parts
from khabar.entities.boundaries import BoundaryRules
from khabar.entities.corpus import documents, iob_tags, read_conll, spans
from khabar.entities.document import load_document_model
from khabar.entities.ensemble import EnsembleTagger
from khabar.entities.neural import NEURAL_MODEL_PATH, NeuralTagger
from khabar.entities.recognizer import NameTagger
from khabar.entities.tagger import TAGGED_LABELS, CrfTagger
from khabar.normalize import normalize_text
from khabar.segment import TOKEN_PATTERN, split_sentences

REPO = Path(__file__).resolve().parent.parent
NEWS = REPO.parent / "shared" / "data" / "news"
MAX_SENTENCE = 200  # tokens; longer "sentences" are lists or damaged text


def article_sentences(article: dict[str, object]) -> list[list[str]]:
    """The token lists of an article's sentences: title, abstract, then its paragraphs."""
    parts = [article.get("title") or "", article.get("abstract") or ""]
    paragraphs = article.get("paragraphs") or []
    parts += paragraphs if isinstance(paragraphs, list) else []
    sentences = []
    for part in parts:
        if not isinstance(part, str):
            continue
        for line in normalize_text(part).split("\n"):
            for start, end in split_sentences(line):
                tokens = [match.group() for match in TOKEN_PATTERN.finditer(line, start, end)]
                if 0 < len(tokens) <= MAX_SENTENCE:
                    sentences.append(tokens)
    return sentences


def articles(folder: Path, pattern: str) -> Iterator[tuple[str, list[list[str]]]]:
    """``(name, sentences)`` of every article in the files of ``folder`` matching ``pattern``."""
    for path in sorted(folder.glob(pattern)):
        for number, article in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            if isinstance(article, dict):
                yield f"{path.stem}/{number}", article_sentences(article)


def read_silver(path: Path) -> Iterator[tuple[str, list[list[str]], list[list[str]]]]:
    """``(name, sentences, tags)`` of every article of a silver file written by this script."""
    for story in documents(read_conll(path)):
        yield story[0].document, [list(s.tokens) for s in story], [list(s.tags) for s in story]


def teacher(crf: Path | None, document: Path | None, counts: Path | None) -> NameTagger:
    """The recognizer with the ensemble tagger: the packaged models, or those named."""
    if crf is None:
        ensemble = EnsembleTagger.default()
        return NameTagger(ensemble)
    extractor = extractor_with(name_parts.load(beside(crf, "name-parts")))
    ensemble = EnsembleTagger(
        CrfTagger(crf, extractor), NeuralTagger(NEURAL_MODEL_PATH, extractor.gazetteer)
    )
    model = load_document_model(document) if document is not None else None
    rules = BoundaryRules(boundaries.load(counts)) if counts is not None else None
    return NameTagger(
        ensemble, document=model, use_document=model is not None, boundary_rules=rules
    )


def iob(length: int, names: list[tuple[int, int, str]]) -> list[str]:
    """IOB tags of a sentence of ``length`` tokens with these names (PER, ORG, LOC only).

    >>> iob(4, [(1, 3, "PER"), (3, 4, "DATE")])
    ['O', 'B-PER', 'I-PER', 'O']
    """
    return iob_tags(length, (name for name in names if name[2] in TAGGED_LABELS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, required=True, help="the silver file (keep it in /tmp)"
    )
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of news *.json")
    parser.add_argument("--pattern", default="*.json", help="which files, e.g. 'fars-news-*.json'")
    parser.add_argument("--only-named", action="store_true", help="only sentences with a name")
    parser.add_argument("--every", type=int, default=1, help="only every Nth article")
    parser.add_argument("--from", dest="source", type=Path, help="filter this silver file instead")
    parser.add_argument("--crf", type=Path, help="teacher CRF (its -name-parts lexicon beside it)")
    parser.add_argument("--document", type=Path, help="teacher's document pass")
    parser.add_argument("--boundaries", type=Path, help="teacher's boundary counts")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.source is not None:
        if not args.source.is_file():
            print(f"error: {args.source} is missing", file=sys.stderr)
            return 1
        tagged = (
            (name, sentences, tags)
            for name, sentences, tags in read_silver(args.source)
            if fnmatch.fnmatch(name.split("/")[0] + ".json", args.pattern)
        )
    else:
        if not args.news.is_dir():
            print(
                f"error: {args.news} is missing (../shared beside the repository)", file=sys.stderr
            )
            return 1
        recognizer = teacher(args.crf, args.document, args.boundaries)
        tagged = (
            (
                name,
                sentences,
                [iob(len(s), found) for s, found in zip(sentences, found_names, strict=True)],
            )
            for name, sentences in articles(args.news, args.pattern)
            if sentences
            for found_names in [recognizer.document_names(sentences)]
        )
    stories = tokens = names = 0
    with args.output.open("w", encoding="utf-8") as out:
        for number, (name, sentences, tags) in enumerate(tagged):
            if number % args.every:
                continue
            out.write(f"# doc: {name}\n")
            for sentence, sentence_tags in zip(sentences, tags, strict=True):
                found = spans(sentence_tags)
                if args.only_named and not found:
                    continue
                pairs = zip(sentence, sentence_tags, strict=True)
                out.writelines(f"{token}\t{tag}\n" for token, tag in pairs)
                out.write("\n")
                tokens += len(sentence)
                names += len(found)
            stories += 1
    print(
        f"{stories:,} articles, {tokens:,} tokens, {names:,} names tagged in "
        f"{time.perf_counter() - started:.0f}s → {args.output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
