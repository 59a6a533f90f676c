"""What review will do with an article's candidates: a plan, computed without writing.

`plan` is a pure function of the data, the article's source, its candidates, the
analyst's decision on them and who decides when. It says, per candidate, what
is added, attached or rejected, and why (`Outcome`, with a code from OUTCOMES),
and holds the entries to write; `apply.apply` writes it in one change.

The decision is `pending` (the candidates wait in the review queue: what
`explorer extract --write` and the app's Add article do), `accept` or `reject`.
A pending quote never reaches a curated relation: it waits as a proposal marked
`same_as` that relation, which the analyst accepts or rejects. A claim that may
or may not be a known relation (`match`) becomes a new relation marked
`possibly_same_as` it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from explorer.candidates import Candidate, ProposedActor
from explorer.model import Actor, Dataset, Relation, Source
from explorer.problems import Refusal
from explorer.review.dating import date_event
from explorer.review.ids import new_relation_id
from explorer.review.match import Claim, match, relation_key

__all__ = ["OUTCOMES", "Decision", "Outcome", "Plan", "Update", "as_source", "plan"]

Decision = Literal["pending", "accept", "reject"]
Action = Literal["added", "attached", "rejected", "skipped"]

#: What became of a candidate, by code (documented in docs/review.md).
OUTCOMES: dict[str, str] = {
    "new-claim": "a new relation",
    "possibly-same": "a new relation marked possibly the same as a known one (its "
                     "attributes, dates or modality differ): the analyst decides",
    "proposed-evidence": "a proposal to add the quote to a curated relation, waiting for "
                         "the analyst",
    "same-claim": "the quote added to the relation that states the same claim",
    "already-evidence": "the quote is already evidence of that relation",
    "already-rejected": "an analyst rejected the same claim before",
    "actor-not-in-data": "an end is not an actor of the data: add the proposed actor or "
                         "map it onto a known one",
    "both-ends-same": "both ends are the same actor",
    "type-not-in-data": "the type is not a relation type of the data",
}


class ReviewError(Refusal):
    """A review decision that cannot apply as asked; nothing was written."""

    code = "bad-source"


@dataclass(frozen=True)
class Outcome:
    """What becomes of one candidate: `action`, and why (`code`, a key of OUTCOMES)."""

    candidate: Candidate
    action: Action
    code: str
    relation_id: str | None = None  # the relation added, or the one it concerns
    related: str | None = None  # the curated relation a proposal is marked as the same as
    differences: tuple[str, ...] = ()  # why a match is in doubt
    actor: str | None = None  # the end that is not in the data

    @property
    def reason(self) -> str:
        """The outcome in words, for people (code and fields are for programs)."""
        text = OUTCOMES[self.code]
        if self.actor:
            text += f" (`{self.actor}`)"
        if self.related:
            text += f" (`{self.related}`)"
        elif self.relation_id and self.action == "skipped":
            text += f" (`{self.relation_id}`)"
        if self.differences:
            text += ": " + "; ".join(self.differences)
        return text


@dataclass(frozen=True)
class Update:
    """Values set on, and evidence appended to, a relation already in the file."""

    relation_id: str
    values: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class Plan:
    """Everything one article's review writes, and what became of each candidate."""

    source: Source  # the article's source, as the evidence cites it
    add_source: bool
    actors: tuple[Mapping[str, Any], ...]
    relations: tuple[Mapping[str, Any], ...]  # new relations, with their evidence
    updates: tuple[Update, ...]
    outcomes: tuple[Outcome, ...]
    decision: Decision = "pending"

    @property
    def counts(self) -> dict[str, int]:
        return {a: sum(o.action == a for o in self.outcomes)
                for a in ("added", "attached", "rejected", "skipped")}

    @property
    def writes(self) -> bool:
        return bool(self.actors or self.relations or self.updates or self.add_source)

    @property
    def summary(self) -> str:
        if not self.outcomes:
            return f"{self.source.id}: new source"
        counts = self.counts
        status = {"pending": "extracted", "accept": "curated", "reject": "rejected"}
        parts = [f"{counts['added'] + counts['rejected']} new {status[self.decision]} "
                 "relation(s)", f"{counts['attached']} quote(s) on known relations"]
        if self.actors:
            parts.append(f"{len(self.actors)} new actor(s)")
        if self.add_source:
            parts.append("new source")
        return f"{self.source.id}: " + ", ".join(parts)


def as_source(source: Source | Mapping[str, Any]) -> Source:
    """A Source from a Source or its fields; ReviewError (bad-source) naming the field."""
    if isinstance(source, Source):
        return source
    try:
        return Source.model_validate(dict(source))
    except ValidationError as exc:
        first = exc.errors()[0]
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ReviewError(f"the source's metadata is not valid: {details}", code="bad-source",
                          field=".".join(map(str, first["loc"]))) from None


