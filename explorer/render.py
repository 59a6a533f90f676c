"""View → vis-network data and a standalone, offline HTML page.

`vis_data` gives the nodes, edges, options and legend that vis-network draws;
the web app feeds it to a component, `standalone_html` wraps it in one file
with vis-network's script and style inlined from the copy pyvis ships, so the
page works offline and asks no host for anything.

Every string that came from the data file (names, descriptions, summaries,
type labels) is HTML-escaped in what `vis_data` returns. Labels are drawn on a
canvas and tooltips are text: `PREPARE_JS` turns the escaped strings back into
canvas text and into text-only tooltip elements, so nothing from the data is
ever parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import random
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from explorer.graph import View, ViewParams, make_view
from explorer.layout import LAYOUT_MAX_NODES, SEED, Positions, spring
from explorer.model import STATUSES, RelationType

__all__ = [
    "DASHES",
    "KIND_COLORS",
    "KIND_SHAPES",
    "LAYOUT_MAX_NODES",
    "LINES",
    "LINE_OPTIONS",
    "NET_COLORS",
    "PHYSICS_MAX_NODES",
    "PREPARE_JS",
    "describe_params",
    "layout",
    "line_id",
    "line_members",
    "net_color",
    "pair_key",
    "standalone_html",
    "type_colors",
    "vis_assets",
    "vis_data",
]

#: Views with more actors than this are drawn with physics off (positions as given).
PHYSICS_MAX_NODES = 150
KIND_SHAPES = {
    "state": "dot", "person": "triangle", "organisation": "square",
    "international_body": "hexagon", "group": "star",
}
#: Actors in muted colours that are neither blue nor orange: colour on a line means
#: cooperation or conflict, and nothing else; the shape tells the kind.
KIND_COLORS = {
    "state": "#4b5563", "person": "#7e6aa8", "organisation": "#2e7d6b",
    "international_body": "#6b7f3a", "group": "#a0527e",
}
#: A line's colour by the net sign of its relations, on a diverging palette safe for
#: colour-vision deficiencies (blue for cooperation, orange for conflict, grey between):
#: (lowest net, colour, meaning), from conflict to cooperation.
NET_COLORS = (
    (-1.0, "#a63603", "conflict"),
    (-0.6, "#fd8d3c", "mostly conflict"),
    (-0.2, "#969696", "mixed or neutral"),
    (0.2, "#6baed6", "mostly cooperation"),
    (0.6, "#08519c", "cooperation"),
)
#: Shades of each polarity's hue, for relation types drawn one line each.
FAMILY_SHADES = {
    "positive": ("#08306b", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#9ecae1"),
    "negative": ("#fd8d3c", "#f16913", "#d94801", "#7f2704", "#a63603", "#fdae6b"),
    "neutral": ("#737373", "#969696", "#525252", "#bdbdbd"),
}
#: How lines are drawn: one per pair and direction (relations summed), or one per relation.
LINES = ("pairs", "typed")
#: vis-network dash patterns: extracted dashed, hedged dotted, negated sparse dots.
DASHES = {"extracted": [10, 6], "hedged": [2, 5], "negated": [1, 9],
          "extracted+hedged": [10, 4, 2, 4], "extracted+negated": [10, 4, 1, 9]}

#: JavaScript that readies `vis_data` output for vis-network: labels unescaped for
#: the canvas (canvas text is inert), tooltips made into text-only elements.
PREPARE_JS = """
function explorerPrepare(data) {
  const area = document.createElement("textarea");
  const plain = (s) => { area.innerHTML = s; return area.value; };
  const tip = (s) => { const el = document.createElement("div");
    el.className = "explorer-tip"; el.textContent = plain(s); return el; };
  for (const item of data.nodes.concat(data.edges)) {
    if (typeof item.label === "string") item.label = plain(item.label);
    if (typeof item.title === "string") item.title = tip(item.title);
  }
  return data;
}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _line_style(status: str, modality: str) -> str:
    parts = [p for p in (status if status == "extracted" else "",
                         modality if modality != "asserted" else "") if p]
    return "+".join(parts) or "solid"


