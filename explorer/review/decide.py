"""The analyst's decisions on relations in the file: the queue, accept, reject, edit, merge.

Candidates wait in the file as `status: extracted` relations; accepting one makes
it `curated`, rejecting one keeps it as `rejected` (so the same claim is not
proposed again) with the reason. A proposal marked `same_as` a curated relation
is accepted by adding its quotes to that relation (the proposal itself goes);
one marked `possibly_same_as` becomes a relation of its own, or is merged. Every
decision records who (`reviewed_by`) and when (`reviewed_at`). All writes go
through `edit.Draft`; each returns the `Change`, whose Dataset is ready to show.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from explorer.edit import Change, Draft
from explorer.model import Dataset, Relation, Status
from explorer.review.dating import date_event
from explorer.review.ids import new_relation_id
from explorer.review.plan import ReviewError

__all__ = ["EDITABLE", "UnknownRelation", "accept", "current_reviewer", "edit", "editable",
           "merge", "queue", "reject", "suggested_id"]

#: Fields of a relation an analyst may change while reviewing it.
EDITABLE = ("source", "target", "type", "modality", "confidence", "summary", "since", "until",
            "attributes", "tags", "notes", "judgement")
_CLAIM = ("source", "target", "type")


class UnknownRelation(ReviewError):
    """No relation has the given id."""

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message, code="no-such-relation", **fields)


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
                              f"({waiting} wait for review: `explorer review list`)",
                              relation=relation_id) from None


def editable(changes: Mapping[str, Any] | None) -> dict[str, Any]:
    """Changes checked against EDITABLE; full ISO dates become dates (written unquoted)."""
    out = dict(changes or {})
    for key, value in out.items():
        if key not in EDITABLE:
            raise ReviewError(f"`{key}` cannot be changed in review; editable: "
                              f"{', '.join(EDITABLE)}", code="not-editable", field=key)
        if isinstance(value, str) and key in ("since", "until"):
            with contextlib.suppress(ValueError):  # a month or a year stays as given
                out[key] = dt.date.fromisoformat(value)
    return out


def _differing(relation: Relation, changes: Mapping[str, Any] | None) -> dict[str, Any]:
    """The requested changes that differ from the relation (None removes a field)."""
    out: dict[str, Any] = {}
    for key, value in editable(changes).items():
        try:
            same = Relation.model_validate({**relation.model_dump(), key: value}) == relation
        except ValidationError:
            same = False  # the write will refuse it with the validator's located message
        if not same:
            out[key] = value
    return out


def suggested_id(dataset: Dataset, relation: Relation, changes: Mapping[str, Any]) -> str | None:
    """A new id for a relation whose ends or type an edit changes (its id names them),
    or None when the id still fits."""
    source, target, type_id = (changes.get(k) or getattr(relation, k) for k in _CLAIM)
    if (source, target, type_id) == (relation.source, relation.target, relation.type):
        return None
    taken = {r.id for r in dataset.relations if r.id != relation.id}
    return new_relation_id(source, target, type_id, taken)


def _filled(dataset: Dataset, relation: Relation, values: dict[str, Any]) -> None:
    """What an accepted relation gets when it has none: its first quote as summary, and
    the article's date as `since` where the quote dates the event."""
    first = relation.evidence[0] if relation.evidence else None
    if first is None:
        return
    if not relation.summary and "summary" not in values:
        values["summary"] = first.quote
    if relation.since is None and "since" not in values:
        published = dataset.source(first.source).published if \
            dataset.has_source(first.source) else None
        dating = date_event(first.quote, published, relation.attributes.get("date"))
        if dating is not None:
            values["since"] = dating.since


def _decide(dataset: Dataset, relation_id: str, status: Status | None,
            changes: Mapping[str, Any] | None, note: str | None, who: str | None,
            verb: str, new_id: str | None = None) -> Change:
    relation = _relation(dataset, relation_id)
    values = _differing(relation, changes)
    if new_id == relation_id:
        new_id = None
    if status is None and not values and not note and not new_id:  # changes nothing
        return Draft(dataset).commit(f"{verb} {relation_id}: nothing changed")
    told = ", ".join(f"{k} {v}" for k, v in values.items() if v is not None)
    if any(k in values for k in _CLAIM):  # another claim: no longer a known one again
        values.update(same_as=None, possibly_same_as=None)
    if status is not None:
        values["status"] = status
    if status == "curated":
        values.update(same_as=None, possibly_same_as=None)
        _filled(dataset, relation, values)
    values["reviewed_by"] = current_reviewer(who)
    values["reviewed_at"] = _now()
    if note:
        values["review_note"] = note
    draft = Draft(dataset)
    if new_id:
        if dataset.has_relation(new_id):
            raise ReviewError(f"`{new_id}` is already the id of another relation",
                              code="id-taken", relation=new_id)
        values["id"] = new_id
        for other in dataset.relations:  # proposals that name it follow the new id
            for key in ("same_as", "possibly_same_as"):
                if getattr(other, key) == relation_id and other.id != relation_id:
                    draft.update("relations", other.id, {key: new_id})
    draft.update("relations", relation_id, {k: v for k, v in values.items()
                                            if not (v is None and getattr(relation, k) is None)})
    renamed = f", now `{new_id}`" if new_id else ""
    return draft.commit(f"{verb} {relation_id}" + (f" ({told})" if told else "") + renamed,
                        by=values["reviewed_by"])


