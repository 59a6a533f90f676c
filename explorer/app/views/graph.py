"""Graph: the View as an interactive network; a click shows the evidence."""

from __future__ import annotations

import json

import streamlit as st

from explorer.analysis.actors import MEASURE_HELP, MEASURES
from explorer.app import context, events_layer, filters, panels
from explorer.app.network import network, vis_payload
from explorer.app.ui import md
from explorer.render import describe_params, standalone_html

EQUAL = "equal"
SIZES = (*MEASURES, EQUAL)
WIDTHS = ("confidence", "evidence")
CAP = 300


def _cap(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


def _selection(raw: str) -> dict[str, str]:
    kind, _, ident = raw.partition(":")
    if kind not in ("node", "edge") or not ident:
        raise ValueError(raw)
    return {"kind": kind, "id": ident}


def _dump_selection(value: dict[str, str] | None) -> str:
    return f"{value['kind']}:{value['id']}" if value else ""


def _select(value: dict[str, str] | None) -> None:
    filters.set_option("sel", value, None, _dump_selection)


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
    st.rerun()


def _raise_cap(value: int) -> None:
    st.session_state["g_cap"] = value


dataset = context.dataset()
# page options first, so a link's bad values are explained with the filters' notes
size = filters.option("size", "degree", filters.one_of(SIZES))
width = filters.option("width", "confidence", filters.one_of(WIDTHS))
cap = filters.option("nodes", CAP, _cap)
selected = filters.option("sel", None, _selection)
for key, value in (("g_size", size), ("g_width", width), ("g_cap", cap)):
    st.session_state.setdefault(key, value)

drawing = st.sidebar.container()  # above the filters: what analysts reach for most
view = filters.view(dataset)
graph = view.graph

with drawing:
    st.header("Drawing", divider="gray")
    names = sorted(graph.nodes, key=lambda n: (graph.nodes[n]["label"].casefold(), n))
    st.selectbox("Find an actor", names, index=None, key="g_search", on_change=_found,
                 format_func=lambda n: f"{graph.nodes[n]['label']} ({n})",
                 placeholder="type a name…")
    size = st.selectbox("Node size", SIZES, key="g_size",
                        format_func=lambda m: m.replace("_", " "),
                        help="; ".join(f"{m}: {h}" for m, h in MEASURE_HELP.items()))
    width = st.radio("Line width", WIDTHS, key="g_width", horizontal=True)
    cap = st.number_input("Most actors drawn", 1, 100_000, step=100, key="g_cap",
                          help="The actors ranked highest by the node-size measure "
                          "(by degree for equal sizes) are drawn.")
filters.set_option("size", size, "degree")
filters.set_option("width", width, "confidence")
filters.set_option("nodes", cap, CAP)

size_by = None if size == EQUAL else size
st.subheader("Graph")
st.caption(md(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} relations · "
              f"{describe_params(view.params)}"))

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

data = vis_payload(view, size_by=size_by, width_by=width, max_nodes=cap)
version = json.dumps([view.dataset.digest, view.params.to_query(), size, width, cap])
left, right = st.columns([7, 3], gap="medium")
with left:
    clicked = network(data, version=version, selected=selected, view=view,
                      focus=str(st.session_state.get("g_focus_token", "")) or None)
    st.download_button(
        "Download this view as HTML", icon=":material/download:", on_click="ignore",
        data=lambda: standalone_html(view, title="Relations explorer", size_by=size_by,
                                     max_nodes=cap, width_by=width),
        file_name="relations-view.html", mime="text/html",
        help="One offline file: the drawing, its legend and tooltips, no outside requests.")
if clicked is not None:
    selected = clicked if clicked.get("kind") else None
    _select(selected)

with right:
    edges = {k for _, _, k in graph.edges(keys=True)}
    if selected and selected["kind"] == "node" and selected["id"] in graph:
        if selected["id"] not in {n["id"] for n in data["nodes"]}:
            st.caption("This actor is in the view but not drawn (beyond the node cap).")
        panels.actor_panel(view, selected["id"], on_focus=_focus_on, on_relation=_show_edge)
    elif selected and selected["kind"] == "edge" and selected["id"] in edges:
        panels.relation_panel(view, selected["id"])
        events_layer.edge_section(view, selected["id"])
    else:
        if selected:
            st.caption("The selected item is not in this view.")
        st.info("Click an actor or a line to see its measures, relations and evidence.",
                icon=":material/touch_app:")
        counts = {}
        for _, _, label in graph.edges(data="label"):
            counts[label] = counts.get(label, 0) + 1
        st.markdown("**Relations in this view**")
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        st.dataframe({"type": [k for k, _ in ranked], "relations": [v for _, v in ranked]},
                     hide_index=True, width="stretch")
