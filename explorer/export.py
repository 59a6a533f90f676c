"""View → files: GEXF (Gephi, Gephi Lite), GraphML (yEd), Cytoscape.js JSON
(Cytoscape), node-link JSON (networkx), the two CSV sheets that Kumu and
spreadsheets import, and a standalone HTML graph. Each format's layout lives in
`explorer.formats`; this module picks one and writes the file.

Every format carries status, modality and confidence, so curated and extracted
relations stay apart in whatever tool opens the file. Writes are atomic; CSV
goes through `explorer.spreadsheet`, which neutralises formulas.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import orjson
import pandas as pd

from explorer import spreadsheet
from explorer.edit.files import atomic_write
from explorer.formats import kumu
from explorer.formats.cytoscape import to_cytoscape
from explorer.formats.gexf import to_gexf
from explorer.formats.graphml import to_graphml
from explorer.graph import View
from explorer.render import describe_params, standalone_html

__all__ = [
    "FORMATS",
    "csv_tables",
    "flat_graph",
    "render_bytes",
    "to_cytoscape",
    "to_gexf",
    "to_graphml",
    "to_html",
    "to_json",
    "write",
    "write_csv",
]

FORMATS: tuple[str, ...] = ("gexf", "graphml", "cytoscape", "json", "csv", "html")


def _flat(value: Any) -> Any:
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def flat_graph(view: View) -> nx.MultiDiGraph:
    """A copy of the view's graph with scalar attributes only (what file formats hold):
    lists comma-joined, `attributes` as JSON, dates ISO, open dates left out."""
    graph = nx.MultiDiGraph(view=describe_params(view.params),
                            query=json.dumps(view.params.to_query(), sort_keys=True),
                            data_digest=view.dataset.digest)
    for n, d in view.graph.nodes(data=True):
        graph.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    for u, v, key, d in view.graph.edges(keys=True, data=True):
        graph.add_edge(u, v, key=key, **{k: _flat(x) for k, x in d.items() if x is not None})
    return graph


def to_json(view: View) -> str:
    """networkx node-link JSON (`edges` key), with the view's filters in `graph`."""
    return json_bytes(view).decode("utf-8")


def json_bytes(view: View) -> bytes:
    """`to_json` as UTF-8 bytes, encoded by orjson (ten times the standard encoder)."""
    data = nx.node_link_data(flat_graph(view), edges="edges")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY)


def csv_tables(view: View) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kumu's two sheets, elements and connections (see `explorer.formats.kumu`)."""
    elements, connections = kumu.tables(view)
    return (pd.DataFrame(elements[1], columns=elements[0]),
            pd.DataFrame(connections[1], columns=connections[0]))


def to_html(view: View) -> str:
    """The standalone offline HTML graph (see `render.standalone_html`)."""
    return standalone_html(view, title="Relations explorer: " + describe_params(view.params))


def write_csv(view: View, path: Path) -> list[Path]:
    """Write the two sheets: into a zip when `path` ends in .zip, else as
    `<stem>-elements.csv` and `<stem>-connections.csv` beside `path`."""
    elements, connections = kumu.tables(view)
    sheets = {"elements.csv": spreadsheet.rows_to_csv(*elements).encode("utf-8"),
              "connections.csv": spreadsheet.rows_to_csv(*connections).encode("utf-8")}
    if path.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sheets.items():
                archive.writestr(name, data)
        atomic_write(path, buffer.getvalue())
        return [path]
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    written = []
    for name, data in sheets.items():
        target = stem.parent / f"{stem.name}-{name}"
        atomic_write(target, data)
        written.append(target)
    return written


_TEXT: dict[str, Callable[[View], bytes]] = {
    "gexf": to_gexf,
    "graphml": to_graphml,
    "cytoscape": to_cytoscape,
    "json": json_bytes,
    "html": lambda view: to_html(view).encode("utf-8"),
}


def render_bytes(view: View, fmt: str) -> bytes:
    """The file's bytes for a single-file format (gexf, graphml, cytoscape, json, html)."""
    if fmt not in _TEXT:
        raise ValueError(f"format '{fmt}' is not one of {', '.join(_TEXT)}")
    return _TEXT[fmt](view)


def write(view: View, fmt: str, path: Path) -> list[Path]:
    """Write the view in `fmt` to `path` (atomically); returns the files written."""
    if fmt == "csv":
        return write_csv(view, path)
    atomic_write(path, render_bytes(view, fmt))
    return [path]
