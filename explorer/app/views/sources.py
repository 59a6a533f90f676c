"""Sources: each source, what derives from what, and what rests on it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.app import context, state, tables
from explorer.app.ui import md, relation_title, show_url
from explorer.model import RELIABILITY_MEANING

dataset = context.dataset()
table = tables.sources_table(dataset)

st.subheader("Sources")
st.caption("Every source in the data file, whatever the filters: how reliable it is, "
           "what it copies (derived_from: copies count once as independent evidence), "
           "and how many relations and quotes rest on it (rejected relations left out).")
shown = table.assign(url=table["url"].map(lambda u: u or ""))
st.dataframe(shown, hide_index=True, width="stretch",
             column_config={"url": st.column_config.TextColumn("address (as text)"),
                            "title": st.column_config.TextColumn(width="large")})

ids = list(table["source"])
if not ids:
    st.info("The data file lists no source.")
    st.stop()


chosen = state.option("source_id", ids[0], state.one_of(ids))
if chosen not in ids:
    chosen = ids[0]
if "s_source" not in st.session_state or state.adopted() or \
        st.session_state["s_source"] not in ids:
    st.session_state["s_source"] = chosen
source_id = st.selectbox("Source", ids, key="s_source",
                         format_func=lambda i: f"{dataset.source(i).title or i} ({i})")
state.set_option("source_id", source_id, ids[0])
source = dataset.source(source_id)

with st.container(border=True):
    st.markdown(f"### {md(source.title or source.id)}")
    facts = [x for x in (source.publisher, source.published and source.published.isoformat(),
                         f"reliability {source.reliability} "
                         f"({RELIABILITY_MEANING[source.reliability]})", f"id {source.id}")
             if x]
    st.caption(md(" · ".join(facts)))
    chain = tables.source_chain(dataset, source_id)
    if len(chain) > 1:
        st.markdown(md("Derived from: " + " → ".join(
            dataset.source(s).title or s for s in chain[1:])))
    copies = [s.id for s in dataset.sources if s.derived_from == source_id]
    if copies:
        st.markdown(md("Copied or paraphrased by: " + ", ".join(
            dataset.source(s).title or s for s in copies)))
    if source.notes:
        st.markdown(md(source.notes))
    show_url(source.url, key="source-url")

quotes = [(r, e) for r in dataset.relations if r.status != "rejected"
          for e in r.evidence if e.source == source_id]
st.markdown(f"**{len({r.id for r, _ in quotes})} relation(s) and {len(quotes)} quote(s) rest "
            "on this source**")
st.dataframe(pd.DataFrame([{
    "relation": relation_title(dataset, r), "status": r.status, "confidence": r.confidence,
    "quote": e.quote, "credibility": e.credibility, "id": r.id} for r, e in quotes],
    columns=["relation", "status", "confidence", "quote", "credibility", "id"]),
    hide_index=True, width="stretch",
    column_config={"quote": st.column_config.TextColumn(width="large")})
