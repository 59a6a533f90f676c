"""Near-copies: a republished, trimmed or paraphrased article is not an independent report.

Two texts are compared sentence by sentence. Each sentence of the *smaller*
text (fewer content words) is matched against the sentences of the larger one
(one sentence, or two consecutive ones, since a rewrite often splits or joins
sentences); it is shared when most of its content words (stop words dropped,
words cut to a five-letter stem so that "sanctions" meets "sanctioned") are in
the matched place. The smaller text is a near-copy of the larger when

- most of its content words lie in shared sentences (`containment`, measured
  against the larger text, never against the smaller one alone), and
- the shared material is long enough to rule out chance (`MIN_SHARED` content
  words): a one- or two-sentence text is never called a copy, because two
  independent reports of one fact can word it alike.

The shared sentences are the reason, shown to the analyst. The same test
serves a single article against the sources the data file quotes
(`match_known`), the articles of one `explorer extract` run
(`near_duplicates`) and a corpus (`explorer.corpus.clusters`, where MinHash
LSH proposes the pairs and this module decides).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from explorer.model import Dataset

__all__ = [
    "CONTAINMENT",
    "MIN_SHARED",
    "SENTENCE_OVERLAP",
    "Duplicate",
    "Fingerprint",
    "KnownMatch",
    "Passage",
    "Resemblance",
    "compare",
    "fingerprint",
    "match_known",
    "near_duplicates",
    "shared_passages",
    "shingles",
]

#: Share of the smaller text's content words that must lie in shared sentences.
CONTAINMENT = 0.5
#: Content words the shared sentences must hold at least (about three sentences).
MIN_SHARED = 25
#: Share of a sentence's content words that must recur in one place of the other text.
SENTENCE_OVERLAP = 0.6
#: ... and never fewer than this many.
SENTENCE_MIN = 4

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*[ \t]+|[ \t]*\n\s*")


def _stems(text: str) -> list[int]:
    return [zlib.crc32(w[:5].encode()) for w in _WORD.findall(text.lower())
            if (len(w) > 2 or w.isdigit()) and w not in STOP_WORDS]


@dataclass(frozen=True)
class Fingerprint:
    """A text as the comparison sees it: per sentence, the hashed stems of its content
    words, and where the sentence is in the text (empty when rebuilt from storage)."""

    sentences: tuple[frozenset[int], ...]
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def words(self) -> int:
        """Content words, counted once per sentence."""
        return sum(len(s) for s in self.sentences)

    @property
    def vocabulary(self) -> frozenset[int]:
        """Every stem of the text (what corpus MinHash sketches)."""
        return frozenset().union(*self.sentences)


def shingles(text: str) -> frozenset[int]:
    """Hashed pairs of consecutive content words within each sentence: what a corpus
    sketches with MinHash to propose pairs (a paraphrase keeps a quarter or more of
    them; two articles on one topic share a few per cent, where single words would
    share a third)."""
    out: set[int] = set()
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        stems = _stems(text[start:end])
        out.update((a * 1_000_003 + b) & 0xFFFFFFFF for a, b in pairwise(stems))
        if match:
            start = match.end()
    return frozenset(out)


def fingerprint(text: str) -> Fingerprint:
    """Split a text into sentences and keep each one's content-word stems."""
    sentences: list[frozenset[int]] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        stems = _stems(text[start:end])
        if stems:
            sentences.append(frozenset(stems))
            spans.append((start, end))
        if match:
            start = match.end()
    return Fingerprint(tuple(sentences), tuple(spans))


@dataclass(frozen=True)
class Passage:
    """A sentence of the smaller text and the sentences `[first, last]` of the larger
    one that say the same (`shared` content words in common)."""

    sentence: int
    first: int
    last: int
    shared: int


@dataclass(frozen=True)
class Resemblance:
    """How much of the smaller of two texts the larger one holds.

    `smaller` is 0 when the first text compared is the smaller one, else 1;
    `words` counts the smaller text's content words, `shared` those in shared
    sentences; `containment` = shared / words.
    """

    containment: float
    shared: int
    words: int
    smaller: int
    passages: tuple[Passage, ...]

    @property
    def copy(self) -> bool:
        """True when the smaller text is a near-copy of the larger one."""
        return self.containment >= CONTAINMENT and self.shared >= MIN_SHARED


def compare(a: Fingerprint, b: Fingerprint) -> Resemblance:
    """The containment of the smaller text in the larger, with the shared sentences."""
    smaller = 0 if a.words <= b.words else 1
    small, large = (a, b) if smaller == 0 else (b, a)
    # places in the larger text: each sentence, and each pair of consecutive ones
    places = [(i, i, s) for i, s in enumerate(large.sentences)]
    places += [(i, i + 1, s | large.sentences[i + 1])
               for i, s in enumerate(large.sentences[:-1])]
    index: dict[int, list[int]] = {}
    for n, (_, _, stems) in enumerate(places):
        for stem in stems:
            index.setdefault(stem, []).append(n)
    passages: list[Passage] = []
    for i, stems in enumerate(small.sentences):
        hits = Counter(n for stem in stems for n in index.get(stem, ()))
        if not hits:
            continue
        n, shared = max(hits.items(), key=lambda item: (item[1], -item[0]))
        if shared >= SENTENCE_MIN and shared >= SENTENCE_OVERLAP * len(stems):
            first, last, _ = places[n]
            passages.append(Passage(i, first, last, shared))
    total = sum(p.shared for p in passages)
    words = small.words
    return Resemblance(round(total / words, 3) if words else 0.0, total, words, smaller,
                       tuple(passages))


