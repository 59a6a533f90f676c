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
from explorer.graph import View, ViewParams, make_view
from explorer.model import Dataset
from explorer.problems import OptionError

__all__ = ["Difference", "change", "corroboration", "snapshot"]

Mode = Literal["in_force", "known_on"]


@dataclass(frozen=True)
class Difference:
    """The difference between the view on `date_a` and on `date_b`."""

    date_a: dt.date
    date_b: dt.date
    mode: Mode
    started: tuple[str, ...]
    ended: tuple[str, ...]
    changed: tuple[tuple[str, str, int, int], ...]  # relation, what, before, after
    measures: pd.DataFrame  # actor, measure, before, after, delta


def snapshot(params: ViewParams, day: dt.date, mode: Mode) -> ViewParams:
    """The params of the view on `day`: relations in force then (`in_force`), or only
    the evidence published by then (`known_on`)."""
    if mode == "in_force":
        return params.replace(as_of=day, date_from=None, date_to=None)
    if mode == "known_on":
        return params.replace(known_on=day)
    raise OptionError("mode", f"'{mode}' is not 'in_force' or 'known_on'", value=mode)


def change(dataset: Dataset, params: ViewParams, date_a: dt.date, date_b: dt.date, *,
           mode: Mode = "in_force",
           measures: tuple[str, ...] = ("degree", "betweenness", "pagerank")) -> Difference:
    """Relations started, ended or changed from `date_a` to `date_b`, and actor measures
    before and after (an actor absent from one snapshot counts 0 there)."""
    before = make_view(dataset, snapshot(params, date_a, mode))
    after = make_view(dataset, snapshot(params, date_b, mode))
    a, b = before.evidence_counts, after.evidence_counts
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
    return Difference(date_a, date_b, mode, tuple(sorted(b.keys() - a.keys())),
                  tuple(sorted(a.keys() - b.keys())), tuple(changed), table)


def corroboration(view: View) -> pd.DataFrame:
    """One row per edge of the view: its evidence items and independent sources
    (a `derived_from` chain counts once), least corroborated first.

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> corroboration(toy_view(("AAA", "BBB", "alliance", 1.0)))[["relation", "evidence"]]
      relation  evidence
    0       r1         0
    """
    rows = [{"relation": "+".join(d["relation_ids"]), "source": u, "target": v,
             "type": d["type"], "status": d["status"], "confidence": d["confidence"],
             "evidence": d["evidence_count"], "independent": d["independent_count"],
             "independent_sources": ", ".join(d["independent_sources"])}
            for u, v, _, d in view.edges]
    columns = ["relation", "source", "target", "type", "status", "confidence", "evidence",
               "independent", "independent_sources"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["independent", "evidence", "relation"]).reset_index(drop=True)
