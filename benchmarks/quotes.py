"""Quality of quotes, attributions, events and dates on annotated passages and the reference page.

    .venv/bin/python benchmarks/quotes.py                  # annotated people inserted (default)
    .venv/bin/python benchmarks/quotes.py --people none    # no people profiles: speakers as written
    .venv/bin/python benchmarks/quotes.py --people pipeline  # the pipeline's own people stage
    .venv/bin/python benchmarks/quotes.py --show           # every miss and false alarm
    .venv/bin/python benchmarks/quotes.py --speed          # time of the statement stages on news

Data: tests/data/quotes/passages.jsonl (34 passages the team wrote, fictional people) and
../shared/examples/rahnama-raisi-hasanov.gold.json (its "must" and "should" items).

Scoring:
- a predicted quote matches a gold quote when their content spans overlap with a Dice score of at
  least 0.5 (2 x shared characters / both lengths); precision, recall and F1 count matches;
- among matched quotes: the speaker (the person's name, or the office / phrase as written) is
  right when one folded form holds the other; the cue and the content start (the gold opening
  words) are compared folded; the kind exactly;
- attributions: (source, relation) pairs, the page's own outlet (link 0) left out;
- events: a predicted event matches a gold one of the same family (meeting and talks are one) that
  shares a participant; among matched: all participants found, and the resolved date of its time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from quotes_support import analyze_with_people, find_mentions, participant_names  # noqa: E402

import khabar  # noqa: E402
from khabar.events import FAMILIES  # noqa: E402
from khabar.model import Document, Span  # noqa: E402
from khabar.normalize.fold import fold  # noqa: E402
from khabar.statements.quotes import speaker_label  # noqa: E402
from khabar.structure import split_stories  # noqa: E402

PASSAGES = ROOT / "tests" / "data" / "quotes" / "passages.jsonl"
REFERENCE = ROOT.parent / "shared" / "examples" / "rahnama-raisi-hasanov"
REFERENCE_PUBLISHED = "2023-11-08"  # a Wednesday: دیروز is 11-07 and سه\u200cشنبه is 11-07


def same_name(predicted: str | None, gold: str | None) -> bool:
    """Folded equality or containment (وزیر نفت ~ وزیر نفت عراق)."""
    if not predicted or not gold:
        return False
    a, b = fold(predicted), fold(gold)
    return a == b or (len(a) >= 4 and a in b) or (len(b) >= 4 and b in a)


def locate(text: str, starts: str, ends: str | None, cue: str) -> Span | None:
    """The gold content span: from the opening words to the end of the closing words.

    Of several occurrences of the opening words (a lead that repeats a quotation), the one nearest
    after its cue.
    """
    found = find_mentions(text, starts, whole=False)
    if not found:
        return None
    cues = find_mentions(text, cue)
    near = [s for s in found if any(0 <= s.start - c.end <= 300 for c in cues)] or [
        s for s in found if any(0 <= c.start - s.end <= 300 for c in cues)
    ]
    start = (near or found)[0].start
    if ends:
        closing = [s for s in find_mentions(text, ends, whole=False) if s.end > start]
        if closing:
            return Span(start, closing[0].end)
    return Span(start, start + len(starts))


def dice(a: Span, b: Span) -> float:
    shared = max(0, min(a.end, b.end) - max(a.start, b.start))
    return 2 * shared / max(1, (a.end - a.start) + (b.end - b.start))


def _overlap(content: Span, gold: Span | None, has_end: bool) -> float:
    """Dice of the two spans; without a gold end, the share of the opening words covered."""
    if gold is None:
        return 0.0
    if has_end:
        return dice(content, gold)
    shared = max(0, min(content.end, gold.end) - max(content.start, gold.start))
    return shared / max(1, gold.end - gold.start)


class Tally:
    """Counts for one measure."""

    def __init__(self) -> None:
        self.true_positive = self.predicted = self.gold = 0
        self.checks: dict[str, list[int]] = {}

    def check(self, name: str, ok: bool) -> None:
        self.checks.setdefault(name, [0, 0])
        self.checks[name][0] += int(ok)
        self.checks[name][1] += 1

    def summary(self) -> dict[str, Any]:
        precision = self.true_positive / self.predicted if self.predicted else 0.0
        recall = self.true_positive / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result: dict[str, Any] = {
            "gold": self.gold, "predicted": self.predicted, "matched": self.true_positive,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        }  # fmt: skip
        for name, (ok, total) in self.checks.items():
            result[name] = f"{ok}/{total}" + (f" ({ok / total:.2f})" if total else "")
        return result


def score_quotes(doc: Document, gold: Sequence[dict[str, Any]], tally: Tally, show: bool) -> None:
    predicted = list(doc.quotes)
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    used: set[int] = set()
    for item in gold:
        span = locate(doc.text, item["starts"], item.get("ends"), item["cue"])
        best, best_score = None, 0.0
        for index, quote in enumerate(predicted):
            score = _overlap(quote.content, span, bool(item.get("ends")))
            if index not in used and score > best_score:
                best, best_score = index, score
        if best is None or best_score < 0.5:
            if show:
                print(f"    miss  {doc.id}: {item['cue']} | {item['starts']}")
            continue
        used.add(best)
        quote = predicted[best]
        tally.true_positive += 1
        speaker = speaker_label(doc, quote)
        ok = same_name(speaker, item["speaker"])
        tally.check("speaker", ok)
        tally.check(
            "cue", quote.cue is not None and fold(doc.span_text(quote.cue)) == fold(item["cue"])
        )
        tally.check("start", fold(doc.span_text(quote.content)).startswith(fold(item["starts"])))
        tally.check("kind", quote.kind == item["kind"])
        if item.get("repeated_by_lead"):
            tally.check("lead linked", bool(quote.repeated_by))
        if show and not ok:
            print(
                f"    speaker {doc.id}: got {speaker!r}, want {item['speaker']!r}"
                f" | {item['starts']}"
            )
    if show:
        for index, quote in enumerate(predicted):
            if index not in used:
                print(
                    f"    extra {doc.id}: {speaker_label(doc, quote)}"
                    f" | {doc.span_text(quote.cue) if quote.cue else ''}"
                    f" | {doc.span_text(quote.content)[:60]}"
                )


def score_attributions(
    doc: Document, gold: Sequence[dict[str, Any]], tally: Tally, show: bool
) -> None:
    predicted = [a for a in doc.attributions if a.relation != "outlet"]
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    used: set[int] = set()
    for item in gold:
        match = next(
            (
                i
                for i, a in enumerate(predicted)
                if i not in used and fold(a.source) == fold(item["source"])
            ),
            None,
        )
        if match is None:
            if show:
                print(f"    miss  {doc.id}: attribution {item['source']}")
            continue
        used.add(match)
        tally.true_positive += 1
        tally.check("relation", predicted[match].relation == item.get("relation", "report"))
        tally.check("chain", predicted[match].chain == item.get("chain", 1))
    if show:
        for index, attribution in enumerate(predicted):
            if index not in used:
                print(f"    extra {doc.id}: attribution {attribution.source}")


def _names(doc: Document, participants: Iterable[int | str]) -> list[str]:
    names = participant_names(doc, participants)
    # a person's every name counts: the name, the office, and each mention
    for p in participants:
        if isinstance(p, int):
            person = doc.people[p]
            names += [person.role or ""] + [doc.span_text(m) for m in person.mentions]
    return [n for n in names if n]


def score_events(doc: Document, gold: Sequence[dict[str, Any]], tally: Tally, show: bool) -> None:
    predicted = list(doc.events)
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    used: set[int] = set()
    for item in gold:
        best = None
        for index, event in enumerate(predicted):
            if index in used or FAMILIES[event.type] != FAMILIES[item["type"]]:
                continue
            names = _names(doc, event.participants)
            if any(same_name(n, g) for g in item["participants"] for n in names):
                best = index
                break
        if best is None:
            if show:
                print(f"    miss  {doc.id}: {item['type']} {item['participants']}")
            continue
        used.add(best)
        event = predicted[best]
        tally.true_positive += 1
        names = _names(doc, event.participants)
        found_all = all(any(same_name(n, g) for n in names) for g in item["participants"])
        tally.check("type", event.type == item["type"])
        tally.check(
            "participants", found_all and len(event.participants) == len(item["participants"])
        )
        if item.get("resolved"):
            resolved = event.when.resolved if event.when else None
            tally.check("time", resolved == item["resolved"])
            if item.get("part_of_day"):
                tally.check(
                    "part of day",
                    bool(event.when) and event.when.part_of_day == item["part_of_day"],
                )  # type: ignore[union-attr]
        if show and not found_all:
            print(
                f"    participants {doc.id}: got {participant_names(doc, event.participants)},"
                f" want {item['participants']}"
            )
        if (
            show
            and item.get("resolved")
            and (event.when is None or event.when.resolved != item["resolved"])
        ):
            print(
                f"    time {doc.id}: got {event.when and event.when.resolved},"
                f" want {item['resolved']}"
            )
    if show:
        for index, event in enumerate(predicted):
            if index not in used:
                print(
                    f"    extra {doc.id}: {event.type} {participant_names(doc, event.participants)}"
                )


def score_times(doc: Document, gold: Sequence[dict[str, Any]], tally: Tally, show: bool) -> None:
    for item in gold:
        tally.gold += 1
        spans = find_mentions(doc.text, item["text"])
        found = [t for t in doc.times if spans and t.span == spans[0]]
        ok = bool(found) and found[0].resolved == item["resolved"]
        tally.true_positive += ok
        tally.predicted += 1
        if show and not ok:
            print(
                f"    time {doc.id}: {item['text']} got {found[0].resolved if found else None},"
                f" want {item['resolved']}"
            )


def analyze(
    text: str, people: list[dict[str, Any]], published: str, mode: str, split: bool, id: str
) -> list[Document]:
    if mode == "gold":
        return analyze_with_people(text, people, published=published, split=split, id=id)
    from khabar.dates import parse_publication_date
    from khabar.pipeline import Pipeline

    page = Document.from_text(text, id=id, published=parse_publication_date(published))
    stories = split_stories(page) if split else [page]
    if mode == "none":
        pipeline = Pipeline([s for s in Pipeline().stages if "people" not in s.provides])
    else:
        pipeline = Pipeline()
    return [pipeline(story) for story in stories]


def reference_gold(
    gold: dict[str, Any], published: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The reference gold as passage annotations (quotes, attributions, events)."""
    from datetime import date, timedelta

    day = date.fromisoformat(published)
    tuesday = day - timedelta(days=(day.weekday() - 1) % 7)
    quotes = [dict(q) for q in gold["quotes"]["must"] + gold["quotes"]["should"]]
    attributions = [
        {"source": s, "relation": "report", "chain": 1} for s in gold["attributions"]["must"]
    ]
    must = gold["events"]["must"]
    events = [
        {**must[0], "resolved": (day - timedelta(days=1)).isoformat(), "part_of_day": "noon"},
        {**must[1], "resolved": tuesday.isoformat(), "part_of_day": "evening"},
    ] + [dict(e) for e in gold["events"]["should"]]
    return quotes, attributions, events


