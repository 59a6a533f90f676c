"""The graph component: vis-network in the page, clicks back to Python.

A `st.components.v2` component whose script is vis-network as pyvis ships it
(read from the installed package and served by the app's own server, never a
CDN), and `network.js`. It draws `render.vis_data` output
and reports a click on a node or an edge as `{"kind": "node"|"edge", "id": …}`
(`{"kind": None}` for a click on empty canvas).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from explorer.graph import View, ViewParams, make_view
from explorer.model import STATUSES
from explorer.render import layout, vis_assets, vis_data

__all__ = ["DRAWING_OPTIONS", "HEIGHT", "merge_options", "network", "vis_payload"]

#: Height of the drawing in pixels.
HEIGHT = 640

_HTML = '<div class="explorer-graph"><div class="explorer-canvas"></div>' \
        '<div class="explorer-legend"></div></div>'
_CSS = """
.explorer-graph { font: 13px/1.35 "Source Sans 3", "Source Sans Pro", sans-serif; color: #31333f; }
.explorer-canvas { width: 100%; border: 1px solid #e3e5ea; border-radius: 8px;
  background: #ffffff; position: relative; }
.explorer-legend { display: flex; flex-direction: column; gap: 3px; padding: 8px 2px 0;
  font-size: 12px; color: #4a4d57; }
.explorer-legend .row { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 14px; }
.explorer-legend .head { font-weight: 600; min-width: 64px; color: #31333f; }
.explorer-legend .item { display: inline-flex; align-items: center; gap: 5px; }
div.vis-tooltip { position: absolute; visibility: hidden; z-index: 5; pointer-events: none;
  padding: 6px 9px; max-width: 420px; white-space: normal; background: #fff; color: #222;
  border: 1px solid #c9ccd3;
  border-radius: 5px; box-shadow: 0 2px 10px rgba(0, 0, 0, .14);
  font: 12px/1.4 "Source Sans 3", "Source Sans Pro", sans-serif; }
"""


#: The app's drawing on top of `vis_data`'s options: a force model that spreads small
#: views more evenly (ForceAtlas2 with overlap avoidance), and labels haloed in white
#: so they stay legible where lines cross them.
DRAWING_OPTIONS: dict[str, Any] = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 400},
                "forceAtlas2Based": {"gravitationalConstant": -200, "centralGravity": 0.01,
                                     "springLength": 200, "springConstant": 0.05,
                                     "avoidOverlap": 1}},
    "nodes": {"font": {"size": 16, "color": "#262730", "strokeWidth": 5,
                       "strokeColor": "#ffffff"}},
}


def merge_options(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        result[key] = (merge_options(result[key], value)
                       if isinstance(value, dict) and isinstance(result.get(key), dict)
                       else value)
    return result


def vis_payload(view: View, *, size_by: str | None, width_by: str,
                max_nodes: int) -> dict[str, Any]:
    """`render.vis_data` of the view with the app's drawing options, computed once per
    View and drawing options and kept with the View (a click reruns the page; it need
    not rebuild the drawing).

    Positions come from the layout of the whole, unfolded dataset, so a state stays
    where it was when persons are folded into states (and no second layout is run).
    """

    def draw(v: View) -> dict[str, Any]:
        whole = make_view(v.dataset, ViewParams(statuses=frozenset(STATUSES)))
        data = vis_data(v, size_by=size_by, width_by=width_by, max_nodes=max_nodes,
                        positions=layout(whole))
        return {**data, "options": merge_options(data["options"], DRAWING_OPTIONS)}

    return view.derived(("vis-payload", size_by, width_by, max_nodes), draw)


def _serialised(data: dict[str, Any], view: View | None) -> str:
    """The drawing as one JSON string, made once per drawing and kept with its View:
    Streamlit then copies a string on each rerun instead of walking thousands of dicts
    twice."""
    if view is None:
        return json.dumps(data, separators=(",", ":"))
    # the entry holds `data`, so its id names no other object while the View lives
    kept, text = view.derived(("vis-json", id(data)),
                              lambda _: (data, json.dumps(data, separators=(",", ":"))))
    return text if kept is data else json.dumps(data, separators=(",", ":"))


@cache
def _script() -> str:
    vis_js, _ = vis_assets()
    # the source-map comment would point the browser's devtools at a file we do not serve
    vis_js = re.sub(r"^//# sourceMappingURL=.*$", "", vis_js, flags=re.MULTILINE)
    own = (Path(__file__).parent / "network.js").read_text(encoding="utf-8")
    return f"{vis_js}\n{own}"


@cache
def _component() -> Any:
    return st.components.v2.component("explorer_network", html=_HTML, css=_CSS,
                                      js=_script())


def network(data: dict[str, Any], *, version: str, selected: dict[str, str] | None = None,
            focus: str | None = None, name: str = "graph", key: str = "network",
            height: int = HEIGHT, view: View | None = None) -> dict[str, Any] | None:
    """Draw `render.vis_data` output; return the click of this run, if any.

    `version` names the drawing (same version, same nodes and edges: the browser
    then only updates the selection); `selected` is highlighted; a new `focus`
    token centres the view on the selected node; `view`, the View the drawing was made
    from, keeps its JSON text.
    """
    payload = {"drawing": _serialised(data, view), "version": version, "selected": selected,
               "focus": focus, "name": name, "height": height}
    result = _component()(key=key, data=payload, on_select_change=lambda: None)
    return getattr(result, "select", None) if result else None
