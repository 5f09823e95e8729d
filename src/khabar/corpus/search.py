"""Search: a query in any spelling, filters, bm25 ranking and highlighted snippets.

A query is words and quoted phrases ("..." or «...»). Every word must occur; a phrase must occur as
written, up to spelling. Spelling never matters (see :mod:`khabar.corpus.searchkey`): letters and
digits are folded, a ZWNJ-joined or glued word also finds the text that writes it with a space, and
two query words written apart are searched as one word when the corpus writes them as one
(«رئیس جمهور» is the word رئیس‌جمهور, because the corpus knows it).

Results are ranked by bm25 and carry a snippet of the normalized text around the first match, with
the matches marked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from khabar.corpus.dates import day_after, day_start
from khabar.corpus.record import name_key
from khabar.corpus.searchkey import iter_parts, key_parts, map_letters
from khabar.corpus.store import Store
from khabar.errors import ConfigError
from khabar.model import Cluster

__all__ = ["Filters", "Hit", "Query", "find_rowids", "parse_query", "search"]

SNIPPET_CHARS = 220
CANDIDATES = 8  # places checked for the first match before reading the whole text
CANDIDATES_PER_TERM = 4
MAX_VARIANTS = 32
AND = "و"  # the conjunction, a word of one letter inside compounds (گفت‌وگو)
# one-letter parts the normalizer writes after a ZWNJ: و of بیست‌و, ی of خانه‌ی
ONE_LETTER_PARTS = frozenset((AND, "ی"))
COLUMN_WEIGHTS = (1.0, 1.0)  # words, compounds
_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»')


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """Conditions on the documents found; dates are Jalali or Gregorian days, inclusive."""

    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    person: str | None = None
    speaker: str | None = None
    label: str | None = None  # an entity label (ORG), or LABEL:NAME (LOC:تهران)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: words (each a list of ZWNJ-joined parts) and phrases (lists of parts)."""

    words: tuple[tuple[str, ...], ...]
    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """One document found."""

    rowid: int
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    score: float
    cluster: Cluster | None
    snippet: str
    highlights: tuple[tuple[int, int], ...] = field(default=())


def _grouped(text: str) -> list[tuple[str, ...]]:
    """The written words of ``text``, each the tuple of its folded ZWNJ-joined parts."""
    words: list[list[str]] = []
    for key, joined in key_parts(text):
        if joined and words:
            words[-1].append(key)
        else:
            words.append([key])
    return [tuple(word) for word in words]


def parse_query(text: str) -> Query:
    """Cut a query into words and quoted phrases, folded.

    >>> from khabar.chars import ZWNJ
    >>> parse_query(f'رئيس{ZWNJ}جمهور «سفر به باکو»')
    Query(words=(('رئیس', 'جمهور'),), phrases=(('سفر', 'به', 'باکو'),))
    """
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(text):
        parts = tuple(key for key, _ in key_parts(match.group(1) or match.group(2) or ""))
        if parts:
            phrases.append(parts)
    rest = _PHRASE.sub(" ", text)
    query = Query(tuple(_grouped(rest)), tuple(phrases))
    if not query.words and not query.phrases:
        raise ConfigError(f"the query {text!r} has no words to search for")
    return query


