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
from dataclasses import dataclass

from explorer.graph import View

__all__ = ["Triangle", "signed_pairs", "triangles"]

Pair = tuple[str, str]


def signed_pairs(view: View) -> dict[Pair, float]:
    """Net polarity of each pair (a < b) whose relations do not cancel out."""
    net: dict[Pair, float] = defaultdict(float)
    for u, v, d in view.graph.edges(data=True):
        net[(u, v) if u < v else (v, u)] += d["sign"] * d["confidence"]
    return {pair: round(value, 9) for pair, value in net.items() if abs(value) > 1e-9}


@dataclass(frozen=True)
class Triangle:
    """Three actors (sorted), the net of each of their pairs, and its balance."""

    actors: tuple[str, str, str]
    nets: tuple[tuple[Pair, float], ...]

    @property
    def signs(self) -> tuple[int, int, int]:
        return tuple(1 if value > 0 else -1 for _, value in self.nets)  # type: ignore[return-value]

    @property
    def kind(self) -> str:
        return "".join(sorted("+" if s > 0 else "-" for s in self.signs))

    @property
    def balanced(self) -> bool:
        a, b, c = self.signs
        return a * b * c > 0

    @property
    def flip(self) -> Pair | None:
        """The weakest pair, whose flip would balance an unbalanced triangle."""
        if self.balanced:
            return None
        return min(self.nets, key=lambda pn: (abs(pn[1]), pn[0]))[0]


def triangles(view: View, actors: set[str] | None = None) -> list[Triangle]:
    """Every signed triangle of the view (those with all of `actors` if given),
    unbalanced first."""
    net = signed_pairs(view)
    adjacent: dict[str, set[str]] = defaultdict(set)
    for a, b in net:
        adjacent[a].add(b)
        adjacent[b].add(a)
    found = []
    for a, b in net:
        for c in adjacent[a] & adjacent[b]:
            if c > b:
                trio = (a, b, c)
                if actors and not actors <= set(trio):
                    continue
                pairs = ((a, b), (a, c), (b, c))
                found.append(Triangle(trio, tuple((p, net[p]) for p in pairs)))
    return sorted(found, key=lambda t: (t.balanced, t.actors))
