"""Per-actor measures of a View: how connected, how supported, how pressured,
how much of a broker, how much others depend on it, and with whom it clusters.

Every relation counts with its confidence as weight. A negated relation ("Xi
has not given military aid") has sign 0 and adds no support or pressure.
Undirected relations (alliance, meeting, rivalry) count both ways.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from explorer.analysis.dyads import leans_on
from explorer.collector import paused_gc
from explorer.graph import View
from explorer.problems import OptionError

__all__ = [
    "EXACT_BETWEENNESS_MAX_NODES",
    "MEASURES",
    "SAMPLE_SIZE",
    "actor_table",
    "betweenness",
    "measure",
    "pagerank",
]

#: Numeric measures, in table order (`community` is a label, not a measure).
MEASURES: tuple[str, ...] = (
    "degree", "support_given", "support_received", "pressure_given", "pressure_received",
    "betweenness", "pagerank",
)
MEASURE_HELP: dict[str, str] = {
    "degree": "relations the actor takes part in",
    "support_given": "confidence-weighted positive relations from the actor",
    "support_received": "confidence-weighted positive relations to the actor",
    "pressure_given": "confidence-weighted negative relations from the actor",
    "pressure_received": "confidence-weighted negative relations to the actor",
    "betweenness": "brokerage: share of shortest paths between others that pass through "
    "the actor (all relations, undirected)",
    "pagerank": "PageRank on who depends on whom: each relation of material support A→B "
    "(military, economic: any directed positive type but diplomatic support, which is "
    "words) reads 'B depends on A', so an actor ranks high when those who rank high "
    "depend on it",
}
#: Views with more actors than this get sampled betweenness.
EXACT_BETWEENNESS_MAX_NODES = 500
#: Number of source actors sampled for betweenness on large views (seeded).
SAMPLE_SIZE = 200
SEED = 0

def _cached(view: View, name: str, compute) -> Any:
    """A measure of the view, computed once and kept with it."""

    def run(v: View) -> Any:
        with paused_gc():
            return compute(v)

    return view.derived(("actors", name), run)


def _strengths(view: View) -> dict[str, dict[str, float]]:
    result = {m: dict.fromkeys(view.graph, 0.0) for m in MEASURES[1:5]}
    for u, v, _, d in view.edges:
        if d["sign"] == 0:
            continue
        given, received = (("support_given", "support_received") if d["sign"] > 0
                           else ("pressure_given", "pressure_received"))
        c = d["weight"]
        result[given][u] += c
        result[received][v] += c
        if not d["directed"]:
            result[given][v] += c
            result[received][u] += c
    return {m: {a: round(x, 9) for a, x in values.items()} for m, values in result.items()}


def _csr(nodes: list[str], pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Compressed adjacency (both directions) of a simple undirected graph."""
    index = {n: i for i, n in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in pairs], dtype=np.int64).reshape(-1, 2)
    src = np.concatenate([ends[:, 0], ends[:, 1]])
    dst = np.concatenate([ends[:, 1], ends[:, 0]])
    order = np.argsort(src, kind="stable")
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=len(nodes)), out=indptr[1:])
    return indptr, dst[order]


def _brandes(indptr: np.ndarray, indices: np.ndarray, sources: list[int]) -> np.ndarray:
    """Brandes' accumulation from each source, level by level with numpy arrays."""
    n = len(indptr) - 1
    total = np.zeros(n)
    for s in sources:
        dist = np.full(n, -1, dtype=np.int64)
        dist[s] = 0
        sigma = np.zeros(n)
        sigma[s] = 1.0
        frontier = np.array([s], dtype=np.int64)
        steps = []
        depth = 0
        while frontier.size:
            starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
            offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
            dst = indices[np.arange(counts.sum()) + offsets]
            src = np.repeat(frontier, counts)
            dist[dst[dist[dst] == -1]] = depth + 1
            on_path = dist[dst] == depth + 1
            src, dst = src[on_path], dst[on_path]
            sigma += np.bincount(dst, weights=sigma[src], minlength=n)
            steps.append((src, dst))
            depth += 1
            frontier = np.flatnonzero(dist == depth)
        delta = np.zeros(n)
        for src, dst in reversed(steps):
            delta += np.bincount(src, weights=sigma[src] / sigma[dst] * (1.0 + delta[dst]),
                                 minlength=n)
        delta[s] = 0.0
        total += delta
    return total


def betweenness(view: View) -> tuple[dict[str, float], str]:
    """Normalised betweenness on the view as a simple undirected graph, and how it
    was computed: exact up to EXACT_BETWEENNESS_MAX_NODES actors, else estimated
    from SAMPLE_SIZE seeded source actors (networkx's scaling, endpoints excluded).

    Brandes' algorithm on numpy arrays: 2–10× faster than networkx's at our sizes
    (`bench/graph.py`), and checked against it (`tests/test_analysis.py`).

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> betweenness(toy_view(("AAA", "BBB", "meeting", 1.0), ("BBB", "CCC", "meeting", 1.0)))
    ({'AAA': 0.0, 'BBB': 1.0, 'CCC': 0.0}, 'exact')
    """
    return _cached(view, "betweenness", _betweenness)