def actor_entry(actor: ProposedActor | Actor | Mapping[str, Any], source_id: str
                ) -> dict[str, Any]:
    """The data-file entry of an actor to add (a proposed actor notes where it came from)."""
    if isinstance(actor, ProposedActor):
        entry = {"id": actor.id, "name": actor.name, "kind": actor.kind,
                 "represents": actor.represents,
                 "notes": f"Proposed by extraction from {source_id}."}
    elif isinstance(actor, Actor):
        entry = actor.model_dump(mode="python", exclude_defaults=True)
    else:
        entry = dict(actor)
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        raise ReviewError(f"a proposed actor has no id: {entry!r}", code="bad-actor")
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in entry.items()
            if v not in (None, "", (), [])}


@dataclass
class _Working:
    """The relations of one claim key, as planned so far."""

    relations: list[Relation]
    quotes: dict[str, set[tuple[str, str]]]


def plan(
    dataset: Dataset,
    source: Source | Mapping[str, Any],
    candidates: Iterable[Candidate],
    proposed_actors: Iterable[ProposedActor | Actor | Mapping[str, Any]] = (),
    *,
    decision: Decision = "pending",
    actor_map: Mapping[str, str] | None = None,
    changes: Mapping[str, Any] | None = None,
    note: str | None = None,
    reviewer: str = "",
    now: dt.datetime | None = None,
) -> Plan:
    """What review of one article's candidates will write (nothing is written here).

    - `source`: the article's Source, added if its id is new (a known id cites the source
      the data has: give a new article an id of its own, `ids.new_source_id`).
    - `proposed_actors`: new actors the analyst accepted (added); `actor_map` maps other
      proposed ids onto known actors; a candidate whose end is still unknown is
      skipped (`actor-not-in-data`).
    - `decision`: `pending`, `accept` (curated, `reviewed_by` = `reviewer` at `now`) or
      `reject` (`note` as the reason).
    - `changes`: fields for the new relations (ends and type also steer the matching).
    """
    src = as_source(source)
    known = {s.id: s for s in dataset.sources}
    mapping = dict(actor_map or {})
    new_actors = [actor_entry(a, src.id) for a in proposed_actors]
    new_actors = [a for a in new_actors if a["id"] not in mapping]
    for entry in new_actors:
        if dataset.has_actor(entry["id"]) and dataset.actor(entry["id"]).name != entry.get("name"):
            name = dataset.actor(entry["id"]).name
            raise ReviewError(f"proposed actor id `{entry['id']}` already names {name}: map it "
                              "onto that actor (actor_map) or give it another id",
                              code="actor-id-taken", actor=entry["id"])
    # one accepted with an earlier candidate of the same article is there already
    new_actors = [a for a in new_actors if not dataset.has_actor(a["id"])]
    actor_ids = {a.id for a in dataset.actors} | {a["id"] for a in new_actors}
    changes = dict(changes or {})
    stamp = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    status = {"pending": "extracted", "accept": "curated", "reject": "rejected"}[decision]
    reviewed = {} if decision == "pending" else {"reviewed_by": reviewer, "reviewed_at": stamp}
    if note and decision != "pending":
        reviewed["review_note"] = note
    directed = {t.id: t.directed for t in dataset.types}

    candidates = list(candidates)

    def ends_of(candidate: Candidate) -> dict[str, str]:
        return {end: changes.get(end, mapping.get(actor, actor))
                for end, actor in (("source", candidate.source), ("target", candidate.target))}

    named = {actor for c in candidates for actor in ends_of(c).values()}
    groups: dict[tuple[str, str, str], _Working] = {}
    for r in dataset.relations:
        if r.source in named and r.target in named:
            key = relation_key(r.source, r.target, r.type, directed.get(r.type, True))
            group = groups.setdefault(key, _Working([], {}))
            group.relations.append(r)
            group.quotes[r.id] = {(e.source, e.quote) for e in r.evidence}

    taken = {r.id for r in dataset.relations}
    outcomes: list[Outcome] = []
    new: dict[str, dict[str, Any]] = {}  # planned new relations, by id
    updates: dict[str, dict[str, Any]] = {}  # relation id -> {"values": …, "evidence": […]}

    def attach(relation: Relation, item: dict[str, Any], values: Mapping[str, Any]) -> None:
        if relation.id in new:
            new[relation.id]["evidence"].append(item)
            new[relation.id].update(values)
        else:
            update = updates.setdefault(relation.id, {"values": {}, "evidence": []})
            update["evidence"].append(item)
            update["values"].update(values)

    for candidate in candidates:
        ends = ends_of(candidate)
        type_id = changes.get("type", candidate.type)
        missing = next((a for a in ends.values() if a not in actor_ids), None)
        if missing is not None:
            outcomes.append(Outcome(candidate, "skipped", "actor-not-in-data", actor=missing))
            continue
        if ends["source"] == ends["target"]:
            outcomes.append(Outcome(candidate, "skipped", "both-ends-same",
                                    actor=ends["source"]))
            continue
        if type_id not in directed:
            outcomes.append(Outcome(candidate, "skipped", "type-not-in-data"))
            continue
        cited = candidate.source_id if candidate.source_id in known else src.id
        item: dict[str, Any] = {"source": cited, "quote": candidate.quote,
                                "start": candidate.start, "end": candidate.end}
        speaker = mapping.get(candidate.speaker, candidate.speaker)
        if speaker in actor_ids:
            item["speaker"] = speaker
        key = relation_key(ends["source"], ends["target"], type_id, directed[type_id])
        group = groups.setdefault(key, _Working([], {}))
        holder = next((r for r in group.relations
                       if (cited, candidate.quote) in group.quotes.get(r.id, ())), None)
        if holder is not None:  # the same sentence of the same source, already filed
            code = "already-rejected" if holder.status == "rejected" else "already-evidence"
            outcomes.append(Outcome(candidate, "skipped", code, holder.id))
            continue
        published = known[cited].published if cited in known else src.published
        dating = date_event(candidate.quote, published, candidate.attributes.get("date"))
        claim = Claim(ends["source"], ends["target"], type_id,
                      changes.get("modality", candidate.modality), candidate.attributes,
                      dating, published)
        found = match(dataset, claim, group.relations)
        target = found.relation if found.kind == "same" else None
        outcome: Outcome | None = None
        if target is not None and target.status == "rejected":
            if decision == "pending":
                outcome = Outcome(candidate, "skipped", "already-rejected", target.id)
            else:  # rejected again: the quote joins it; accepted after all: it is curated
                attach(target, item, {} if decision == "reject" else
                       {"status": "curated", **reviewed})
                outcome = Outcome(candidate, "attached", "same-claim", target.id)
        elif target is not None and target.status == "extracted":
            attach(target, item, {} if decision == "pending" else {"status": status, **reviewed})
            outcome = Outcome(candidate, "attached", "same-claim", target.id,
                              related=target.same_as)
        elif target is not None and decision == "accept":  # curated, and the analyst agrees
            attach(target, item, {})
            outcome = Outcome(candidate, "attached", "same-claim", target.id)
        if outcome is None:
            outcome = _propose(candidate, ends, type_id, claim, found, decision, status,
                               reviewed, changes, item, taken, new, group)
        else:
            group.quotes.setdefault(outcome.relation_id, set()).add((cited, candidate.quote))
        outcomes.append(outcome)

    written = any(o.action != "skipped" for o in outcomes)
    return Plan(
        source=src, add_source=written and src.id not in known,
        actors=tuple(new_actors), relations=tuple(new.values()),
        updates=tuple(Update(i, u["values"], tuple(u["evidence"])) for i, u in updates.items()),
        outcomes=tuple(outcomes), decision=decision)