def measure(mode: str = "gold", show: bool = False) -> dict[str, dict[str, Any]]:
    """Every figure, on the passages and (when ../shared is there) on the reference page."""
    results: dict[str, dict[str, Any]] = {}
    passages = [
        json.loads(line) for line in PASSAGES.read_text("utf-8").splitlines() if line.strip()
    ]
    tallies = {name: Tally() for name in ("quotes", "attributions", "events", "times")}
    for passage in passages:
        (doc,) = analyze(
            passage["text"], passage["people"], passage["published"], mode, False, passage["id"]
        )
        score_quotes(doc, passage["quotes"], tallies["quotes"], show)
        score_attributions(doc, passage["attributions"], tallies["attributions"], show)
        score_events(doc, passage["events"], tallies["events"], show)
        score_times(doc, passage["times"], tallies["times"], show)
    results["passages"] = {name: t.summary() for name, t in tallies.items()}
    results["passages"]["count"] = len(passages)

    gold_path = REFERENCE.with_suffix(".gold.json")
    if gold_path.exists():
        gold = json.loads(gold_path.read_text("utf-8"))
        people = gold["people"]["must"] + [
            {
                "name": None,
                "role": "رئیس\u200cجمهور",
                "country": "آذربایجان",
                "mentions": ["رئیس\u200cجمهور آذربایجان"],
            }
        ]
        quotes, attributions, events = reference_gold(gold, REFERENCE_PUBLISHED)
        docs = analyze(
            REFERENCE.with_suffix(".txt").read_text("utf-8"),
            people,
            REFERENCE_PUBLISHED,
            mode,
            True,
            "rahnama",
        )
        tallies = {name: Tally() for name in ("quotes", "attributions", "events")}
        for doc in docs:
            score_quotes(doc, _told_in(doc, quotes, "starts"), tallies["quotes"], show)
            score_attributions(
                doc, _told_in(doc, attributions, "source"), tallies["attributions"], show
            )
            score_events(doc, [e for e in events if _event_in(doc, e)], tallies["events"], show)
        results["reference"] = {name: t.summary() for name, t in tallies.items()}
        results["reference"]["must quotes right"] = _must_quotes(
            _merge_docs(docs), gold["quotes"]["must"]
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--people", choices=["gold", "none", "pipeline"], default="gold")
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--speed", action="store_true", help="time the statement stages on ../shared/data/news"
    )
    args = parser.parse_args(argv)
    if args.speed:
        return speed()
    results = measure(args.people, args.show)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    print(f"people profiles: {args.people}")
    for part, measures in results.items():
        count = measures.pop("count", None)
        print(f"\n{part}" + (f" ({count} passages)" if count else ""))
        for name, figures in measures.items():
            if isinstance(figures, dict):
                main_figures = (
                    f"P {figures['precision']:.3f}  R {figures['recall']:.3f}"
                    f"  F1 {figures['f1']:.3f}"
                    f"  (gold {figures['gold']}, predicted {figures['predicted']},"
                    f" matched {figures['matched']})"
                )
                extra = "  ".join(
                    f"{k} {v}" for k, v in figures.items()
                    if k not in {"precision", "recall", "f1", "gold", "predicted", "matched"}
                )  # fmt: skip
                print(f"  {name:<13} {main_figures}" + (f"\n  {'':<13} {extra}" if extra else ""))
            else:
                print(f"  {name:<13} {figures}")
    return 0


