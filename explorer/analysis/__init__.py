"""Measures computed on a View, one module per family of questions, and the report.

- `actors`: degree, support and pressure given and received, brokerage
  (betweenness), PageRank on who depends on whom, Louvain communities;
- `dyads`: the relations of each pair, net polarity, dependency asymmetry;
- `balance`: structural balance of signed triangles (Heider);
- `change`: what started, ended or changed between two dates; corroboration;
- `robustness`: a measure's ranking at each source-reliability threshold;
- `reading`: a few computed sentences comparing a set of actors;
- `report`: all of it for one view (`explorer stats`).

Every result is kept with the View it came from (`View.derived`). The package
exports its public names, except the functions that share a module's name
(`dyads.dyads`, `change.change`, `robustness.robustness`): import those from
their module.
"""

from explorer.analysis.actors import MEASURES, actor_table, measure
from explorer.analysis.balance import (
    Census,
    Triangle,
    census,
    most_connected,
    signed_pairs,
    triangles,
)
from explorer.analysis.change import Difference, corroboration, snapshot
from explorer.analysis.dyads import Dyad, Share, dependencies, parse_share
from explorer.analysis.report import AnalysisReport
from explorer.analysis.robustness import Robustness

__all__ = [
    "MEASURES",
    "AnalysisReport",
    "Census",
    "Difference",
    "Dyad",
    "Robustness",
    "Share",
    "Triangle",
    "actor_table",
    "census",
    "corroboration",
    "dependencies",
    "measure",
    "most_connected",
    "parse_share",
    "signed_pairs",
    "snapshot",
    "triangles",
]