class _Vocabulary:
    """Which folded forms are words of the corpus (a document has them, glued or ZWNJ-joined).

    Asked of the index itself: the first entry of a term's list is enough (fts5vocab would count
    every document of the term, three times slower for a frequent one).
    """

    def __init__(self, store: Store) -> None:
        self.connection = store.connection
        self.cache: dict[str, bool] = {}

    def has(self, term: str) -> bool:
        if term not in self.cache:
            row = self.connection.execute(
                "SELECT 1 FROM search WHERE search MATCH ? LIMIT 1", (_quoted(term),)
            ).fetchone()
            self.cache[term] = row is not None
        return self.cache[term]

    def splits(self, term: str) -> list[tuple[str, ...]]:
        """The ways to cut a glued ``term`` into words of the corpus (رئیسجمهور → رئیس جمهور).

        Two words, and each of the two cut once more where the corpus writes it as a compound of
        its own: a text may write نایب‌رئیسجمهور as نایب رئیس‌جمهور, indexed as three words. The
        conjunction و is a word of its own inside compounds (گفتوگو → گفت و گو); it and ی are
        cut off the end of a word only inside a cut (ابرو is not ابر و).
        A cut that is no real compound (ایران → ای ران) costs nothing: its phrase matches nothing.
        """
        cuts: list[tuple[str, ...]] = []
        for left, right in self._cuts(term):
            cuts.append((left, right))
            lefts = [(left,), *self._cuts(left, ONE_LETTER_PARTS)]
            rights = [(right,), *self._cuts(right, ONE_LETTER_PARTS)]
            cuts += [a + b for a in lefts for b in rights if len(a) + len(b) > 2]
        for middle in range(2, len(term) - 2):
            left, right = term[:middle], term[middle + 1 :]
            if term[middle] == AND and self.has(left) and self.has(right):
                cuts.append((left, AND, right))
        return cuts

    def _cuts(self, term: str, short: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
        """``term`` as two words of the corpus of two letters or more (or a letter of ``short``)."""
        if len(term) < 3 or not term.isalpha():
            return []
        return [
            (term[:cut], term[cut:])
            for cut in range(1, len(term))
            if (cut > 1 or term[0] in short)
            and (cut < len(term) - 1 or term[-1] in short)
            and self.has(term[:cut])
            and self.has(term[cut:])
        ]


def _quoted(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _glue_words(words: Sequence[tuple[str, ...]], vocabulary: _Vocabulary) -> list[tuple[str, ...]]:
    """The query's words as index terms, in groups: neighbours the corpus writes as one word are
    one group (ابر و → ابرو, searched glued and as typed)."""
    terms = ["".join(word) for word in words]
    groups: list[tuple[str, ...]] = []
    index = 0
    while index < len(terms):
        for width in (3, 2):
            group = tuple(terms[index : index + width])
            if index + width <= len(terms) and vocabulary.has("".join(group)):
                groups.append(group)
                index += width
                break
        else:
            groups.append((terms[index],))
            index += 1
    return groups


def _spellings(group: tuple[str, ...], vocabulary: _Vocabulary) -> list[tuple[str, ...]]:
    """A group of query words glued, as typed, and split as the corpus writes it apart."""
    glued = "".join(group)
    return list(dict.fromkeys([(glued,), group, *vocabulary.splits(glued)]))


def _phrase_expression(
    options: list[list[tuple[str, ...]]], vocabulary: _Vocabulary
) -> tuple[str, set[str]]:
    """An FTS5 expression matching any choice of spellings at each position of a phrase, and the
    terms it may match."""
    variants: set[tuple[str, ...]] = set()
    for choice in itertools.islice(itertools.product(*options), MAX_VARIANTS):
        flat = [piece for chunk in choice for piece in chunk]
        variants.add(tuple(flat))
        # and the neighbours the corpus writes as one word, glued
        glued: list[str] = []
        for piece in flat:
            if glued and vocabulary.has(glued[-1] + piece):
                glued[-1] += piece
            else:
                glued.append(piece)
        variants.add(tuple(glued))
    expressions = []
    terms: set[str] = set()
    for variant in sorted(variants)[:MAX_VARIANTS]:
        terms.update(variant)
        if len(variant) == 1:
            expressions.append(_quoted(variant[0]))
        else:
            expressions.append("words : " + _quoted(" ".join(variant)))
    return "(" + " OR ".join(expressions) + ")", terms


def fts_expression(query: Query, store: Store) -> tuple[str, set[str]]:
    """The FTS5 MATCH expression of ``query`` and the index terms a match may show."""
    vocabulary = _Vocabulary(store)
    clauses: list[str] = []
    terms: set[str] = set()
    # a word is a phrase of one position: searched as written, and as the corpus writes it apart
    phrases = [[_spellings(group, vocabulary)] for group in _glue_words(query.words, vocabulary)]
    phrases += [[_spellings((part,), vocabulary) for part in parts] for parts in query.phrases]
    for options in phrases:
        expression, phrase_terms = _phrase_expression(options, vocabulary)
        clauses.append(expression if " OR " in expression else expression[1:-1])
        terms |= phrase_terms
    return " AND ".join(clauses), terms


def _filter_sql(filters: Filters) -> tuple[str, list[object]]:
    sql: list[str] = []
    values: list[object] = []
    if filters.outlet:
        sql.append("d.source LIKE ?")
        values.append(f"%{filters.outlet}%")
    if filters.date_from:
        sql.append("d.published >= ?")
        values.append(day_start(filters.date_from))
    if filters.date_to:
        sql.append("d.published < ?")
        values.append(day_after(filters.date_to))
    if filters.person:
        sql.append("EXISTS (SELECT 1 FROM people p WHERE p.doc = d.rowid AND p.name_key LIKE ?)")
        values.append(f"%{name_key(filters.person)}%")
    if filters.speaker:
        sql.append("EXISTS (SELECT 1 FROM quotes q WHERE q.doc = d.rowid AND q.speaker_key LIKE ?)")
        values.append(f"%{name_key(filters.speaker)}%")
    if filters.label:
        label, _, name = filters.label.partition(":")
        condition = "e.doc = d.rowid AND e.label = ?"
        values.append(label.strip().upper())
        if name.strip():
            condition += " AND e.key LIKE ?"
            values.append(f"%{name_key(name)}%")
        sql.append(f"EXISTS (SELECT 1 FROM entities e WHERE {condition})")
    return "".join(f" AND {condition}" for condition in sql), values


def _ranked(
    store: Store, text: str, filters: Filters | None, limit: int
) -> tuple[list[tuple[int, float]], set[str]]:
    query = parse_query(text)
    expression, terms = fts_expression(query, store)
    where, values = _filter_sql(filters or Filters())
    weights = ", ".join(map(str, COLUMN_WEIGHTS))
    rows = store.connection.execute(
        f"SELECT d.rowid, bm25(search, {weights}) AS score FROM search"
        f" JOIN documents d ON d.rowid = search.rowid WHERE search MATCH ?{where}"
        " ORDER BY score LIMIT ?",
        [expression, *values, limit],
    ).fetchall()
    return rows, terms


def find_rowids(store: Store, text: str, filters: Filters | None = None) -> list[int]:
    """The rowids of every document matching, best first (no snippets: for counting, comparing)."""
    rows, _terms = _ranked(store, text, filters, -1)
    return [rowid for rowid, _score in rows]


def search(
    store: Store, text: str, filters: Filters | None = None, *, limit: int = 10
) -> list[Hit]:
    """The documents matching the query ``text`` and ``filters``, best first."""
    rows, terms = _ranked(store, text, filters, limit)
    scores = {rowid: score for rowid, score in rows}
    hits: list[Hit] = []
    for stored in store.documents([rowid for rowid, _ in rows]):
        snippet, highlights = make_snippet(stored.text(), terms)
        hits.append(
            Hit(
                rowid=stored.rowid,
                doc_id=stored.doc_id,
                title=stored.title,
                source=stored.source,
                url=stored.url,
                published=stored.published,
                score=-scores[stored.rowid],
                cluster=stored.cluster,
                snippet=snippet,
                highlights=highlights,
            )
        )
    return hits


def find_matches(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """The spans of ``text`` whose folded form (a part, or two or three glued) is one of ``terms``.

    >>> from khabar.chars import ZWNJ
    >>> text = f"رئیس جمهور و رئیس{ZWNJ}جمهور گفت"
    >>> found = [text[s:e] for s, e in find_matches(text, {"رئیسجمهور"})]
    >>> found == ["رئیس جمهور", f"رئیس{ZWNJ}جمهور"]
    True
    """
    parts = list(iter_parts(text))
    prefixes = {term[:end] for term in terms for end in range(1, len(term) + 1)}
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(parts):
        if parts[index].key not in prefixes:
            index += 1
            continue
        for width in (3, 2, 1):
            window = parts[index : index + width]
            if len(window) == width and "".join(p.key for p in window) in terms:
                spans.append((window[0].start, window[-1].end))
                index += width
                break
        else:
            index += 1
    return spans


def _region(text: str, first: int) -> tuple[int, int]:
    """The snippet's stretch of ``text`` for a match starting at ``first``, cut between words."""
    start = max(0, first - SNIPPET_CHARS // 3)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return start, end


def _candidates(text: str, terms: set[str]) -> list[int]:
    """The first places where a term's letters occur (inside a longer word, too)."""
    mapped = map_letters(text)
    places: set[int] = set()
    for term in terms:
        place = mapped.find(term)
        for _ in range(CANDIDATES_PER_TERM):
            if place < 0:
                break
            places.add(place)
            place = mapped.find(term, place + 1)
    return sorted(places)[:CANDIDATES]


def make_snippet(text: str, terms: set[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A stretch of ``text`` around its first match, and the matches in it (snippet offsets).

    Rather than cutting the whole text into words, the stretches around the first places where a
    term's letters occur are checked; the whole text is read only when none holds a match.

    >>> make_snippet("وزیر نیرو از سد کرج بازدید کرد.", {"کرج"})
    ('وزیر نیرو از سد کرج بازدید کرد.', ((16, 19),))
    """
    found: list[tuple[int, int]] = []
    for place in _candidates(text, terms):
        start, end = _region(text, place)
        found = find_matches(text[start:end], terms)
        if found:
            break
    if not found:
        matches = find_matches(text, terms)
        start, end = _region(text, matches[0][0] if matches else 0)
        found = find_matches(text[start:end], terms)
    snippet = text[start:end].replace("\n", " ")
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    shifted = tuple((s + len(prefix), e + len(prefix)) for s, e in found)
    return prefix + snippet + suffix, shifted
