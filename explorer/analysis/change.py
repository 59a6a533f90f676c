"""What changed between two dates, and how well each relation is corroborated.

`change` compares two snapshots of the same view: relations in force on date A
and on date B (`mode="in_force"`), or as known on A and on B — only evidence
published by then (`mode="known_on"`). Relations that appear are "started",
those that disappear "ended", those in both whose evidence or independent
sources differ "changed"; actor measures are compared side by side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from explorer.analysis.actors import measure
from explorer.graph import View, ViewParams, _select, make_view
from explorer.model import Dataset

__all__ = ["Change", "change", "corroboration"]

Mode = Literal["in_force", "known_on"]


@dataclass(frozen=True)
class Change:
    """The difference between the view on `date_a` and on `date_b`."""

    date_a: dt.date
    date_b: dt.date
    mode: Mode
    started: tuple[str, ...]
    ended: tuple[str, ...]
    changed: tuple[tuple[str, str, int, int], ...]  # relation, what, before, after
    measures: pd.DataFrame  # actor, measure, before, after, delta


def _snapshot(dataset: Dataset, params: ViewParams, day: dt.date, mode: Mode) -> ViewParams:
    if mode == "in_force":
        return params.replace(as_of=day, date_from=None, date_to=None)
    if mode == "known_on":
        return params.replace(known_on=day)
    raise ValueError(f"mode: '{mode}' is not 'in_force' or 'known_on'")


def _counts(view: View) -> dict[str, tuple[int, int]]:
    kept = view.relation_ids
    return {r.id: (len(items), len({i.root for i in items}))
            for r, items in _select(view.dataset, view.params) if r.id in kept}


def change(dataset: Dataset, params: ViewParams, date_a: dt.date, date_b: dt.date, *,
           mode: Mode = "in_force",
           measures: tuple[str, ...] = ("degree", "betweenness", "pagerank")) -> Change:
    """Relations started, ended or changed from `date_a` to `date_b`, and actor measures
    before and after (an actor absent from one snapshot counts 0 there)."""
    before = make_view(dataset, _snapshot(dataset, params, date_a, mode))
    after = make_view(dataset, _snapshot(dataset, params, date_b, mode))
    a, b = _counts(before), _counts(after)
    changed = []
    for rid in sorted(a.keys() & b.keys()):
        for what, i in (("evidence", 0), ("independent sources", 1)):
            if a[rid][i] != b[rid][i]:
                changed.append((rid, what, a[rid][i], b[rid][i]))
    rows = []
    actors = sorted(set(before.graph) | set(after.graph))
    for name in measures:
        x, y = measure(before, name), measure(after, name)
        for actor in actors:
            rows.append({"actor": actor, "measure": name, "before": x.get(actor, 0.0),
                         "after": y.get(actor, 0.0),
                         "delta": y.get(actor, 0.0) - x.get(actor, 0.0)})
    table = pd.DataFrame(rows, columns=["actor", "measure", "before", "after", "delta"])
    return Change(date_a, date_b, mode, tuple(sorted(b.keys() - a.keys())),
                  tuple(sorted(a.keys() - b.keys())), tuple(changed), table)


def corroboration(view: View) -> pd.DataFrame:
    """One row per edge of the view: its evidence items and independent sources
    (a `derived_from` chain counts once), least corroborated first."""
    rows = [{"relation": "+".join(d["relation_ids"]), "source": u, "target": v,
             "type": d["type"], "status": d["status"], "confidence": d["confidence"],
             "evidence": d["evidence_count"], "independent": d["independent_count"],
             "independent_sources": ", ".join(d["independent_sources"])}
            for u, v, _, d in view.edges]
    columns = ["relation", "source", "target", "type", "status", "confidence", "evidence",
               "independent", "independent_sources"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["independent", "evidence", "relation"]).reset_index(drop=True)
