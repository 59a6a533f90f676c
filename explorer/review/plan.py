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
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from explorer.candidates import Candidate, ProposedActor
from explorer.model import Actor, Dataset, EndDate, Relation, Source, StartDate
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
    """A review decision that cannot apply as asked; nothing was written. Each says
    why with its own code (`no-such-relation`, `already-curated`…)."""

    def __init__(self, message: str, *, code: str, **fields: Any) -> None:
        super().__init__(message, code=code, **fields)


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
                 "aliases": actor.aliases, "demonyms": actor.demonyms,
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
    """The relations of one claim key, as planned so far, and the quotes each holds."""

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
    new_actors = _new_actors(dataset, proposed_actors, src.id, actor_map or {})
    stamp = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    reviewed: dict[str, Any] = {}
    if decision != "pending":
        reviewed = {"reviewed_by": reviewer, "reviewed_at": stamp}
        if note:
            reviewed["review_note"] = note
    planner = _Planner(dataset, src, new_actors, dict(actor_map or {}), dict(changes or {}),
                       decision, reviewed)
    candidates = list(candidates)
    planner.gather(candidates)
    outcomes = tuple(planner.whole(c) for c in candidates)
    written = any(o.action != "skipped" for o in outcomes)
    return Plan(
        source=src, add_source=written and not dataset.has_source(src.id),
        actors=tuple(new_actors), relations=tuple(planner.new.values()),
        updates=tuple(Update(i, u["values"], tuple(u["evidence"]))
                      for i, u in planner.updates.items()),
        outcomes=outcomes, decision=decision)


def _new_actors(dataset: Dataset, proposed: Iterable[ProposedActor | Actor | Mapping[str, Any]],
                source_id: str, mapping: Mapping[str, str]) -> list[dict[str, Any]]:
    """The entries of the proposed actors to add (those not mapped, not there already)."""
    entries = [actor_entry(a, source_id) for a in proposed]
    entries = [a for a in entries if a["id"] not in mapping]
    for entry in entries:
        if dataset.has_actor(entry["id"]) and dataset.actor(entry["id"]).name != entry.get("name"):
            name = dataset.actor(entry["id"]).name
            raise ReviewError(f"proposed actor id `{entry['id']}` already names {name}: map it "
                              "onto that actor (actor_map) or give it another id",
                              code="actor-id-taken", actor=entry["id"])
    # one accepted with an earlier candidate of the same article is there already
    return [a for a in entries if not dataset.has_actor(a["id"])]


