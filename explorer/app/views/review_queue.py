"""Review queue: every relation waiting for review (`status: extracted`), filtered by
source and type, each as a `proposal.card` (quotes, Accept / Edit / Reject, Merge)."""

from __future__ import annotations

import math

import streamlit as st

from explorer import review
from explorer.app import context, proposal, writing

PER_PAGE = 20

dataset = context.dataset()
state = st.session_state
sources = {s.id: s for s in dataset.sources}


st.subheader("Review queue")
st.caption("Relations the extractor proposed (`explorer extract --write`, or Add article) "
           "that wait for a decision. Accept makes one curated; Reject keeps it in the file "
           "as rejected, with your reason, so it is not proposed again. Each decision is "
           "written at once and records who made it.")
writing.feedback("queue")
waiting = review.queue(dataset)
if not waiting:
    st.info("Nothing waits for review.", icon=":material/done_all:")
    st.stop()

quoted = sorted({e.source for r in waiting for e in r.evidence})
types = sorted({r.type for r in waiting})
for key, options in (("q_source", quoted), ("q_type", types)):
    if state.get(key) not in ("", *options):
        state[key] = ""
left, right = st.columns(2)
source_id = left.selectbox(
    "Source", ["", *quoted], key="q_source",
    format_func=lambda s: (f"{sources[s].title or s} ({s})" if s in sources else s) if s
    else "All sources")
type_id = right.selectbox(
    "Type", ["", *types], key="q_type",
    format_func=lambda t: (f"{dataset.relation_type(t).label or t} ({t})"
                           if any(x.id == t for x in dataset.types) else t) if t
    else "All types")
shown = review.queue(dataset, source=source_id or None, type=type_id or None)
pages = max(1, math.ceil(len(shown) / PER_PAGE))
st.caption(f"{len(shown)} of {len(waiting)} waiting relation(s)"
           + (f", {PER_PAGE} per page" if pages > 1 else ""))
page = 1
if pages > 1:
    if state.get("q_page", 1) > pages:  # fewer pages since: back to the first
        del state["q_page"]
    page = st.pagination(pages, key="q_page")
for relation in shown[(page - 1) * PER_PAGE: page * PER_PAGE]:
    proposal.card(dataset, relation)
