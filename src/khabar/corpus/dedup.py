"""Copies of one story: exact duplicates by hash, near-duplicates by MinHash and LSH.

Needs: for every stored document its ingest order, publication time, the hash of its normalized
text and its MinHash signature (computed once, when it is stored, by :func:`signature`).
Adds: a story cluster per document (:class:`khabar.Cluster`): a stable id, its size, and whether
this document is the earliest copy.
Stays true: the id of a cluster is the key of its first-ingested member, so a cluster keeps its id
when later copies join it; the earliest copy is the first by publication time, then ingest order.

Near-duplicates are pairs whose estimated Jaccard similarity of word shingles (three folded words,
:func:`khabar.corpus.searchkey.shingle_words`) reaches ``threshold``; candidates come from
datasketch's :class:`~datasketch.MinHashLSH`, and clusters are the connected components. Shingles
are hashed with CRC-32, three times faster than datasketch's default SHA-1 and as good here: the
affine32 scheme mixes each hash with the MurmurHash3 finalizer before permuting it.

>>> a = signature("وزیر خارجه روز شنبه با همتای خود در تهران دیدار و گفت‌وگو کرد")
>>> b = signature("وزير خارجه روز شنبه با همتاي خود در تهران ديدار و گفتوگو كرد")
>>> similarity(a, b)
1.0
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from khabar.corpus.searchkey import shingle_words
from khabar.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "DedupConfig",
    "band_keys",
    "band_layout",
    "load",
    "Member",
    "StoryCluster",
    "find_clusters",
    "signature",
    "similarity",
]

NUM_PERM = 128
SEED = 1
SCHEME: Literal["affine32"] = "affine32"  # datasketch >= 2: 32-bit values, stored as 512 bytes
SHINGLE_SIZE = 3
DEFAULT_THRESHOLD = 0.4  # benchmarks/corpus.py: precision 1.000, recall 0.989 on derived copies


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupConfig:
    """``threshold``: the estimated Jaccard similarity from which two documents are copies."""

    threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(
                f"the near-duplicate threshold must be in (0, 1], got {self.threshold}"
            )


class Member(NamedTuple):
    """What clustering needs of one stored document."""

    rowid: int
    key: str
    text_hash: str
    published: str | None  # ISO 8601 in UTC, comparable as text
    signature: bytes


class StoryCluster(NamedTuple):
    """The cluster of one document."""

    id: str
    earliest: bool
    size: int


def shingles(words: Sequence[str], size: int = SHINGLE_SIZE) -> set[bytes]:
    """The shingles of ``words`` (:func:`shingle_words` of a text); fewer words make one shingle.

    >>> sorted(s.decode() for s in shingles(shingle_words("یک دو سه چهار")))
    ['دو سه چهار', 'یک دو سه']
    """
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def load() -> None:
    """Import datasketch now (a second), before forking workers that would each import it.

    Raises :class:`~khabar.errors.ConfigError` naming the extra to install when it is missing.
    """
    try:
        import datasketch  # noqa: F401
    except ImportError:
        raise ConfigError(
            "ingesting needs datasketch for near-duplicate detection: pip install 'khabar[corpus]'"
        ) from None
    _permutations(NUM_PERM, SEED)


@cache
def _permutations(
    num_perm: int, seed: int
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    from datasketch import MinHash

    permutations: tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]] = MinHash(
        num_perm=num_perm, seed=seed, scheme=SCHEME
    ).permutations
    return permutations


def signature(text: str, words: Sequence[str] | None = None) -> bytes:
    """The MinHash signature of ``text``: ``NUM_PERM`` 32-bit values, as bytes.

    ``words``, when given, are the :func:`shingle_words` of ``text``, already computed.
    """
    import numpy as np
    from datasketch import MinHash

    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        permutations=_permutations(NUM_PERM, SEED),
        scheme=SCHEME,
        hashfunc=zlib.crc32,
    )
    minhash.update_batch(list(shingles(shingle_words(text) if words is None else words)))
    return bytes(np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes())


def similarity(first: bytes, second: bytes) -> float:
    """The Jaccard similarity estimated from two signatures."""
    import numpy as np

    a = np.frombuffer(first, dtype=np.uint32)
    b = np.frombuffer(second, dtype=np.uint32)
    return float(np.mean(a == b))


@cache
def band_layout(threshold: float) -> tuple[int, int]:
    """``(bands, rows)``: how datasketch's LSH cuts a signature for ``threshold``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(signature: bytes, layout: tuple[int, int]) -> list[int]:
    """One 64-bit key per band of ``signature``: two documents share a key where they share
    that band, which is when datasketch's LSH makes them candidates (the store indexes the keys,
    so that a new document finds its candidates without rebuilding the LSH)."""
    bands, rows = layout
    width = 4 * rows  # 32-bit values
    return [
        int.from_bytes(
            hashlib.blake2b(
                bytes((band,)) + signature[band * width : (band + 1) * width], digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(bands)
    ]


def find_clusters(
    members: Sequence[Member], config: DedupConfig | None = None
) -> dict[int, StoryCluster]:
    """The story cluster of every member, by rowid (a document alone is a cluster of one)."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    config = config or DedupConfig()
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)

    by_hash: dict[str, int] = {}
    for index, member in enumerate(members):
        first = by_hash.setdefault(member.text_hash, index)
        if first != index:
            union(first, index)

    lsh = MinHashLSH(threshold=config.threshold, num_perm=NUM_PERM)
    permutations = _permutations(NUM_PERM, SEED)
    values: list[npt.NDArray[np.uint32]] = []
    for index, member in enumerate(members):
        hashes = np.frombuffer(member.signature, dtype=np.uint32)
        values.append(hashes)
        if by_hash[member.text_hash] != index:
            continue  # an exact copy: already joined, and its twin stands for it in the LSH
        minhash = MinHash(
            num_perm=NUM_PERM,
            seed=SEED,
            hashvalues=hashes,
            permutations=permutations,
            scheme=SCHEME,
        )
        for candidate in lsh.query(minhash):
            if float(np.mean(values[candidate] == hashes)) >= config.threshold:
                union(candidate, index)
        lsh.insert(index, minhash)

    groups: dict[int, list[int]] = {}
    for index in range(len(members)):
        groups.setdefault(find(index), []).append(index)
    clusters: dict[int, StoryCluster] = {}
    for indices in groups.values():
        first = min(indices, key=lambda i: members[i].rowid)
        earliest = min(
            indices,
            key=lambda i: (
                members[i].published is None,
                members[i].published or "",
                members[i].rowid,
            ),
        )
        cluster_id = "story-" + members[first].key[:16]
        for i in indices:
            clusters[members[i].rowid] = StoryCluster(cluster_id, i == earliest, len(indices))
    return clusters
