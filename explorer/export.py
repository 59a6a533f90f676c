"""View → files: GEXF (Gephi, with a timeline), GraphML, node-link JSON, the
two-sheet CSV that Kumu and spreadsheets import, and a standalone HTML graph.

Every format carries status, modality and confidence, so curated and extracted
relations stay apart in whatever tool opens the file. Writes are atomic.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import orjson
import pandas as pd

from explorer.graph import View
from explorer.render import KIND_COLORS, describe_params, layout, standalone_html

__all__ = [
    "FORMATS",
    "csv_tables",
    "flat_graph",
    "render_bytes",
    "to_gexf",
    "to_graphml",
    "to_html",
    "to_json",
    "write",
    "write_csv",
]

FORMATS: tuple[str, ...] = ("gexf", "graphml", "json", "csv", "html")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rgb(color: str) -> dict[str, Any]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16),
            "a": 1.0}


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


def to_gexf(view: View) -> bytes:
    """GEXF 1.2 for Gephi: relation dates as edge start/end (open ends left open) so
    the timeline works; type colours and node positions in `viz`; undirected
    relation types as "mutual" edges; the relation type in `relation_type`;
    edge weight the summed confidence."""
    flat = flat_graph(view)
    positions = layout(view)
    for n, d in flat.nodes(data=True):
        x, y = positions.get(n, (0.0, 0.0))
        d["viz"] = {"color": _rgb(KIND_COLORS.get(d["kind"], "#888888")),
                    "position": {"x": float(x), "y": float(-y), "z": 0.0}, "size": 10.0}
    for _, _, d in flat.edges(data=True):
        d["relation_type"] = d.pop("type")
        d["type"] = "directed" if d["directed"] else "mutual"
        if "since" in d:
            d["start"] = d["since"]
        if "until" in d:
            d["end"] = d["until"]
        d["viz"] = {"color": _rgb(d["color"]), "thickness": 1 + 4 * d["confidence"]}
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, version="1.2draft")
    return buffer.getvalue()


def to_graphml(view: View) -> bytes:
    """GraphML with every scalar attribute; edge ids are relation ids."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(view), buffer, named_key_ids=True)
    return buffer.getvalue()


def to_json(view: View) -> str:
    """networkx node-link JSON (`edges` key), with the view's filters in `graph`."""
    return json_bytes(view).decode("utf-8")


def json_bytes(view: View) -> bytes:
    """`to_json` as UTF-8 bytes, encoded by orjson (ten times the standard encoder)."""
    data = nx.node_link_data(flat_graph(view), edges="edges")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY)


def _cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_tables(view: View) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two sheets Kumu imports: elements (Label, Type, Description, Tags…) and
    connections (From, To, Type, Direction, Strength, Description…). From/To are
    element labels, as Kumu expects; ID columns keep the explorer's ids."""
    labels = {n: d["label"] for n, d in view.graph.nodes(data=True)}
    elements = pd.DataFrame([
        {"Label": d["label"], "Type": d["kind"].replace("_", " "),
         "Description": d["description"], "Tags": "", "ID": n,
         "Represents": d["represents"], "Members": _flat(d["members"])}
        for n, d in view.graph.nodes(data=True)],
        columns=["Label", "Type", "Description", "Tags", "ID", "Represents", "Members"])
    connections = pd.DataFrame([
        {"From": labels[u], "To": labels[v], "Type": d["label"],
         "Direction": "directed" if d["directed"] else "mutual",
         "Strength": d["confidence"], "Description": d["summary"], "Tags": _flat(d["tags"]),
         "ID": key, "From ID": u, "To ID": v, "Relation type": d["type"],
         "Status": d["status"], "Modality": d["modality"], "Polarity": d["polarity"],
         "Evidence": d["evidence_count"], "Independent sources": d["independent_count"],
         "Start": _flat(d["since"]) or "", "End": _flat(d["until"]) or "",
         "Relations": _flat(d["relation_ids"]), "Color": d["color"]}
        for u, v, key, d in view.graph.edges(keys=True, data=True)],
        columns=["From", "To", "Type", "Direction", "Strength", "Description", "Tags", "ID",
                 "From ID", "To ID", "Relation type", "Status", "Modality", "Polarity",
                 "Evidence", "Independent sources", "Start", "End", "Relations", "Color"])
    return elements.map(_cell), connections.map(_cell)


def to_html(view: View) -> str:
    """The standalone offline HTML graph (see `render.standalone_html`)."""
    return standalone_html(view, title="Relations explorer: " + describe_params(view.params))


def _atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename; the file gets the usual
    permissions (0666 less the umask), not the temporary file's private 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(view: View, path: Path) -> list[Path]:
    """Write the two sheets: into a zip when `path` ends in .zip, else as
    `<stem>-elements.csv` and `<stem>-connections.csv` beside `path`."""
    elements, connections = csv_tables(view)
    sheets = {"elements.csv": elements.to_csv(index=False).encode("utf-8"),
              "connections.csv": connections.to_csv(index=False).encode("utf-8")}
    if path.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sheets.items():
                archive.writestr(name, data)
        _atomic(path, buffer.getvalue())
        return [path]
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    written = []
    for name, data in sheets.items():
        target = stem.parent / f"{stem.name}-{name}"
        _atomic(target, data)
        written.append(target)
    return written


_TEXT: dict[str, Callable[[View], bytes]] = {
    "gexf": to_gexf,
    "graphml": to_graphml,
    "json": json_bytes,
    "html": lambda view: to_html(view).encode("utf-8"),
}


def render_bytes(view: View, fmt: str) -> bytes:
    """The file's bytes for a single-file format (gexf, graphml, json, html)."""
    if fmt not in _TEXT:
        raise ValueError(f"format '{fmt}' is not one of {', '.join(_TEXT)}")
    return _TEXT[fmt](view)


def write(view: View, fmt: str, path: Path) -> list[Path]:
    """Write the view in `fmt` to `path` (atomically); returns the files written."""
    if fmt == "csv":
        return write_csv(view, path)
    _atomic(path, render_bytes(view, fmt))
    return [path]
