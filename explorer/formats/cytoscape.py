"""Cytoscape.js JSON (`.cyjs`): elements, positions, the view's filters and a style.

Cytoscape.js reads it whole (`cytoscape({container, ...file})`: elements,
style, a `preset` layout that keeps the positions, and the view in `data`);
Cytoscape
desktop imports the network and positions from it (File → Import → Network
from File). Edges carry every field of `fields.EDGE_FIELDS`, typed, plus
`source`/`target`; nodes every field of `NODE_FIELDS` plus `label`.

The style draws what the app draws: actors coloured and shaped by kind; each
relation type in its colour; the sign as the arrowhead of a directed relation
(a triangle for a positive type, a bar for a negative one, a hollow circle
for a negated claim) and no arrowhead on undirected types; width by
confidence; extracted relations dashed, hedged or negated ones dotted.
"""

from __future__ import annotations

import json
from typing import Any

from explorer.formats.fields import edge_values, line_style, node_values
from explorer.graph import View
from explorer.render import KIND_COLORS, describe_params, layout

__all__ = ["style", "to_cytoscape"]

#: Cytoscape.js node shapes for the actor kinds (the app's vis-network shapes).
_SHAPES = {"state": "ellipse", "person": "triangle", "organisation": "round-rectangle",
           "international_body": "hexagon", "group": "star"}


def _is(field: str, value: str) -> str:
    return f"[{field} = {json.dumps(value)}]"


def style(view: View) -> list[dict[str, Any]]:
    """Cytoscape.js style rules for the view's relation types and the actor kinds."""
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(label)", "background-color": "#888888", "width": 30,
            "height": 30, "font-size": 12, "text-valign": "bottom", "text-margin-y": 4}},
        *({"selector": "node" + _is("kind", kind), "style": {
            "background-color": color, "shape": _SHAPES[kind]}}
          for kind, color in KIND_COLORS.items()),
        {"selector": "edge", "style": {
            "curve-style": "bezier", "width": "mapData(confidence, 0, 1, 1, 6)",
            "line-color": "#888888", "target-arrow-color": "#888888",
            "target-arrow-shape": "none", "label": "data(label)", "font-size": 9,
            "text-rotation": "autorotate", "color": "#555555"}},
    ]
    for t in sorted({d["type"] for *_, d in view.edges}):
        color = view.dataset.relation_type(t).color
        rules.append({"selector": "edge" + _is("relation_type", t),
                      "style": {"line-color": color, "target-arrow-color": color}})
    rules += [
        {"selector": "edge[?directed][sign > 0]", "style": {"target-arrow-shape": "triangle"}},
        {"selector": "edge[?directed][sign < 0]", "style": {"target-arrow-shape": "tee"}},
        {"selector": "edge[?directed][sign = 0]",
         "style": {"target-arrow-shape": "circle", "target-arrow-fill": "hollow"}},
        {"selector": "edge" + _is("line_style", "dotted"), "style": {"line-style": "dotted"}},
        {"selector": "edge" + _is("line_style", "dashed"), "style": {"line-style": "dashed"}},
    ]
    return rules


def to_cytoscape(view: View) -> bytes:
    """The view as Cytoscape.js JSON (UTF-8 bytes)."""
    positions = layout(view)
    nodes = []
    for n, d in view.graph.nodes(data=True):
        x, y = positions.get(n, (0.0, 0.0))
        nodes.append({"data": {"id": n, "label": d["label"], **node_values(d)},
                      "position": {"x": float(x), "y": float(y)}})
    edges = [{"data": {"id": key, "source": u, "target": v, **edge_values(d),
                       "line_style": line_style(d["status"], d["modality"])}}
             for u, v, key, d in view.edges]
    document = {
        "format_version": "1.0", "generated_by": "explorer",
        "target_cytoscapejs_version": "~3.30",
        "data": {"name": describe_params(view.params),
                 "query": json.dumps(view.params.to_query(), sort_keys=True),
                 "data_digest": view.dataset.digest},
        "elements": {"nodes": nodes, "edges": edges},
        "style": style(view),
        "layout": {"name": "preset"},  # keep the positions given
    }
    # a lone surrogate (from a "\ud800" escape in the YAML) cannot be UTF-8: "?" instead
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8", "replace")
