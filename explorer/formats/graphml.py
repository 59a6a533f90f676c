"""GraphML for yEd, networkx and graphology.

- Every field of `fields.NODE_FIELDS`/`EDGE_FIELDS` is a typed `<key>` (int,
  double, boolean, string); key ids are unique per scope (`n_kind`, `e_kind`),
  as the GraphML schema requires.
- The graph is `directed`: networkx's reader refuses a graph that mixes
  directed and undirected edges, and graphology's ignores `directed="false"`
  on an edge of a directed graph. Whether a relation is directed is the
  boolean `directed` field, and yEd draws it: an arrowhead only on directed
  relations.
- yEd's own drawing data (its `yfiles` extension, which networkx also reads):
  each actor's name, colour and shape by kind, and its position from the
  explorer's layout; each relation's type name, colour, width by confidence,
  dashes for extracted and dots for hedged or negated relations.
"""

from __future__ import annotations

import json
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

__all__ = ["NAMESPACE", "to_graphml"]

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_Y = "http://www.yworks.com/xml/graphml"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPES = {"string": "string", "integer": "int", "double": "double", "boolean": "boolean"}
#: yEd shapes for the actor kinds (the vis-network ones of the app, as near as yEd has).
_SHAPES = {"state": "ellipse", "person": "triangle", "organisation": "rectangle",
           "international_body": "hexagon", "group": "octagon"}
_YED_LINES = {"solid": "line", "dashed": "dashed", "dotted": "dotted"}
_GRAPH_FIELDS = ("view", "query", "data_digest")


def _key(root: ET.Element, scope: str, name: str, kind: str) -> str:
    key = f"{scope[0]}_{name}"
    ET.SubElement(root, "key", {"id": key, "for": scope, "attr.name": name,
                                "attr.type": _TYPES[kind]})
    return key


def _data(parent: ET.Element, key: str, value: Any) -> None:
    ET.SubElement(parent, "data", key=key).text = xml_value(value)


def _node_graphics(node: ET.Element, label: str, kind: str, x: float, y: float) -> None:
    shape = ET.SubElement(ET.SubElement(node, "data", key="n_graphics"), "y:ShapeNode")
    ET.SubElement(shape, "y:Geometry", height="30.0", width="30.0",
                  x=repr(float(x) - 15.0), y=repr(float(y) - 15.0))
    ET.SubElement(shape, "y:Fill", color=KIND_COLORS.get(kind, "#888888").upper(),
                  transparent="false")
    ET.SubElement(shape, "y:BorderStyle", color="#333333", type="line", width="1.0")
    ET.SubElement(shape, "y:NodeLabel").text = label
    ET.SubElement(shape, "y:Shape", type=_SHAPES.get(kind, "ellipse"))


def _edge_graphics(edge: ET.Element, d: dict[str, Any]) -> None:
    line = ET.SubElement(ET.SubElement(edge, "data", key="e_graphics"), "y:PolyLineEdge")
    ET.SubElement(line, "y:LineStyle", color=d["color"].upper(),
                  type=_YED_LINES[line_style(d["status"], d["modality"])],
                  width=repr(1.0 + 3.0 * float(d["confidence"])))
    ET.SubElement(line, "y:Arrows", source="none",
                  target="standard" if d["directed"] else "none")
    ET.SubElement(line, "y:EdgeLabel").text = xml_text(d["label"])


def to_graphml(view: View) -> bytes:
    """The view as a GraphML document (UTF-8 bytes); edge ids are relation ids."""
    root = ET.Element("graphml", {
        "xmlns": NAMESPACE, "xmlns:xsi": _XSI, "xmlns:y": _Y,
        "xsi:schemaLocation": f"{NAMESPACE} http://www.yworks.com/xml/schema/graphml/1.1/"
        "ygraphml.xsd"})
    graph_keys = {name: _key(root, "graph", name, "string") for name in _GRAPH_FIELDS}
    node_keys = {name: _key(root, "node", name, kind)
                 for name, kind in {"label": "string", **NODE_FIELDS}.items()}
    edge_keys = {name: _key(root, "edge", name, kind) for name, kind in EDGE_FIELDS.items()}
    ET.SubElement(root, "key", {"id": "n_graphics", "for": "node",
                                "yfiles.type": "nodegraphics"})
    ET.SubElement(root, "key", {"id": "e_graphics", "for": "edge",
                                "yfiles.type": "edgegraphics"})

    graph = ET.SubElement(root, "graph", edgedefault="directed")
    for name, value in (("view", describe_params(view.params)),
                        ("query", json.dumps(view.params.to_query(), sort_keys=True)),
                        ("data_digest", view.dataset.digest)):
        _data(graph, graph_keys[name], value)
    positions = layout(view)
    for n, d in view.graph.nodes(data=True):
        node = ET.SubElement(graph, "node", id=xml_text(n))
        for name, value in {"label": d["label"], **node_values(d)}.items():
            _data(node, node_keys[name], value)
        x, y = positions.get(n, (0.0, 0.0))
        _node_graphics(node, xml_text(d["label"]), d["kind"], x, y)
    for u, v, key, d in view.edges:
        edge = ET.SubElement(graph, "edge", id=xml_text(key), source=xml_text(u),
                             target=xml_text(v))
        for name, value in edge_values(d).items():
            _data(edge, edge_keys[name], value)
        _edge_graphics(edge, d)
    return xml_document(root)
