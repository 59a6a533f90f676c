"""Near-copy clusters across a corpus: one story republished by many outlets is one report.

MinHash LSH Ensemble (datasketch) proposes pairs whose vocabularies nearly
contain one another (`PROPOSE` ≥ 0.4, below the 0.5 a copy needs, so the
sketch's error loses none); `explorer.nearcopy.compare`, the same test a
single article gets, decides each pair from the stored sentence fingerprints.
Pairs that are copies join one cluster (union-find). A cluster's original is
its earliest document (undated ones count as latest), then the longest, then
the smallest id; every other member is a copy of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explorer.corpus.worker import NUM_PERM, SCHEME, SEED
from explorer.nearcopy import Fingerprint, compare

__all__ = ["PROPOSE", "Membership", "Print", "cluster"]

#: Vocabulary containment at which LSH proposes a pair for the sentence test.
PROPOSE = 0.4


@dataclass(frozen=True)
class Print:
    """What clustering needs of a document (read from the parts)."""

    id: str
    published: dt.date | None
    words: int
    minhash: bytes
    sentences: Sequence[Sequence[int]]


@dataclass(frozen=True)
class Membership:
    """A document's cluster: the original's id, the cluster's size, and for a copy the
    containment that joined it (None for an original)."""

    cluster: str
    size: int
    copy_of: str | None
    containment: float | None


class _Union:
    def __init__(self, ids: Sequence[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: str) -> str:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(prints: Sequence[Print]) -> dict[str, Membership]:
    """Every document's Membership (a document alone is a cluster of one)."""
    from datasketch import MinHash, MinHashLSHEnsemble

    by_id = {p.id: p for p in prints}
    sketches = {p.id: MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                              hashvalues=np.frombuffer(p.minhash, dtype="<u4"))
                for p in prints}
    sizes = {p.id: len(set().union(*p.sentences)) if p.sentences else 0 for p in prints}
    union = _Union([p.id for p in prints])
    joined: dict[str, float] = {}
    indexed = [(i, sketches[i], sizes[i]) for i in sorted(by_id) if sizes[i]]
    if len(indexed) > 1:
        lsh = MinHashLSHEnsemble(threshold=PROPOSE, num_perm=NUM_PERM,
                                 num_part=min(16, len(indexed)))
        lsh.index(indexed)
        fingerprints: dict[str, Fingerprint] = {}

        def fp(i: str) -> Fingerprint:
            if i not in fingerprints:
                fingerprints[i] = Fingerprint(tuple(frozenset(s) for s in by_id[i].sentences))
            return fingerprints[i]

        for i, sketch, size in indexed:
            for j in sorted(lsh.query(sketch, size)):
                if j == i or union.find(i) == union.find(j):
                    continue
                res = compare(fp(i), fp(j))
                if res.copy:
                    union.join(i, j)
                    for member in (i, j):
                        joined[member] = max(joined.get(member, 0.0), res.containment)
    groups: dict[str, list[str]] = {}
    for i in by_id:
        groups.setdefault(union.find(i), []).append(i)
    out: dict[str, Membership] = {}
    latest = dt.date.max
    for members in groups.values():
        original = min(members, key=lambda i: (by_id[i].published or latest,
                                               -by_id[i].words, i))
        for i in members:
            copy = i != original
            out[i] = Membership(original, len(members), original if copy else None,
                                joined.get(i) if copy else None)
    return out
