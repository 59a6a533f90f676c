"""GEXF 1.3 for Gephi, Gephi Lite and the sigma.js/graphology tools.

- Undirected relation types (alliance, meeting, rivalry) are `undirected` edges
  and the rest `directed`, each edge saying which: a mixed graph, as GEXF 1.3
  and Gephi have it. The graph's `defaultedgetype` is `undirected` only when
  every edge is. (Gephi refuses the `mutual` edge type; graphology-gexf turns
  it into an undirected edge but fails when the first edge has it.)
- The timeline: the graph is `dynamic` with `timeformat="date"`; a relation's
  `since`/`until` are its edge's `start`/`end`, an open end left out (open).
- Colours: actors by kind and relations by type in `viz:color`; thickness
  from confidence; dashed lines for extracted relations, dotted for hedged or
  negated ones (`viz:shape`); node positions from the explorer's layout.
- Every field of `fields.NODE_FIELDS`/`EDGE_FIELDS`, typed, as declared
  attributes, except the three GEXF has a place for: a relation's `label`
  and `weight` are the edge's own, its `color` is in `viz:color` (Gephi keeps
  Label and Weight columns of its own, and graphology would read the colour
  twice). `kind` is the relation type (Gephi keeps parallel edges apart by kind).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from explorer.formats.fields import (
    EDGE_FIELDS,
    NODE_FIELDS,
    edge_values,
    line_style,
    node_values,
    xml_document,
    xml_text,
    xml_value,
)
from explorer.graph import View
from explorer.render import KIND_COLORS, describe_params, layout

__all__ = ["EDGE_ATTRIBUTES", "NAMESPACE", "to_gexf"]

NAMESPACE = "http://gexf.net/1.3"
_VIZ = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The relation fields declared as GEXF attributes (see the module's docstring).
EDGE_ATTRIBUTES = {k: t for k, t in EDGE_FIELDS.items() if k not in ("label", "weight", "color")}


def _rgb(parent: ET.Element, color: str) -> None:
    ET.SubElement(parent, "viz:color", r=str(int(color[1:3], 16)),
                  g=str(int(color[3:5], 16)), b=str(int(color[5:7], 16)))


def _attributes(graph: ET.Element, cls: str, fields: dict[str, str]) -> dict[str, str]:
    """Declare `fields` for nodes or edges; returns name → attribute id."""
    declared = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
    ids = {}
    for number, (name, kind) in enumerate(fields.items()):
        ids[name] = str(number)
        ET.SubElement(declared, "attribute", id=str(number), title=name, type=kind)
    return ids


def _attvalues(parent: ET.Element, ids: dict[str, str], values: dict[str, Any]) -> None:
    if values:
        holder = ET.SubElement(parent, "attvalues")
        for name, value in values.items():
            ET.SubElement(holder, "attvalue", {"for": ids[name], "value": xml_value(value)})


def to_gexf(view: View) -> bytes:
    """The view as a GEXF 1.3 document (UTF-8 bytes)."""
    root = ET.Element("gexf", {
        "xmlns": NAMESPACE, "xmlns:viz": _VIZ, "xmlns:xsi": _XSI,
        "xsi:schemaLocation": f"{NAMESPACE} {NAMESPACE}/gexf.xsd", "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "explorer (geopolitical relationship graph explorer)"
    ET.SubElement(meta, "description").text = xml_text(
        f"View: {describe_params(view.params)}. Data file digest {view.dataset.digest}.")
    edges = view.edges
    all_undirected = bool(edges) and not any(d["directed"] for *_, d in edges)
    graph = ET.SubElement(root, "graph", {
        "defaultedgetype": "undirected" if all_undirected else "directed",
        "mode": "dynamic", "timeformat": "date"})
    node_ids = _attributes(graph, "node", NODE_FIELDS)
    edge_ids = _attributes(graph, "edge", EDGE_ATTRIBUTES)

    positions = layout(view)
    nodes = ET.SubElement(graph, "nodes")
    for n, d in view.graph.nodes(data=True):
        node = ET.SubElement(nodes, "node", id=xml_text(n), label=xml_text(d["label"]))
        _attvalues(node, node_ids, node_values(d))
        _rgb(node, KIND_COLORS.get(d["kind"], "#888888"))
        x, y = positions.get(n, (0.0, 0.0))
        ET.SubElement(node, "viz:position", x=repr(float(x)), y=repr(float(-y)), z="0.0")
        ET.SubElement(node, "viz:size", value="10.0")

    holder = ET.SubElement(graph, "edges")
    for u, v, key, d in edges:
        attrs = {"id": xml_text(key), "source": xml_text(u), "target": xml_text(v),
                 "type": "directed" if d["directed"] else "undirected",
                 "label": xml_text(d["label"]), "kind": xml_text(d["type"]),
                 "weight": repr(float(d["weight"]))}
        if d["since"] is not None:
            attrs["start"] = d["since"].isoformat()
        if d["until"] is not None:
            attrs["end"] = d["until"].isoformat()
        edge = ET.SubElement(holder, "edge", attrs)
        values = edge_values(d)
        _attvalues(edge, edge_ids, {k: values[k] for k in EDGE_ATTRIBUTES if k in values})
        _rgb(edge, d["color"])
        ET.SubElement(edge, "viz:thickness", value=repr(1.0 + 4.0 * float(d["confidence"])))
        ET.SubElement(edge, "viz:shape", value=line_style(d["status"], d["modality"]))
    return xml_document(root)
