"""Attributions: the sources a story cites, as an ordered chain.

Needs: ``sentences`` and ``dates`` (a time expression ends the phrase naming a source).
Adds: ``attributions``. The outlet of the page itself (``Document.source``), when known, is link 0
of the chain (relation ``outlet``, an empty span at the start of the text). Each cited source is a
link numbered from 1, outermost first: in «به گزارش ایسنا به نقل از رویترز،» ایسنا is link 1
(relation ``report``) and رویترز link 2 (relation ``quote``); a later «به گزارش X» starts again
at 1.
Stays true: the spans cover the whole cue phrase («به گزارش X») and never overlap.

The source ends at a comma or at the dateline (به گزارش خبرگزاری فارس از تبریز، → خبرگزاری فارس).
The phrases: «به گزارش X»، «بنا بر / بر اساس / طبق گزارش X»، «به نوشته X» (report); «به نقل
از Y» (quote); «به اعلام X»، «طبق اعلام X» (statement); and «X گزارش داد» (report, X the subject).

>>> from khabar.attributions import find_attributions
>>> text = "به گزارش ایسنا به نقل از رویترز، وزیر آمد. خبرگزاری آناتولی گزارش داد که او رفت."
>>> [(a.source, a.relation, a.chain) for a in find_attributions(text)]
[('ایسنا', 'report', 1), ('رویترز', 'quote', 2), ('خبرگزاری آناتولی', 'report', 1)]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from khabar.chars import ZWNJ
from khabar.model import Attribution, Document, Span
from khabar.statements.cues import END, SPEECH_VERB_PATTERN, START, J, verb_forms
from khabar.statements.speakers import COMMA_NAMES, subject_phrase

LEADS: dict[str, tuple[str, ...]] = {
    "report": (
        "به گزارش", "بنا بر گزارش", "بنابر گزارش", "بنا به گزارش", "بر اساس گزارش",
        "براساس گزارش", "طبق گزارش", "به نوشته", "بنا بر نوشته",
    ),
    "statement": ("به اعلام", "طبق اعلام", "بنا بر اعلام", "بنابر اعلام", "بر اساس اعلام"),
    "quote": ("به نقل از",),
}  # fmt: skip
MAX_SOURCE_WORDS = 12
# A source phrase ends at punctuation, a line end, or the next link of the chain.
_SOURCE_END = re.compile(r"[،,:؛;.!?؟\n()]|\sاز\s|\s(?:و\s)?(?=" + "|".join(
    J.join(map(re.escape, lead.split())) for leads in LEADS.values() for lead in leads
) + ")")  # fmt: skip
_LEAD = re.compile(
    START
    + "(?:"
    + "|".join(
        f"(?P<{relation}>" + "|".join(J.join(map(re.escape, p.split())) for p in phrases) + ")"
        for relation, phrases in LEADS.items()
    )
    + r")\s+"
)
_REPORTED = re.compile(
    START + rf"گزارش\s(?:{verb_forms('داد', 'ده')}|{verb_forms('کرد', 'کن')})" + END
)
_DATELINE = re.compile(r"\sاز\s[^،,:.\n]{1,40}?(?=[،,])")
# «بنا بر این گزارش»: the source is the story's own, named before.
_ANAPHORIC = re.compile(rf"(?:این|همین|آن|همان)(?![\w{ZWNJ}])")


def find_attributions(
    text: str, sentences: Sequence[Span] = (), barriers: Sequence[Span] = ()
) -> list[Attribution]:
    """The cited sources of ``text``, in text order, with their place in the chain."""
    found: list[Attribution] = []
    chain_end = -1  # where the last link ended, to tell a chain's next link from a new chain
    link = 0
    for match in _LEAD.finditer(text):
        relation = match.lastgroup or "report"
        start = match.end()
        if _ANAPHORIC.match(text, start):
            continue
        stop = _SOURCE_END.search(text, start)
        while stop is not None and (name := COMMA_NAMES.match(text, stop.start())):
            stop = _SOURCE_END.search(text, name.end())  # «روابط عمومی وزارت صنعت، معدن و تجارت»
        end = stop.start() if stop else len(text)
        if (
            verb := SPEECH_VERB_PATTERN.search(text, start, end)
        ) is not None:  # «به نقل از X اعلام کرد»
            end = verb.start()
        source = text[start:end].strip()
        if not source or len(source.split()) > MAX_SOURCE_WORDS:
            continue
        end = start + len(text[start:end].rstrip())
        if dateline := _DATELINE.match(
            text, end
        ):  # «به گزارش فارس از تبریز،»: the span takes it in
            end = dateline.end()
        gap = text[chain_end : match.start()] if chain_end >= 0 else None
        link = link + 1 if gap is not None and re.fullmatch(r"[\s،,و]*", gap) else 1
        found.append(Attribution(Span(match.start(), end), source, relation, link))  # type: ignore[arg-type]
        chain_end = end
    for match in _REPORTED.finditer(text):
        sentence = next((s for s in sentences if s.start <= match.start() < s.end), None)
        start = (
            sentence.start
            if sentence
            else max(text.rfind(c, 0, match.start()) for c in ".!?؟\n") + 1
        )
        subject = subject_phrase(text, start, match.start(), barriers)
        if subject is None or any(a.span.start <= subject.start < a.span.end for a in found):
            continue
        source = text[subject.start : subject.end].strip("«» ")
        found.append(Attribution(Span(subject.start, match.end()), source, "report", 1))
    return sorted(found, key=lambda a: a.span.start)


class AttributionFinder:
    """The attributions stage."""

    name = "attributions"
    requires = frozenset({"sentences", "dates"})
    provides = frozenset({"attributions"})

    def __call__(self, doc: Document) -> Document:
        barriers = [t.span for t in doc.times]
        cited = find_attributions(doc.text, doc.sentences, barriers)
        outlet = (Attribution(Span(0, 0), doc.source, "outlet", 0),) if doc.source else ()
        return dataclasses.replace(doc, attributions=outlet + tuple(cited))
