"""Changes: what started, ended or changed between two dates, drawn and listed, the
measures that moved, and whether the ranking survives dropping weak sources."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from explorer.analysis.actors import MEASURES
from explorer.analysis.change import change, snapshot
from explorer.analysis.robustness import robustness
from explorer.app import charts, context, filters, panels, state
from explorer.app.network import kept_layout, network
from explorer.app.ui import md, relation_title
from explorer.graph import make_view
from explorer.model import RELIABILITY_MEANING

MODES = {"in_force": "in force on each date", "known_on": "known on each date "
         "(evidence published by then)"}


def _date(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw)


def _select(value: dict[str, str] | None) -> None:
    st.session_state["c_selected"] = value


dataset = context.dataset()
names = {a.id: a.name for a in dataset.actors}
dates = [d for r in dataset.relations for d in (r.since, r.until) if d]
dates += [s.published for s in dataset.sources if s.published]
latest = max(dates, default=dt.date.today())
date_a = state.option("a", latest - dt.timedelta(days=365), _date, widget="c_a")
date_b = state.option("b", latest, _date, widget="c_b")
mode = state.option("mode", "in_force", state.one_of(MODES), widget="c_mode")
state.option("robust", "betweenness", state.one_of(MEASURES), widget="c_robust")
view = context.view()

context.heading("Changes")
low, high = filters.date_bounds(filters.data_span(dataset), date_a, date_b)
c1, c2, c3 = st.columns([1, 1, 2])
date_a = c1.date_input("From", key="c_a", min_value=low, max_value=high) or date_a
date_b = c2.date_input("To", key="c_b", min_value=low, max_value=high) or date_b
mode = c3.radio("Compare the relations", list(MODES), key="c_mode", format_func=MODES.get,
                horizontal=True)
state.set_option("a", date_a, latest - dt.timedelta(days=365), dt.date.isoformat)
state.set_option("b", date_b, latest, dt.date.isoformat)
state.set_option("mode", mode, "in_force")

params = view.params
result = change(dataset, params, date_a, date_b, mode=mode)
before = make_view(dataset, snapshot(params, date_a, mode))
after = make_view(dataset, snapshot(params, date_b, mode))

m1, m2, m3 = st.columns(3)
m1.metric("Started", len(result.started))
m2.metric("Ended", len(result.ended))
m3.metric("Changed evidence", len(result.changed))

if before.graph.number_of_nodes() or after.graph.number_of_nodes():
    kept_layout(before, context.loaded().path)
    positions = kept_layout(after, context.loaded().path).positions  # the graph page's places
    payload = charts.change_payload(before, after, result, max_nodes=300, positions=positions)
    version = json.dumps([dataset.digest, after.params.to_query(), before.params.to_query()])
    chosen = st.session_state.get("c_selected")
    clicked = network(payload, version=version, fit=version, name="changes",
                      key="changes_network", height=520, file="relations-changes",
                      selected={**chosen, "line": chosen["id"]} if chosen else None)
    if clicked is not None and clicked.get("kind") != "moved":
        _select(clicked if clicked.get("kind") else None)
    chosen = st.session_state.get("c_selected")
    if chosen and chosen["kind"] == "edge":
        for snap in (after, before):
            if any(k == chosen["id"] for _, _, k in snap.graph.edges(keys=True)):
                with st.container(border=True):
                    panels.relation_panel(snap, chosen["id"])
                break
else:
    st.info("Neither date has a relation under these filters.")


def _listing(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{"relation": relation_title(dataset, dataset.relation(i)),
                          "id": i, "since": dataset.relation(i).since,
                          "until": dataset.relation(i).until,
                          "status": dataset.relation(i).status} for i in ids],
                        columns=["relation", "id", "since", "until", "status"])


tabs = st.tabs([f"Started ({len(result.started)})", f"Ended ({len(result.ended)})",
                f"Changed ({len(result.changed)})", "Measures that moved"])
with tabs[0]:
    st.dataframe(_listing(list(result.started)), hide_index=True, width="stretch")
with tabs[1]:
    st.dataframe(_listing(list(result.ended)), hide_index=True, width="stretch")
with tabs[2]:
    st.dataframe(pd.DataFrame([{
        "relation": relation_title(dataset, dataset.relation(rid)), "id": rid, "what": what,
        "before": x, "after": y} for rid, what, x, y in result.changed],
        columns=["relation", "id", "what", "before", "after"]), hide_index=True,
        width="stretch")
with tabs[3]:
    moved = result.measures[result.measures["delta"].abs() > 1e-9].copy()
    moved.insert(1, "name", moved["actor"].map(names))
    moved = moved.reindex(moved["delta"].abs().sort_values(ascending=False).index)
    st.dataframe(moved, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.3g")
                                for c in ("before", "after", "delta")})

st.markdown("#### Robustness: does the ranking survive dropping weak sources?")
st.caption("The view rebuilt with evidence from sources rated at least A, B, … F only "
           "(F: all sources); rank 1 is the highest.")
robust_measure = st.selectbox("Measure", MEASURES, key="c_robust",
                              format_func=lambda m: m.replace("_", " "))
state.set_option("robust", robust_measure, "betweenness")
robust = robustness(dataset, params, robust_measure)
ranks = robust.ranks.copy()
ranks.insert(0, "name", [names.get(a, a) for a in ranks.index])
ranks.columns = ["name", *[f"{g} ({RELIABILITY_MEANING[g]})" if g != "F" else "F (all)"
                           for g in robust.ranks.columns]]
st.dataframe(ranks.head(50), width="stretch",
             column_config={c: st.column_config.NumberColumn(format="%d")
                            for c in ranks.columns[1:]})
st.caption(md("relations at each threshold: " + ", ".join(
    f"{g} {n}" for g, n in robust.relations.items())))
