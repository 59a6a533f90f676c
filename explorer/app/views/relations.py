"""Relations: the view's relations as a table to sort, search and download; a click
on a row opens the relation's quotes."""

from __future__ import annotations

import streamlit as st

from explorer.app import context, panels, state, tables
from explorer.app.ui import md

_OPEN = "r_open"  # the relation whose quotes to show, once, after a click


def _clicked() -> None:
    cells = st.session_state["r_table"].selection.cells
    if cells:
        st.session_state[_OPEN] = cells[0][0]


@st.dialog("Relation and evidence", width="large")
def _evidence(edge: str) -> None:
    panels.relation_panel(context.view(), edge)

state.option("q", "", str, widget="r_search")
view = context.view()
table = tables.relations_table(view)

context.heading("Relations")
text = st.text_input("Search", key="r_search", placeholder="an actor, a type, a word of "
                     "the summary, an id…", help="Rows that contain every word you type.")
state.set_option("q", text, "")
shown = tables.search(table, text)
st.caption(md(f"{len(shown)} of {len(table)} relations in this view · click a column "
              "header to sort"))
st.dataframe(
    shown.drop(columns=["source id", "target id"]), hide_index=True, width="stretch",
    height=min(38 + 35 * max(len(shown), 1), 640), key="r_table", on_select=_clicked,
    selection_mode="single-cell",
    column_config={
        "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0,
                                                      format="%.2f"),
        "since": st.column_config.DateColumn(), "until": st.column_config.DateColumn(),
        "summary": st.column_config.TextColumn(width="large"),
        "direction": st.column_config.TextColumn("", width="small"),
    })
st.caption("Click a row to read the relation's quotes and where they come from.")
row = st.session_state.pop(_OPEN, None)
if row is not None and row < len(shown):
    _evidence(str(shown.iloc[row]["relation"]))
st.download_button("Download these rows as CSV", icon=":material/download:",
                   data=lambda: tables.to_csv(shown), file_name="relations.csv",
                   mime="text/csv", on_click="ignore")