class _Planner:
    """The plan of one article, built candidate by candidate: the new relations and
    the updates to known ones, with the relations of each claim as planned so far (a
    later candidate can state the claim of an earlier one)."""

    def __init__(self, dataset: Dataset, source: Source, new_actors: list[dict[str, Any]],
                 mapping: dict[str, str], changes: dict[str, Any], decision: Decision,
                 reviewed: dict[str, Any]) -> None:
        self.dataset, self.source, self.mapping = dataset, source, mapping
        self.changes, self.decision, self.reviewed = changes, decision, reviewed
        self.status = {"pending": "extracted", "accept": "curated",
                       "reject": "rejected"}[decision]
        self.actor_ids = {a.id for a in dataset.actors} | {a["id"] for a in new_actors}
        self.directed = {t.id: t.directed for t in dataset.types}
        self.taken = {r.id for r in dataset.relations}
        self.groups: dict[tuple[str, str, str], _Working] = {}
        self.new: dict[str, dict[str, Any]] = {}  # planned new relations, by id
        self.updates: dict[str, dict[str, Any]] = {}  # id -> {"values": …, "evidence": […]}

    def ends(self, candidate: Candidate) -> dict[str, str]:
        return {end: self.changes.get(end, self.mapping.get(actor, actor))
                for end, actor in (("source", candidate.source), ("target", candidate.target))}

    def gather(self, candidates: list[Candidate]) -> None:
        """The relations of the data between the actors the candidates name, by claim."""
        named = {actor for c in candidates for actor in self.ends(c).values()}
        for r in self.dataset.relations:
            if r.source in named and r.target in named:
                group = self.group(r.source, r.target, r.type)
                group.relations.append(r)
                group.quotes[r.id] = {(e.source, e.quote) for e in r.evidence}

    def group(self, source: str, target: str, type_id: str) -> _Working:
        key = relation_key(source, target, type_id, self.directed.get(type_id, True))
        return self.groups.setdefault(key, _Working([], {}))

    def whole(self, candidate: Candidate) -> Outcome:
        """What becomes of a candidate and of every sentence that states it: each is
        planned in turn, as sentences of one claim are (the later ones join the first
        one's relation, matched by the figures of the whole, each with its own quote and
        speaker; a sentence that dates the event — "on Tuesday" — goes first, so that the
        relation gets its `since`); its outcome is the first that files something."""
        known = self.dataset.has_source(candidate.source_id)
        published = self.dataset.source(candidate.source_id).published if known \
            else self.source.published
        parts = sorted(candidate.parts(), key=lambda p: date_event(
            p.quote, published, candidate.attributes.get("date")) is None)
        outcomes = [self.one(replace(part, attributes=candidate.attributes)) for part in parts]
        chosen = next((o for o in outcomes if o.action != "skipped"), outcomes[0])
        return replace(chosen, candidate=candidate)

    def one(self, candidate: Candidate) -> Outcome:
        """What becomes of one candidate (and its part of the plan)."""
        ends = self.ends(candidate)
        type_id = self.changes.get("type", candidate.type)
        missing = next((a for a in ends.values() if a not in self.actor_ids), None)
        if missing is not None:
            return Outcome(candidate, "skipped", "actor-not-in-data", actor=missing)
        if ends["source"] == ends["target"]:
            return Outcome(candidate, "skipped", "both-ends-same", actor=ends["source"])
        if type_id not in self.directed:
            return Outcome(candidate, "skipped", "type-not-in-data")
        known = self.dataset.has_source(candidate.source_id)
        cited = candidate.source_id if known else self.source.id
        item: dict[str, Any] = {"source": cited, "quote": candidate.quote,
                                "start": candidate.start, "end": candidate.end}
        speaker = self.mapping.get(candidate.speaker, candidate.speaker)
        if speaker in self.actor_ids:
            item["speaker"] = speaker
        group = self.group(ends["source"], ends["target"], type_id)
        holder = next((r for r in group.relations
                       if (cited, candidate.quote) in group.quotes.get(r.id, ())), None)
        if holder is not None:  # the same sentence of the same source, already filed
            code = "already-rejected" if holder.status == "rejected" else "already-evidence"
            return Outcome(candidate, "skipped", code, holder.id)
        published = self.dataset.source(cited).published if known else self.source.published
        claim = Claim(ends["source"], ends["target"], type_id,
                      self.changes.get("modality", candidate.modality), candidate.attributes,
                      date_event(candidate.quote, published, candidate.attributes.get("date")),
                      published)
        found = match(self.dataset, claim, group.relations)
        outcome = self.on_same(candidate, found.relation, item) if found.kind == "same" \
            else None
        if outcome is None:
            return self.propose(candidate, claim, found, item, group)
        group.quotes.setdefault(outcome.relation_id, set()).add((cited, candidate.quote))
        return outcome

    def on_same(self, candidate: Candidate, target: Relation, item: dict[str, Any]
                ) -> Outcome | None:
        """A candidate that states a relation of the data again: its quote joins that
        relation, or it is skipped; None when it must wait as a proposal of its own
        (a pending quote for a curated relation)."""
        decision, reviewed = self.decision, self.reviewed
        if target.status == "rejected":
            if decision == "pending":
                return Outcome(candidate, "skipped", "already-rejected", target.id)
            # rejected again: the quote joins it; accepted after all: it becomes curated
            self.attach(target, item, {} if decision == "reject" else
                        {"status": "curated", **reviewed})
            return Outcome(candidate, "attached", "same-claim", target.id)
        if target.status == "extracted":
            self.attach(target, item, {} if decision == "pending" else
                        {"status": self.status, **reviewed})
            return Outcome(candidate, "attached", "same-claim", target.id,
                           related=target.same_as)
        if decision == "accept":  # curated, and the analyst agrees
            self.attach(target, item, {})
            return Outcome(candidate, "attached", "same-claim", target.id)
        return None

    def attach(self, relation: Relation, item: dict[str, Any],
               values: Mapping[str, Any]) -> None:
        if relation.id in self.new:
            self.new[relation.id]["evidence"].append(item)
            self.new[relation.id].update(values)
        else:
            update = self.updates.setdefault(relation.id, {"values": {}, "evidence": []})
            update["evidence"].append(item)
            update["values"].update(values)

    def propose(self, candidate: Candidate, claim: Claim, found: Any, item: dict[str, Any],
                group: _Working) -> Outcome:
        """A new relation for the candidate; marked `same_as` or `possibly_same_as` the
        known relation it may state again, unless the analyst accepted it as it is."""
        relation_id = new_relation_id(claim.source, claim.target, claim.type, self.taken)
        self.taken.add(relation_id)
        data: dict[str, Any] = {
            "id": relation_id, "source": claim.source, "target": claim.target,
            "type": claim.type, "status": self.status,
            "confidence": round(float(self.changes.get("confidence", candidate.confidence)),
                                2),
            "modality": claim.modality, "summary": candidate.quote,
            "attributes": dict(candidate.attributes) or None,
        }
        if claim.dating is not None:
            data["since"] = claim.dating.since
        related, code = None, "new-claim"
        if found.relation is not None and self.decision != "accept":
            related = found.relation.id
            if found.kind == "same":
                data["same_as"], code = related, "proposed-evidence"
            else:
                data["possibly_same_as"], code = related, "possibly-same"
        data.update({k: v for k, v in self.changes.items()
                     if k not in ("source", "target", "type", "confidence", "modality")})
        data.update(self.reviewed)
        data["evidence"] = [item]
        self.new[relation_id] = data
        group.relations.append(_working(data))
        group.quotes[relation_id] = {(item["source"], item["quote"])}
        return Outcome(candidate, "rejected" if self.decision == "reject" else "added", code,
                       relation_id, related,
                       found.differences if code == "possibly-same" else ())


_DAYS = {"since": TypeAdapter(StartDate), "until": TypeAdapter(EndDate)}


def _working(data: dict[str, Any]) -> Relation:
    """A new relation as the batch's later claims are matched against it: not validated
    (the draft does that), but with its dates as dates, as the file will read them (a
    year or `YYYY-MM` is its period's first or last day)."""
    values = {k: v for k, v in data.items() if v is not None}
    for key, adapter in _DAYS.items():
        if key in values:
            try:
                values[key] = adapter.validate_python(values[key])
            except ValidationError:
                del values[key]  # the draft's validation refuses it, with its place
    return Relation.model_construct(**values)
