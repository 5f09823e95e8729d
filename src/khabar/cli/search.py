"""``khabar search``: find documents in the corpus, in any spelling, with filters."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from khabar.cli.database import DbOption, JsonOption, open_store
from khabar.corpus.search import Filters, Hit
from khabar.corpus.search import search as search_corpus
from khabar.corpus.store import DEFAULT_DB
from khabar.serialize import cluster_to_dict


def hit_to_dict(hit: Hit) -> dict[str, object]:
    """The JSON form of one result."""
    return {
        "id": hit.doc_id,
        "title": hit.title,
        "source": hit.source,
        "url": hit.url,
        "published": hit.published,
        "score": round(hit.score, 4),
        "cluster": cluster_to_dict(hit.cluster),
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "matched": [hit.snippet[start:end] for start, end in hit.highlights],
    }


def search(
    query: Annotated[str, typer.Argument(help='Words and "quoted phrases", in any spelling.')],
    db: DbOption = DEFAULT_DB,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="From this day: 1402-01-01 or 2023-03-21.")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="To this day, inclusive.")] = None,
    person: Annotated[
        str | None, typer.Option(help="Only documents mentioning this person.")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only documents quoting this speaker.")
    ] = None,
    label: Annotated[
        str | None,
        typer.Option(help="Only documents with an entity of this label (ORG, LOC:تهران)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many results.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Search the corpus; results are ranked, with the matches highlighted in a snippet."""
    filters = Filters(
        outlet=outlet,
        date_from=date_from,
        date_to=date_to,
        person=person,
        speaker=speaker,
        label=label,
    )
    with open_store(db) as store:
        hits = search_corpus(store, query, filters, limit=limit)
    if as_json:
        payload = {"query": query, "count": len(hits), "results": [hit_to_dict(h) for h in hits]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False, soft_wrap=True)
    if not hits:
        console.print("no documents found")
        return
    for number, hit in enumerate(hits, 1):
        line = Text(f"{number}. ", style="bold")
        line.append(hit.title or hit.doc_id, style="bold")
        details = [d for d in (hit.source, (hit.published or "")[:10]) if d]
        if hit.cluster and hit.cluster.size > 1:
            earliest = ", earliest copy" if hit.cluster.earliest else ""
            details.append(f"{hit.cluster.size} copies{earliest}")
        if details:
            line.append("  (" + "; ".join(details) + ")", style="dim")
        console.print(line)
        snippet = Text("   " + hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold reverse", start + 3, end + 3)
        console.print(snippet)
