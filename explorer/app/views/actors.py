"""Actors: every measure for every actor of the view, and a chart of one."""

from __future__ import annotations

import streamlit as st

from explorer.analysis.actors import MEASURE_HELP, MEASURES, actor_table
from explorer.app import charts, context, panels, state, tables
from explorer.app.ui import md

state.option("measure", "pagerank", state.one_of(MEASURES), widget="a_measure")
view = context.view()

context.heading("Actors")
if view.graph.number_of_nodes() == 0:
    st.info("No actor in this view: loosen the filters in the sidebar.")
    st.stop()
table = actor_table(view)
left, right = st.columns([2, 1], vertical_alignment="bottom")
chosen = left.selectbox("Measure", MEASURES, key="a_measure",
                        format_func=lambda m: m.replace("_", " "))
top = right.number_input("Actors in the chart", 3, 100, 20, step=1, key="a_top")
state.set_option("measure", chosen, "pagerank")
st.caption(md(MEASURE_HELP[chosen]))
best = table.nlargest(int(top), chosen)
twins = best["name"].duplicated(keep=False)
best = best.assign(who=best["name"].where(~twins, best["name"] + " (" + best["actor"] + ")"))
best = best[["who", chosen]]
st.altair_chart(charts.bars(best, "who", chosen, chosen.replace("_", " ")), width="stretch")
panels.explain_measures()
st.markdown(f"**All {len(table)} actors of the view**, ranked by PageRank")
st.dataframe(table, hide_index=True, width="stretch",
             column_config={m: st.column_config.NumberColumn(format="%.3g") for m in MEASURES})
if "sampled" in table.attrs.get("betweenness", ""):
    st.caption(md(f"betweenness {table.attrs['betweenness']}"))
st.download_button("Download the measures as CSV", icon=":material/download:",
                   data=lambda: tables.to_csv(table), file_name="actors.csv",
                   mime="text/csv", on_click="ignore")