def _betweenness(view: View) -> tuple[dict[str, float], str]:
    nodes = list(view.graph)
    n = len(nodes)
    pairs = list({(u, v) if u < v else (v, u) for u, v, _, _ in view.edges})
    if n <= 2 or not pairs:
        return dict.fromkeys(nodes, 0.0), "exact"
    indptr, indices = _csr(nodes, pairs)
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        raw = _brandes(indptr, indices, list(range(n)))
        return dict(zip(nodes, (raw / ((n - 1) * (n - 2))).tolist(), strict=True)), "exact"
    k = min(SAMPLE_SIZE, n)
    sampled = random.Random(SEED).sample(range(n), k)
    raw = _brandes(indptr, indices, sampled)
    scale = np.full(n, 1 / (k * (n - 2)))
    scale[sampled] = 1 / ((k - 1) * (n - 2))
    return (dict(zip(nodes, (raw * scale).tolist(), strict=True)),
            f"sampled: {k} of {n} source actors, seed {SEED}")


def pagerank(view: View, alpha: float = 0.85) -> dict[str, float]:
    """PageRank on the dependence graph: a relation of material support A→B
    (`dyads.leans_on`: A gives B means) becomes B→A weighted by confidence.
    Undirected relations (alliance, meeting) and diplomatic support (words: praise,
    thanks, endorsement) say nothing about who depends on whom and are left out. Dangling
    actors spread their rank evenly, as in networkx (whose `pagerank` needs scipy;
    the tests check the two agree). A relation of confidence 0 carries no
    dependence: when every one has it, every actor ranks 1/n.

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> ranks = pagerank(toy_view(("AAA", "BBB", "economic_support", 1.0),
    ...                           ("AAA", "CCC", "military_support", 1.0)))
    >>> max(ranks, key=ranks.get)  # both depend on AAA
    'AAA'
    """
    return _cached(view, f"pagerank:{alpha}", lambda v: _pagerank(v, alpha))


def _pagerank(view: View, alpha: float) -> dict[str, float]:
    nodes = list(view.graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {a: i for i, a in enumerate(nodes)}
    src, dst, weight = [], [], []
    for u, v, _, d in view.edges:
        if leans_on(d) and d["weight"] > 0:
            src.append(index[v])
            dst.append(index[u])
            weight.append(d["weight"])
    src_a, dst_a = np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
    w = np.array(weight, dtype=float)
    out = np.bincount(src_a, weights=w, minlength=n)
    share = w / out[src_a] if len(w) else w
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(1000):
        new = alpha * (np.bincount(dst_a, weights=x[src_a] * share, minlength=n)
                       + x[dangling].sum() / n) + (1 - alpha) / n
        done = np.abs(new - x).sum() < n * 1e-10
        x = new
        if done:
            break
    return dict(zip(nodes, x.tolist(), strict=True))


def communities(view: View) -> dict[str, int]:
    """Louvain communities of the positive relations (summed confidence as weight,
    seeded); numbered 1… by size, largest first. An actor with no positive tie is
    a community of its own; a tie of confidence 0 is no evidence of a tie.

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> communities(toy_view(("AAA", "BBB", "alliance", 1.0), ("CCC", "DDD", "alliance", 1.0),
    ...                      ("BBB", "CCC", "rivalry", 1.0)))
    {'AAA': 1, 'BBB': 1, 'CCC': 2, 'DDD': 2}
    """
    return _cached(view, "community", _communities)


def _communities(view: View) -> dict[str, int]:
    g = nx.Graph()
    g.add_nodes_from(view.graph)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, _, d in view.edges:
        if d["sign"] > 0:
            weights[(u, v) if u < v else (v, u)] += d["weight"]
    g.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items() if w > 0)
    groups = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    groups = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    return {a: i for i, c in enumerate(groups, 1) for a in c}


def measure(view: View, name: str) -> dict[str, float]:
    """One measure of MEASURES for every actor of the view.

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> view = toy_view(("AAA", "BBB", "economic_support", 1.0), ("BBB", "CCC", "pressure", 0.5),
    ...                 ("AAA", "CCC", "alliance", 0.8))
    >>> measure(view, "support_given")  # the alliance counts both ways
    {'AAA': 1.8, 'BBB': 0.0, 'CCC': 0.8}
    >>> measure(view, "pressure_received")
    {'AAA': 0.0, 'BBB': 0.0, 'CCC': 0.5}
    """
    if name == "degree":
        return {n: float(d) for n, d in view.graph.degree()}
    if name in MEASURES[1:5]:
        return _cached(view, "strengths", _strengths)[name]
    if name == "betweenness":
        return betweenness(view)[0]
    if name == "pagerank":
        return pagerank(view)
    raise OptionError("measure", f"unknown measure '{name}' (choose from "
                      f"{', '.join(MEASURES)})", value=name)


def actor_table(view: View) -> pd.DataFrame:
    """Every measure for every actor, sorted by PageRank; `attrs["betweenness"]`
    says whether betweenness is exact or sampled."""
    table = _cached(view, "table", _actor_table).copy()
    table.attrs["betweenness"] = betweenness(view)[1]
    return table


def _actor_table(view: View) -> pd.DataFrame:
    rows: dict[str, dict[str, Any]] = defaultdict(dict)
    for n, d in view.graph.nodes(data=True):
        rows[n].update(actor=n, name=d["label"], kind=d["kind"])
    for name in MEASURES:
        for n, value in measure(view, name).items():
            rows[n][name] = value
    for n, c in communities(view).items():
        rows[n]["community"] = c
    columns = ["actor", "name", "kind", *MEASURES, "community"]
    table = pd.DataFrame(list(rows.values()), columns=columns)
    if len(table):
        table = table.sort_values(["pagerank", "actor"], ascending=[False, True])
    return table.reset_index(drop=True)
