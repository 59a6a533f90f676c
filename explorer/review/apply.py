"""Writing what review decided: a plan in one change, an actor on its own.

`apply` turns a `Plan` into one `Draft` — new actors, the source, updates to known
relations, new relations — and commits it: minimal, verified, atomic, refused if
the file changed since the caller read it. The helpers below are the calls the
CLI and the app make: `propose` (candidates wait for review), `accept_candidate`,
`reject_candidate`, `add_articles` (`explorer extract --write`), `add_actor`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from explorer.candidates import Candidate, ProposedActor
from explorer.edit import Change, Draft
from explorer.model import Actor, Dataset, Source
from explorer.review.decide import current_reviewer, editable
from explorer.review.plan import (
    Decision,
    Outcome,
    Plan,
    ReviewError,
    actor_entry,
    as_source,
    plan,
)

__all__ = ["Applied", "accept_candidate", "add_actor", "add_articles", "add_candidates",
           "apply", "propose", "reject_candidate"]


@dataclass(frozen=True)
class Applied:
    """A plan and its write: `change` is None when nothing needed writing (or on a dry
    run); `dataset` is the data as it now is."""

    dataset: Dataset
    change: Change | None
    plan: Plan

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return self.plan.outcomes

    @property
    def counts(self) -> dict[str, int]:
        return self.plan.counts

    @property
    def actors(self) -> tuple[str, ...]:
        """Ids of the actors added."""
        return tuple(a["id"] for a in self.plan.actors) if self.change else ()

    @property
    def source(self) -> str | None:
        """The id of the source added (None when it was known)."""
        return self.plan.source.id if self.change and self.plan.add_source else None


def apply(dataset: Dataset, planned: Plan, *, by: str = "") -> Applied:
    """Write a plan as one change (nothing when it writes nothing)."""
    if not planned.writes:
        return Applied(dataset, None, planned)
    draft = Draft(dataset)
    for entry in planned.actors:
        draft.append("actors", entry)
    if planned.add_source:
        draft.append("sources", planned.source.model_dump(mode="python", exclude_defaults=True))
    for update in planned.updates:
        draft.update("relations", update.relation_id, dict(update.values),
                     extend={"evidence": list(update.evidence)} if update.evidence else None)
    for entry in planned.relations:
        draft.append("relations", entry)
    change = draft.commit(planned.summary, by=by)
    return Applied(change.dataset, change, planned)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def add_candidates(
    dataset: Dataset,
    source: Source | Mapping[str, Any],
    candidates: Iterable[Candidate],
    proposed_actors: Iterable[ProposedActor | Actor | Mapping[str, Any]] = (),
    *,
    decision: Decision = "pending",
    actor_map: Mapping[str, str] | None = None,
    changes: Mapping[str, Any] | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    dry_run: bool = False,
) -> Applied:
    """Plan one article's candidates (`plan.plan`) and write them in one change
    (`dry_run`: plan only)."""
    who = current_reviewer(reviewer)
    planned = plan(dataset, source, candidates, proposed_actors, decision=decision,
                   actor_map=actor_map, changes=editable(changes), note=note, reviewer=who,
                   now=_now())
    if dry_run:
        return Applied(dataset, None, planned)
    return apply(dataset, planned, by=who)


def propose(dataset: Dataset, source: Source | Mapping[str, Any],
            candidates: Iterable[Candidate],
            proposed_actors: Iterable[ProposedActor | Actor | Mapping[str, Any]] = (), *,
            actor_map: Mapping[str, str] | None = None,
            reviewer: str | None = None) -> Applied:
    """File an article's candidates for review at once, in one write (with the actors the
    analyst added for them): each waits in the queue (`status: extracted`), and none
    reaches a curated relation unreviewed."""
    return add_candidates(dataset, source, candidates, proposed_actors, actor_map=actor_map,
                          reviewer=reviewer)


def accept_candidate(dataset: Dataset, source: Source | Mapping[str, Any],
                     candidate: Candidate, changes: Mapping[str, Any] | None = None, *,
                     proposed_actors: Sequence[ProposedActor | Actor | Mapping[str, Any]] = (),
                     actor_map: Mapping[str, str] | None = None, note: str | None = None,
                     reviewer: str | None = None) -> Applied:
    """The analyst accepts one candidate: a curated relation, or its quote as evidence
    on the relation that states the same claim."""
    return add_candidates(dataset, source, [candidate], proposed_actors, decision="accept",
                          actor_map=actor_map, changes=changes, note=note, reviewer=reviewer)


def reject_candidate(dataset: Dataset, source: Source | Mapping[str, Any],
                     candidate: Candidate, reason: str | None = None, *,
                     proposed_actors: Sequence[ProposedActor | Actor | Mapping[str, Any]] = (),
                     actor_map: Mapping[str, str] | None = None,
                     reviewer: str | None = None) -> Applied:
    """The analyst rejects one candidate: kept as a rejected relation so that it is not
    proposed again."""
    return add_candidates(dataset, source, [candidate], proposed_actors, decision="reject",
                          actor_map=actor_map, note=reason, reviewer=reviewer)


def add_articles(dataset: Dataset,
                 articles: Sequence[tuple[Source | Mapping[str, Any], Sequence[Candidate]]],
                 *, reviewer: str | None = None) -> list[Applied]:
    """File several articles' candidates for review (`explorer extract --write`).

    Each article is one change. Originals are written before the copies that name
    them in `derived_from`, and an original is added as a source even when none of
    its candidates is written, so that its copies never count as independent
    confirmation.
    """
    sources = [as_source(src) for src, _ in articles]
    needed = {s.derived_from for s in sources if s.derived_from}
    order = sorted(range(len(articles)), key=lambda i: sources[i].derived_from is not None)
    who = current_reviewer(reviewer)
    results: list[Applied] = []
    for i in order:
        added = add_candidates(dataset, sources[i], articles[i][1], reviewer=who)
        dataset = added.dataset
        if sources[i].id in needed and not dataset.has_source(sources[i].id):
            extra = apply(dataset, Plan(sources[i], True, (), (), (), ()), by=who)
            dataset = extra.dataset
            added = Applied(dataset, extra.change, replace(added.plan, add_source=True))
        results.append(added)
    return results


def add_actor(dataset: Dataset, actor: ProposedActor | Actor | Mapping[str, Any], *,
              source_id: str = "", reviewer: str | None = None) -> Change:
    """Add one actor to the data file (the app's "Add to the data file")."""
    entry = actor_entry(actor, source_id)
    if dataset.has_actor(entry["id"]):
        raise ReviewError(f"`{entry['id']}` is already the id of "
                          f"{dataset.actor(entry['id']).name}: map onto it, or choose "
                          "another id", code="actor-id-taken", actor=entry["id"])
    try:
        Actor.model_validate(entry)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ReviewError(f"the actor is not valid: {'.'.join(map(str, first['loc']))}: "
                          f"{first['msg']}", code="bad-actor",
                          field=".".join(map(str, first["loc"]))) from None
    draft = Draft(dataset)
    draft.append("actors", entry)
    return draft.commit(f"new actor {entry['id']} ({entry.get('name', '')})",
                        by=current_reviewer(reviewer))
