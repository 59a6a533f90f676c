"""Review: candidates from extraction into the data file, and the analyst's decisions.

Candidates arrive as `status: extracted` relations (or as new evidence on the
relation they match); the analyst accepts (`curated`), edits or rejects
(`rejected`, kept so the same claim is not proposed again) each one. Every
decision records who (`reviewed_by`) and when (`reviewed_at`). All writes go
through `edit.Draft`: minimal, verified, atomic, refused if the file changed
since the caller read it. Each returns the new Dataset, ready to show.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from explorer.candidates import Candidate, ProposedActor
from explorer.edit import Change, Draft, EditError
from explorer.model import Actor, Dataset, Relation, Source, Status

__all__ = [
    "EDITABLE",
    "Added",
    "Outcome",
    "ReviewError",
    "UnknownRelation",
    "accept",
    "accept_candidate",
    "add_articles",
    "add_candidates",
    "current_reviewer",
    "edit",
    "find_match",
    "new_relation_id",
    "queue",
    "reject",
    "reject_candidate",
    "relation_key",
]

#: Fields of a relation an analyst may change while reviewing it.
EDITABLE = ("source", "target", "type", "modality", "confidence", "summary", "since", "until",
            "attributes", "tags", "notes", "judgement")

_PREFERENCE = {"curated": 0, "extracted": 1, "rejected": 2}


class ReviewError(EditError):
    """A review decision that cannot apply as asked; nothing was written."""


class UnknownRelation(ReviewError):
    """No relation has the given id."""


# ------------------------------------------------------------------ matching
def relation_key(source: str, target: str, type_id: str, directed: bool) -> tuple[str, str, str]:
    """What makes two relations the same claim: same type and ends, in order only
    when the type is directed (`alliance` RUS–PRK is `alliance` PRK–RUS)."""
    if not directed:
        source, target = sorted((source, target))
    return (type_id, source, target)


def _directed(dataset: Dataset, type_id: str) -> bool:
    try:
        return dataset.relation_type(type_id).directed
    except KeyError:
        return True


def find_match(dataset: Dataset, source: str, target: str, type_id: str) -> Relation | None:
    """The relation already in the data that states the same claim: a curated one
    first, else an extracted one, else a rejected one (in file order); None if none."""
    key = relation_key(source, target, type_id, _directed(dataset, type_id))
    found = [r for r in dataset.relations
             if r.type == type_id and relation_key(r.source, r.target, r.type,
                                                   _directed(dataset, r.type)) == key]
    return min(found, key=lambda r: _PREFERENCE[r.status], default=None)


def new_relation_id(source: str, target: str, type_id: str, taken: Iterable[str]) -> str:
    """A readable id not in `taken`: `rus-prk-military_support`, then `…-2`, `…-3`."""
    base = re.sub(r"[^a-z0-9._-]+", "-", f"{source}-{target}-{type_id}".lower()).strip("-._")
    base = base[:100] or "relation"
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# ------------------------------------------------------------------- who, when
def current_reviewer(explicit: str | None = None) -> str:
    """Who decides: the name given (the app's setting), else $EXPLORER_REVIEWER,
    else the operating-system user."""
    name = (explicit or "").strip() or os.environ.get("EXPLORER_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "unknown"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# ---------------------------------------------------------------- the queue
def queue(dataset: Dataset, *, source: str | None = None, type: str | None = None,
          status: Status = "extracted") -> list[Relation]:
    """Relations waiting for review (`status`), in file order; `source` keeps those
    with evidence from that source (an article), `type` those of that type."""
    return [r for r in dataset.relations
            if r.status == status and (type is None or r.type == type)
            and (source is None or any(e.source == source for e in r.evidence))]


def _relation(dataset: Dataset, relation_id: str) -> Relation:
    try:
        return dataset.relation(relation_id)
    except KeyError:
        waiting = len(queue(dataset))
        raise UnknownRelation(f"no relation has the id `{relation_id}` in {dataset.path} "
                              f"({waiting} wait for review: `explorer review list`)") from None


def _changes(relation: Relation, changes: Mapping[str, Any] | None) -> dict[str, Any]:
    """The requested changes that differ from the relation (None removes a field)."""
    out: dict[str, Any] = {}
    for key, value in _editable(changes).items():
        try:
            same = Relation.model_validate({**relation.model_dump(), key: value}) == relation
        except ValidationError:
            same = False  # the write will refuse it with the validator's located message
        if not same:
            out[key] = value
    return out


def _editable(changes: Mapping[str, Any] | None) -> dict[str, Any]:
    """Changes checked against EDITABLE; full ISO dates become dates (written unquoted)."""
    out = dict(changes or {})
    for key, value in out.items():
        if key not in EDITABLE:
            raise ReviewError(f"`{key}` cannot be changed in review; editable: "
                              f"{', '.join(EDITABLE)}")
        if isinstance(value, str) and key in ("since", "until"):
            with contextlib.suppress(ValueError):  # a month or a year stays as given
                out[key] = dt.date.fromisoformat(value)
    return out


def _decide(dataset: Dataset, relation_id: str, status: Status | None,
            changes: Mapping[str, Any] | None, note: str | None, who: str | None,
            verb: str) -> Change:
    relation = _relation(dataset, relation_id)
    values = _changes(relation, changes)
    if status is None and not values and not note:  # an edit that changes nothing
        return Draft(dataset).commit(f"{verb} {relation_id}: nothing changed")
    if status is not None:
        values["status"] = status
    values["reviewed_by"] = current_reviewer(who)
    values["reviewed_at"] = _now()
    if note:
        values["review_note"] = note
    draft = Draft(dataset)
    draft.update("relations", relation_id, values)
    told = ", ".join(f"{k} {v}" for k, v in values.items() if k in EDITABLE)
    return draft.commit(f"{verb} {relation_id}" + (f" ({told})" if told else ""),
                        by=values["reviewed_by"])


def accept(dataset: Dataset, relation_id: str, changes: Mapping[str, Any] | None = None, *,
           note: str | None = None, reviewer: str | None = None) -> Change:
    """Make an extracted (or rejected) relation curated, with optional `changes` to
    EDITABLE fields (e.g. `{"type": "pressure", "confidence": 0.6}`)."""
    relation = _relation(dataset, relation_id)
    if relation.status == "curated":
        raise ReviewError(f"`{relation_id}` is already curated: there is nothing to accept")
    return _decide(dataset, relation_id, "curated", changes, note, reviewer, "accepted")


def edit(dataset: Dataset, relation_id: str, changes: Mapping[str, Any], *,
         note: str | None = None, reviewer: str | None = None) -> Change:
    """Change EDITABLE fields of a relation, keeping its status."""
    return _decide(dataset, relation_id, None, changes, note, reviewer, "edited")


def reject(dataset: Dataset, relation_id: str, reason: str | None = None, *,
           reviewer: str | None = None) -> Change:
    """Mark an extracted relation `rejected` (kept in the file, so the claim is not
    proposed again), with the reason as `review_note`."""
    relation = _relation(dataset, relation_id)
    if relation.status != "extracted":
        raise ReviewError(f"`{relation_id}` is {relation.status}; only extracted relations "
                          "are rejected in review (edit a curated one in the file)")
    return _decide(dataset, relation_id, "rejected", None, reason, reviewer, "rejected")


# ---------------------------------------------------------------- candidates
@dataclass(frozen=True)
class Outcome:
    """What became of one candidate: a new relation, evidence on one, or nothing."""

    candidate: Candidate
    action: Literal["added", "evidence", "skipped"]
    relation_id: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Added:
    """The result of `add_candidates`: the write (None if nothing needed writing or
    on a dry run), the data as it now is, and one Outcome per candidate."""

    dataset: Dataset
    change: Change | None
    outcomes: tuple[Outcome, ...]
    actors: tuple[str, ...] = ()  # ids of actors added
    source: str | None = None  # id of the source added (None if it was known)

    @property
    def counts(self) -> dict[str, int]:
        return {a: sum(o.action == a for o in self.outcomes)
                for a in ("added", "evidence", "skipped")}


@dataclass
class _Pending:
    """A relation as planned: one already in the file, or a new one."""

    data: dict[str, Any]
    status: str
    existing: bool
    quotes: set[tuple[str, str]] = field(default_factory=set)
    values: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)


def _as_source(source: Source | Mapping[str, Any]) -> Source:
    if isinstance(source, Source):
        return source
    try:
        return Source.model_validate(dict(source))
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ReviewError(f"the source's metadata is not valid: {details}") from None


def _actor_entry(actor: ProposedActor | Actor | Mapping[str, Any], source_id: str
                 ) -> dict[str, Any]:
    if isinstance(actor, ProposedActor):
        entry = {"id": actor.id, "name": actor.name, "kind": actor.kind,
                 "aliases": actor.aliases, "demonyms": actor.demonyms,
                 "represents": actor.represents,
                 "notes": f"Proposed by extraction from {source_id}."}
    elif isinstance(actor, Actor):
        entry = actor.model_dump(mode="python", exclude_defaults=True)
    else:
        entry = dict(actor)
    if not isinstance(entry.get("id"), str):
        raise ReviewError(f"a proposed actor has no id: {entry!r}")
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in entry.items()
            if v not in (None, "", ())}


def add_candidates(
    dataset: Dataset,
    source: Source | Mapping[str, Any],
    candidates: Iterable[Candidate],
    proposed_actors: Iterable[ProposedActor | Actor | Mapping[str, Any]] = (),
    *,
    status: Status = "extracted",
    actor_map: Mapping[str, str] | None = None,
    changes: Mapping[str, Any] | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    dry_run: bool = False,
) -> Added:
    """Write candidates of one article into the data file, in one change.

    - `source`: the article's Source (added if its id is new).
    - `proposed_actors`: the new actors the analyst accepted (added); `actor_map`
      maps other proposed ids onto known actors. A candidate whose end is still
      unknown is skipped, saying so.
    - `status="extracted"` (the review queue): a candidate stating the same claim as
      a curated or extracted relation (`find_match`) adds its quote as evidence
      there; one matching only a rejected relation is skipped; others become new
      `extracted` relations with readable ids.
    - `status="curated"` (the analyst accepted it): evidence on the match, which
      becomes curated if it was not, or a new curated relation; reviewed_by/at set.
    - `status="rejected"` (the analyst rejected it): recorded as a rejected relation
      (or as evidence on the rejected one it matches), `note` as the reason.
    - `changes`: EDITABLE fields for the new relations (ends and type also steer
      the matching).
    - `dry_run`: plan only; `Added.outcomes` says what would happen.
    """
    src = _as_source(source)
    known_sources = {s.id for s in dataset.sources}
    actor_ids = {a.id for a in dataset.actors}
    mapping = dict(actor_map or {})
    new_actors = [_actor_entry(a, src.id) for a in proposed_actors]
    new_actors = [a for a in new_actors if a["id"] not in mapping]
    for entry in new_actors:
        if entry["id"] in actor_ids and dataset.actor(entry["id"]).name != entry.get("name"):
            name = dataset.actor(entry["id"]).name
            raise ReviewError(f"proposed actor id `{entry['id']}` already names {name}: map it "
                              "onto that actor (actor_map) or give it another id")
    # one accepted with an earlier candidate of the same article is there already
    new_actors = [a for a in new_actors if a["id"] not in actor_ids]
    actor_ids |= {a["id"] for a in new_actors}
    changes = _editable(changes)
    who = current_reviewer(reviewer)
    stamp = _now()

    def ends_of(candidate: Candidate) -> dict[str, str]:
        return {end: changes.get(end, mapping.get(actor, actor))
                for end, actor in (("source", candidate.source), ("target", candidate.target))}

    # the relations between actors the candidates name, by claim; the plan for each
    # relation touched collects in `pending`
    candidates = list(candidates)
    named = {actor for c in candidates for actor in ends_of(c).values()}
    directed = {t.id: t.directed for t in dataset.types}
    by_key: dict[tuple[str, str, str], list[str]] = {}
    for r in dataset.relations:
        if r.source in named and r.target in named:
            key = relation_key(r.source, r.target, r.type, directed.get(r.type, True))
            by_key.setdefault(key, []).append(r.id)
    pending: dict[str, _Pending] = {}

    def plan(relation_id: str) -> _Pending:
        if relation_id not in pending:
            r = dataset.relation(relation_id)
            pending[relation_id] = _Pending({"id": r.id}, r.status, True,
                                            {(e.source, e.quote) for e in r.evidence})
        return pending[relation_id]

    taken = {r.id for r in dataset.relations}
    outcomes: list[Outcome] = []
    new_ids: list[str] = []

    for candidate in candidates:
        ends = ends_of(candidate)
        type_id = changes.get("type", candidate.type)
        missing = [a for a in ends.values() if a not in actor_ids]
        reason = ""
        if missing:
            reason = (f"actor `{missing[0]}` is not in the data: accept the proposed actor or "
                      "map it onto a known one")
        elif ends["source"] == ends["target"]:
            reason = f"both ends are `{ends['source']}`"
        elif type_id not in directed:
            reason = f"`{type_id}` is not a relation type"
        if reason:
            outcomes.append(Outcome(candidate, "skipped", reason=reason))
            continue
        source_id = candidate.source_id if candidate.source_id in known_sources else src.id
        item: dict[str, Any] = {"source": source_id, "quote": candidate.quote,
                                "start": candidate.start, "end": candidate.end}
        speaker = mapping.get(candidate.speaker, candidate.speaker)
        if speaker in actor_ids:
            item["speaker"] = speaker
        key = relation_key(ends["source"], ends["target"], type_id, directed[type_id])
        matches = sorted(by_key.get(key, []), key=lambda i: _PREFERENCE[plan(i).status])
        if status == "rejected":
            matches = [m for m in matches if pending[m].status == "rejected"]
        elif status == "extracted" and matches and pending[matches[0]].status == "rejected":
            outcomes.append(Outcome(candidate, "skipped", matches[0],
                                    f"the same claim was rejected as `{matches[0]}`"))
            continue
        if matches:
            target = pending[matches[0]]
            if (source_id, candidate.quote) in target.quotes:
                outcomes.append(Outcome(candidate, "skipped", matches[0],
                                        f"already evidence of `{matches[0]}`"))
                continue
            target.quotes.add((source_id, candidate.quote))
            target.evidence.append(item)
            if status == "curated" and target.status != "curated":
                target.status = "curated"
                target.values.update(status="curated", reviewed_by=who, reviewed_at=stamp)
                if note:
                    target.values["review_note"] = note
            outcomes.append(Outcome(candidate, "evidence", matches[0]))
            continue
        relation_id = new_relation_id(ends["source"], ends["target"], type_id, taken)
        taken.add(relation_id)
        data: dict[str, Any] = {
            "id": relation_id, **ends, "type": type_id, "status": status,
            "confidence": round(float(changes.get("confidence", candidate.confidence)), 2),
            "modality": changes.get("modality", candidate.modality),
            "attributes": dict(candidate.attributes) or None,
            **{k: v for k, v in changes.items()
               if k not in ("source", "target", "type", "confidence", "modality")},
        }
        if status != "extracted":
            data.update(reviewed_by=who, reviewed_at=stamp)
        if note:
            data["review_note"] = note
        pending[relation_id] = _Pending(data, status, False, {(source_id, candidate.quote)},
                                        evidence=[item])
        by_key.setdefault(key, []).append(relation_id)
        new_ids.append(relation_id)
        outcomes.append(Outcome(candidate, "added", relation_id))

    written = any(o.action != "skipped" for o in outcomes)
    add_source = src.id not in known_sources and written
    if dry_run or not (written or new_actors):
        return Added(dataset, None, tuple(outcomes))
    draft = Draft(dataset)
    for entry in new_actors:
        draft.append("actors", entry)
    if add_source:
        draft.append("sources", src.model_dump(mode="python", exclude_defaults=True))
    for relation_id, plan in pending.items():
        if plan.existing and (plan.values or plan.evidence):
            draft.update("relations", relation_id, plan.values,
                         extend={"evidence": plan.evidence} if plan.evidence else None)
    for relation_id in new_ids:
        plan = pending[relation_id]
        draft.append("relations", {**plan.data, "evidence": plan.evidence})
    counts = {a: sum(o.action == a for o in outcomes) for a in ("added", "evidence", "skipped")}
    summary = (f"{src.id}: {counts['added']} new {status} relation(s), {counts['evidence']} "
               f"evidence item(s) on known relations, {len(new_actors)} new actor(s)"
               + (", new source" if add_source else ""))
    change = draft.commit(summary, by=who)
    return Added(change.dataset, change, tuple(outcomes), tuple(a["id"] for a in new_actors),
                 src.id if add_source else None)


def add_articles(dataset: Dataset,
                 articles: Sequence[tuple[Source | Mapping[str, Any], Sequence[Candidate]]],
                 *, reviewer: str | None = None) -> list[Added]:
    """Write several articles' candidates for review (`explorer extract --write`).

    Each article is one change (`add_candidates`, status `extracted`). Originals
    are written before the copies that name them in `derived_from`, and an
    original is added as a source even when none of its candidates is written,
    so that its copies never count as independent confirmation.
    """
    sources = [_as_source(src) for src, _ in articles]
    needed = {s.derived_from for s in sources if s.derived_from}
    order = sorted(range(len(articles)), key=lambda i: sources[i].derived_from is not None)
    results: list[Added] = []
    for i in order:
        added = add_candidates(dataset, sources[i], articles[i][1], reviewer=reviewer)
        dataset = added.dataset
        if sources[i].id in needed and not any(s.id == sources[i].id for s in dataset.sources):
            draft = Draft(dataset)
            draft.append("sources", sources[i].model_dump(mode="python", exclude_defaults=True))
            change = draft.commit(f"{sources[i].id}: new source (an original of a copy)",
                                  by=current_reviewer(reviewer))
            dataset = change.dataset
            added = Added(dataset, change, added.outcomes, added.actors, sources[i].id)
        results.append(added)
    return results


def accept_candidate(
    dataset: Dataset,
    source: Source | Mapping[str, Any],
    candidate: Candidate,
    changes: Mapping[str, Any] | None = None,
    *,
    proposed_actors: Sequence[ProposedActor | Actor | Mapping[str, Any]] = (),
    actor_map: Mapping[str, str] | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> Added:
    """The analyst accepts one candidate (the app's Accept): a curated relation, or
    its quote as evidence on the relation it matches."""
    return add_candidates(dataset, source, [candidate], proposed_actors, status="curated",
                          actor_map=actor_map, changes=changes, note=note, reviewer=reviewer)


def reject_candidate(
    dataset: Dataset,
    source: Source | Mapping[str, Any],
    candidate: Candidate,
    reason: str | None = None,
    *,
    proposed_actors: Sequence[ProposedActor | Actor | Mapping[str, Any]] = (),
    actor_map: Mapping[str, str] | None = None,
    reviewer: str | None = None,
) -> Added:
    """The analyst rejects one candidate (the app's Reject): kept as a rejected
    relation so that it is not proposed again."""
    return add_candidates(dataset, source, [candidate], proposed_actors, status="rejected",
                          actor_map=actor_map, note=reason, reviewer=reviewer)
