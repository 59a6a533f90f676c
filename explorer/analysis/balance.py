"""Structural balance of signed triangles (Heider).

Each pair of actors gets one sign. Several relations between the same pair
combine by net polarity: the sum, over the pair's relations in both directions,
of sign × confidence (positive types +1, negative −1, neutral types and negated
relations 0). The pair is positive when the sum is above zero, negative when
below; a pair that sums to zero carries no sign and closes no triangle.

A triangle is balanced when the product of its three signs is positive
("the friend of my friend is my friend": + + +, + − −). An unbalanced triangle
(+ + −, or − − −) becomes balanced when any one of its signs flips; the edge to
question first is the one with the weakest net (smallest |sum|), the tie the
evidence holds least firmly. (− − − is unbalanced for Heider, balanced in
Davis' weaker sense; `kind` shows which case a triangle is.)
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from explorer.graph import View

__all__ = ["Triangle", "signed_pairs", "triangles"]

Pair = tuple[str, str]


def signed_pairs(view: View) -> dict[Pair, float]:
    """Net polarity of each pair (a < b) whose relations do not cancel out."""
    net: dict[Pair, float] = defaultdict(float)
    for u, v, d in view.graph.edges(data=True):
        net[(u, v) if u < v else (v, u)] += d["sign"] * d["confidence"]
    return {pair: round(value, 9) for pair, value in net.items() if abs(value) > 1e-9}


class Triangle(NamedTuple):
    """Three actors (sorted), the net of each of their pairs, and its balance."""

    actors: tuple[str, str, str]
    nets: tuple[tuple[Pair, float], ...]

    @property
    def signs(self) -> tuple[int, ...]:
        return tuple(1 if value > 0 else -1 for _, value in self.nets)

    @property
    def kind(self) -> str:
        return "".join(sorted("+" if s > 0 else "-" for s in self.signs))

    @property
    def balanced(self) -> bool:
        """An even number of negative pairs: the product of the signs is positive."""
        return sum(value < 0 for _, value in self.nets) % 2 == 0

    @property
    def flip(self) -> Pair | None:
        """The weakest pair, whose flip would balance an unbalanced triangle."""
        if self.balanced:
            return None
        return min(self.nets, key=lambda pn: (abs(pn[1]), pn[0]))[0]


def triangles(view: View, actors: set[str] | None = None) -> list[Triangle]:
    """Every signed triangle of the view (those with all of `actors` if given),
    unbalanced first."""
    found = _all_triangles(view)
    if actors:
        return [t for t in found if actors <= set(t.actors)]
    return list(found)


@lru_cache(maxsize=16)
def _all_triangles(view: View) -> tuple[Triangle, ...]:
    """Each triangle once: pairs are oriented from the actor with fewer signed ties
    to the one with more, and only those forward neighbours are intersected
    (the usual "forward" enumeration, cheap around hubs)."""
    net = signed_pairs(view)
    adjacent: dict[str, set[str]] = defaultdict(set)
    for a, b in net:
        adjacent[a].add(b)
        adjacent[b].add(a)
    rank = {n: (len(around), n) for n, around in adjacent.items()}
    forward = {n: {m for m in around if rank[m] > rank[n]} for n, around in adjacent.items()}
    rows = []
    for u, ahead in forward.items():
        for v in ahead:
            for w in ahead & forward[v]:
                a, b, c = sorted((u, v, w))
                x, y, z = net[(a, b)], net[(a, c)], net[(b, c)]
                rows.append((((x < 0) + (y < 0) + (z < 0)) % 2 == 0, a, b, c, x, y, z))
    rows.sort()  # unbalanced first, then by actors
    return tuple(Triangle((a, b, c), (((a, b), x), ((a, c), y), ((b, c), z)))
                 for _, a, b, c, x, y, z in rows)