def speed() -> int:
    """Documents a second through the core stages alone and with the statement stages."""
    import time

    from khabar.pipeline import Pipeline, statement_stages
    from khabar.readers import read_paths

    news = sorted((ROOT.parent / "shared" / "data" / "news").glob("fars-news-*.json"))
    if not news:
        print("../shared/data/news is missing")
        return 1
    docs = list(read_paths(news, split_stories=False))
    core = Pipeline([s for s in Pipeline().stages if s.name not in _STATEMENT_STAGES])
    full = Pipeline([*core.stages, *statement_stages(list(core.stages))])
    timings = {}
    for name, pipeline in (("core", core), ("core + statements", full)):
        start = time.perf_counter()
        analyzed = [pipeline(doc) for doc in docs]
        timings[name] = time.perf_counter() - start
    quotes = sum(len(d.quotes) for d in analyzed)
    events = sum(len(d.events) for d in analyzed)
    characters = sum(len(d.text) for d in analyzed)
    print(f"{len(docs)} Fars News articles, {characters:,} characters;", end=" ")
    print(f"{quotes} quotes, {events} events")
    for name, seconds in timings.items():
        print(f"  {name:<18} {seconds:6.2f} s  {len(docs) / seconds:7.1f} documents/s")
    extra = timings["core + statements"] - timings["core"]
    print(f"  statement stages  {extra:6.2f} s  ({extra / timings['core']:.2f} x the core stages)")
    return 0


