"""Each export format on synthetic data of 1k and 10k relations.

    .venv/bin/python bench/export.py            # 1000 10000
    .venv/bin/python bench/export.py 1000

Prints the best of 3 runs, median in brackets, and the file's size. The
layout (shared by GEXF, GraphML, Cytoscape and HTML, computed once per view)
is timed on its own. Baseline measured in the same run: networkx's own GEXF
and GraphML writers on the same view (`nx.write_gexf`/`nx.write_graphml` of
`export.flat_graph`), which the explorer's writers replace.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic

from explorer import export, spreadsheet, store
from explorer.formats import kumu
from explorer.graph import make_view
from explorer.render import layout


def timed(run: Callable[[], object], repeat: int = 3) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def _networkx(writer: Callable, view) -> bytes:
    buffer = io.BytesIO()
    writer(export.flat_graph(view), buffer)
    return buffer.getvalue()


def bench(size: int, folder: Path) -> None:
    path = folder / f"synthetic-{size}.yaml"
    write_synthetic(path, size)
    view = make_view(store.load(path))
    start = time.perf_counter()
    layout(view)
    print(f"\n{size:,} relations, {len(view.graph):,} actors — layout once per view: "
          f"{time.perf_counter() - start:.2f} s")

    def sheets() -> bytes:
        elements, connections = kumu.tables(view)
        return (spreadsheet.rows_to_csv(*elements) + spreadsheet.rows_to_csv(*connections)
                ).encode("utf-8")

    runs = {
        "gexf": lambda: export.render_bytes(view, "gexf"),
        "  networkx write_gexf (baseline)": lambda: _networkx(nx.write_gexf, view),
        "graphml": lambda: export.render_bytes(view, "graphml"),
        "  networkx write_graphml (baseline)": lambda: _networkx(nx.write_graphml, view),
        "cytoscape": lambda: export.render_bytes(view, "cytoscape"),
        "csv (Kumu's two sheets)": sheets,
        "json": lambda: export.render_bytes(view, "json"),
    }
    figures = {}
    for name, run in runs.items():
        best, median, data = timed(run)
        figures[name] = best
        print(f"  {name:<38} {best * 1000:8.0f} ms ({median * 1000:.0f}) "
              f"{len(data) / 1e6:6.2f} MB")
    for fmt in ("gexf", "graphml"):
        base = figures[f"  networkx write_{fmt} (baseline)"]
        print(f"  {fmt}: {base / figures[fmt]:.1f}× the speed of networkx's writer")
    print(f"  (load average {os.getloadavg()[0]:.1f})")


def main(sizes: list[int]) -> None:
    print(f"bench/export.py — networkx {nx.__version__}, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            bench(size, Path(folder))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000])
