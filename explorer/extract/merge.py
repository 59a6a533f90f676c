"""Where candidates belong in a Dataset: new evidence, new relations, or already rejected.

A pure plan for the review write path to carry out. A candidate matches a
relation with the same ends and type — in either order for an undirected
type. Matching a `status: rejected` relation means an analyst already said
no: it is not proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from explorer.candidates import Candidate
from explorer.model import Dataset, Relation

__all__ = ["MergePlan", "match", "plan_merge"]


@dataclass(frozen=True)
class MergePlan:
    """Candidates sorted by what the writer should do with them."""

    evidence: tuple[tuple[Candidate, str], ...] = ()  # (candidate, relation id) to add to
    new: tuple[Candidate, ...] = ()  # to add as `status: extracted` relations
    rejected: tuple[tuple[Candidate, str], ...] = ()  # (candidate, rejected relation id)
    duplicate_evidence: tuple[tuple[Candidate, str], ...] = field(default=())  # quote known


def _key(source: str, target: str, type_: str, directed: bool) -> tuple[str, str, str]:
    if not directed and target < source:
        source, target = target, source
    return (source, target, type_)


def match(dataset: Dataset, candidate: Candidate) -> list[Relation]:
    """Relations with the candidate's ends and type (direction as the type says)."""
    directed = _directed(dataset, candidate.type)
    key = _key(candidate.source, candidate.target, candidate.type, directed)
    return [r for r in dataset.relations
            if r.type == candidate.type and _key(r.source, r.target, r.type, directed) == key]


def _directed(dataset: Dataset, type_id: str) -> bool:
    try:
        return dataset.relation_type(type_id).directed
    except KeyError:
        return True


def plan_merge(dataset: Dataset, candidates: Iterable[Candidate]) -> MergePlan:
    """Sort candidates into new evidence, new relations and already-rejected ones.

    A rejected match wins over an accepted one (an analyst's "no" is not
    overridden by extraction); a quote already cited by the relation is
    reported as `duplicate_evidence` rather than added twice.
    """
    evidence, new, rejected, dup = [], [], [], []
    for cand in candidates:
        found = match(dataset, cand)
        refused = [r for r in found if r.status == "rejected"]
        if refused:
            rejected.append((cand, refused[0].id))
            continue
        if not found:
            new.append(cand)
            continue
        relation = found[0]
        if any(e.quote.strip() == cand.quote.strip() for e in relation.evidence):
            dup.append((cand, relation.id))
        else:
            evidence.append((cand, relation.id))
    return MergePlan(tuple(evidence), tuple(new), tuple(rejected), tuple(dup))
