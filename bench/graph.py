"""Graph, filters, projection and measures on synthetic data of 1k, 10k, 100k relations.

    .venv/bin/python bench/graph.py            # 1000 10000 100000
    .venv/bin/python bench/graph.py 1000 10000

Prints the best of 5 runs, median in brackets (1 run for the slow steps at
100k), with a baseline
measured in the same run: a bare networkx MultiDiGraph of the same edges for
building, networkx's own betweenness and PageRank for ours. Targets: build and
any filter at 10k under 100 ms; `stats` at 100k under 10 s (sampled betweenness).
"""

from __future__ import annotations

import gc
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic

from explorer import store
from explorer.analysis import actors
from explorer.analysis.balance import _found, _signed_pairs, census
from explorer.analysis.dyads import _dyads, dyads
from explorer.analysis.robustness import robustness
from explorer.graph import ViewParams, build_graph, clear_cache, make_view
from explorer.stats import Report

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
    clear_cache()
    return make_view(dataset, params)


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
        def once():
            actors._cache.pop(view, None)
            return actors.measure(view, name)
        return timed(once, runs)[0]

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
    dependence = nx.DiGraph()
    dependence.add_nodes_from(view.graph)
    dependence.add_weighted_edges_from((v, u, d["confidence"])
                                       for u, v, d in view.graph.edges(data=True)
                                       if d["sign"] > 0 and d["directed"])
    nx_pr_s, _ = timed(lambda: _pagerank_python(dependence), 1)
    print(f"  {'pagerank':27s}{ms(pr_s)}   (baseline networkx pure-Python pagerank "
          f"{ms(nx_pr_s).strip()}, ratio {pr_s / nx_pr_s:.2f}×)")

    def louvain():
        actors._cache.pop(view, None)
        return actors.communities(view)

    print(f"  {'louvain communities':27s}{ms(timed(louvain, slow_runs)[0])}")
    def uncached(func, cache):
        def once():
            cache.cache_clear()
            return func(view)
        return once

    print(f"  {'dyads':27s}{ms(timed(uncached(dyads, _dyads), slow_runs)[0])}")
    def balance():
        _signed_pairs.cache_clear()
        _found.cache_clear()
        census.cache_clear()
        return census(view)

    tri_s, counted = timed(balance, slow_runs)
    print(f"  {'triangles (balance census)':27s}{ms(tri_s)}   {counted.total:,} signed "
          f"triangles, {counted.unbalanced:,} unbalanced")
    rob_s, _ = timed(lambda: (clear_cache(), robustness(dataset, ViewParams(project=True)))[1],
                     1)
    print(f"  {'robustness A…F':27s}{ms(rob_s)}   (6 views, betweenness each)")

    def stats():
        clear_cache()
        actors._cache.clear()
        _dyads.cache_clear()
        _signed_pairs.cache_clear()
        _found.cache_clear()
        census.cache_clear()
        report = Report.make(make_view(dataset, ViewParams(project=True)))
        report.print(Console(file=io.StringIO(), width=120))
        return report

    stats_s, report = timed(stats, 1)
    robust = "with" if report.robustness else "without"
    print(f"stats: `explorer stats` on the loaded data (view, measures, reading, tables "
          f"printed; {robust} robustness): {stats_s:.2f} s — betweenness {report.betweenness}")
    print(f"stats including the load: {stats_s + load_s:.2f} s (load average "
          f"{os.getloadavg()[0]:.1f} at the end)")
    clear_cache()
    actors._cache.clear()
    gc.unfreeze()
    gc.collect()


def main(sizes: list[int]) -> None:
    print(f"bench/graph.py — networkx {nx.__version__}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            bench(size, Path(folder))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
