"""The Link record every construction returns, and how much a link is trusted by how
its ends were found (DIRECT, CLIMBED, FALLBACK)."""

from __future__ import annotations

from dataclasses import dataclass

#: How much a link is trusted, by how its ends were found.
DIRECT, CLIMBED, FALLBACK = 1.0, 0.85, 0.6


@dataclass(frozen=True)
class Link:
    """A typed link between two mentioned actors, found at `trigger` in `sent`."""

    source: str
    target: str
    type: str
    trigger: int
    light: int | None  # a light verb governing a cue noun
    cue: str
    strength: float
    sent_start: int
    goods: str = ""
    negated_cue: bool = False  # the cue means its type only when negated
    cue_source: str = "ours"
    decisive: bool = False  # read through a construction: other readings of the cue yield
