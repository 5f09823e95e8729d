"""Stand-in people profiles for the statement tests and benchmark (not part of the package).

The people stage (entities issue) links every mention of a person; until it runs in the default
pipeline, tests and ``benchmarks/quotes.py`` build documents through the core stages and insert the
people of an annotated passage: each mention string is found in the normalized text in any spelling
(ZWNJ, space or nothing between the parts of a compound; Arabic or Persian letters).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from khabar.chars import ZWNJ
from khabar.dates import parse_publication_date
from khabar.model import Document, Person, Span
from khabar.pipeline import Pipeline, Stage
from khabar.statements.quotes import speaker_label
from khabar.statements.speakers import person_label
from khabar.structure import split_stories

PRONOUNS = {"وی", "او", "ایشان"}


def _loose(word: str) -> str:
    # a compound written glued, spaced or joined: every joiner in the gold may be absent in the
    # text, and normalization may have restored one the gold writes glued (پنجساله → پنج‌ساله)
    letters = word.replace(ZWNJ, "")
    return f"[{ZWNJ} ]?".join(re.escape(letter) for letter in letters)


def find_mentions(text: str, mention: str, *, whole: bool = True) -> list[Span]:
    """Every occurrence of ``mention`` in ``text``, in any joiner spelling.

    ``whole=False`` lets the last word be the start of a longer one (همکاری in همکاری\u200cهای).
    """
    words = [_loose(w) for w in mention.split()]
    end = rf"»?(?![\w{ZWNJ}])" if whole else ""
    pattern = re.compile(rf"(?<![\w{ZWNJ}])«?" + rf"»?[\s{ZWNJ}]«?".join(words) + end)
    return [Span(*m.span()) for m in pattern.finditer(text)]


def people_for(doc: Document, people: Sequence[Mapping[str, Any]]) -> tuple[Person, ...]:
    """Person profiles for ``doc`` from annotated people (name, titles, role, country, mentions).

    Longer mentions win where two overlap (وزیر دفاع جمهوری آذربایجان over وزیر دفاع); pronouns
    are left to the quotes stage's own resolution.
    """
    claimed: list[tuple[Span, int]] = []
    candidates: list[tuple[int, Span, int]] = []
    for index, person in enumerate(people):
        names = [m for m in person.get("mentions", ()) if m not in PRONOUNS]
        if person.get("name"):
            names.append(person["name"])
        for mention in set(names):
            for span in find_mentions(doc.text, mention):
                candidates.append((-(span.end - span.start), span, index))
    for _, span, index in sorted(candidates):
        if any(s.start < span.end and span.start < s.end for s, _ in claimed):
            continue
        claimed.append((span, index))
    return tuple(
        Person(
            name=person.get("name"),
            titles=tuple(person.get("titles", ())),
            role=person.get("role"),
            country=person.get("country"),
            organization=person.get("organization"),
            mentions=tuple(sorted(s for s, i in claimed if i == index)),
        )
        for index, person in enumerate(people)
    )


def core_pipeline() -> Pipeline:
    """The default stages up to segmentation: what runs before the people stage."""
    return Pipeline(
        [
            s
            for s in Pipeline().stages
            if s.name in {"language", "normalize", "structure", "segment"}
        ]
    )


def statement_stages() -> list[Stage]:
    from khabar.pipeline import statement_stages as stages

    return stages([])


def analyze_plain(text: str, *, published: str | None = None) -> Document:
    """Analyze ``text`` with the core and statement stages only: no people stage, whatever the
    default pipeline holds, so speakers and participants are the phrases as written."""
    core = list(core_pipeline().stages)
    moment = parse_publication_date(published) if published else None
    return Pipeline([*core, *statement_stages_after(core)])(
        Document.from_text(text, published=moment)
    )


def statement_stages_after(core: list[Stage]) -> list[Stage]:
    from khabar.pipeline import statement_stages as stages

    return stages(core)


def analyze_with_people(
    text: str,
    people: Sequence[Mapping[str, Any]],
    *,
    published: str | datetime | None = None,
    split: bool = False,
    id: str = "passage",
) -> list[Document]:
    """Analyze ``text``: core stages, the annotated people inserted, then the statement stages."""
    moment = parse_publication_date(published) if isinstance(published, str) else published
    page = Document.from_text(text, id=id, published=moment)
    stories = split_stories(page) if split else [page]
    core, stages = core_pipeline(), statement_stages()
    results = []
    for story in stories:
        doc = core(story)
        doc = dataclasses.replace(
            doc, people=people_for(doc, people), provides=doc.provides | {"people"}
        )
        for stage in stages:
            doc = stage(doc)
        results.append(doc)
    return results


def quote_rows(doc: Document) -> list[dict[str, Any]]:
    """The quotes of ``doc`` as plain rows: speaker, mention, cue, content, kind."""
    rows = []
    for quote in doc.quotes:
        rows.append(
            {
                "speaker": speaker_label(doc, quote),
                "speaker_mention": doc.span_text(quote.speaker_mention)
                if quote.speaker_mention
                else None,
                "cue": doc.span_text(quote.cue) if quote.cue else None,
                "content": doc.span_text(quote.content),
                "kind": quote.kind,
                "repeated_by": [doc.span_text(s) for s in quote.repeated_by],
            }
        )
    return rows


def participant_names(doc: Document, participants: Iterable[int | str]) -> list[str]:
    return [p if isinstance(p, str) else (person_label(doc, p) or "?") for p in participants]
