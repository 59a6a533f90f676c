"""A small View built from a few relations, for examples that run (the docstrings of the
analysis modules use it, as networkx's use `path_graph`).

>>> view = toy_view(("AAA", "BBB", "economic_support", 1.0), ("BBB", "CCC", "pressure", 0.5))
>>> sorted(view.graph), view.graph.number_of_edges()
(['AAA', 'BBB', 'CCC'], 2)
"""

from __future__ import annotations

from explorer.graph import View, ViewParams, make_view
from explorer.model import Actor, Dataset, Relation
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["toy_view"]


def toy_view(*relations: tuple[str, str, str, float], project: bool = False) -> View:
    """The View of relations given as (source, target, type, confidence) between states
    named by their ids (a default type; each rests on an analyst's judgement)."""
    ids = sorted({end for r in relations for end in r[:2]})
    actors = tuple(Actor(id=i, name=i.title(), kind="state") for i in ids)
    made = tuple(Relation(id=f"r{n}", source=s, target=t, type=kind, confidence=c,
                          judgement="an example")
                 for n, (s, t, kind, c) in enumerate(relations, 1))
    dataset = Dataset(actors=actors, sources=(), relations=made, types=DEFAULT_TYPES)
    return make_view(dataset, ViewParams(project=project))
