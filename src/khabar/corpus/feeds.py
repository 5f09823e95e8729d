"""RSS and Atom feeds (feedparser) and pages given by URL (httpx) become unanalyzed documents.

A feed entry becomes one document: its title, then the text of its content (or summary), with the
entry's link, publication time and tags; the outlet is the feed's title. With ``follow_links``, the
page an entry links to is fetched and its article text read instead (the summary when that fails).

Nothing raises for a bad input: a feed that cannot be parsed, a page that cannot be fetched, becomes
a rejected document that names the input and the problem. A feed parsed with errors but with entries
yields its entries and one rejected document reporting the damage.

>>> feed = '''<?xml version="1.0"?><rss version="2.0"><channel><title>خبرگزاری نمونه</title>
... <item><title>دیدار دو وزیر</title><link>http://127.0.0.1/1</link>
... <description>&lt;p&gt;وزیر نیرو با همتای خود دیدار کرد.&lt;/p&gt;</description></item>
... </channel></rss>'''
>>> [(d.source, d.title, d.raw) for d in read_feed(feed.encode(), "feed.xml")]
[('خبرگزاری نمونه', 'دیدار دو وزیر', 'دیدار دو وزیر\\nوزیر نیرو با همتای خود دیدار کرد.')]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.errors import InputError
from khabar.model import Document
from khabar.readers import decode_bytes, rejected
from khabar.readers.formats import detect_format, parse_documents
from khabar.structure import split_stories

if TYPE_CHECKING:
    import httpx

__all__ = [
    "FEED_SUFFIXES",
    "fetch",
    "is_url",
    "looks_like_feed",
    "make_client",
    "read_feed",
    "read_url",
]

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
USER_AGENT = "khabar/0.1 (+https://pypi.org/project/khabar/)"
TIMEOUT_SECONDS = 20.0
_FEED_HEAD = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|h[1-6]|li|blockquote)>")


def is_url(name: str) -> bool:
    """Whether ``name`` is an http(s) URL rather than a path.

    >>> is_url("https://example.org/rss"), is_url("news/rss.xml")
    (True, False)
    """
    return name.startswith(("http://", "https://"))


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` opens like an RSS, RDF or Atom document."""
    return _FEED_HEAD.search(data[:4096]) is not None


def _html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one line per paragraph (lxml does the parsing)."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    marked = _BLOCK_END.sub(lambda m: m.group() + "\n", fragment)
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # lxml refuses empty or broken fragments: keep the text without markup
        return ""
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_time(entry: Any) -> datetime | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or ()
    html = max((c.get("value", "") for c in contents), key=len, default="")
    return _html_to_text(html or entry.get("summary", ""))


def read_feed(
    data: bytes, source: str, *, client: httpx.Client | None = None
) -> Iterator[Document]:
    """The entries of a feed; with a ``client``, each entry's linked page is fetched and read."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        yield rejected(source, "unreadable", f"malformed feed ({problem})")
        return
    if not entries:
        yield rejected(source, "empty", "a feed with no entries")
        return
    outlet = parsed.get("feed", {}).get("title") or None
    stem = Path(source).stem if not is_url(source) else source
    for index, entry in enumerate(entries, 1):
        title = (entry.get("title") or "").strip() or None
        link = entry.get("link") or None
        text = _entry_text(entry)
        page = _linked_page(link, client) if link and client is not None else None
        if page is not None:
            text = page
        raw = "\n".join(part for part in (title, text) if part)
        if not text.strip():
            yield rejected(f"{source}[{index}]", "empty", "a feed entry with no text")
            continue
        yield Document.from_text(
            raw,
            id=entry.get("id") or link or f"{stem}:{index}",
            source=outlet,
            url=link,
            title=title,
            published=_entry_time(entry),
            tags=tuple(t.get("term", "") for t in entry.get("tags") or () if t.get("term")),
        )
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        yield rejected(
            source, "unreadable", f"malformed feed, {len(entries)} entries recovered ({problem})"
        )


def _linked_page(url: str, client: httpx.Client) -> str | None:
    """The article text of the page at ``url``, or ``None`` when it cannot be had."""
    try:
        data = fetch(url, client)
        docs = list(_page_documents(data, url))
    except InputError:
        return None
    if len(docs) != 1 or docs[0].rejection is not None:
        return None
    lines = docs[0].raw.split("\n")
    # the HTML reader puts the page's title first; the feed entry has its own
    return "\n".join(lines[1:] if docs[0].title and len(lines) > 1 else lines)


def fetch(url: str, client: httpx.Client) -> bytes:
    """The body of ``url``; an HTTP error or a network failure raises :class:`InputError`."""
    import httpx

    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch ({exc.__class__.__name__}: {exc})") from None
    if response.status_code >= 400:
        raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
    return response.content


def make_client() -> httpx.Client:
    """An HTTP client with khabar's user agent, a timeout and redirects followed."""
    import httpx

    return httpx.Client(
        timeout=TIMEOUT_SECONDS, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )


def read_url(url: str, client: httpx.Client, *, follow_links: bool = False) -> Iterator[Document]:
    """The documents at ``url``: a feed's entries, or the article of a page."""
    try:
        data = fetch(url, client)
    except InputError as exc:
        yield rejected(url, "unreadable", exc.problem)
        return
    if looks_like_feed(data):
        yield from read_feed(data, url, client=client if follow_links else None)
    else:
        yield from _page_documents(data, url)


def _page_documents(data: bytes, url: str) -> Iterator[Document]:
    try:
        text, _encoding = decode_bytes(data, url)
    except InputError as exc:
        yield rejected(url, "undecodable", exc.problem)
        return
    fmt = detect_format(None, text)
    for doc in parse_documents(text, url, fmt, stem=url):
        if doc.rejection is None and doc.url is None:
            doc = Document.from_text(
                doc.raw,
                id=doc.id,
                source=doc.source,
                url=url,
                title=doc.title,
                published=doc.published,
                tags=doc.tags,
                abstract=doc.abstract,
            )
        if doc.rejection is None and doc.title is None:
            yield from split_stories(doc)
        else:
            yield doc