def _propose(candidate: Candidate, ends: dict[str, str], type_id: str, claim: Claim,
             found: Any, decision: Decision, status: str, reviewed: Mapping[str, Any],
             changes: Mapping[str, Any], item: dict[str, Any], taken: set[str],
             new: dict[str, dict[str, Any]], group: _Working) -> Outcome:
    """A new relation for the candidate; marked `same_as` or `possibly_same_as` the known
    relation it may state again, unless the analyst accepted it as it is."""
    relation_id = new_relation_id(ends["source"], ends["target"], type_id, taken)
    taken.add(relation_id)
    data: dict[str, Any] = {
        "id": relation_id, **ends, "type": type_id, "status": status,
        "confidence": round(float(changes.get("confidence", candidate.confidence)), 2),
        "modality": claim.modality, "summary": candidate.quote,
        "attributes": dict(candidate.attributes) or None,
    }
    if claim.dating is not None:
        data["since"] = claim.dating.since
    related, code = None, "new-claim"
    if found.relation is not None and decision != "accept":
        related = found.relation.id
        if found.kind == "same":
            data["same_as"], code = related, "proposed-evidence"
        else:
            data["possibly_same_as"], code = related, "possibly-same"
    data.update({k: v for k, v in changes.items()
                 if k not in ("source", "target", "type", "confidence", "modality")})
    data.update(reviewed)
    data["evidence"] = [item]
    new[relation_id] = data
    group.relations.append(Relation.model_construct(
        **{k: v for k, v in data.items() if v is not None}))
    group.quotes[relation_id] = {(item["source"], item["quote"])}
    return Outcome(candidate, "rejected" if decision == "reject" else "added", code,
                   relation_id, related, found.differences if code == "possibly-same" else ())
