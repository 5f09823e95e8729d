"""The entity recognition stage: people, organisations, places (CRF) and dates, money (rules).

Needs: ``tokens`` and ``sentences`` (the Segmenter).
Adds: ``entities``: one :class:`~khabar.model.Entity` per name or expression, sorted by position,
with a canonical name for places and organisations (جمهوری اسلامی ایران → ایران).
Stays true: entity spans lie on token boundaries of ``doc.text`` (rule expressions on word
boundaries), do not overlap, and never cross a sentence.

>>> import khabar
>>> doc = khabar.analyze("وزیر خارجه ایران روز دوشنبه در تهران گفت قیمت‌ها ۵ درصد بالا رفت.")
>>> for entity in doc.entities:
...     print(doc.span_text(entity.span), entity.label, entity.canonical)
ایران LOC ایران
روز دوشنبه DATE None
تهران LOC تهران
۵ درصد PERCENT None
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from khabar.entities.canonical import canonical_name, load_organizations
from khabar.entities.corpus import spans
from khabar.entities.gazetteers import load_places
from khabar.entities.rules import find_expressions
from khabar.entities.tagger import CrfTagger
from khabar.model import Document, Entity, Span


class NameTagger:
    """Names in a sentence of token strings: the CRF, then places it missed from the gazetteer.

    Works on bare token lists, so the benchmark scores exactly what the stage produces.
    """

    def __init__(self, tagger: CrfTagger | None = None, *, gazetteers: bool = True) -> None:
        self.tagger = tagger or CrfTagger.default()
        self.gazetteers = gazetteers
        self.places = load_places()
        self.organizations = load_organizations()

    def names(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Entity spans ``(first token, end token, label)`` of one sentence."""
        found = spans(self.tagger.tag(tokens))
        if self.gazetteers:
            found = self._add_gazetteer_names(tokens, found)
        return found

    def _add_gazetteer_names(
        self, tokens: Sequence[str], found: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Countries, regions and well-known organisations the CRF left untagged."""
        taken = [False] * len(tokens)
        for start, end, _label in found:
            for index in range(start, end):
                taken[index] = True
        added = []
        index = 0
        while index < len(tokens):
            if not taken[index]:
                place = self.places.longest(tokens, index)
                if place is not None and place[1].kind != "language":
                    length = place[0]
                    if not any(taken[index : index + length]):
                        added.append((index, index + length, "LOC"))
                        index += length
                        continue
                organization = self.organizations.longest(tokens, index)
                if organization is not None:
                    length = organization[0]
                    if not any(taken[index : index + length]):
                        added.append((index, index + length, "ORG"))
                        index += length
                        continue
            index += 1
        return sorted(found + added) if added else found


class EntityRecognizer:
    """The entity stage. Not a dataclass: ``__init__`` loads the tagger once."""

    name = "entities"
    requires = frozenset({"tokens", "sentences"})
    provides = frozenset({"entities"})

    def __init__(self, name_tagger: NameTagger | None = None) -> None:
        self.name_tagger = name_tagger or NameTagger()

    def __call__(self, doc: Document) -> Document:
        return dataclasses.replace(doc, entities=tuple(self.recognize(doc)))

    def recognize(self, doc: Document) -> list[Entity]:
        text = doc.text
        tokens = doc.tokens
        token_starts = [token.start for token in tokens]
        entities: list[Entity] = []
        for sentence in doc.sentences:
            first = bisect.bisect_left(token_starts, sentence.start)
            last = bisect.bisect_left(token_starts, sentence.end)
            sentence_tokens = tokens[first:last]
            if not sentence_tokens:
                continue
            words = [text[token.start : token.end] for token in sentence_tokens]
            names = self.name_tagger.names(words)
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
