"""The `explorer stats` report: every table of the analysis for one View, as rich
tables, JSON or CSV. The reading (a few computed sentences comparing a small
set of actors) comes first, because it answers the question people run it for.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table

from explorer.analysis.actors import MEASURES, actor_table, betweenness
from explorer.analysis.balance import triangles
from explorer.analysis.change import change as compute_change
from explorer.analysis.change import corroboration
from explorer.analysis.dyads import dyads
from explorer.analysis.reading import compare as compare_actors
from explorer.analysis.reading import strongest_triangle
from explorer.analysis.robustness import robustness
from explorer.graph import View
from explorer.model import RELIABILITY_GRADES
from explorer.render import describe_params

__all__ = ["Report"]


@dataclass(frozen=True)
class Report:
    """Every table of the analysis of one view."""

    view: View
    compared: tuple[str, ...]
    compared_why: str
    reading: list[str]
    tables: dict[str, pd.DataFrame]
    betweenness: str
    robustness_measure: str
    robustness_relations: dict[str, int]
    change_note: str | None

    @classmethod
    def make(cls, view: View, *, compare: tuple[str, ...] | None = None,
             measure: str = "betweenness", change: tuple[dt.date, dt.date] | None = None,
             change_mode: str = "in_force") -> Report:
        if measure not in MEASURES:
            raise ValueError(f"--measure: '{measure}' is not one of {', '.join(MEASURES)}")
        if compare:
            unknown = [a for a in compare if not view.dataset.has_actor(a)]
            if unknown:
                raise ValueError(f"--compare: no actor {', '.join(unknown)} in the data")
            if view.params.project:
                compare = tuple(dict.fromkeys(view.dataset.state_of(a) for a in compare))
            why = "the actors asked for"
        else:
            compare = strongest_triangle(view) or ()
            why = "the most connected triangle of the view (most relations among its pairs)"
        reading = compare_actors(view, compare) if compare else []
        tables = {
            "actors": actor_table(view),
            "dyads": _dyad_table(view),
            "triangles": _triangle_table(view),
            "corroboration": corroboration(view),
        }
        robust = robustness(view.dataset, view.params, measure)
        ranks = robust.ranks.copy()
        ranks.columns = [f"rank_{g}" for g in ranks.columns]
        tables["robustness"] = ranks.reset_index()
        change_note = None
        if change:
            result = compute_change(view.dataset, view.params, *change, mode=change_mode)
            rows = ([{"relation": r, "what": "started", "before": "", "after": ""}
                     for r in result.started]
                    + [{"relation": r, "what": "ended", "before": "", "after": ""}
                       for r in result.ended]
                    + [{"relation": r, "what": f"{what} changed", "before": a, "after": b}
                       for r, what, a, b in result.changed])
            tables["change"] = pd.DataFrame(rows, columns=["relation", "what", "before",
                                                           "after"])
            moved = result.measures[result.measures["delta"].abs() > 1e-9]
            tables["change_measures"] = moved.reset_index(drop=True)
            change_note = (f"from {change[0]} to {change[1]} "
                           f"({change_mode.replace('_', ' ')}): {len(result.started)} "
                           f"started, {len(result.ended)} ended, {len(result.changed)} "
                           "changed")
        return cls(view, tuple(compare), why, reading, tables, betweenness(view)[1], measure,
                   robust.relations, change_note)

    def table(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            raise ValueError(f"no {name} table (run with --change A B for the change table)")
        return self.tables[name]

    # ------------------------------------------------------------ output
    def as_dict(self) -> dict[str, Any]:
        return {
            "view": {"filters": self.view.params.to_query(),
                     "description": describe_params(self.view.params),
                     "actors": len(self.view.graph),
                     "relations": self.view.graph.number_of_edges(),
                     "data_digest": self.view.dataset.digest},
            "betweenness": self.betweenness,
            "compared": list(self.compared), "compared_why": self.compared_why,
            "reading": self.reading,
            "robustness": {"measure": self.robustness_measure,
                           "relations_per_grade": self.robustness_relations},
            "change": self.change_note,
            **{name: _records(t) for name, t in self.tables.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=1, default=str)

    def print(self, console: Console, *, top: int = 15) -> None:
        v = self.view
        console.print(f"View: {describe_params(v.params)} — {len(v.graph)} actors, "
                      f"{v.graph.number_of_edges()} relations", markup=False)
        console.print(f"Betweenness: {self.betweenness}", markup=False)
        if self.compared:
            console.print(f"\nReading: {', '.join(self.compared)} — {self.compared_why}",
                          style="bold", markup=False)
            for line in self.reading:
                console.print(f"  • {line}", markup=False)
        _print_table(console, "Actors (by PageRank on who depends on whom)",
                     self.tables["actors"], top)
        dy = self.tables["dyads"].drop(columns=["a_to_b", "b_to_a", "mutual"])
        _print_table(console, "Dyads (most relations first; asymmetry = support a→b − b→a)",
                     dy, top)
        _print_table(console, "Triangles (unbalanced first; flip = weakest pair)",
                     self.tables["triangles"], top)
        counts = ", ".join(f"{g} {self.robustness_relations[g]}" for g in RELIABILITY_GRADES)
        _print_table(console, f"Robustness: rank on {self.robustness_measure} with evidence "
                     f"from sources graded at least A…F (relations kept: {counts})",
                     self.tables["robustness"], top)
        corr = self.tables["corroboration"]
        single = int((corr["independent"] <= 1).sum()) if len(corr) else 0
        console.print(f"\nCorroboration: {single} of {len(corr)} relations rest on one "
                      "independent source (derived_from chains count once); "
                      "--format csv --table corroboration lists them", markup=False)
        if self.change_note:
            console.print(f"\nChange {self.change_note}", markup=False)
            _print_table(console, "Relations", self.tables["change"], top)
            _print_table(console, "Measures that moved", self.tables["change_measures"], top)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    def clean(value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return None
        return value.item() if hasattr(value, "item") else value

    return [{k: clean(v) for k, v in row.items()} for row in table.to_dict("records")]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def _print_table(console: Console, title: str, table: pd.DataFrame, top: int) -> None:
    shown = table.head(top)
    more = f" — first {top} of {len(table)}" if len(table) > top else ""
    out = Table(title=title + more, title_justify="left", show_edge=False, pad_edge=False)
    for column in shown.columns:
        out.add_column(str(column), overflow="fold")
    for row in shown.itertuples(index=False):
        out.add_row(*(_fmt(v) for v in row))
    console.print()
    console.print(out)


def _dyad_table(view: View) -> pd.DataFrame:
    rows = [{"a": d.a, "b": d.b, "relations": d.relations, "net": d.net,
             "support_a_to_b": d.support_a_to_b, "support_b_to_a": d.support_b_to_a,
             "asymmetry": d.asymmetry, "dependent": d.dependent or "",
             "shares": "; ".join(s.describe() for s in d.shares),
             "a_to_b": ", ".join(d.a_to_b), "b_to_a": ", ".join(d.b_to_a),
             "mutual": ", ".join(d.mutual)} for d in dyads(view)]
    return pd.DataFrame(rows, columns=["a", "b", "relations", "net", "support_a_to_b",
                                       "support_b_to_a", "asymmetry", "dependent", "shares",
                                       "a_to_b", "b_to_a", "mutual"])


def _triangle_table(view: View) -> pd.DataFrame:
    rows = [{"actors": "–".join(t.actors), "signs": t.kind, "balanced": t.balanced,
             "flip": "–".join(t.flip) if t.flip else "",
             "nets": ", ".join(f"{p[0]}–{p[1]} {n:+.2f}" for p, n in t.nets)}
            for t in triangles(view)]
    return pd.DataFrame(rows, columns=["actors", "signs", "balanced", "flip", "nets"])