def net_color(net: float) -> str:
    """The colour of a line whose relations' net sign is `net` (−1 … +1)."""
    color = NET_COLORS[0][1]
    for low, shade, _ in NET_COLORS:
        if net >= low:
            color = shade
    return color


def type_colors(types: tuple[RelationType, ...] | list[RelationType]) -> dict[str, str]:
    """Each relation type's colour in a drawing: a shade of its polarity's hue, in the
    order the types are listed (the defaults first), so that types of one family
    share their family's hue."""
    used: dict[str, int] = defaultdict(int)
    colors = {}
    for t in types:
        shades = FAMILY_SHADES.get(t.polarity, FAMILY_SHADES["neutral"])
        colors[t.id] = shades[used[t.polarity] % len(shades)]
        used[t.polarity] += 1
    return colors


# ------------------------------------------------------------------- layout
def _spring(graph: nx.MultiDiGraph, nodes: list[str]) -> Positions:
    """Seeded positions in pixels for `nodes`, by the app's layout (`layout.spring`), so
    that an export and a fresh app draw the same picture."""
    return spring(nodes, graph.edges())


def _placed(view: View, drawn: set[str]) -> tuple[Positions, str | None]:
    """Positions for the drawn actors, and a note when they are not laid out. A layout
    is kept with the View it was made for."""
    base = make_view(view.dataset, ViewParams(statuses=frozenset(STATUSES),
                                              project=view.params.project))
    if len(base.graph) <= LAYOUT_MAX_NODES:
        positions = base.derived("layout", lambda v: _spring(v.graph, list(v.graph)))
        note = None
    else:
        key = frozenset(drawn)

        def place(v: View) -> Positions:
            if len(drawn) <= LAYOUT_MAX_NODES:
                return _spring(v.graph, list(drawn))
            rng = random.Random(SEED)
            scale = 120 * math.sqrt(len(drawn))
            return {a: (round(rng.uniform(-scale, scale), 1),
                        round(rng.uniform(-scale, scale), 1)) for a in sorted(drawn)}

        positions = view.derived(("layout", key), place)
        note = (f"positions random: over {LAYOUT_MAX_NODES} actors drawn, filter or cap to "
                "lay out" if len(drawn) > LAYOUT_MAX_NODES else
                f"laid out for this view: the data has over {LAYOUT_MAX_NODES} actors")
    missing = [a for a in drawn if a not in positions]
    if missing:  # an actor only the view has (a focus on an isolated actor)
        positions = {**positions, **dict.fromkeys(missing, (0.0, 0.0))}
    return positions, note


def layout(view: View) -> Positions:
    """Stable positions in pixels for the view's actors (seeded spring layout), for
    exports and pages made without the app's kept layout (`explorer.layout`).

    When the data has at most LAYOUT_MAX_NODES actors, positions come from one
    layout of the whole dataset (all statuses, projected or not as the view is),
    so an actor stays in place while filters change. Larger data is laid out per
    view; above LAYOUT_MAX_NODES drawn actors positions are seeded random.
    """
    return _placed(view, set(view.graph))[0]


def describe_params(params: ViewParams) -> str:
    """The view's filters in words, for legends and headers (plain text); it always
    says whether persons are folded into their states."""
    names = {"types": "types", "polarity": "polarity", "status": "status",
             "min_confidence": "confidence ≥", "modality": "modality",
             "min_reliability": "sources rated ≥", "max_credibility": "credibility ≤",
             "as_of": "in force on", "from": "in force from", "to": "in force until",
             "known_on": "as known on", "source": "sources", "min_sources":
             "independent sources ≥", "kinds": "actor kinds", "focus": "focus",
             "hops": "hops"}
    words = {"types", "polarity", "status", "modality", "kinds"}  # ids said as words
    parts = [f"{names[key]} " + (value.replace(",", ", ").replace("_", " ") if key in words
                                 else value)
             for key, value in params.to_query().items() if key != "project"]
    fold = ("persons folded into their states" if params.project
            else "persons apart from their states")
    return "; ".join([fold, *parts] if parts else
                     [fold, "all curated and extracted relations"])


