"""The graph component: vis-network in the page, clicks back to Python.

A `st.components.v2` component whose script is vis-network as pyvis ships it
(read from the installed package and served by the app's own server, never a
CDN), and `network.js`. It draws `render.vis_data` output at the positions kept
beside the data file (`explorer.layout`), with actors' names, a legend and its
tools over the canvas, and reports a click on an actor or a line as
`{"kind": "node"|"edge"|"line", "id": …}` (`{"kind": None}` for empty canvas),
an actor dragged to a new place, and the re-layout button.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from explorer.graph import View
from explorer.layout import LayoutFile, relayout
from explorer.render import vis_assets, vis_data

__all__ = ["DEFAULTS", "DRAWING_OPTIONS", "HEIGHT", "Drawn", "kept_layout", "merge_options",
           "network", "prepare", "save_moves", "save_relayout", "vis_payload"]

#: How the graph page draws a view unless the analyst says otherwise.
DEFAULTS: dict[str, Any] = {"size_by": "degree", "width_by": "confidence", "max_nodes": 300,
                            "lines": "pairs"}

#: Height of the drawing in pixels, when a page asks for a fixed one; by default the
#: canvas fills the window's height (less the page's header), within 420–900 px.
HEIGHT = None

_HTML = ('<div class="explorer-graph"><div class="explorer-frame">'
         '<div class="explorer-canvas"></div><div class="explorer-tools"></div>'
         '<div class="explorer-legend"></div></div></div>')
_CSS = """
.explorer-graph { font: 13px/1.35 "Source Sans 3", "Source Sans Pro", sans-serif; color: #31333f; }
.explorer-frame { position: relative; }
.explorer-canvas { width: 100%; height: clamp(420px, calc(100vh - 190px), 900px);
  border: 1px solid #e3e5ea; border-radius: 8px; background: #ffffff; position: relative; }
.explorer-tools { position: absolute; top: 6px; right: 6px; display: flex; gap: 4px; z-index: 3; }
.explorer-tools button, .explorer-legend .toggle { font: 12px/1 "Source Sans 3", "Source Sans Pro",
  sans-serif; color: #31333f; background: rgba(255, 255, 255, .92); border: 1px solid #c9ccd3;
  border-radius: 5px; padding: 4px 8px; cursor: pointer; }
.explorer-tools button:hover, .explorer-legend .toggle:hover { border-color: #7a7f8c; }
.explorer-legend { position: absolute; left: 6px; bottom: 6px; right: 6px; z-index: 2;
  display: flex; flex-direction: column; align-items: flex-start; gap: 2px;
  font-size: 12px; color: #4a4d57; pointer-events: none; }
.explorer-legend .toggle { pointer-events: auto; padding: 2px 7px; font-size: 11px; }
.explorer-legend .body { pointer-events: auto; background: rgba(255, 255, 255, .9);
  border: 1px solid #e3e5ea; border-radius: 6px; padding: 4px 8px; display: flex;
  flex-direction: column; gap: 2px; max-width: 100%; }
.explorer-legend.folded .body { display: none; }
.explorer-legend .row { display: flex; flex-wrap: wrap; align-items: center; gap: 1px 12px; }
.explorer-legend .head { font-weight: 600; min-width: 52px; color: #31333f; }
.explorer-legend .item { display: inline-flex; align-items: center; gap: 4px; }
.explorer-legend .note { color: #6b6e78; font-size: 11px; }
div.vis-tooltip { position: absolute; visibility: hidden; z-index: 5; pointer-events: none;
  padding: 6px 9px; max-width: 420px; white-space: pre-line; background: #fff; color: #222;
  border: 1px solid #c9ccd3;
  border-radius: 5px; box-shadow: 0 2px 10px rgba(0, 0, 0, .14);
  font: 12px/1.4 "Source Sans 3", "Source Sans Pro", sans-serif; }
"""


#: The app's drawing on top of `vis_data`'s options: positions are always given (kept
#: beside the data file), so nothing moves by itself; edge labels (on relations drawn
#: one line each) haloed in white.
DRAWING_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "edges": {"font": {"size": 12, "color": "#31333f", "strokeWidth": 4,
                       "strokeColor": "#ffffff", "face": "Source Sans 3, sans-serif"}},
}


def merge_options(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        result[key] = (merge_options(result[key], value)
                       if isinstance(value, dict) and isinstance(result.get(key), dict)
                       else value)
    return result


# ------------------------------------------------------------------ layout
def _relation_ends(view: View) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in view.dataset.relations]


@st.cache_resource
def _unsaved() -> dict[str, LayoutFile]:
    """Layouts whose file could not be written (a read-only folder), by data file: kept
    for as long as the server runs, so that they are not computed on every click."""
    return {}


def _read(path: Path) -> LayoutFile:
    kept = LayoutFile.beside(path)
    held = _unsaved().get(str(kept.path))
    return held if held is not None and not kept.positions else kept


def _keep(kept: LayoutFile) -> None:
    if kept.save():
        _unsaved().pop(str(kept.path), None)
    else:
        _unsaved()[str(kept.path)] = kept


def kept_layout(view: View, path: Path) -> LayoutFile:
    """The positions kept beside the data file at `path` (the view's data), completed
    for every actor of the view (and saved when that placed anyone new). The path is
    the app's, not `view.dataset.path`: views are shared by files of equal content."""
    kept = _read(path)
    needed = list(view.graph)
    if kept.digest == view.dataset.digest and all(a in kept.positions for a in needed):
        return kept
    kept.complete(needed, _relation_ends(view), everyone=[a.id for a in view.dataset.actors])
    kept.digest = view.dataset.digest
    _keep(kept)
    return kept


def save_moves(view: View, path: Path, moved: dict[str, Any]) -> None:
    """Keep the places the analyst dragged actors to."""
    kept = _read(path)
    for actor, xy in moved.items():
        if view.dataset.has_actor(str(actor)) and isinstance(xy, list | tuple) and len(xy) == 2:
            kept.positions[str(actor)] = (float(xy[0]), float(xy[1]))
            kept.loose.discard(str(actor))  # the analyst chose its place
    _keep(kept)


def save_relayout(view: View, path: Path, drawn: list[str]) -> None:
    """Lay out the drawn actors afresh and keep their new places (a new generation)."""
    kept = kept_layout(view, path)
    kept.positions = relayout(kept.positions, drawn,
                              [(u, v) for u, v, _, _ in view.edges])
    kept.generation += 1
    _keep(kept)


# ------------------------------------------------------------------ drawing
class Drawn:
    """A drawing of a view and the JSON text the browser receives (made once)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.text = json.dumps(data, separators=(",", ":"))


def vis_payload(view: View, *, layout: LayoutFile, size_by: str | None, width_by: str,
                max_nodes: int, lines: str = "pairs",
                expand: frozenset[str] = frozenset()) -> Drawn:
    """`render.vis_data` of the view with the app's drawing options, at the kept
    positions (`layout`); computed once per View, drawing options and state of the
    kept layout (a click reruns the page; it need not rebuild the drawing)."""
    kept = layout
    cached = view.derived("vis-payloads", lambda _: {})  # kept with the View
    key = (size_by, width_by, max_nodes, lines, expand, kept.generation,
           hash(frozenset(kept.positions.items())))
    if key not in cached:
        data = vis_data(view, size_by=size_by, width_by=width_by, max_nodes=max_nodes,
                        positions=kept.positions, lines=lines, expand=expand)
        while len(cached) > 1:  # a view keeps its last two drawings (they are large)
            cached.pop(next(iter(cached)))
        cached[key] = Drawn({**data, "options": merge_options(data["options"],
                                                              DRAWING_OPTIONS)})
    return cached[key]


@cache
def _script() -> str:
    vis_js, _ = vis_assets()
    # the source-map comment would point the browser's devtools at a file we do not serve
    vis_js = re.sub(r"^//# sourceMappingURL=.*$", "", vis_js, flags=re.MULTILINE)
    own = (Path(__file__).parent / "network.js").read_text(encoding="utf-8")
    return f"{vis_js}\n{own}"


def prepare(view: View, path: Path) -> None:
    """What a first page will need, made ahead: the graph component, and the drawing of
    `view` with the default options (at the positions kept beside `path`)."""
    _component()
    vis_payload(view, layout=kept_layout(view, path), **DEFAULTS)


@cache
def _component() -> Any:
    return st.components.v2.component("explorer_network", html=_HTML, css=_CSS,
                                      js=_script())


def network(drawn: Drawn | dict[str, Any], *, version: str, fit: str,
            selected: dict[str, str] | None = None, focus: str | None = None,
            name: str = "graph", key: str = "network", height: int | None = HEIGHT,
            file: str = "relations-view", relayout: bool = False) -> dict[str, Any] | None:
    """Draw `render.vis_data` output; return what the analyst did in this run, if
    anything: `{"kind": "node"|"edge"|"line"|None, "id": …}` for a click,
    `{"kind": "moved", "positions": {…}}` for a drag, `{"kind": "relayout"}`.

    `version` names the drawing (same version, same nodes and edges: the browser
    then only updates the selection); a new `fit` fits the drawing to the canvas;
    `selected` (with the drawn line to highlight under `line`) is highlighted; a
    new `focus` token centres the view on the selected node; `file` names the PNG
    and SVG downloads; `relayout` shows the Re-layout button.
    """
    text = drawn.text if isinstance(drawn, Drawn) else json.dumps(drawn, separators=(",", ":"))
    payload = {"drawing": text, "version": version, "fit": fit, "selected": selected,
               "focus": focus, "name": name, "height": height, "file": file,
               "relayout": relayout}
    result = _component()(key=key, data=payload, on_select_change=lambda: None,
                          on_moved_change=lambda: None, on_action_change=lambda: None)
    if not result:
        return None
    for trigger in ("select", "moved", "action"):
        value = getattr(result, trigger, None)
        if value is not None:
            if trigger == "moved":
                return {"kind": "moved", "positions": value.get("positions", {})}
            return value
    return None
