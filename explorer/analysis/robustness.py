"""Does a finding survive dropping weak evidence?

For one measure, rank the actors on the view rebuilt at each source-reliability
threshold A…F (A: evidence from completely reliable sources only; F: all). An
analyst can then say "China stays the top broker on A–B sources only" — or
see that it does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from explorer.analysis.actors import measure
from explorer.graph import ViewParams, make_view
from explorer.model import RELIABILITY_GRADES, Dataset

__all__ = ["Robustness", "robustness"]


@dataclass(frozen=True)
class Robustness:
    """`values` and `ranks` (1 = highest, ties share a rank): one row per actor, one
    column per grade; an actor absent from the view at a grade has no value there."""

    measure: str
    relations: dict[str, int]
    values: pd.DataFrame
    ranks: pd.DataFrame

    def leaders(self, grade: str) -> list[str]:
        """The actors ranked first at `grade` (several when tied, none when empty)."""
        column = self.ranks[grade]
        return sorted(column[column == 1].index)


def robustness(dataset: Dataset, params: ViewParams, measure_name: str = "betweenness"
               ) -> Robustness:
    """The ranking on `measure_name` at each reliability threshold A…F."""
    values: dict[str, dict[str, float]] = {}
    relations: dict[str, int] = {}
    for grade in RELIABILITY_GRADES:
        view = make_view(dataset, params.replace(min_reliability=grade))
        relations[grade] = len(view.relation_ids)
        values[grade] = measure(view, measure_name)
    table = pd.DataFrame(values, columns=list(RELIABILITY_GRADES))
    table.index.name = "actor"
    ranks = table.rank(ascending=False, method="min")
    order = ranks.fillna(len(table) + 1).sort_values(list(reversed(RELIABILITY_GRADES))).index
    return Robustness(measure_name, relations, table.loc[order], ranks.loc[order])
