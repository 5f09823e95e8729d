"""The input formats: plain text, the JSON article layout, JSONL and HTML."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from khabar.model import Document, Rejection, RejectionReason

Format = Literal["text", "json", "jsonl", "html"]
FORMATS: tuple[Format, ...] = ("text", "json", "jsonl", "html")
MAX_LINE_CHARS = 20_000_000


def detect_format(path: Path | None, text: str | None) -> Format:
    """The format of an input, from its suffix or, failing that, its first characters."""
    suffix = path.suffix.lower() if path else ""
    by_suffix: dict[str, Format] = {
        ".json": "json",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".txt": "text",
        ".text": "text",
    }
    if suffix in by_suffix:
        return by_suffix[suffix]
    if text is None:
        return "text"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = head.split("\n", 1)[0]
        return "jsonl" if first.rstrip().endswith("}") else "json"
    return "text"


def parse_documents(text: str, source: str, fmt: Format, *, stem: str) -> Iterator[Document]:
    """The documents of one decoded input."""
    if fmt == "text":
        yield Document.from_text(text, id=stem, origin=source)
    elif fmt == "html":
        yield _from_html(text, source, stem)
    elif fmt == "json":
        yield from _from_json(text, source, stem)
    else:
        yield from _from_jsonl(text, source, stem)


def rejected(source: str, reason: RejectionReason, message: str) -> Document:
    """A placeholder document for an input that could not be read."""
    return Document.from_text("", id=source, origin=source, rejection=Rejection(reason, message))


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _article(obj: dict[str, Any], id: str, origin: str) -> Document:
    """A document from one JSON article (the news layout or a JSONL record)."""
    title = obj.get("title") or None
    abstract = obj.get("abstract") or obj.get("lead") or None
    if "paragraphs" in obj and isinstance(obj["paragraphs"], list):
        body = [str(p) for p in obj["paragraphs"] if str(p).strip()]
        parts = [p for p in (title, abstract, *body) if p]
        raw = "\n".join(str(p).strip() for p in parts)
    else:
        raw = str(obj.get("text") or "")
    tags = obj.get("tags") or ()
    return Document.from_text(
        raw,
        id=str(obj.get("id") or obj.get("code") or obj.get("link") or obj.get("url") or id),
        source=obj.get("source") or obj.get("outlet"),
        url=obj.get("url") or obj.get("link"),
        title=str(title).strip() if title else None,
        abstract=str(abstract).strip() if abstract else None,
        published=_parse_time(obj.get("published") or obj.get("date")),
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        origin=origin,
    )


def _from_json(text: str, source: str, stem: str) -> Iterator[Document]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield rejected(
            source,
            "unreadable",
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
        )
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, 1):
        id = f"{stem}:{index}" if len(items) > 1 else stem
        if not isinstance(item, dict):
            yield rejected(f"{source}[{index}]", "unreadable", "a JSON article must be an object")
        elif not any(k in item for k in ("paragraphs", "text")):
            yield rejected(
                f"{source}[{index}]", "unreadable", "a JSON article needs 'paragraphs' or 'text'"
            )
        else:
            yield _article(item, id, f"{source}[{index}]" if len(items) > 1 else source)


def _from_jsonl(text: str, source: str, stem: str) -> Iterator[Document]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        if len(line) > MAX_LINE_CHARS:
            yield rejected(
                where, "too_large", f"line of {len(line):,} characters is over the limit"
            )
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield rejected(where, "unreadable", f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(
            obj.get("text", obj.get("paragraphs")), (str, list)
        ):
            yield rejected(where, "unreadable", "each line must be an object with a 'text' string")
            continue
        yield _article(obj, f"{stem}:{number}", where)


def _from_html(html: str, source: str, stem: str) -> Document:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    if result is None:
        return rejected(source, "empty", "no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    title = data.get("title")
    raw = f"{title}\n{text}" if title and not text.startswith(title) else text
    return Document.from_text(
        raw,
        id=stem,
        origin=source,
        source=data.get("sitename") or data.get("hostname"),
        url=data.get("url"),
        title=title,
        published=_parse_time(data.get("date")),
        tags=tuple(t for t in (data.get("tags") or "").split(",") if t)
        if isinstance(data.get("tags"), str)
        else (),
    )
