"""The readable report of ``khabar analyze``: legible in a terminal, right-to-left text included."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TextIO

from khabar.model import Document
from khabar.statements.quotes import speaker_label
from khabar.statements.speakers import person_label

RULE = "─" * 72


def render_report(doc: Document, out: TextIO) -> None:
    """Write the report of one analyzed document."""

    def write(line: str = "") -> None:
        out.write(line + "\n")

    write(RULE)
    write(f"● {doc.id}")
    if doc.source:
        write(f"  outlet:     {doc.source}")
    if doc.title:
        write(f"  title:      {doc.title}")
    if doc.url:
        write(f"  url:        {doc.url}")
    if doc.published:
        write(f"  published:  {doc.published.isoformat()}")
    roles = Counter(p.role for p in doc.paragraphs)
    write(
        f"  structure:  {len(doc.paragraphs)} paragraphs"
        + (
            f" (title {roles['title']}, lead {roles['lead']})"
            if roles["title"] or roles["lead"]
            else ""
        )
        + f", {len(doc.sentences)} sentences, {len(doc.tokens)} tokens"
    )
    for lead in (p for p in doc.paragraphs if p.role == "lead"):
        write(f"  lead:       {_clip(doc.span_text(lead.span))}")
    for removed in doc.removed:
        write(f"  removed:    {removed.kind}: {removed.text}")
    if doc.corrections:
        by_rule = Counter(c.rule for c in doc.corrections)
        write(
            f"  corrections: {len(doc.corrections)} ({', '.join(f'{r} {n}' for r, n in by_rule.most_common())})"
        )
        shown = [c for c in doc.corrections if c.rule not in {"arabic-letters", "whitespace"}][:12]
        for c in shown:
            before, after = _in_word(doc.raw, c.raw_start, c.raw_end, c.after)
            write(f"    {c.rule:<20} {_visible(before)} → {_visible(after)}")
    _people(doc, write)
    _quotes(doc, write)
    _events(doc, write)
    write()


def _people(doc: Document, write: Callable[[str], None]) -> None:
    if doc.people:
        write("  people:")
        for person in doc.people:
            parts = [person.name or "(unnamed)"]
            if person.titles:
                parts.append("titles: " + "، ".join(person.titles))
            if person.role:
                parts.append(
                    "role: " + person.role + (f" ({person.country})" if person.country else "")
                )
            parts.append(f"{len(person.mentions)} mentions")
            write("    - " + " | ".join(parts))
    places = sorted(
        {e.canonical or doc.span_text(e.span) for e in doc.entities if e.label == "LOC"}
    )
    orgs = sorted({e.canonical or doc.span_text(e.span) for e in doc.entities if e.label == "ORG"})
    if places:
        write("  places:     " + "، ".join(places))
    if orgs:
        write("  organizations: " + "، ".join(orgs))


def _quotes(doc: Document, write: Callable[[str], None]) -> None:
    """Who said what, according to whom."""
    links = sorted(doc.attributions, key=lambda a: a.span.start)
    if links:
        outlet = [a.source for a in links if a.relation == "outlet"]
        cited = [a for a in links if a.relation != "outlet"]
        chains: list[list[str]] = []
        for a in cited:
            if a.chain <= 1 or not chains:
                chains.append([])
            chains[-1].append(a.source + ("" if a.relation == "report" else f" ({a.relation})"))
        for chain in chains or [[]]:
            write("  according to: " + " ← ".join(outlet + chain))
    if doc.quotes:
        write("  who said what:")
        for q in doc.quotes:
            speaker = speaker_label(doc, q)
            mention = doc.span_text(q.speaker_mention) if q.speaker_mention else ""
            as_written = f" («{mention}»)" if mention and mention != speaker else ""
            cue = doc.span_text(q.cue) if q.cue else ""
            content = _clip(doc.span_text(q.content))
            write(f"    - {speaker or '?'}{as_written} {cue} [{q.kind}]: {content}")
            if q.repeated_by:
                write(f"      repeated by {len(q.repeated_by)} lead/title line(s)")


def _events(doc: Document, write: Callable[[str], None]) -> None:
    """Who met whom, where and when."""
    if doc.events:
        write("  who met whom:")
        for e in doc.events:
            names: list[str] = []
            for p in e.participants:
                names.append(p if isinstance(p, str) else (person_label(doc, p) or "?"))
            when = ""
            if e.when:
                when = f" — {doc.span_text(e.when.span)}"
                if e.when.resolved:
                    jalali = f", {e.when.resolved_jalali}" if e.when.resolved_jalali else ""
                    part = f", {e.when.part_of_day}" if e.when.part_of_day else ""
                    when += f" → {e.when.resolved}{jalali}{part}"
            where = f" in {e.where}" if e.where else ""
            write(f"    - {e.type}: {' & '.join(names)}{where}{when}")


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _in_word(raw: str, start: int, end: int, after: str) -> tuple[str, str]:
    """A short edit shown inside its word of the raw text: «میگویند → می[ZWNJ]گویند»."""
    if end - start > 2 or len(after) > 2 or "\n" in raw[start:end]:
        return raw[start:end], after
    word_start = max(raw.rfind(" ", 0, start), raw.rfind("\n", 0, start)) + 1
    word_end = min(
        (i for i in (raw.find(" ", end), raw.find("\n", end)) if i != -1), default=len(raw)
    )
    return raw[word_start:word_end], raw[word_start:start] + after + raw[end:word_end]


def _visible(text: str) -> str:
    """Show invisible characters by name so that a correction of them can be read."""
    names = {"\u200c": "[ZWNJ]", "\n": "[newline]", " ": "[space]", "\u00ad": "[soft hyphen]"}
    shown = "".join(names.get(c, c) for c in text)
    return shown or "[nothing]"
