"""Candidates: relations and actors the extractor proposes, before an analyst judges them.

Extraction produces these; review turns them into relations in the data file
(`status: extracted`, or new evidence on a matching relation). They are plain,
immutable values so that extraction stays a pure function of its inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from explorer.model import ActorKind, Modality

__all__ = ["Candidate", "ProposedActor"]


@dataclass(frozen=True)
class Candidate:
    """One proposed relation with the sentence that supports it.

    `source` and `target` are actor ids (known, or of a ProposedActor);
    `source_id` is the id of the document's Source, which the evidence cites;
    `start`/`end` are character offsets of `quote` in the document's text.
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
        }


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
