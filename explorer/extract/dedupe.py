"""Near-duplicate documents: a paraphrase or syndicated copy is not independent confirmation.

Each text becomes a set of hashed shingles (pairs of consecutive content
words, stop words dropped, words cut to a five-letter stem so that "selling"
and "sells" meet). Two texts whose smaller set is mostly contained in the
other (`resemblance` ≥ THRESHOLD) are near-duplicates; the later (or, undated,
the shorter) one is recorded as `derived_from` the other.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from explorer.model import Dataset

__all__ = ["THRESHOLD", "Duplicate", "KnownMatch", "fingerprint", "match_known",
           "near_duplicates", "resemblance"]

#: Paraphrases of one article share about half their shingles; unrelated articles on
#: the same subject share under a tenth (measured; see tests/test_extract_dedupe.py).
THRESHOLD = 0.3
_WORD = re.compile(r"[a-z0-9]+")


def fingerprint(text: str) -> frozenset[int]:
    """Hashed two-word shingles of a text's content words."""
    words = [w[:5] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOP_WORDS]
    return frozenset(zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(words))


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller text's shingles found in the other (0–1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True)
class Duplicate:
    """`copy` repeats `original` (score = resemblance)."""

    copy: str
    original: str
    score: float


def near_duplicates(
    documents: Sequence[tuple[str, str, dt.date | None]], threshold: float = THRESHOLD
) -> list[Duplicate]:
    """Pairs of near-duplicate documents among (id, text, published) triples.

    The original is the earlier one; undated or same-day, the longer one (a
    shortened paraphrase derives from the full text).
    """
    prints = [(doc_id, fingerprint(text), published, len(text))
              for doc_id, text, published in documents]
    found: list[Duplicate] = []
    copies: set[str] = set()
    for i, (id_a, fp_a, day_a, len_a) in enumerate(prints):
        for id_b, fp_b, day_b, len_b in prints[i + 1:]:
            score = resemblance(fp_a, fp_b)
            if score < threshold or id_a == id_b:
                continue
            dated = day_a and day_b and day_a != day_b
            a_first = day_a < day_b if dated else len_a >= len_b
            copy, original = (id_b, id_a) if a_first else (id_a, id_b)
            if copy not in copies:
                copies.add(copy)
                found.append(Duplicate(copy, original, round(score, 3)))
    return found


#: Share of a known source's quotes found verbatim in a text for the text to *be* it.
SAME = 0.8
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KnownMatch:
    """A text is a known source (`same`: it holds that source's quotes verbatim) or
    nearly duplicates it (its quotes' shingles are mostly in the text)."""

    source: str
    same: bool
    score: float


def match_known(dataset: Dataset, text: str, threshold: float = THRESHOLD
                ) -> KnownMatch | None:
    """The known source a text is, or copies, judged from the quotes the data keeps of
    each source (the data file holds quotes, never whole texts). Sources with fewer
    than two quotes are not judged."""
    quotes: dict[str, set[str]] = {}
    for relation in dataset.relations:
        for item in relation.evidence:
            quotes.setdefault(item.source, set()).add(_SPACE.sub(" ", item.quote.strip()))
    flat = _SPACE.sub(" ", text)
    doc_print = fingerprint(text)
    best: KnownMatch | None = None
    for source_id, said in quotes.items():
        if len(said) < 2:
            continue
        verbatim = sum(q in flat for q in said) / len(said)
        if verbatim >= SAME:
            found = KnownMatch(source_id, True, round(verbatim, 3))
        else:
            score = resemblance(fingerprint(" ".join(said)), doc_print)
            if score < threshold:
                continue
            found = KnownMatch(source_id, False, round(score, 3))
        if best is None or (found.same, found.score) > (best.same, best.score):
            best = found
    return best
