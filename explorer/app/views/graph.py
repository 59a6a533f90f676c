"""Graph: the View as an interactive network; a click shows the evidence.

By default one line per pair of actors and direction (the mutual types on a
line of their own), coloured by the net sign of its relations and as wide as
their summed confidence; a click on a line lists its relations, which can be
drawn one line each (`expand`), and the sidebar can draw every relation as its
own line (`lines=typed`).
"""

from __future__ import annotations

import json

import streamlit as st

from explorer.analysis.actors import MEASURE_HELP, MEASURES
from explorer.app import context, events_layer, panels, state
from explorer.app.network import (
    DEFAULTS,
    kept_layout,
    network,
    save_moves,
    save_relayout,
    vis_payload,
)
from explorer.app.ui import md
from explorer.render import LINES, line_id, line_members, pair_key, standalone_html

EQUAL = "equal"
SIZES = (*MEASURES, EQUAL)
WIDTHS = ("confidence", "evidence")
CAP = DEFAULTS["max_nodes"]
LINE_NAMES = {"pairs": "one per pair and direction", "typed": "one per relation"}


def _cap(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


def _selection(raw: str) -> dict[str, str]:
    kind, _, ident = raw.partition(":")
    if kind not in ("node", "edge", "line") or not ident:
        raise ValueError(raw)
    return {"kind": kind, "id": ident}


def _dump_selection(value: dict[str, str] | None) -> str:
    return f"{value['kind']}:{value['id']}" if value else ""


def _pairs(raw: str) -> frozenset[str]:
    pairs = frozenset(p for p in raw.split(",") if p)
    if any(p.count("~") != 1 for p in pairs):
        raise ValueError(raw)
    return pairs


def _select(value: dict[str, str] | None) -> None:
    state.set_option("sel", value, None, _dump_selection)


def _found() -> None:
    actor = st.session_state.get("g_search")
    if actor:
        _select({"kind": "node", "id": actor})
        st.session_state["g_focus_token"] = st.session_state.get("g_focus_token", 0) + 1
    st.session_state["g_search"] = None


def _focus_on(actor: str) -> None:
    st.session_state["f_focus"] = actor


def _show_edge(edge: str) -> None:
    _select({"kind": "edge", "id": edge})
    state.rerun()


def _raise_cap(value: int) -> None:
    st.session_state["g_cap"] = value


def _expand(pair: str, on: bool) -> None:
    pairs = set(state.option("expand", frozenset(), _pairs))
    pairs = pairs | {pair} if on else pairs - {pair}
    state.set_option("expand", frozenset(pairs), frozenset(), lambda p: ",".join(sorted(p)))


size = state.option("size", DEFAULTS["size_by"], state.one_of(SIZES), widget="g_size")
width = state.option("width", DEFAULTS["width_by"], state.one_of(WIDTHS), widget="g_width")
cap = state.option("nodes", CAP, _cap, widget="g_cap")
state.option("lines", DEFAULTS["lines"], state.one_of(LINES), widget="g_lines")
selected = state.option("sel", None, _selection)
expand = state.option("expand", frozenset(), _pairs)

view = context.view()
graph = view.graph

with context.sidebar_top():
    st.header("Drawing", divider="gray")
    names = sorted(graph.nodes, key=lambda n: (graph.nodes[n]["label"].casefold(), n))
    st.selectbox("Find an actor", names, index=None, key="g_search", on_change=_found,
                 format_func=lambda n: f"{graph.nodes[n]['label']} ({n})",
                 placeholder="type a name…")
    lines = st.radio("Lines", LINES, key="g_lines", format_func=LINE_NAMES.get,
                     help="One per pair: the relations between two actors in one direction "
                     "(the mutual ones apart) as one line, coloured by their net sign — blue "
                     "for cooperation, orange for conflict — and as wide as their summed "
                     "confidence. One per relation: every relation its own line.")
    size = st.selectbox("Node size", SIZES, key="g_size",
                        format_func=lambda m: m.replace("_", " "),
                        help="; ".join(f"{m}: {h}" for m, h in MEASURE_HELP.items()))
    width = st.radio("Line width", WIDTHS, key="g_width", horizontal=True,
                     help="Summed over a line's relations when lines are drawn per pair.")
    cap = st.number_input("Most actors drawn", 1, max(100_000, cap), step=100, key="g_cap",
                          help="The actors ranked highest by the node-size measure "
                          "(by degree for equal sizes) are drawn.")
state.set_option("size", size, DEFAULTS["size_by"])
state.set_option("width", width, DEFAULTS["width_by"])
state.set_option("nodes", cap, CAP)
state.set_option("lines", lines, DEFAULTS["lines"])

size_by = None if size == EQUAL else size
context.heading("Graph")

if graph.number_of_nodes() == 0:
    st.info("No relation matches these filters. Loosen them in the sidebar, or reset them.",
            icon=":material/filter_alt_off:")
    st.stop()

if graph.number_of_nodes() > cap:
    more = min(graph.number_of_nodes(), cap * 2)
    note, button = st.columns([4, 1], vertical_alignment="center")
    note.info(f"Showing the {cap} actors with the highest "
              f"{(size_by or 'degree').replace('_', ' ')} of {graph.number_of_nodes()} in this "
              "view, so the drawing stays quick to read and to draw.",
              icon=":material/visibility:")
    button.button(f"Draw {more}", on_click=_raise_cap, args=(more,),
                  icon=":material/add_circle:")

where = context.loaded().path
kept = kept_layout(view, where)
drawn = vis_payload(view, size_by=size_by, width_by=width, max_nodes=cap, lines=lines,
                    expand=expand, layout=kept)
shown = {n["id"] for n in drawn.data["nodes"]}
query = view.params.to_query()
if st.session_state.get("f_play"):  # playing through time: keep the frame still
    query.pop("as_of", None)
fit = json.dumps([view.dataset.digest, query, cap, kept.generation])
version = json.dumps([view.dataset.digest, view.params.to_query(), size, width, cap, lines,
                      sorted(expand), kept.generation])


def _line_of(selection: dict[str, str] | None) -> dict[str, str] | None:
    """The selection, with the drawn line that shows it (`line`) for the browser."""
    if not selection or selection["kind"] == "node":
        return selection
    drawn_ids = {e["id"] for e in drawn.data["edges"]}
    if selection["id"] in drawn_ids:
        return {**selection, "line": selection["id"]}
    for u, v, key, d in view.edges:  # a relation drawn inside its pair's line
        if key == selection["id"]:
            return {**selection, "line": line_id(u, v, d["directed"])}
    return selection


left, right = st.columns([4, 3], gap="small")
with left:
    event = network(drawn, version=version, fit=fit, selected=_line_of(selected),
                    focus=str(st.session_state.get("g_focus_token", "")) or None,
                    file="relations-view", relayout=True)
    st.download_button(
        "Download this view as HTML", icon=":material/download:", on_click="ignore",
        data=lambda: standalone_html(view, title="Relations explorer", size_by=size_by,
                                     max_nodes=cap, width_by=width, lines=lines,
                                     expand=expand, positions=kept.positions),
        file_name="relations-view.html", mime="text/html",
        help="One offline file: the drawing, its legend and tooltips, no outside requests. "
        "The buttons on the drawing save it as PNG or SVG.")
if event is not None:
    if event.get("kind") == "moved":
        save_moves(view, where, event.get("positions") or {})
    elif event.get("kind") == "relayout":
        save_relayout(view, where, sorted(shown))
        state.rerun()
    else:
        selected = event if event.get("kind") else None
        _select({"kind": selected["kind"], "id": selected["id"]} if selected else None)

with right:
    if selected and selected["kind"] == "node" and selected["id"] in graph:
        if selected["id"] not in shown:
            st.caption("This actor is in the view but not drawn (beyond the node cap).")
        panels.actor_panel(view, selected["id"], on_focus=_focus_on, on_relation=_show_edge)
    elif selected and selected["kind"] == "edge" and any(
            k == selected["id"] for _, _, k, _ in view.edges):
        members = [(u, v, k, d) for u, v, k, d in view.edges if k == selected["id"]]
        u, v = members[0][:2]
        if lines == "pairs" and pair_key(u, v) not in expand:
            st.button("Back to the pair's relations", icon=":material/arrow_back:",
                      on_click=_select, args=({"kind": "line", "id": _line_of(selected)["line"]},))
        panels.relation_panel(view, selected["id"])
        events_layer.edge_section(view, selected["id"])
    elif selected and selected["kind"] == "line" and line_members(view, selected["id"]):
        first = line_members(view, selected["id"])[0]
        pair = pair_key(first[0], first[1])
        members = [e for e in view.edges if pair_key(e[0], e[1]) == pair]
        panels.line_panel(view, members, on_relation=_show_edge)
        if lines == "pairs":
            if pair in expand:
                st.button("Draw the pair as one line per direction", key="g_fold",
                          icon=":material/unfold_less:", on_click=_expand, args=(pair, False))
            else:
                st.button("Draw each relation as its own line", key="g_expand",
                          icon=":material/unfold_more:", on_click=_expand, args=(pair, True))
        if events_layer.is_on():
            events_layer.pair_section(view.dataset, first[0], first[1], key=f"line_{pair}")
    else:
        if selected:
            st.caption("The selected item is not in this view.")
        st.info("Click an actor or a line to see its measures, relations and evidence.",
                icon=":material/touch_app:")
        counts: dict[str, int] = {}
        for *_, d in view.edges:
            counts[d["label"]] = counts.get(d["label"], 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        # a list, not a table: the first page needs no table widget (a megabyte of script)
        st.markdown("**Relations in this view**\n\n" + "\n".join(
            f"- {md(label)}: {n}" for label, n in ranked))
