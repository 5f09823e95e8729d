"""The stored form of one analyzed document, prepared beside the analysis (in the worker process).

Needs: an analyzed :class:`~khabar.Document` that was not rejected.
Adds: its keys (content hash of source and normalized text; hash of the raw text for skipping
inputs already stored before analyzing them again), the whole record as compressed JSON
(:func:`khabar.serialize.document_to_dict`), its search key, its MinHash signature, and one row per
person, quotation, event and entity, written generically from the JSON record so that whatever the
analysis stages add is stored.
Stays true: preparing the same document twice gives the same keys and rows.

>>> import khabar
>>> doc = khabar.analyze("به گزارش ایرنا، وزیر خارجه روز شنبه با همتای خود دیدار کرد.")
>>> record = prepare(doc)
>>> record.key == prepare(doc).key, len(record.signature)
(True, 512)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from khabar.corpus.dedup import signature
from khabar.corpus.searchkey import SearchKey, fold_parts, key_parts, search_key, shingle_words
from khabar.model import Document, Span
from khabar.serialize import document_from_dict, document_to_dict

__all__ = ["PreparedRecord", "name_key", "prepare", "raw_key", "record_from_bytes"]

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """Everything the store writes for one document."""

    key: str
    raw_key: str
    text_hash: str
    doc_id: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    text: bytes
    record: bytes
    search: SearchKey
    signature: bytes
    people: tuple[Row, ...]
    quotes: tuple[Row, ...]
    events: tuple[Row, ...]
    entities: tuple[Row, ...]


def _sha(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def raw_key(doc: Document) -> str:
    """The hash of what was read (raw text and URL): a stored input is not analyzed again."""
    return _sha("raw", doc.url or "", doc.raw)


def name_key(name: str | None) -> str:
    """The folded form of a name, for matching: «سيد علي احمدي» and «سید علی احمدی» are one.

    >>> name_key("سيد علي") == name_key("سید  علی")
    True
    """
    return " ".join(fold_parts(name or ""))


COMPACT = "compact_spans"


def prepare(doc: Document) -> PreparedRecord:
    """The stored form of ``doc`` (see the module docstring)."""
    # Tokens and sentences are three quarters of the JSON record, each span an object with its
    # raw offsets and text; they are stored as flat [start, end, ...] lists instead, and
    # record_from_bytes() gives back the full form.
    data = document_to_dict(dataclasses.replace(doc, tokens=(), sentences=()))
    data[COMPACT] = {
        "tokens": [offset for span in doc.tokens for offset in span],
        "sentences": [offset for span in doc.sentences for offset in span],
    }
    data["cluster"] = None  # the cluster lives in its own columns; it changes as copies arrive
    published = data["published"]  # ISO in UTC, as the record writes it
    text = doc.text
    parts = key_parts(text)
    return PreparedRecord(
        key=_sha("doc", doc.source or "", text),
        raw_key=raw_key(doc),
        text_hash=_sha("text", text),
        doc_id=doc.id,
        source=doc.source,
        url=doc.url,
        title=doc.title,
        published=published,
        text=zlib.compress(text.encode("utf-8"), 1),
        record=zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1),
        search=search_key(text, parts),
        signature=signature(text, shingle_words(text, parts)),
        people=tuple(_people(data)),
        quotes=tuple(_quotes(data)),
        events=tuple(_events(data)),
        entities=tuple(_entities(data)),
    )


def _spans(flat: list[int]) -> tuple[Span, ...]:
    return tuple(Span(start, end) for start, end in zip(flat[::2], flat[1::2], strict=True))


def stored_data(blob: bytes) -> dict[str, Any]:
    """The JSON stored by :func:`prepare`: the record, with its tokens and sentences as flat
    offset lists (under ``COMPACT``)."""
    data: dict[str, Any] = json.loads(zlib.decompress(blob))
    return data


def document_from_bytes(blob: bytes) -> Document:
    """The document stored by :func:`prepare`."""
    data = stored_data(blob)
    compact = data.pop(COMPACT, None)
    doc = document_from_dict(data)
    if compact is not None:
        doc = dataclasses.replace(
            doc, tokens=_spans(compact["tokens"]), sentences=_spans(compact["sentences"])
        )
    return doc


def record_from_bytes(blob: bytes) -> dict[str, Any]:
    """The JSON record stored by :func:`prepare`, in full (:func:`document_to_dict`)."""
    return document_to_dict(document_from_bytes(blob))


def _text(span: dict[str, Any] | None) -> str | None:
    return span["text"] if span else None


def _people(data: dict[str, Any]) -> list[Row]:
    return [
        (
            position,
            person.get("name"),
            name_key(person.get("name") or person.get("role")),
            person.get("role"),
            json.dumps(person.get("titles") or [], ensure_ascii=False),
            person.get("country"),
            person.get("organization"),
            len(person.get("mentions") or ()),
        )
        for position, person in enumerate(data.get("people") or ())
    ]


def _quotes(data: dict[str, Any]) -> list[Row]:
    return [
        (
            position,
            quote.get("speaker"),
            name_key(quote.get("speaker")),
            quote.get("kind"),
            _text(quote.get("content")),
            _text(quote.get("cue")),
        )
        for position, quote in enumerate(data.get("quotes") or ())
    ]


def _events(data: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for position, event in enumerate(data.get("events") or ()):
        names = [str(p) for p in event.get("participants") or () if p is not None]
        when = event.get("when") or {}
        rows.append(
            (
                position,
                event.get("type"),
                _text(event.get("trigger")),
                json.dumps(names, ensure_ascii=False),
                "\n" + "\n".join(name_key(n) for n in names) + "\n",
                event.get("where"),
                when.get("resolved") or when.get("text"),
            )
        )
    return rows


def _entities(data: dict[str, Any]) -> list[Row]:
    return [
        (
            position,
            entity.get("label"),
            entity.get("text"),
            entity.get("canonical"),
            name_key(entity.get("canonical") or entity.get("text")),
        )
        for position, entity in enumerate(data.get("entities") or ())
    ]
