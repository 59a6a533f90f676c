"""The one rule that says whether a proposed claim is a relation the data already holds.

Two relations can only be the same claim when they have the same type and the
same ends (in either order for an undirected type). Among those, a relation
that moves another commodity is another claim altogether (oil is not money).
The others are compared on what could still tell them apart:

- attributes: a commodity given on one side only, a different count;
- modality: asserted, hedged or negated;
- dates: the days the sentence's event falls in (`dating`) against the
  relation's `since`…`until` (a meeting "on Thursday" is not May's meeting).

No difference: the same claim. Any: possibly the same — review proposes a new
relation marked `possibly_same_as` and lets the analyst decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from explorer.model import Dataset, Relation
from explorer.review.dating import Dating

__all__ = ["Claim", "Match", "compare", "match", "relation_key"]

#: Attributes that make a different claim when both sides give different values.
IDENTIFYING = ("commodity",)
#: Attributes whose difference leaves the analyst in doubt.
DISTINGUISHING = ("commodity", "count")

_PREFERENCE = {"curated": 0, "extracted": 1, "rejected": 2}


def relation_key(source: str, target: str, type_id: str, directed: bool) -> tuple[str, str, str]:
    """What two relations must share to be the same claim: type and ends, in order only
    when the type is directed (`alliance` RUS–PRK is `alliance` PRK–RUS)."""
    if not directed:
        source, target = sorted((source, target))
    return (type_id, source, target)


@dataclass(frozen=True)
class Claim:
    """What a candidate states, in the data's terms (its ends mapped onto actors)."""

    source: str
    target: str
    type: str
    modality: str = "asserted"
    attributes: Mapping[str, object] | None = None
    dating: Dating | None = None  # when the text dates the event
    published: dt.date | None = None  # the article's date: the event is no later


@dataclass(frozen=True)
class Match:
    """How a claim stands against the data: `same` relation, `possible` (differences
    say why in doubt), or `none`."""

    kind: Literal["same", "possible", "none"]
    relation: Relation | None = None
    differences: tuple[str, ...] = ()


def _norm(value: object) -> str:
    return str(value).strip().casefold()


def compare(claim: Claim, relation: Relation) -> tuple[str, ...] | None:
    """None when `relation` is another claim (another commodity); else what differs
    between them (nothing: the same claim)."""
    attributes = claim.attributes or {}
    differences: list[str] = []
    for key in DISTINGUISHING:
        mine, theirs = attributes.get(key), relation.attributes.get(key)
        if mine is not None and theirs is not None:
            if _norm(mine) != _norm(theirs):
                if key in IDENTIFYING:
                    return None
                differences.append(f"{key} {mine} here, {theirs} in `{relation.id}`")
        elif mine is not None or theirs is not None:
            differences.append(f"{key} {mine if mine is not None else 'not given'} here, "
                               f"{theirs if theirs is not None else 'not given'} in "
                               f"`{relation.id}`")
    if claim.modality != relation.modality:
        differences.append(f"{claim.modality} here, {relation.modality} in `{relation.id}`")
    if relation.since is not None or relation.until is not None:
        if claim.dating is not None:
            first, last, what = claim.dating.first, claim.dating.last, claim.dating.how
        elif claim.published is not None:
            first, last, what = dt.date.min, claim.published, f"by {claim.published}"
        else:
            first = last = None
        if first is not None and not ((relation.until is None or first <= relation.until)
                                      and (relation.since is None or relation.since <= last)):
            span = f"{relation.since or '…'} to {relation.until or '…'}"
            differences.append(f"the event is dated {what} here, `{relation.id}` is in "
                               f"force {span}")
    return tuple(differences)


def match(dataset: Dataset, claim: Claim, relations: list[Relation] | None = None) -> Match:
    """The relation of the data (or of `relations`, the same claim's candidates) this
    claim states again.

    The same claim wins over a possible one; then a curated relation over an
    extracted one over a rejected one, then file order. Quotes for a curated
    relation gather on the proposal already marked `same_as` it, if any.
    """
    if relations is None:
        directed = _directed(dataset, claim.type)
        key = relation_key(claim.source, claim.target, claim.type, directed)
        relations = [r for r in dataset.relations
                     if r.type == claim.type and relation_key(r.source, r.target, r.type,
                                                              directed) == key]
    best: tuple[tuple[int, int, int], Match] | None = None
    for order, relation in enumerate(relations):
        differences = compare(claim, relation)
        if differences is None:
            continue
        kind: Literal["same", "possible"] = "possible" if differences else "same"
        rank = (0 if kind == "same" else 1, _PREFERENCE[relation.status], order)
        if best is None or rank < best[0]:
            best = (rank, Match(kind, relation, differences))
    if best is None:
        return Match("none")
    found = best[1]
    if found.kind == "same" and found.relation.status == "curated":
        pending = next((r for r in relations if r.status == "extracted"
                        and r.same_as == found.relation.id), None)
        if pending is not None:  # quotes for a curated relation wait together
            return Match("same", pending)
    return found


def _directed(dataset: Dataset, type_id: str) -> bool:
    try:
        return dataset.relation_type(type_id).directed
    except KeyError:
        return True
