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

__all__ = ["THRESHOLD", "Duplicate", "fingerprint", "near_duplicates", "resemblance"]

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