def accept(dataset: Dataset, relation_id: str, changes: Mapping[str, Any] | None = None, *,
           note: str | None = None, reviewer: str | None = None,
           new_id: str | None = None) -> Change:
    """Make an extracted (or rejected) relation curated, with optional `changes` to
    EDITABLE fields (e.g. `{"type": "pressure", "confidence": 0.6}`). A proposal marked
    `same_as` a relation, accepted as it is, adds its quotes to that relation."""
    relation = _relation(dataset, relation_id)
    if relation.status == "curated":
        raise ReviewError(f"`{relation_id}` is already curated: there is nothing to accept",
                          code="already-curated", relation=relation_id)
    if relation.same_as and not any(k in _differing(relation, changes) for k in _CLAIM):
        return merge(dataset, relation_id, note=note, reviewer=reviewer)
    return _decide(dataset, relation_id, "curated", changes, note, reviewer, "accepted",
                   new_id)


def edit(dataset: Dataset, relation_id: str, changes: Mapping[str, Any], *,
         note: str | None = None, reviewer: str | None = None,
         new_id: str | None = None) -> Change:
    """Change EDITABLE fields of a relation (and its id: `new_id`), keeping its status."""
    return _decide(dataset, relation_id, None, changes, note, reviewer, "edited", new_id)


def reject(dataset: Dataset, relation_id: str, reason: str | None = None, *,
           reviewer: str | None = None) -> Change:
    """Mark an extracted relation `rejected` (kept in the file, so the claim is not
    proposed again), with the reason as `review_note`."""
    relation = _relation(dataset, relation_id)
    if relation.status != "extracted":
        raise ReviewError(f"`{relation_id}` is {relation.status}; only extracted relations "
                          "are rejected in review (edit a curated one in the file)",
                          code="not-extracted", relation=relation_id)
    return _decide(dataset, relation_id, "rejected", None, reason, reviewer, "rejected")


def merge(dataset: Dataset, relation_id: str, into: str | None = None, *,
          note: str | None = None, reviewer: str | None = None) -> Change:
    """Add an extracted relation's quotes to the relation it states again (`into`, by
    default the one it is marked `same_as` or `possibly_same_as`) and take it out of
    the file, in one change."""
    relation = _relation(dataset, relation_id)
    if relation.status != "extracted":
        raise ReviewError(f"`{relation_id}` is {relation.status}; only a relation waiting for "
                          "review is merged", code="not-extracted", relation=relation_id)
    into = into or relation.same_as or relation.possibly_same_as
    if not into:
        raise ReviewError(f"`{relation_id}` is marked the same as no relation: say which one "
                          "to merge it into", code="nothing-to-merge", relation=relation_id)
    target = _relation(dataset, into)
    if target.id == relation.id:
        raise ReviewError("a relation cannot be merged into itself", code="nothing-to-merge",
                          relation=relation_id)
    held = {(e.source, e.quote) for e in target.evidence}
    evidence = [e.model_dump(mode="python", exclude_defaults=True) for e in relation.evidence
                if (e.source, e.quote) not in held]
    draft = Draft(dataset)
    draft.update("relations", into, extend={"evidence": evidence} if evidence else None)
    for other in dataset.relations:  # proposals that named the merged one name its target
        for key in ("same_as", "possibly_same_as"):
            if getattr(other, key) == relation_id and other.id != relation_id:
                draft.update("relations", other.id, {key: into})
    draft.remove("relations", relation_id)
    who = current_reviewer(reviewer)
    told = f"; {note}" if note else ""
    return draft.commit(f"accepted {relation_id}: {len(evidence)} quote(s) now evidence of "
                        f"{into}{told}", by=who)
