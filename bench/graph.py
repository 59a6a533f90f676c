"""Graph, filters, projection and measures on synthetic data of 1k, 10k, 100k relations.

    .venv/bin/python bench/graph.py            # 1000 10000 100000
    .venv/bin/python bench/graph.py 1000 10000

Prints the best of 5 runs, median in brackets (1 run for the slow steps at
100k), with a baseline
measured in the same run: a bare networkx MultiDiGraph of the same edges for
building, networkx's own betweenness, PageRank (with scipy, when installed: the
test extra) and triangle count for ours, networkx's `spring_layout` for the
layout above 500 actors. Targets: build and any filter at 10k under 100 ms;
`stats` at 100k under 10 s (sampled betweenness). Every time is of a fresh View
(nothing kept from an earlier run).
"""

from __future__ import annotations

import gc
import importlib.util
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic

from explorer import store
from explorer.analysis import actors
from explorer.analysis.balance import census, signed_pairs
from explorer.analysis.dyads import dyads
from explorer.analysis.report import AnalysisReport
from explorer.analysis.robustness import robustness
from explorer.graph import View, ViewParams, build_graph, compute_view
from explorer.layout import spring

FILTERS: dict[str, ViewParams] = {
    "default (curated+extracted)": ViewParams(),
    "types alliance,meeting": ViewParams(types={"alliance", "meeting"}),
    "polarity negative": ViewParams(polarity={"negative"}),
    "min confidence 0.5": ViewParams(min_confidence=0.5),
    "modality asserted": ViewParams(modalities={"asserted"}),
    "min reliability B": ViewParams(min_reliability="B"),
    "max credibility 2": ViewParams(max_credibility=2),
    "as of 2020-01-01": ViewParams(as_of="2020-01-01"),
    "range 2018–2019": ViewParams(date_from="2018-01-01", date_to="2019-12-31"),
    "known on 2020-01-01": ViewParams(known_on="2020-01-01"),
    "min 2 independent sources": ViewParams(min_sources=2),
    "kinds state": ViewParams(actor_kinds={"state"}),
    "focus AAA, 1 hop": ViewParams(focus="AAA"),
    "project to states": ViewParams(project=True),
}


class Seconds(float):
    """The best time of several runs, carrying their median."""

    median: float


def timed(func: Callable[[], object], runs: int = 5) -> tuple[Seconds, object]:
    """Best seconds of `runs` calls (as timeit reports: the machine is shared, and
    other work only ever adds time) with their median, and the last result."""
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    best = Seconds(min(times))
    best.median = statistics.median(times)
    return best, result


def fresh_view(dataset, params):
    return compute_view(dataset, params)


def fresh_copies(view: View, runs: int) -> list[View]:
    """Views of the same graph that keep nothing yet (their edge lists made: the
    measures' timings leave that out)."""
    copies = [View(view.params, view.dataset, view.graph) for _ in range(runs)]
    for copy in copies:
        _ = copy.edges
    return copies


def uncached(func: Callable[[View], object], view: View, runs: int) -> Callable[[], object]:
    copies = fresh_copies(view, runs)
    return lambda: func(copies.pop())


def ms(seconds: float) -> str:
    """Milliseconds: the best run, and the median in brackets when there were several."""
    median = getattr(seconds, "median", seconds)
    spread = f"({median * 1000:.1f})" if abs(median - seconds) > 1e-12 else ""
    return f"{seconds * 1000:8.1f} ms {spread:>9s}"


