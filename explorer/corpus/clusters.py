"""Near-copy clusters across a corpus: one story republished by many outlets is one report.

MinHash LSH Ensemble (datasketch) proposes pairs where one document's word-pair
shingles (`nearcopy.shingles`) are at least `PROPOSE` contained in the other's:
every wire copy and paraphrase of the labelled set keeps 0.25 or more of them,
two articles on one topic a few per cent. Documents with fewer content words
than a copy must share (`nearcopy.MIN_SHARED`) are never proposed.
`explorer.nearcopy.compare`, the same test a single article gets, decides each
proposed pair from the stored sentence fingerprints.
Pairs that are copies join one cluster (union-find). A cluster's original is
its earliest document (undated ones count as latest), then the longest, then
the smallest id; every other member is a copy of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from explorer.corpus.worker import NUM_PERM, SCHEME, SEED
from explorer.nearcopy import MIN_SHARED, Fingerprint, compare

__all__ = ["PROPOSE", "Membership", "Print", "cluster"]

#: Shingle containment at which LSH proposes a pair for the sentence test.
PROPOSE = 0.2


@dataclass(frozen=True)
class Print:
    """What clustering needs of a document (read from the parts): its MinHash sketch, the
    size of the set it sketches and its content words; the sentences are fetched only for
    proposed pairs."""

    id: str
    published: dt.date | None
    words: int
    minhash: bytes
    shingles: int
    content_words: int


@dataclass(frozen=True)
class Membership:
    """A document's cluster: the original's id, the cluster's size, and for a copy the
    containment that joined it (None for an original)."""

    cluster: str
    size: int
    copy_of: str | None
    containment: float | None


def _containment(a: np.ndarray, b: np.ndarray, size_a: int, size_b: int) -> float:
    """The smaller set's containment in the larger, estimated from two MinHash signatures
    (Jaccard J from the signatures; C = J (|A| + |B|) / ((1 + J) |A|)). LSH at a low
    threshold proposes many pairs it should not; this cheap check drops most of them
    before the sentence test."""
    jaccard = float(np.count_nonzero(a == b)) / len(a)
    small = min(size_a, size_b)
    return jaccard * (size_a + size_b) / ((1 + jaccard) * small) if small else 0.0


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


def cluster(prints: Sequence[Print],
            sentences: Callable[[Sequence[str]], Mapping[str, Sequence[Sequence[int]]]]
            ) -> dict[str, Membership]:
    """Every document's Membership (a document alone is a cluster of one). `sentences`
    gives the stored per-sentence stems of the documents asked for."""
    from datasketch import MinHash, MinHashLSHEnsemble

    by_id = {p.id: p for p in prints}
    indexed = [(p.id, MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                              hashvalues=np.frombuffer(p.minhash, dtype="<u4")), p.shingles)
               for p in sorted(prints, key=lambda p: p.id)
               if p.shingles and p.content_words >= MIN_SHARED]
    pairs: set[tuple[str, str]] = set()
    if len(indexed) > 1:
        lsh = MinHashLSHEnsemble(threshold=PROPOSE, num_perm=NUM_PERM,
                                 num_part=min(16, len(indexed)))
        lsh.index(indexed)
        values = {i: sketch.hashvalues for i, sketch, _ in indexed}
        sizes = {i: size for i, _, size in indexed}
        for i, sketch, size in indexed:
            for j in lsh.query(sketch, size):
                if j != i and (min(i, j), max(i, j)) not in pairs and \
                        _containment(values[i], values[j], size, sizes[j]) >= PROPOSE - 0.05:
                    pairs.add((min(i, j), max(i, j)))
    stems = sentences(sorted({i for pair in pairs for i in pair})) if pairs else {}
    fingerprints = {i: Fingerprint(tuple(frozenset(s) for s in found))
                    for i, found in stems.items()}
    union = _Union(list(by_id))
    joined: dict[str, float] = {}
    for i, j in sorted(pairs):
        if union.find(i) == union.find(j):
            continue
        res = compare(fingerprints[i], fingerprints[j])
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
