"""Dyads and triangles: who depends on whom, which triangles are balanced, and the
history of one pair."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from explorer.analysis.balance import triangles
from explorer.analysis.dyads import dyads
from explorer.app import charts, context, state
from explorer.app.ui import md


def _pair(raw: str) -> tuple[str, str]:
    a, _, b = raw.partition(",")
    if not a or not b:
        raise ValueError(raw)
    return (a, b) if a < b else (b, a)


dataset = context.dataset()
chosen = state.option("pair", None, _pair)
view = context.view()
graph = view.graph


def name(actor: str) -> str:
    return graph.nodes[actor]["label"] if actor in graph else actor


context.heading("Dyads and triangles")
pairs = dyads(view)
if not pairs:
    st.info("No relation in this view: loosen the filters in the sidebar.")
    st.stop()

# ------------------------------------------------------------ dependency asymmetry
st.markdown("#### Who depends on whom")
st.caption("Material support given minus received within each pair (confidence-weighted "
           "military, economic and other directed positive relations; diplomatic support — "
           "praise, thanks, endorsement — is words and tells nothing of who depends on "
           "whom); share figures such as “at least 80% of its oil” decide the dependent "
           "side where the data gives them.")
rows = []
for d in pairs:
    if d.dependent is None:
        continue
    provider = d.a if d.dependent == d.b else d.b
    rows.append({"pair": f"{name(provider)} → {name(d.dependent)}",
                 "depends": name(d.dependent), "on": name(provider),
                 "support balance": abs(d.asymmetry),
                 "shares": "; ".join(replace(s, giver=name(s.giver),
                                             receiver=name(s.receiver)).describe()
                                     for s in d.shares),
                 "relations": d.relations, "net polarity": d.net})
asym = pd.DataFrame(rows, columns=["pair", "depends", "on", "support balance", "shares",
                                   "relations", "net polarity"])
if asym.empty:
    st.info("No pair in this view leans one way: support is even or absent.")
else:
    asym = asym.sort_values(["support balance", "pair"], ascending=[False, True],
                            ignore_index=True)
    top = asym.head(25)
    st.altair_chart(charts.bars(top, "pair", "support balance",
                                "support given minus support received"), width="stretch")
    st.dataframe(asym.drop(columns=["pair"]), hide_index=True, width="stretch",
                 column_config={"support balance": st.column_config.NumberColumn(
                     format="%.2f"), "net polarity": st.column_config.NumberColumn(
                     format="%+.2f"), "shares": st.column_config.TextColumn(width="large")})

# ------------------------------------------------------------------ triangles
st.markdown("#### Signed triangles")
st.caption("Each pair's sign is its net polarity. A triangle is balanced when the product "
           "of its three signs is positive (the friend of my friend is my friend); in an "
           "unbalanced one, the weakest tie is the one to question first.")
found = triangles(view)
if not found:
    st.info("No signed triangle in this view.")
else:
    balanced = sum(t.balanced for t in found)
    c1, c2, c3 = st.columns(3)
    c1.metric("Triangles", len(found))
    c2.metric("Balanced", balanced)
    c3.metric("Unbalanced", len(found) - balanced)
    tri = pd.DataFrame([{
        "actors": " · ".join(name(a) for a in t.actors),
        "signs": "  ".join(f"{name(a)}–{name(b)} {v:+.2f}" for (a, b), v in t.nets),
        "kind": t.kind, "balanced": t.balanced,
        "question first": f"{name(t.flip[0])}–{name(t.flip[1])}" if t.flip else "",
    } for t in found])
    st.dataframe(tri, hide_index=True, width="stretch",
                 column_config={"signs": st.column_config.TextColumn(width="large")})

# --------------------------------------------------------------- pair timeline
st.markdown("#### One pair over time")
options = [(d.a, d.b) for d in pairs]
counts = {(d.a, d.b): d.relations for d in pairs}
if chosen not in counts:
    chosen = options[0]
if ("d_pair" not in st.session_state or state.adopted()
        or st.session_state["d_pair"] not in counts):
    st.session_state["d_pair"] = chosen
pair = st.selectbox("Pair", options, key="d_pair",
                    format_func=lambda p: f"{name(p[0])} — {name(p[1])} "
                    f"({counts[p]} relations)")
state.set_option("pair", pair, options[0], lambda p: f"{p[0]},{p[1]}")
ids = sorted({i for u, v, rids in graph.edges(data="relation_ids")
              if {u, v} == set(pair) for i in rids})
table, chart = charts.pair_timeline(dataset, ids)
st.caption(md(f"{len(ids)} relation(s) between {name(pair[0])} and {name(pair[1])}: "
              "bars from since to until (an open end runs to today, an open start from the "
              "chart's first date), diamonds where a "
              "source reporting it was published."))
if chart is None:
    st.info("None of these relations has a date, nor a dated source.")
else:
    st.altair_chart(chart, width="stretch")
    st.dataframe(table, hide_index=True, width="stretch")