def bench(size: int, folder: Path) -> None:
    path = write_synthetic(folder / f"relations-{size}.yaml", size)
    load_s, dataset = timed(lambda: store.load(path), runs=1)
    gc.freeze()  # as `explorer stats` does: the loaded data is never garbage
    print(f"\n== {size:,} relations, {len(dataset.actors):,} actors "
          f"({path.stat().st_size / 1e6:.1f} MB of YAML; load {load_s:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    slow_runs = 1 if size > 20_000 else 5

    edges = [(r.source, r.target, r.id) for r in dataset.relations]
    base_s, _ = timed(lambda: nx.MultiDiGraph(edges))
    first_s, _ = timed(lambda: build_graph(dataset), runs=1)
    build_s, _ = timed(lambda: build_graph(dataset))
    print(f"build_graph, first call    {ms(first_s)}   (makes the per-dataset attribute "
          "dicts and evidence index that every view shares)")
    print(f"build_graph, again         {ms(build_s)}   (baseline bare MultiDiGraph of the "
          f"same edges {ms(base_s).strip()}, ratio {build_s / base_s:.1f}×)")

    print("filters (make_view, cache cleared; the per-dataset evidence index is built once)")
    for name, params in FILTERS.items():
        seconds, view = timed(lambda p=params: fresh_view(dataset, p))
        print(f"  {name:27s}{ms(seconds)}   {len(view.graph):6,} actors "
              f"{view.graph.number_of_edges():7,} edges")

    view = fresh_view(dataset, ViewParams(project=True))
    n, m = len(view.graph), view.graph.number_of_edges()
    print(f"measures on the projected view ({n:,} actors, {m:,} edges)")

    def measure_time(name: str, runs: int = 5) -> Seconds:
        return timed(uncached(lambda v: actors.measure(v, name), view, runs), runs)[0]

    for name in ("degree", "support_given"):
        print(f"  {name:27s}{ms(measure_time(name))}")
    how = actors.betweenness(view)[1]
    between_s = measure_time("betweenness", slow_runs)
    print(f"  {'betweenness':27s}{ms(between_s)}   ({how})")
    simple = nx.Graph(view.graph.to_undirected(as_view=True))
    if n <= actors.EXACT_BETWEENNESS_MAX_NODES:
        nx_s, _ = timed(lambda: nx.betweenness_centrality(simple), slow_runs)
        print(f"    baseline networkx exact betweenness {ms(nx_s).strip()} "
              f"(ratio {between_s / nx_s:.2f}×)")
    else:
        k = actors.SAMPLE_SIZE
        nx_s, _ = timed(lambda: nx.betweenness_centrality(simple, k=k, seed=0), 1)
        print(f"    baseline networkx sampled betweenness k={k} {ms(nx_s).strip()} "
              f"(ratio {between_s / nx_s:.2f}×)")
    pr_s = measure_time("pagerank")
    with_scipy = importlib.util.find_spec("scipy") is not None  # networkx's pagerank needs it
    if with_scipy:
        def nx_pagerank():
            dependence = nx.DiGraph()
            dependence.add_nodes_from(view.graph)
            for u, v, d in view.graph.edges(data=True):
                if d["sign"] > 0 and d["directed"]:
                    old = dependence.get_edge_data(v, u, {"weight": 0.0})["weight"]
                    dependence.add_edge(v, u, weight=old + d["weight"])
            return nx.pagerank(dependence, weight="weight", tol=1e-10)

        nx_pr_s, _ = timed(nx_pagerank, slow_runs)
        baseline = (f"baseline networkx pagerank with scipy, graph included "
                    f"{ms(nx_pr_s).strip()}, ratio {pr_s / nx_pr_s:.2f}×")
    else:
        baseline = "no baseline: networkx's pagerank needs scipy (the test extra)"
    print(f"  {'pagerank':27s}{ms(pr_s)}   ({baseline})")
    print(f"  {'louvain communities':27s}"
          f"{ms(timed(uncached(actors.communities, view, slow_runs), slow_runs)[0])}")
    print(f"  {'dyads':27s}{ms(timed(uncached(dyads, view, slow_runs), slow_runs)[0])}")
    tri_s, counted = timed(uncached(census, view, slow_runs), slow_runs)
    if size <= 20_000:
        net = signed_pairs(view)
        signed = nx.Graph(list(net))

        def nx_census():  # networkx lists the triangles; their signs looked up
            kinds = [0, 0, 0, 0]
            for clique in nx.enumerate_all_cliques(signed):
                if len(clique) > 3:
                    break
                if len(clique) == 3:
                    a, b, c = sorted(clique)
                    kinds[sum(net[p] < 0 for p in ((a, b), (a, c), (b, c)))] += 1
            return kinds

        nx_tri_s, _ = timed(nx_census, 1)
        baseline = (f"baseline networkx enumerate_all_cliques with the signs looked up "
                    f"{ms(nx_tri_s).strip()}, ratio {tri_s / nx_tri_s:.3f}×")
    else:
        baseline = "networkx's enumeration skipped above 20,000 relations (minutes)"
    print(f"  {'triangles (balance census)':27s}{ms(tri_s)}   {counted.total:,} signed "
          f"triangles, {counted.unbalanced:,} unbalanced ({baseline})")
    rob_s, _ = timed(lambda: robustness(_fresh_dataset(dataset), ViewParams(project=True)), 1)
    print(f"  {'robustness A…F':27s}{ms(rob_s)}   (6 views, betweenness each)")
    layout_nodes = sorted(view.graph)[:1000]
    if len(layout_nodes) >= 600:
        laid = nx.Graph()
        laid.add_nodes_from(layout_nodes)
        laid.add_edges_from((u, v) for u, v in view.graph.edges()
                            if u in laid and v in laid)
        ours_s, _ = timed(lambda: spring(laid, laid.edges()), 1)
        if with_scipy:
            nx_l_s, _ = timed(lambda: nx.spring_layout(laid, seed=7), 1)
            print(f"  {'layout of ' + str(len(laid)) + ' actors':27s}{ms(ours_s)}   "
                  f"(ours, the app's and the exports'; networkx's spring_layout, sparse with "
                  f"scipy at this size, {ms(nx_l_s).strip()}, ratio {ours_s / nx_l_s:.2f}×)")
        else:
            print(f"  {'layout of ' + str(len(laid)) + ' actors':27s}{ms(ours_s)}")

    def stats():
        report = AnalysisReport.make(fresh_view(dataset, ViewParams(project=True)))
        report.print(Console(file=io.StringIO(), width=120))
        return report

    stats_s, report = timed(stats, 1)
    robust = "with" if report.robustness else "without"
    print(f"stats: `explorer stats` on the loaded data (view, measures, reading, tables "
          f"printed; {robust} robustness): {stats_s:.2f} s — betweenness {report.betweenness}")
    print(f"stats including the load: {stats_s + load_s:.2f} s (load average "
          f"{os.getloadavg()[0]:.1f} at the end)")
    gc.unfreeze()
    gc.collect()


def _fresh_dataset(dataset):
    """The same data in a new Dataset, which keeps no views yet."""
    from dataclasses import replace

    return replace(dataset)


def main(sizes: list[int]) -> None:
    print(f"bench/graph.py — networkx {nx.__version__}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            bench(size, Path(folder))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
