"""The analysis package's report (`explorer stats`): every table of the analysis for
one View, as rich tables, JSON or CSV. The reading (a few computed sentences
comparing a small set of actors) comes first, because it answers the question
people run it for.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson
import pandas as pd
from rich.console import Console
from rich.table import Table

from explorer.analysis.actors import MEASURES, actor_table, betweenness
from explorer.analysis.balance import census, triangle_table
from explorer.analysis.change import Difference, corroboration
from explorer.analysis.change import change as compute_change
from explorer.analysis.dyads import Dyad, dyads
from explorer.analysis.reading import compare as compare_actors
from explorer.analysis.reading import strongest_triangle
from explorer.analysis.robustness import Robustness, robustness
from explorer.graph import View
from explorer.model import RELIABILITY_GRADES
from explorer.problems import OptionError
from explorer.render import describe_params

__all__ = ["ROBUSTNESS_AUTO_MAX_NODES", "AnalysisReport"]


#: Views up to this many actors get the robustness table by default; larger ones
#: only with --robustness (it rebuilds the view and its measure six times).
ROBUSTNESS_AUTO_MAX_NODES = 500


@dataclass(frozen=True)
class AnalysisReport:
    """Every table of the analysis of one view; tables are built when asked for."""

    view: View
    compared: tuple[str, ...]
    compared_why: str
    reading: list[str]
    betweenness: str
    robustness: Robustness | None
    change: Difference | None

    @classmethod
    def make(cls, view: View, *, compare: tuple[str, ...] | None = None,
             measure: str = "betweenness", change: tuple[dt.date, dt.date] | None = None,
             change_mode: str = "in_force", robust: bool | None = None) -> AnalysisReport:
        """Compute the analysis. `robust` None: robustness only on views of at most
        ROBUSTNESS_AUTO_MAX_NODES actors."""
        if measure not in MEASURES:
            raise OptionError("measure", f"'{measure}' is not one of {', '.join(MEASURES)}",
                              value=measure)
        if compare:
            unknown = [a for a in compare if not view.dataset.has_actor(a)]
            if unknown:
                raise OptionError("compare", f"no actor {', '.join(unknown)} in the data",
                                  value=unknown)
            if view.params.project:
                compare = tuple(dict.fromkeys(view.dataset.state_of(a) for a in compare))
            why = "the actors asked for"
        else:
            compare = strongest_triangle(view) or ()
            why = "the most connected triangle of the view (most relations among its pairs)"
        reading = compare_actors(view, compare) if compare else []
        actor_table(view)
        if robust is None:
            robust = len(view.graph) <= ROBUSTNESS_AUTO_MAX_NODES
        result = robustness(view.dataset, view.params, measure) if robust else None
        moved = (compute_change(view.dataset, view.params, *change, mode=change_mode)
                 if change else None)
        return cls(view, tuple(compare), why, reading, betweenness(view)[1], result, moved)

    @property
    def names(self) -> tuple[str, ...]:
        """The tables this report has."""
        extra = (("robustness",) if self.robustness else ()) + (
            ("change", "change_measures") if self.change else ())
        return ("actors", "dyads", "triangles", "corroboration", *extra)

    def table(self, name: str, limit: int | None = None) -> pd.DataFrame:
        """One table as a DataFrame (its first `limit` rows)."""
        if name not in self.names:
            hint = {"change": "run with --change A B", "change_measures":
                    "run with --change A B", "robustness": "run with --robustness"}
            raise OptionError("table", f"no {name} table ({hint.get(name, 'unknown table')})",
                              value=name)
        view = self.view
        if name == "actors":
            return actor_table(view).head(limit)
        if name == "dyads":
            return _dyad_table(dyads(view)[:limit])
        if name == "triangles":
            return triangle_table(view, limit=limit)
        if name == "corroboration":
            return corroboration(view).head(limit)
        if name == "robustness":
            ranks = self.robustness.ranks.copy()
            ranks.columns = [f"rank_{g}" for g in ranks.columns]
            return ranks.reset_index().head(limit)
        if name == "change":
            c = self.change
            rows = ([{"relation": r, "what": "started", "before": "", "after": ""}
                     for r in c.started]
                    + [{"relation": r, "what": "ended", "before": "", "after": ""}
                       for r in c.ended]
                    + [{"relation": r, "what": f"{what} changed", "before": a, "after": b}
                       for r, what, a, b in c.changed])
            return pd.DataFrame(rows, columns=["relation", "what", "before", "after"]
                                ).head(limit)
        moved = self.change.measures
        return moved[moved["delta"].abs() > 1e-9].reset_index(drop=True).head(limit)

    def triangle_counts(self) -> dict[str, int]:
        """How many signed triangles of each sign pattern, and how many unbalanced."""
        counted = census(self.view)
        return {**{k: n for k, n in counted.kinds.items() if n}, "unbalanced":
                counted.unbalanced}

    # ------------------------------------------------------------ output
    def as_dict(self) -> dict[str, Any]:
        return {**self._summary(), **{name: _records(self.table(name)) for name in self.names}}

    def _summary(self) -> dict[str, Any]:
        """Everything but the tables."""
        change_note = None
        if self.change:
            c = self.change
            change_note = {"from": c.date_a.isoformat(), "to": c.date_b.isoformat(),
                           "mode": c.mode}
        return {
            "view": {"filters": self.view.params.to_query(),
                     "description": describe_params(self.view.params),
                     "actors": len(self.view.graph),
                     "relations": self.view.graph.number_of_edges(),
                     "data_digest": self.view.dataset.digest},
            "betweenness": self.betweenness,
            "compared": list(self.compared), "compared_why": self.compared_why,
            "reading": self.reading,
            "triangle_counts": self.triangle_counts(),
            "robustness_grades": {"measure": self.robustness.measure,
                           "relations_per_grade": self.robustness.relations}
            if self.robustness else None,
            "change": change_note,
        }

    def to_json(self) -> str:
        buffer = io.BytesIO()
        self.write_json(buffer)
        return buffer.getvalue().decode("utf-8")

    def write_json(self, out: BinaryIO) -> None:
        """The report as JSON (`as_dict`), written table by table as each is encoded,
        one row per line (orjson from the tables' columns; rows are never all held as
        Python objects and text at once)."""
        head = orjson.dumps(self._summary(), default=str, option=orjson.OPT_INDENT_2)
        out.write(head[:-2])  # without the closing "\n}"
        for name in self.names:
            out.write(b",\n  " + orjson.dumps(name) + b": [")
            first = True
            for chunk in _row_chunks(self.table(name)):
                out.write((b"\n    " if first else b",\n    ") + b",\n    ".join(chunk))
                first = False
            out.write(b"]" if first else b"\n  ]")
        out.write(b"\n}\n")

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
        total = len(v.graph)
        _print_table(console, "Actors (by PageRank on who depends on whom)",
                     self.table("actors", top), total)
        dy = self.table("dyads", top).drop(columns=["a_to_b", "b_to_a", "mutual"])
        _print_table(console, "Dyads (most relations first; asymmetry = material support "
                     "a→b − b→a)", dy, len(dyads(v)))
        counts = self.triangle_counts()
        found = sum(n for k, n in counts.items() if k != "unbalanced")
        _print_table(console, f"Triangles: {found} signed, {counts['unbalanced']} unbalanced "
                     f"({', '.join(f'{k} {n}' for k, n in counts.items() if k != 'unbalanced')}"
                     "); unbalanced first, flip = weakest pair",
                     self.table("triangles", top), found)
        if self.robustness:
            counts = ", ".join(f"{g} {self.robustness.relations[g]}"
                               for g in RELIABILITY_GRADES)
            _print_table(console, f"Robustness: rank on {self.robustness.measure} with "
                         f"evidence from sources graded at least A…F (relations kept: "
                         f"{counts})", self.table("robustness", top), total)
        else:
            console.print(f"\nRobustness: not computed on a view of {total} actors (it "
                          "rebuilds the view six times); add --robustness", markup=False)
        single = sum(d["independent_count"] <= 1 for *_, d in v.edges)
        console.print(f"\nCorroboration: {single} of {len(v.edges)} relations rest on one "
                      "independent source (derived_from chains count once); "
                      "--format csv --table corroboration lists them", markup=False)
        if self.change:
            c = self.change
            console.print(f"\nChange from {c.date_a} to {c.date_b} "
                          f"({c.mode.replace('_', ' ')}): {len(c.started)} started, "
                          f"{len(c.ended)} ended, {len(c.changed)} changed", markup=False)
            _print_table(console, "Relations", self.table("change", top),
                         len(c.started) + len(c.ended) + len(c.changed))
            moved = self.table("change_measures")
            _print_table(console, "Measures that moved", moved.head(top), len(moved))


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts of plain Python values (NaN as None)."""
    return [orjson.loads(row) for chunk in _row_chunks(table) for row in chunk]