_STATEMENT_STAGES = {"dates", "attributions", "quotes", "events"}


def _told_in(doc: Document, items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """The gold items whose text is in this story of the reference page."""
    return [item for item in items if find_mentions(doc.text, item[key], whole=False)]


def _merge_docs(docs: list[Document]) -> list[tuple[Document, khabar.Quote]]:
    return [(doc, quote) for doc in docs for quote in doc.quotes]


def _event_in(doc: Document, event: dict[str, Any]) -> bool:
    """Whether the reference story ``doc`` tells ``event`` (the page holds two stories)."""
    when = event.get("when")
    if when:
        return bool(find_mentions(doc.text, when))
    # the "should" events: the story that names their place and has their trigger
    where = event.get("where") or ""
    trigger = {"invitation": "دعوت", "meeting": "دیدار"}.get(event["type"], "")
    return bool(where) and bool(find_mentions(doc.text, where.split()[-1])) and trigger in doc.text


def _must_quotes(quotes: list[tuple[Document, khabar.Quote]], gold: list[dict[str, Any]]) -> str:
    """How many "must" quotes have the right speaker, cue and content start."""
    right = 0
    for item in gold:
        for doc, quote in quotes:
            if (
                fold(doc.span_text(quote.content)).startswith(fold(item["starts"]))
                and quote.cue is not None
                and fold(doc.span_text(quote.cue)) == fold(item["cue"])
                and same_name(speaker_label(doc, quote), item["speaker"])
            ):
                right += 1
                break
    return f"{right}/{len(gold)}"


if __name__ == "__main__":
    raise SystemExit(main())
