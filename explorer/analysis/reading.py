"""A few sentences, computed from a View, that compare a small set of actors.

Nothing here knows any actor: the set is the caller's (`--compare` on the
command line) or, by default, the view's most connected triangle — the three
actors with the most relations among their three pairs.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations, pairwise

from explorer.analysis.actors import MEASURE_HELP, measure
from explorer.analysis.balance import most_connected, triangles
from explorer.analysis.dyads import dependencies, dyads
from explorer.graph import View

__all__ = ["compare", "strongest_triangle"]


def strongest_triangle(view: View) -> tuple[str, ...] | None:
    """The signed triangle with the most relations among its pairs (ties: the larger
    sum of |net polarity|, then ids); None when the view has no triangle."""
    return most_connected(view)


def _name(view: View, actor: str) -> str:
    return view.graph.nodes[actor]["label"] if actor in view.graph else actor


def _ranked(view: View, actors: tuple[str, ...], name: str) -> str:
    values = measure(view, name)
    ordered = sorted(actors, key=lambda a: (-values.get(a, 0.0), a))
    text = _name(view, ordered[0]) + f" {values.get(ordered[0], 0.0):.3g}"
    for before, actor in pairwise(ordered):
        sep = " = " if abs(values.get(before, 0) - values.get(actor, 0)) < 1e-9 else " > "
        text += sep + _name(view, actor) + f" {values.get(actor, 0.0):.3g}"
    return text


def compare(view: View, actors: tuple[str, ...]) -> list[str]:
    """Sentences on how `actors` stand relative to each other in the view.

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> view = toy_view(("AAA", "BBB", "economic_support", 1.0), ("AAA", "CCC", "alliance", 0.5))
    >>> compare(view, ("AAA", "BBB", "CCC"))[5]
    'support given minus received: Aaa +1.00, Ccc +0.00, Bbb -1.00'
    """
    missing = [a for a in actors if a not in view.graph]
    if missing:
        return [f"not in this view: {', '.join(missing)}"]
    lines = []
    for name in ("betweenness", "pagerank", "support_given", "support_received",
                 "pressure_received"):
        lines.append(f"{name} ({MEASURE_HELP[name].split(':')[0]}): "
                     f"{_ranked(view, actors, name)}")
    given, received = measure(view, "support_given"), measure(view, "support_received")
    balance = {a: given[a] - received[a] for a in actors}
    parts = [f"{_name(view, a)} {balance[a]:+.2f}" for a in
             sorted(actors, key=lambda a: (-balance[a], a))]
    lines.append("support given minus received: " + ", ".join(parts))
    inside = set(actors)
    for d in dyads(view):
        if {d.a, d.b} <= inside:
            line = (f"{_name(view, d.a)} → {_name(view, d.b)} material support "
                    f"{d.support_a_to_b:.2f}, "
                    f"{_name(view, d.b)} → {_name(view, d.a)} {d.support_b_to_a:.2f}; "
                    f"net polarity {d.net:+.2f} over {d.relations} relation(s)")
            if d.shares:
                line += "; figures: " + "; ".join(s.describe() for s in d.shares)
            if d.dependent:
                other = d.b if d.dependent == d.a else d.a
                how = "by the figures" if d.shares else "by the support balance"
                line += (f" → {_name(view, d.dependent)} depends on {_name(view, other)} "
                         f"({how})")
            lines.append(line)
    by_need: dict[tuple[str, str], list] = defaultdict(list)
    for s in dependencies(view):
        if s.receiver in inside and s.giver in inside:
            by_need[(s.receiver, s.commodity)].append(s)
    for (receiver, commodity), shares in sorted(by_need.items()):
        if len({s.giver for s in shares}) > 1:
            top = max(shares, key=lambda s: s.low)
            lines.append(f"{_name(view, receiver)}'s {commodity}: " + " vs ".join(
                s.describe().split(" gets ")[1].replace(f" of its {commodity}", "")
                for s in shares) + f" → most dependent on {_name(view, top.giver)}")
    for a, b, c in combinations(sorted(actors), 3):
        for t in triangles(view, {a, b, c}):
            nets = ", ".join(f"{p[0]}–{p[1]} {n:+.2f}" for p, n in t.nets)
            verdict = "balanced" if t.balanced else (
                f"unbalanced; flipping {t.flip[0]}–{t.flip[1]} (the weakest tie) would "
                "balance it")
            lines.append(f"triangle {'–'.join(t.actors)}: {t.kind} {verdict} ({nets})")
    return lines