def shared_passages(small_text: str, small: Fingerprint, resemblance: Resemblance,
                    limit: int = 3, width: int = 160) -> list[str]:
    """The longest shared sentences of the smaller text, as the reason a copy is a copy."""
    if not small.spans:
        return []
    out = []
    for p in sorted(resemblance.passages, key=lambda p: (-p.shared, p.sentence))[:limit]:
        start, end = small.spans[p.sentence]
        text = " ".join(small_text[start:end].split())
        out.append(text if len(text) <= width else text[:width - 1].rstrip() + "…")
    return out


def _reason(resemblance: Resemblance, passages: list[str]) -> str:
    told = (f"{resemblance.shared} of {resemblance.words} content words "
            f"({resemblance.containment:.0%}) in {len(resemblance.passages)} shared sentence(s)")
    if passages:
        told += ", e.g. " + "; ".join(f"“{p}”" for p in passages)
    return told


# ------------------------------------------------------ one run of articles
@dataclass(frozen=True)
class Duplicate:
    """`copy` repeats `original`; `reason` names the shared sentences."""

    copy: str
    original: str
    containment: float
    reason: str


def near_duplicates(documents: Sequence[tuple[str, str, dt.date | None]]) -> list[Duplicate]:
    """Near-copies among (id, text, published) triples, each copy naming its original.

    The original is the earlier one; undated or same-day, the larger one (a
    shortened or trimmed text derives from the full one). A copy names one
    original, the first found.
    """
    prints = [(doc_id, text, fingerprint(text), day) for doc_id, text, day in documents]
    found: list[Duplicate] = []
    copies: set[str] = set()
    for i, (id_a, text_a, fp_a, day_a) in enumerate(prints):
        for id_b, text_b, fp_b, day_b in prints[i + 1:]:
            if id_a == id_b:
                continue
            res = compare(fp_a, fp_b)
            if not res.copy:
                continue
            dated = bool(day_a and day_b and day_a != day_b)
            b_copies = day_a < day_b if dated else res.smaller == 1  # type: ignore[operator]
            copy, original = (id_b, id_a) if b_copies else (id_a, id_b)
            if copy in copies:
                continue
            copies.add(copy)
            small_text, small = (text_a, fp_a) if res.smaller == 0 else (text_b, fp_b)
            found.append(Duplicate(copy, original, res.containment,
                                   _reason(res, shared_passages(small_text, small, res))))
    return found


# ------------------------------------------- an article against known sources
#: Share of a known source's quotes found verbatim in a text for the text to *be* it.
SAME = 0.8
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KnownMatch:
    """A text is a known source (`same`: it holds that source's quotes verbatim) or
    nearly copies it; `score` is the share of quotes found verbatim, or the
    containment; `reason` says what is shared, in words an analyst can check."""

    source: str
    same: bool
    score: float
    reason: str


def match_known(dataset: Dataset, text: str) -> KnownMatch | None:
    """The known source a text is, or nearly copies, judged from the quotes the data
    keeps of each source (the data file holds quotes, never whole texts): the
    quotes, joined, are compared with the text like any two texts. Sources with
    fewer than two quotes are not judged."""
    quotes: dict[str, list[str]] = {}
    for relation in dataset.relations:
        for item in relation.evidence:
            said = quotes.setdefault(item.source, [])
            quote = _SPACE.sub(" ", item.quote.strip())
            if quote not in said:
                said.append(quote)
    flat = _SPACE.sub(" ", text)
    doc_print: Fingerprint | None = None
    best: KnownMatch | None = None
    for source_id, said in quotes.items():
        if len(said) < 2:
            continue
        verbatim = sum(q in flat for q in said) / len(said)
        if verbatim >= SAME:
            found = KnownMatch(source_id, True, round(verbatim, 3),
                               f"{verbatim:.0%} of the {len(said)} quotes the data keeps from "
                               "it appear in the text word for word")
        else:
            doc_print = doc_print or fingerprint(text)
            joined = "\n".join(said)
            quoted = fingerprint(joined)
            res = compare(doc_print, quoted)
            if not res.copy:
                continue
            small_text, small = (text, doc_print) if res.smaller == 0 else (joined, quoted)
            found = KnownMatch(source_id, False, res.containment,
                               _reason(res, shared_passages(small_text, small, res)))
        if best is None or (found.same, found.score) > (best.same, best.score):
            best = found
    return best
