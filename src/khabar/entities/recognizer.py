"""The entity recognition stage: people, organisations, places (CRF) and dates, money (rules).

Needs: ``tokens`` and ``sentences`` (the Segmenter).
Adds: ``entities``: one :class:`~khabar.model.Entity` per name or expression, sorted by position,
with a canonical name for places and organisations (جمهوری اسلامی ایران → ایران).
Stays true: entity spans lie on token boundaries of ``doc.text`` (rule expressions on word
boundaries), do not overlap, and never cross a sentence.

>>> import khabar
>>> doc = khabar.analyze("هیئتی از ژاپن روز دوشنبه وارد تهران شد و قیمت‌ها ۵ درصد بالا رفت.")
>>> for entity in doc.entities:
...     print(doc.span_text(entity.span), entity.label, entity.canonical)
ژاپن LOC ژاپن
روز دوشنبه DATE None
تهران LOC تهران
۵ درصد PERCENT None
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from khabar.entities import boundaries
from khabar.entities.boundaries import WRAPPER_WORDS, BoundaryRules
from khabar.entities.canonical import canonical_name, load_organizations
from khabar.entities.corpus import iob_tags, spans
from khabar.entities.document import (
    DocumentModel,
    document_features,
    load_document_model,
    word_class_function,
)
from khabar.entities.features import word_key
from khabar.entities.gazetteers import load_places, tagger_gazetteer
from khabar.entities.rules import find_expressions
from khabar.entities.tagger import CrfTagger, SequenceTagger
from khabar.errors import ConfigError
from khabar.model import Document, Entity, Span

# One-word names too often plain words to be spread over a document (بهار, امید, جهان ...).
_COMMON_WORDS = frozenset(
    word_key(word)
    for word in "جهان بهار امید نور آزادی عدالت صلح ملت دولت مجلس شورا دانشگاه اسلام".split()
)


# Place names that are more often plain words: جهان (world), مالی (financial), چک (cheque) ...
_AMBIGUOUS_PLACES = frozenset(
    word_key(word) for word in "جهان مالی چک پرو جرزی گینه نیجر تیر".split()
)


def _keep_whole_names(
    first: Sequence[str], second: Sequence[str], keys: Sequence[str], titles: frozenset[str]
) -> list[str]:
    """The document pass's tags, except that a name it cut out of a longer first-pass name is
    the first-pass name again: «[وزارت دفاع]» stays whole even where «دفاع» alone began an
    organisation's name elsewhere in the story (on held-out training documents: 0.852 against
    0.846 when the second pass had the last word); and a new name made only of titles and
    offices is dropped: «امیر» of «امیر سرتیپ» is a rank even where «[امیر کلانتری]» was a name.

    >>> _keep_whole_names(["B-ORG", "I-ORG", "O"], ["O", "B-ORG", "O"], ["a", "b", "c"], frozenset())
    ['B-ORG', 'I-ORG', 'O']
    >>> _keep_whole_names(["O", "B-PER", "O"], ["B-PER", "I-PER", "O"], ["a", "b", "c"], frozenset())
    ['B-PER', 'I-PER', 'O']
    >>> _keep_whole_names(["O", "O", "O"], ["B-PER", "O", "O"], ["امیر", "سرتیپ", "گفت"],
    ...                   frozenset({"امیر", "سرتیپ"}))
    ['O', 'O', 'O']
    """
    before = spans(first)
    kept: list[tuple[int, int, str]] = []
    for name in spans(second):
        for whole in before:
            if whole[0] <= name[0] and name[1] <= whole[1] and whole[:2] != name[:2]:
                name = whole
                break
        else:
            if name not in before and all(keys[k] in titles for k in range(name[0], name[1])):
                continue
        if not kept or name[0] >= kept[-1][1]:
            kept.append(name)
    return iob_tags(len(second), kept)


TaggerKind = Literal["crf", "ensemble"]
TAGGER_KINDS: tuple[TaggerKind, ...] = ("crf", "ensemble")


def packaged_tagger(kind: TaggerKind = "crf") -> SequenceTagger:
    """The packaged tagger of that kind: ``crf`` (the default, fastest) or ``ensemble`` (the CRF
    and the neural tagger together: more names found, about half the speed; needs
    ``khabar[neural]``). See docs/models/ner.md."""
    if kind == "crf":
        return CrfTagger.default()
    if kind != "ensemble":
        raise ConfigError(
            f"unknown entity tagger {kind!r}; choose one of {', '.join(TAGGER_KINDS)}"
        )
    try:
        from khabar.entities.ensemble import EnsembleTagger  # numpy only when asked for
    except ImportError as exc:
        raise ConfigError(
            f"the ensemble entity tagger needs {exc.name}: pip install 'khabar[neural]'"
        ) from exc
    return EnsembleTagger.default()


class NameTagger:
    """Names in a sentence of token strings: the CRF, its document pass (``document.py``), places
    it missed from the gazetteer, then PEYMA's boundary conventions (``boundaries.py``).

    Works on bare token lists, so the benchmark scores exactly what the stage produces. The
    document pass uses ``document`` or, when ``use_document`` and none is given, the packaged one
    (skipped when it was not built); the boundary rules likewise ``boundary_rules`` or the
    packaged counts (``use_boundaries``).
    """

    def __init__(
        self,
        tagger: SequenceTagger | None = None,
        *,
        gazetteers: bool = True,
        document: DocumentModel | None = None,
        use_document: bool = True,
        boundary_rules: BoundaryRules | None = None,
        use_boundaries: bool = True,
    ) -> None:
        self.tagger = tagger or CrfTagger.default()
        if boundary_rules is None and use_boundaries:
            counts = boundaries.load()
            boundary_rules = BoundaryRules(counts) if counts else None
        self.boundary_rules = boundary_rules
        self.gazetteers = gazetteers
        self.document = document or (load_document_model() if use_document else None)
        if self.document is not None:
            self._word_class = word_class_function(self.tagger.extractor.gazetteer)
        # titles and offices: never a name by themselves (the document pass may not make them one)
        self.titles = frozenset(
            key
            for key, kinds in tagger_gazetteer().items()
            if "TITLE" in kinds or "OFFICE" in kinds
        )
        self.places = load_places()
        self.organizations = load_organizations()
        # words that begin an organisation's name (وزارت, سازمان ...), wrappers left out
        self.organization_heads = frozenset(
            key
            for key, kinds in tagger_gazetteer().items()
            if "ORG-HEAD" in kinds and key not in WRAPPER_WORDS
        )

    def tag_sentences(self, keys: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB tags of a story's sentences (given as token keys): the CRF, then the document pass
        on the sentences where a document feature fired."""
        tagger = self.tagger
        if self.document is None:
            return [tagger.tag_keys(sentence) for sentence in keys]
        model = tagger.model
        labels = model.labels
        emissions = tagger.sentence_emissions(keys)
        anchors: list[list[int]] = [[] for _ in keys]
        paths = [
            model.viterbi(scores, found) for scores, found in zip(emissions, anchors, strict=True)
        ]
        tags = [[labels[index] for index in path] for path in paths]
        features = document_features(keys, tags, self._word_class)
        for number, (scores, sentence_features) in enumerate(zip(emissions, features, strict=True)):
            changed = self.document.adjust(scores, sentence_features)
            if changed:
                path = model.redecode(scores, paths[number], anchors[number], changed)
                if path != paths[number]:
                    tags[number] = _keep_whole_names(
                        tags[number], [labels[index] for index in path], keys[number], self.titles
                    )
        return tags

    def names(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Entity spans ``(first token, end token, label)`` of one sentence (a story of one
        sentence: the document pass sees only its words)."""
        keys = [word_key(token) for token in tokens]
        return self._names(keys, self.tag_sentences([keys])[0])

    def _names(self, keys: Sequence[str], tags: Sequence[str]) -> list[tuple[int, int, str]]:
        found = spans(tags)
        if self.gazetteers:
            found = self._refine(keys, found)
            found = self._add_gazetteer_names(keys, found)
        if self.boundary_rules is not None:
            found = self.boundary_rules.apply(
                keys, found, lambda start, end: self._is_place(keys, start, end)
            )
        return found

    def _is_place(self, keys: Sequence[str], start: int, end: int) -> bool:
        """Whether the words after the first, up to ``end``, are a place of the gazetteer, whole
        (جمهوری چک, جمهوری آذربایجان: a country's formal name; not جمهوری اسلامی ایران)."""
        match = self.places.longest_keys(keys, start + 1)
        return match is not None and match[0] == end - start - 1

    def _refine(
        self, keys: Sequence[str], found: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Cut a known organisation out of the words the tagger put around it.

        «[اجلاس اکو]» is the ECO summit: the organisation is اکو; «[پایگاه اطلاع رسانی دفتر ریاست
        جمهوری]» is the website of the presidential office: the organisation is دفتر ریاست جمهوری.
        An organisation the gazetteer does not know is cut out too when it begins with a word that
        begins organisations' names: «[روابط عمومی وزارت دفاع]» → وزارت دفاع.
        """
        refined = []
        for start, end, label in found:
            if label in ("ORG", "LOC") and end - start > 1 and keys[start] in WRAPPER_WORDS:
                for inner in range(start + 1, end):
                    match = self.organizations.longest_keys(keys[:end], inner)
                    if match is not None and inner + match[0] == end:
                        if all(keys[k] in WRAPPER_WORDS for k in range(start, inner)):
                            start, label = inner, "ORG"
                        break
                else:
                    # «[روابط عمومی وزارت دفاع]»: the press office of a ministry is the ministry
                    inner = start
                    while inner < end and keys[inner] in WRAPPER_WORDS:
                        inner += 1
                    if inner < end - 1 and keys[inner] in self.organization_heads:
                        start, label = inner, "ORG"
            refined.append((start, end, label))
        return refined

    def document_names(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[list[tuple[int, int, str]]]:
        """Names in every sentence of one document, made consistent across the document.

        A name the tagger marked somewhere in the document is marked wherever else it is written
        in the same words and left untagged (one sense per discourse: «نوسکوف» tagged once is
        tagged everywhere in its story), even where it was left untagged more often than marked:
        on PEYMA training documents held out for tuning this scored 0.837 against 0.835 when
        the name had to be marked at least as often as left.
        """
        keys = [[word_key(token) for token in tokens] for tokens in sentences]
        tags = self.tag_sentences(keys)
        found = [
            self._names(sentence_keys, sentence_tags)
            for sentence_keys, sentence_tags in zip(keys, tags, strict=True)
        ]
        labelled: dict[tuple[str, ...], Counter[str]] = {}
        for sentence_keys, names in zip(keys, found, strict=True):
            for start, end, label in names:
                if label in ("PER", "ORG", "LOC"):
                    labelled.setdefault(tuple(sentence_keys[start:end]), Counter())[label] += 1
        candidates = {
            name: counts.most_common(1)[0][0]
            for name, counts in labelled.items()
            if len("".join(name)) > 2 and not (len(name) == 1 and name[0] in _COMMON_WORDS)
        }
        if not candidates:
            return found
        longest = max(len(name) for name in candidates)
        first_words = {name[0] for name in candidates}
        untagged: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for index, (sentence_keys, names) in enumerate(zip(keys, found, strict=True)):
            if first_words.isdisjoint(sentence_keys):
                continue
            taken = [False] * len(sentence_keys)
            for start, end, _label in names:
                taken[start:end] = [True] * (end - start)
            position = 0
            while position < len(sentence_keys):
                if sentence_keys[position] not in first_words:
                    position += 1
                    continue
                match = None
                for length in range(min(longest, len(sentence_keys) - position), 0, -1):
                    name = tuple(sentence_keys[position : position + length])
                    if name in candidates and not any(taken[position : position + length]):
                        match = (name, length)
                        break
                if match is None:
                    position += 1
                    continue
                untagged.setdefault(match[0], []).append((index, position))
                position += match[1]
        for name, places in untagged.items():
            for index, position in places:
                found[index].append((position, position + len(name), candidates[name]))
        return [sorted(names) for names in found]

    def _add_gazetteer_names(
        self, keys: Sequence[str], found: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Countries, regions and well-known organisations the CRF left untagged (``keys`` are
        the sentence's token keys)."""
        taken = [False] * len(keys)
        for start, end, _label in found:
            for index in range(start, end):
                taken[index] = True
        added = []
        index = 0
        starts_place = self.places.starts
        starts_organization = self.organizations.starts
        while index < len(keys):
            key = keys[index]
            if not taken[index] and (starts_place(key) or starts_organization(key)):
                place = self.places.longest_keys(keys, index)
                if (
                    place is not None
                    and place[1].kind != "language"
                    and keys[index] not in _AMBIGUOUS_PLACES
                ):
                    length = place[0]
                    if not any(taken[index : index + length]):
                        added.append((index, index + length, "LOC"))
                        index += length
                        continue
                organization = self.organizations.longest_keys(keys, index)
                if organization is not None:
                    length = organization[0]
                    if not any(taken[index : index + length]):
                        added.append((index, index + length, "ORG"))
                        index += length
                        continue
            index += 1
        return sorted(found + added) if added else found


class EntityRecognizer:
    """The entity stage: ``name_tagger`` as given, or one with the packaged tagger of kind
    ``tagger`` (``crf`` or ``ensemble``; ignored when ``name_tagger`` is given). Not a
    dataclass: ``__init__`` loads the tagger once."""

    name = "entities"
    requires = frozenset({"tokens", "sentences"})
    provides = frozenset({"entities"})

    def __init__(
        self, name_tagger: NameTagger | None = None, *, tagger: TaggerKind = "crf"
    ) -> None:
        self.name_tagger = name_tagger or NameTagger(packaged_tagger(tagger))

    def __call__(self, doc: Document) -> Document:
        return dataclasses.replace(doc, entities=tuple(self.recognize(doc)))

    def recognize(self, doc: Document) -> list[Entity]:
        text = doc.text
        tokens = doc.tokens
        token_starts = [token.start for token in tokens]
        entities: list[Entity] = []
        sentences: list[tuple[Span, tuple[Span, ...]]] = []
        for sentence in doc.sentences:
            first = bisect.bisect_left(token_starts, sentence.start)
            last = bisect.bisect_left(token_starts, sentence.end)
            sentences.append((sentence, tokens[first:last]))
        words = [
            [text[t.start : t.end] for t in sentence_tokens] for _, sentence_tokens in sentences
        ]
        all_names = self.name_tagger.document_names(words)
        for (sentence, sentence_tokens), names in zip(sentences, all_names, strict=True):
            name_spans = []
            for start, end, label in names:
                span = Span(sentence_tokens[start].start, sentence_tokens[end - 1].end)
                name_spans.append(span)
                canonical = canonical_name(label, text[span.start : span.end])
                entities.append(Entity(span, label, canonical))
            for start, end, label in find_expressions(text[sentence.start : sentence.end]):
                span = Span(sentence.start + start, sentence.start + end)
                if not any(span.start < o.end and o.start < span.end for o in name_spans):
                    entities.append(Entity(span, label))
        entities.sort(key=lambda entity: (entity.span.start, entity.span.end))
        return entities
