"""``khabar stories``: the stories the corpus holds more than one copy of."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from khabar.cli.database import DbOption, JsonOption, open_store
from khabar.corpus.store import DEFAULT_DB


def stories(
    min_size: Annotated[int, typer.Option(min=1, help="Only stories with this many copies.")] = 2,
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Copies of one story, grouped, the earliest copy first."""
    with open_store(db) as store:
        rows = store.connection.execute(
            "SELECT cluster, cluster_size, earliest, doc_id, source, published, title"
            " FROM documents WHERE cluster_size >= ?"
            " ORDER BY cluster_size DESC, cluster, earliest DESC,"
            " published IS NULL, published, rowid",
            (min_size,),
        ).fetchall()
    groups: dict[str, list[dict[str, object]]] = {}
    for cluster, _size, earliest, doc_id, source, published, title in rows:
        groups.setdefault(cluster, []).append(
            {
                "id": doc_id,
                "source": source,
                "published": published,
                "title": title,
                "earliest": bool(earliest),
            }
        )
    if as_json:
        payload = [{"cluster": key, "copies": copies} for key, copies in groups.items()]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for key, copies in groups.items():
        typer.echo(f"{key}: {len(copies)} copies")
        for copy in copies:
            mark = "*" if copy["earliest"] else " "
            details = " · ".join(
                str(v)
                for v in (copy["source"], str(copy["published"] or "")[:10], copy["title"])
                if v
            )
            typer.echo(f"  {mark} {copy['id']}  {details}")
    if not groups:
        typer.echo("no story has more than one copy")
