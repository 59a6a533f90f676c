"""From a corpus to the review queue: the best-supported claims, in one atomic write.

`shortlist` picks the claims with at least K independent reports (the top N,
filtered like the summary) and, for each, its strongest quotes — one per report,
the cluster's original where it states the claim. `plan` says what review would
do with each: a claim (same type and ends, `review.relation_key`) that the data
holds as curated or rejected is skipped — whatever its dates or attributes, the
analyst has judged that claim; one waiting in the queue gets the new quotes;
others become new `extracted` relations, noting their report count. `write`
applies the plan as one change through the edit path (`edit.Draft`: verified,
atomic, refused if the file changed since it was read) — the quoted articles'
sources included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from explorer import review
from explorer.corpus.summary import Filters, claims, reports
from explorer.edit import Change, Draft
from explorer.model import Dataset

__all__ = ["Pick", "Plan", "plan", "shortlist", "write"]

Action = Literal["new", "quotes", "skipped"]


@dataclass(frozen=True)
class Pick:
    """A claim the corpus supports, with its figures and strongest reports."""

    source: str
    target: str
    type: str
    reports: int
    documents: int
    mean_confidence: float
    first: dt.date | None
    last: dt.date | None
    quotes: tuple[dict[str, Any], ...]


def shortlist(out: Path, filters: Filters | None = None, *, min_reports: int = 2,
              top: int | None = 20, quotes: int = 3) -> list[Pick]:
    """The best-supported claims (most independent reports first)."""
    filters = filters or Filters()
    picks = []
    for row in claims(out, filters, min_reports=min_reports, top=top):
        strongest = reports(out, (row["source"], row["target"], row["type"]), filters,
                            limit=quotes)
        picks.append(Pick(row["source"], row["target"], row["type"], row["reports"],
                          row["documents"], row["mean_confidence"], row["first"], row["last"],
                          tuple(strongest)))
    return picks


@dataclass(frozen=True)
class Step:
    """What importing one claim does: a new relation, quotes on the relation waiting for
    review, or nothing (`reason`)."""

    pick: Pick
    action: Action
    relation_id: str | None = None
    reason: str = ""
    quotes: int = 0


@dataclass
class Plan:
    """The write an import makes (sources, new relations, quotes on known ones) and what
    becomes of each claim."""

    dataset: Dataset
    steps: list[Step] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def writes(self) -> bool:
        return bool(self.relations or self.evidence)

    def counts(self) -> dict[str, int]:
        return {a: sum(s.action == a for s in self.steps) for a in ("new", "quotes", "skipped")}

    def summary(self, out: Path) -> str:
        c = self.counts()
        return (f"review import from {out}: {c['new']} new relation(s) for review, "
                f"{c['quotes']} with new quotes, {c['skipped']} skipped, "
                f"{len(self.sources)} new source(s)")


def _source_entry(quote: dict[str, Any], dataset: Dataset, planned: dict[str, dict[str, Any]]
                  ) -> tuple[str, dict[str, Any] | None]:
    """The id the quote cites and the source entry to add (None: already there or planned).
    A document's own id is kept unless the data uses it for another article."""
    entry = {"id": quote["source_id"], "title": quote["title"] or "",
             "publisher": quote["publisher"] or "", "published": quote["published"],
             "url": quote["url"] or "",
             "notes": f"Imported from a corpus run (document {quote['document']})."}
    entry = {k: v for k, v in entry.items() if v not in (None, "")}
    known = {s.id: s for s in dataset.sources}
    for source_id in (entry["id"], f"{entry['id']}-{quote['document'][:8]}"):
        if source_id in planned:
            if planned[source_id] == {**entry, "id": source_id}:
                return source_id, None
        elif source_id in known:
            have = known[source_id]
            if (have.title, have.publisher, have.published) == (
                    entry.get("title", ""), entry.get("publisher", ""), entry.get("published")):
                return source_id, None  # the same article, imported before
        else:
            return source_id, {**entry, "id": source_id}
    raise review.ReviewError(f"no free source id for document {quote['document']}: rename "
                             f"the source `{entry['id']}` in the data file")