def _keep(view: View, max_nodes: int | None,
          score: dict[str, float] | None = None) -> set[str]:
    if max_nodes is None or len(view.graph) <= max_nodes:
        return set(view.graph)
    ranked = sorted((score or dict(view.graph.degree())).items(),
                    key=lambda nd: (-nd[1], nd[0]))
    return {n for n, _ in ranked[:max_nodes]}


def _scale(values: dict[str, float], low: float, high: float) -> dict[str, float]:
    if not values:
        return {}
    lo, hi = min(values.values()), max(values.values())
    span = hi - lo
    return {k: (low + high) / 2 if span == 0 else low + (v - lo) / span * (high - low)
            for k, v in values.items()}


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "open"


# -------------------------------------------------------------------- lines
def pair_key(a: str, b: str) -> str:
    """The name of the pair of actors a and b, in either order: `A~B` (sorted)."""
    return f"{a}~{b}" if a < b else f"{b}~{a}"


def line_id(u: str, v: str, directed: bool) -> str:
    """The name of the line a relation u→v belongs to when lines are drawn per pair:
    `U>V` for the directed relations from u to v, `A~B` for the mutual ones."""
    return f"{u}>{v}" if directed else pair_key(u, v)


def line_members(view: View, line: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The view's edges (u, v, key, attributes) that the line named `line` draws."""
    return [(u, v, k, d) for u, v, k, d in view.edges if line_id(u, v, d["directed"]) == line]


def _curve(i: int, count: int, u: str, v: str) -> dict[str, Any]:
    """Lines between one pair, curved apart: the i-th of `count`, going u → v."""
    if count == 1:
        return {"enabled": False}
    a = min(u, v)
    clockwise = (i % 2 == 0) == (u == a)
    return {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
            "roundness": round(0.15 * (i // 2 + 1), 2)}


def _typed_edges(view: View, group: list, max_evidence: int, width_by: str,
                 colors: dict[str, str], labels: bool) -> list[dict[str, Any]]:
    edges = []
    for i, (u, v, key, d) in enumerate(group):
        style = _line_style(d["status"], d["modality"])
        width = (1 + 4 * d["confidence"] if width_by == "confidence"
                 else 1 + 5 * d["evidence_count"] / max_evidence)
        tip = [f"{d['label']} ({d['status']}, {d['modality']}, confidence "
               f"{d['confidence']:.2f})", f"{u} → {v}" if d["directed"] else f"{u} — {v}",
               d["summary"], f"evidence: {d['evidence_count']} item(s), "
               f"{d['independent_count']} independent source(s)",
               f"in force: {_date(d['since'])} to {_date(d['until'])}",
               "relation: " + ", ".join(d["relation_ids"])]
        edges.append({
            "id": key, "from": u, "to": v, "label": _e(d["label"]) if labels else "",
            "title": _e("\n".join(t for t in tip if t)),
            "color": {"color": colors.get(d["type"], d["color"]), "opacity": 0.9},
            "width": round(width, 2), "dashes": DASHES.get(style, False),
            "arrows": {"to": {"enabled": bool(d["directed"]), "scaleFactor": 0.6}},
            "smooth": _curve(i, len(group), u, v), "type": _e(d["type"]),
            "status": d["status"], "modality": d["modality"], "style": style,
            "kind": "relation", "pair": pair_key(u, v)})
    return edges


def _summed_edge(line: str, members: list, width_by: str,
                 names: dict[str, str]) -> dict[str, Any]:
    """One line for the relations of a pair in one direction (or mutual): colour by
    their net sign, width by their summed confidence (or evidence). Only what
    differs from `LINE_OPTIONS` is in the dict (thousands of lines travel to the
    browser on each new view)."""
    u, v, _, first = members[0]
    weight = signed = evidence = 0.0
    styles = set()
    kinds: dict[str, int] = defaultdict(int)
    for *_, d in members:
        weight += d["weight"]
        signed += d["sign"] * d["weight"]
        evidence += d["evidence_count"]
        styles.add(_line_style(d["status"], d["modality"]))
        kinds[d["label"]] += len(d["relation_ids"])
    net = signed / weight if weight else 0.0
    style = styles.pop() if len(styles) == 1 else "solid"
    arrow = "→" if first["directed"] else "—"
    what = ", ".join(f"{label} ×{n}" if n > 1 else label for label, n in sorted(kinds.items()))
    edge: dict[str, Any] = {
        "id": line, "from": u, "to": v, "kind": "line", "net": round(net, 2),
        "title": _e(f"{names[u]} {arrow} {names[v]}: {sum(kinds.values())} relation(s), "
                    f"net sign {net:+.2f}\n{what}"),
        "color": net_color(net),
        "width": round(min(1.2 + 1.6 * math.sqrt(weight if width_by == "confidence"
                                                  else evidence), 10.0), 1)}
    if style != "solid":
        edge["dashes"] = DASHES.get(style, False)
        edge["style"] = style
    if first["directed"]:
        edge["arrows"] = "to"
    return edge


#: Options every line drawn per pair shares (vis-network `edges` options).
LINE_OPTIONS: dict[str, Any] = {
    "arrows": {"to": {"enabled": False, "scaleFactor": 0.45}},
    "color": {"opacity": 0.9}, "smooth": {"enabled": False},
}


def vis_data(view: View, *, size_by: str | None = None,
             positions: dict[str, tuple[float, float]] | None = None,
             max_nodes: int | None = None, width_by: str = "confidence",
             lines: str = "typed", expand: frozenset[str] = frozenset()) -> dict[str, Any]:
    """vis-network `nodes`, `edges`, `options` and a `legend` for a View.

    - nodes: shape by actor kind, size by `size_by` (a measure of
      `analysis.actors.MEASURES`, or None for equal sizes), positions from
      `positions` or `layout(view)`; with `max_nodes`, only the actors ranked
      highest by `size_by` (by degree when there is no size measure);
    - edges, `lines="typed"`: one per graph edge, coloured by its type (a shade
      of its polarity's hue), width by confidence or `width_by="evidence"`,
      dashes for extracted, hedged and negated relations, parallel edges between
      a pair curved apart;
    - edges, `lines="pairs"`: one line per pair and direction (the mutual types
      on a line of their own), coloured by the net sign of its relations
      (`net_color`), width by their summed confidence (or evidence); the pairs in
      `expand` (`pair_key`) are drawn one line per relation, labelled;
    - options: physics off above PHYSICS_MAX_NODES actors;
    - every label, tooltip and legend string is HTML-escaped (see PREPARE_JS).
    """
    if width_by not in ("confidence", "evidence"):
        raise ValueError(f"width_by: '{width_by}' is not 'confidence' or 'evidence'")
    if lines not in LINES:
        raise ValueError(f"lines: '{lines}' is not one of {', '.join(LINES)}")
    values: dict[str, float] = {}
    if size_by:
        from explorer.analysis.actors import measure

        values = measure(view, size_by)
    keep = _keep(view, max_nodes, values or None)
    note = None
    if positions is None:
        positions, note = _placed(view, keep)
    sizes = _scale({n: values[n] for n in keep}, 10, 40) if size_by else {}
    nodes = []
    names = {}
    for n, d in view.graph.nodes(data=True):
        if n not in keep:
            continue
        names[n] = d["label"]
        lines_ = [d["label"], f"{d['kind'].replace('_', ' ')} · id {n}"]
        if len(d["members"]) > 1:
            lines_.append("includes " + ", ".join(  # by name, as the panel says it
                view.dataset.actor(m).name if view.dataset.has_actor(m) else m
                for m in d["members"]))
        if d["description"]:
            lines_.append(d["description"])
        if size_by:
            lines_.append(f"{size_by}: {values[n]:.3g}")
        x, y = positions.get(n, (0.0, 0.0))
        nodes.append({
            "id": n, "label": _e(d["label"]), "title": _e("\n".join(lines_)),
            "shape": KIND_SHAPES.get(d["kind"], "dot"),
            "color": KIND_COLORS.get(d["kind"], "#888888"),
            "size": round(sizes.get(n, 16), 1), "x": x, "y": y,
            "group": d["kind"],
        })
    colors = type_colors(view.dataset.types)
    pairs: dict[str, list] = defaultdict(list)
    for u, v, key, d in view.edges:
        if u in keep and v in keep:
            pairs[pair_key(u, v)].append((u, v, key, d))
    max_evidence = max((d["evidence_count"] for *_, d in view.edges), default=1) or 1
    edges: list[dict[str, Any]] = []
    for pair in sorted(pairs):
        group = sorted(pairs[pair], key=lambda e: e[2])
        if lines == "typed" or pair in expand:
            edges += _typed_edges(view, group, max_evidence, width_by, colors,
                                  labels=lines == "pairs")
            continue
        by_line: dict[str, list] = defaultdict(list)
        for edge in group:
            by_line[line_id(edge[0], edge[1], edge[3]["directed"])].append(edge)
        drawn = [_summed_edge(line, members, width_by, names)
                 for line, members in sorted(by_line.items())]
        if len(drawn) > 1:
            for i, edge in enumerate(drawn):
                edge["smooth"] = _curve(i, len(drawn), edge["from"], edge["to"])
        edges += drawn
    physics = len(nodes) <= PHYSICS_MAX_NODES
    options = {
        "physics": {"enabled": physics, "stabilization": {"iterations": 150},
                    "barnesHut": {"springLength": 160, "avoidOverlap": 0.2}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "multiselect": True},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"selectionWidth": 2, "hoverWidth": 1,
                  **(LINE_OPTIONS if lines == "pairs" else {})},
        "layout": {"randomSeed": SEED, "improvedLayout": False},
    }
    legend = _legend(view, edges, nodes, size_by=size_by, width_by=width_by,
                     physics=physics, shown=len(nodes), layout_note=note, lines=lines,
                     colors=colors)
    return {"nodes": nodes, "edges": edges, "options": options, "legend": legend}


def _legend(view: View, edges: list, nodes: list, *, size_by: str | None, width_by: str,
            physics: bool, shown: int, layout_note: str | None, lines: str,
            colors: dict[str, str]) -> dict[str, Any]:
    typed = {e["type"] for e in edges if e["kind"] == "relation"}
    types = sorted({d["type"] for *_, d in view.edges if _e(d["type"]) in typed})
    kinds = sorted({n["group"] for n in nodes})
    styles = sorted({e.get("style", "solid") for e in edges})
    notes = []
    if shown < len(view.graph):
        notes.append(f"showing the {shown} actors with the highest {size_by} of "
                     f"{len(view.graph)}" if size_by else
                     f"showing the {shown} best-connected of {len(view.graph)} actors")
    if not physics:
        notes.append(f"physics off: over {PHYSICS_MAX_NODES} actors, positions are fixed")
    if layout_note:
        notes.append(layout_note)
    dataset = view.dataset
    summed = "summed confidence" if width_by == "confidence" else "summed evidence"
    return {
        "view": _e(describe_params(view.params)),
        "lines": lines,
        "net": [{"color": c, "label": m} for _, c, m in reversed(NET_COLORS)]
        if lines == "pairs" else [],
        "types": [{"id": _e(t), "label": _e(dataset.relation_type(t).label or t),
                   "color": colors.get(t, dataset.relation_type(t).color),
                   "directed": dataset.relation_type(t).directed,
                   "polarity": dataset.relation_type(t).polarity} for t in types],
        "kinds": [{"kind": k, "shape": KIND_SHAPES.get(k, "dot"),
                   "color": KIND_COLORS.get(k, "#888888")} for k in kinds],
        "styles": [{"style": s, "dashes": DASHES.get(s, False)} for s in styles],
        "size": _e(f"node size: {size_by}" if size_by else "node size: equal"),
        "width": _e(f"width: {summed}" if lines == "pairs" else f"line width: {width_by}"),
        "notes": [_e(n) for n in notes],
    }


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, read from the copy inside the pyvis package."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return ((folder / "vis-network.min.js").read_text(encoding="utf-8"),
            (folder / "vis-network.css").read_text(encoding="utf-8"))


def _json_for_script(value: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` left to close it."""
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>
body {{ font: 14px/1.4 sans-serif; margin: 0; color: #222; }}
header {{ padding: 8px 14px; border-bottom: 1px solid #ddd; }}
header h1 {{ font-size: 17px; margin: 0 0 4px; }}
#graph {{ width: 100%; height: calc(100vh - 150px); min-height: 420px; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; }}
.swatch {{ display: inline-block; width: 22px; height: 0; border-top: 3px solid;
  vertical-align: middle; margin-right: 4px; }}
.explorer-tip {{ white-space: pre-wrap; max-width: 420px; font-size: 12px; }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div>{view} · {counts}</div>
<div class="legend">{legend}</div>
</header>
<div id="graph"></div>
<script>{vis_js}</script>
<script>{prepare_js}
const payload = explorerPrepare({data});
const network = new vis.Network(document.getElementById("graph"),
  {{nodes: new vis.DataSet(payload.nodes), edges: new vis.DataSet(payload.edges)}},
  payload.options);
network.once("afterDrawing", () => {{ document.body.dataset.drawn = "1"; }});
</script>
</body>
</html>
"""


def standalone_html(view: View, *, title: str = "Relations explorer",
                    size_by: str | None = None, max_nodes: int | None = None,
                    width_by: str = "confidence", lines: str = "typed",
                    expand: frozenset[str] = frozenset(),
                    positions: Positions | None = None) -> str:
    """One self-contained HTML page of the view: vis-network inlined, no request to
    any host (a Content-Security-Policy forbids them too), every data string escaped.
    The app passes its drawing's `lines`, `expand` and kept `positions`."""
    data = vis_data(view, size_by=size_by, max_nodes=max_nodes, width_by=width_by,
                    lines=lines, expand=expand, positions=positions)
    if positions is not None:
        data["options"]["physics"]["enabled"] = False
    js, css = vis_assets()
    legend = data["legend"]
    items = [f'<span><span class="swatch" style="border-color:{n["color"]}"></span>'
             f'{_e(n["label"])}</span>' for n in legend["net"]]
    items += [f'<span><span class="swatch" style="border-color:{t["color"]}"></span>'
              f'{t["label"]}</span>' for t in legend["types"]]
    items += [f"<span>{s['style']}: "
              f"{'dashed' if s['dashes'] else 'solid'}</span>" for s in legend["styles"]]
    items += [f"<span>{k['kind'].replace('_', ' ')}: {k['shape']}</span>"
              for k in legend["kinds"]]
    items += [f"<span>{legend['size']}</span>", f"<span>{legend['width']}</span>"]
    items += [f"<span>{n}</span>" for n in legend["notes"]]
    counts = f"{len(data['nodes'])} actors, {len(data['edges'])} relations"
    if lines == "pairs":
        drawn = {n["id"] for n in data["nodes"]}
        shown = sum(1 for u, v, _, _ in view.edges if u in drawn and v in drawn)
        counts = f"{len(data['nodes'])} actors, {shown} relations on {len(data['edges'])} lines"
    return _PAGE.format(title=_e(title), vis_css=css.replace("</", "<\\/"),
                        view=legend["view"], counts=counts, legend="\n".join(items),
                        vis_js=js, prepare_js=PREPARE_JS, data=_json_for_script(data))
