"""Candidates: relations and actors the extractor proposes, before an analyst judges them.

Extraction produces these; review turns them into relations in the data file
(`status: extracted`, or new evidence on a matching relation). They are plain,
immutable values so that extraction stays a pure function of its inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from explorer.model import ActorKind, Modality

__all__ = ["Candidate", "ProposedActor", "Quote", "merge_same"]


@dataclass(frozen=True)
class Quote:
    """A sentence of the document: its text and character offsets."""

    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    """One proposed relation with the sentence that supports it.

    `source` and `target` are actor ids (known, or of a ProposedActor);
    `source_id` is the id of the document's Source, which the evidence cites;
    `start`/`end` are character offsets of `quote` in the document's text;
    `more` holds the candidates of the article's other sentences that state the same
    relation (a headline and the lead sentence that repeats it), each as read there.
    """

    document: str
    source: str
    target: str
    type: str
    modality: Modality
    confidence: float
    quote: str
    start: int
    end: int
    source_id: str = ""
    attributes: Mapping[str, str | int | float | bool] = field(default_factory=dict)
    speaker: str | None = None
    cue: str = ""
    cue_source: str = ""  # "ours" or "cameo NNN": where the cue comes from
    more: tuple[Candidate, ...] = ()

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every sentence of the article that states it, its own first."""
        return tuple(Quote(c.quote, c.start, c.end) for c in (self, *self.more))

    def parts(self) -> tuple[Candidate, ...]:
        """One candidate per sentence, each with what was read there (its speaker, cue,
        confidence, figures); the first is this one without `more`."""
        return (replace(self, more=()), *self.more)

    def as_json(self) -> dict[str, Any]:
        """The shape `explorer extract --format json` prints for a candidate."""
        return {
            "document": self.document,
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "modality": self.modality,
            "confidence": round(self.confidence, 3),
            "attributes": dict(self.attributes),
            "evidence": {"quote": self.quote, "start": self.start, "end": self.end,
                         "source": self.source_id},
            **({"speaker": self.speaker} if self.speaker else {}),
            **({"cue": self.cue} if self.cue else {}),
            **({"cue_source": self.cue_source} if self.cue_source else {}),
            **({"more_evidence": [{"quote": c.quote, "start": c.start, "end": c.end,
                                   "source": self.source_id,
                                   **({"speaker": c.speaker} if c.speaker else {})}
                                  for c in self.more]}
               if self.more else {}),
        }


def merge_same(candidates: Iterable[Candidate], undirected: frozenset[str] = frozenset()
               ) -> tuple[Candidate, ...]:
    """One candidate per relation of an article — same ends (in either order for an
    `undirected` type), type, modality and date, if any (sentences dated differently
    tell different events) — the most confident one, with the other sentences that
    state it in `more` and their figures where it has none; in the order of the text."""
    groups: dict[tuple, list[Candidate]] = {}
    for c in (part for merged in candidates for part in merged.parts()):
        ends = tuple(sorted((c.source, c.target))) if c.type in undirected \
            else (c.source, c.target)
        key = (ends, c.type, c.modality, str(c.attributes.get("date", "")))
        groups.setdefault(key, []).append(c)
    merged = []
    for group in groups.values():
        best = max(group, key=lambda c: (c.confidence, -c.start))
        by_start = {c.start: c for c in sorted(group, key=lambda c: c.confidence)}
        others = tuple(c for start, c in sorted(by_start.items()) if start != best.start)
        figures = {k: v for c in reversed(others) for k, v in c.attributes.items()}
        merged.append(replace(best, attributes={**figures, **best.attributes}, more=others))
    return tuple(sorted(merged, key=lambda c: (c.start, c.type, c.source, c.target)))


@dataclass(frozen=True)
class ProposedActor:
    """An entity the extractor found that matches no known actor."""

    id: str
    name: str
    kind: ActorKind
    label: str = ""  # spaCy's entity label (GPE, PERSON, ORG, NORP…)
    represents: str | None = None
    mentions: int = 1
    # for an actor the world reference knows (label "reference"): its other names
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["demonyms"], data["aliases"] = list(self.demonyms), list(self.aliases)
        return {**data, "proposed": True}