def _row_chunks(table: pd.DataFrame, size: int = 20_000) -> Iterator[list[bytes]]:
    """Each row as a JSON object, in chunks: the columns become Python values
    (`tolist`) a chunk at a time, orjson encodes each row (NaN as null)."""
    names = [str(c) for c in table.columns]
    for start in range(0, len(table), size):
        part = table.iloc[start:start + size]
        columns = [part[c].tolist() for c in part.columns]
        yield [orjson.dumps(dict(zip(names, row, strict=True)), default=str)
               for row in zip(*columns, strict=True)]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def _print_table(console: Console, title: str, table: pd.DataFrame, total: int) -> None:
    more = f" — first {len(table)} of {total}" if total > len(table) else ""
    out = Table(title=title + more, title_justify="left", show_edge=False, pad_edge=False)
    for column in table.columns:
        out.add_column(str(column), overflow="fold")
    for row in table.itertuples(index=False):
        out.add_row(*(_fmt(v) for v in row))
    console.print()
    console.print(out)


def _dyad_table(found: list[Dyad]) -> pd.DataFrame:
    rows = [{"a": d.a, "b": d.b, "relations": d.relations, "net": d.net,
             "support_a_to_b": d.support_a_to_b, "support_b_to_a": d.support_b_to_a,
             "asymmetry": d.asymmetry, "dependent": d.dependent or "",
             "shares": "; ".join(s.describe() for s in d.shares),
             "a_to_b": ", ".join(d.a_to_b), "b_to_a": ", ".join(d.b_to_a),
             "mutual": ", ".join(d.mutual)} for d in found]
    return pd.DataFrame(rows, columns=["a", "b", "relations", "net", "support_a_to_b",
                                       "support_b_to_a", "asymmetry", "dependent", "shares",
                                       "a_to_b", "b_to_a", "mutual"])
