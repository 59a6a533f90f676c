"""Measures computed on a View, one module per family of questions.

- `actors`: degree, support and pressure given and received, brokerage
  (betweenness), PageRank on who depends on whom, Louvain communities;
- `dyads`: the relations of each pair, net polarity, dependency asymmetry;
- `balance`: structural balance of signed triangles (Heider);
- `change`: what started, ended or changed between two dates; corroboration;
- `robustness`: a measure's ranking at each source-reliability threshold;
- `reading`: a few computed sentences comparing a set of actors.
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
from explorer.analysis.change import Change, change, corroboration
from explorer.analysis.dyads import Dyad, Share, dependencies, dyads, parse_share
from explorer.analysis.robustness import Robustness, robustness

__all__ = [
    "MEASURES",
    "Census",
    "Change",
    "Dyad",
    "Robustness",
    "Share",
    "Triangle",
    "actor_table",
    "census",
    "change",
    "corroboration",
    "dependencies",
    "dyads",
    "measure",
    "most_connected",
    "parse_share",
    "robustness",
    "signed_pairs",
    "triangles",
]