def plan(dataset: Dataset, picks: Sequence[Pick], out: Path) -> Plan:
    """What importing the picks writes (nothing is written here)."""
    result = Plan(dataset)
    actors = {a.id for a in dataset.actors}
    directed = {t.id: t.directed for t in dataset.types}
    taken = {r.id for r in dataset.relations}
    claims_of: dict[tuple[str, str, str], list[Any]] = {}  # the data's relations, by claim
    for r in dataset.relations:
        key = review.relation_key(r.source, r.target, r.type, directed.get(r.type, True))
        claims_of.setdefault(key, []).append(r)
    for pick in picks:
        missing = [a for a in (pick.source, pick.target) if a not in actors]
        if missing:
            result.steps.append(Step(pick, "skipped", reason=(
                f"actor `{missing[0]}` is not in the data: add it to the data file first "
                f"(proposed actors are in {out}/actors.parquet)")))
            continue
        if pick.type not in directed:
            result.steps.append(Step(pick, "skipped", reason=f"`{pick.type}` is not a relation "
                                     "type of the data"))
            continue
        same = claims_of.get(review.relation_key(pick.source, pick.target, pick.type,
                                                 directed[pick.type]), [])
        decided = next((r for r in same if r.status == "curated"), None) or \
            next((r for r in same if r.status == "rejected"), None)
        if decided is not None:
            result.steps.append(Step(pick, "skipped", decided.id,
                                     f"already {decided.status} as `{decided.id}`"))
            continue
        known = next((r for r in same if r.status == "extracted"), None)
        items = []
        have = {(e.source, e.quote) for e in known.evidence} if known else set()
        for quote in pick.quotes:
            cited, entry = _source_entry(quote, dataset, result.sources)
            if (cited, quote["sentence"]) in have:
                continue
            have.add((cited, quote["sentence"]))
            if entry is not None:
                result.sources[cited] = entry
            item = {"source": cited, "quote": quote["sentence"], "start": quote["start"],
                    "end": quote["end"]}
            if quote.get("speaker") in actors:
                item["speaker"] = quote["speaker"]
            items.append(item)
        span = " to ".join(str(d) for d in dict.fromkeys((pick.first, pick.last)) if d)
        note = (f"Corpus {out}: {pick.reports} independent report(s) in "
                f"{pick.documents} document(s)" + (f", {span}" if span else "") +
                f"; mean confidence {pick.mean_confidence:.2f}.")
        if known is not None:
            if not items:
                result.steps.append(Step(pick, "skipped", known.id,
                                         f"`{known.id}` already holds these quotes"))
                continue
            result.evidence[known.id] = items
            result.steps.append(Step(pick, "quotes", known.id, quotes=len(items)))
            continue
        relation_id = review.new_relation_id(pick.source, pick.target, pick.type, taken)
        taken.add(relation_id)
        strongest = pick.quotes[0] if pick.quotes else {}
        result.relations.append({
            "id": relation_id, "source": pick.source, "target": pick.target,
            "type": pick.type, "status": "extracted",
            "confidence": round(float(pick.mean_confidence), 2),
            "modality": strongest.get("modality", "asserted"),
            "notes": note, "evidence": items,
        })
        result.steps.append(Step(pick, "new", relation_id, quotes=len(items)))
    return result


def write(result: Plan, out: Path, reviewer: str | None = None) -> Change | None:
    """Apply the plan as one change (None when there is nothing to write)."""
    if not result.writes:
        return None
    draft = Draft(result.dataset)
    for entry in result.sources.values():
        draft.append("sources", entry)
    for relation_id, items in result.evidence.items():
        draft.update("relations", relation_id, extend={"evidence": items})
    for entry in result.relations:
        draft.append("relations", entry)
    return draft.commit(result.summary(out), by=review.current_reviewer(reviewer))
