"""Readable, unique ids for what review adds: relations and sources.

A relation's id names its ends and type (`rus-prk-military_support`); a
source's names its publisher, date and first title words
(`bbc-2024-06-20-real-power-putin-kim`). Either gets `-2`, `-3`… when taken, so
a new article never takes the id of another.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["new_relation_id", "new_source_id", "unique"]

_STOP = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "its",
                   "of", "on", "or", "the", "to", "with"})


def unique(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`… the first not in `taken`."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def new_relation_id(source: str, target: str, type_id: str, taken: Iterable[str]) -> str:
    """A readable id not in `taken`: `rus-prk-military_support`, then `…-2`, `…-3`.

    >>> new_relation_id("RUS", "PRK", "alliance", ["rus-prk-alliance"])
    'rus-prk-alliance-2'
    """
    base = re.sub(r"[^a-z0-9._-]+", "-", f"{source}-{target}-{type_id}".lower()).strip("-._")
    return unique(base[:100] or "relation", taken)


def new_source_id(publisher: str, published: dt.date | None, title: str,
                  taken: Iterable[str], *, title_words: int = 4) -> str:
    """An id made of the publisher, the date and the first words of the title that say
    something, unique among `taken`.

    >>> new_source_id("BBC News", dt.date(2024, 6, 20),
    ...               "The real power in Putin and Kim's budding friendship is China", [])
    'bbc-news-2024-06-20-real-power-putin-kim'
    >>> new_source_id("", None, "Pact renewed", ["pact-renewed"])
    'pact-renewed-2'
    """
    parts = _words(publisher)[:3]
    if published is not None:
        parts.append(published.isoformat())
    words = [w for w in _words(title) if w not in _STOP and len(w) > 1]
    parts += words[:title_words]
    base = "-".join(parts)[:80].strip("-") or "source"
    return unique(base, taken)
