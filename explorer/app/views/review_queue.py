"""Review queue: every relation waiting for review (`status: extracted`), filtered by
source and type, with its quotes, and Accept / Edit / Reject on each."""

from __future__ import annotations

import math

import streamlit as st

from explorer import review
from explorer.app import context, writing
from explorer.app.ui import md, relation_title
from explorer.model import Dataset, Relation

PER_PAGE = 20

dataset = context.dataset()
state = st.session_state
sources = {s.id: s for s in dataset.sources}


def _decide(relation_id: str, data: Dataset, action: str) -> None:
    """accept, accept_edited, save (an edit that keeps the status) or reject."""
    where = f"q_{relation_id}"
    who = writing.reviewer()
    if action == "reject":
        reason = (state.get(f"{where}_reason") or "").strip() or None
        change = writing.write(where, lambda: review.reject(data, relation_id, reason,
                                                            reviewer=who))
    elif action == "accept":
        change = writing.write(where, lambda: review.accept(data, relation_id, reviewer=who))
    else:
        relation = data.relation(relation_id)
        changes = {k: v for k, v in writing.form_values(f"{where}_e").items()
                   if not (v is None and not getattr(relation, k))}
        decide = review.edit if action == "save" else review.accept
        change = writing.write(where, lambda: decide(data, relation_id, changes, reviewer=who))
    if change is not None:
        writing.say("queue", "done", f"{change.summary[:1].upper()}{change.summary[1:]}. "
                    "Undo last change (in the sidebar) takes it back.")


def _facts(relation: Relation) -> list[str]:
    facts = [relation.modality, f"confidence {relation.confidence:.2f}", f"id {relation.id}"]
    if relation.since or relation.until:
        facts.append(f"in force {relation.since or '…'} to {relation.until or '…'}")
    facts += [f"{k}: {v}" for k, v in relation.attributes.items()]
    return facts


def _card(relation: Relation) -> None:
    where = f"q_{relation.id}"
    with st.container(border=True, key=f"{where}_card"):
        st.markdown(f"**{md(relation_title(dataset, relation))}**")
        st.caption(md(" · ".join(_facts(relation))))
        if relation.summary:
            st.markdown(md(relation.summary))
        for item in relation.evidence:
            st.markdown("> " + md(item.quote))
            source = sources.get(item.source)
            said = [source.title or source.id if source else item.source,
                    source.publisher if source else "",
                    source.published.isoformat() if source and source.published else "",
                    f"reliability {source.reliability}" if source else ""]
            st.caption(md(" · ".join(x for x in said if x)))
        if relation.judgement:
            st.caption(md(f"Analyst's judgement: {relation.judgement}"))
        writing.feedback(where)
        accept, reject, edit = st.columns([1, 1, 2], vertical_alignment="center")
        accept.button("Accept", key=f"{where}_accept", on_click=_decide,
                      args=(relation.id, dataset, "accept"), icon=":material/check:")
        with reject.popover("Reject", icon=":material/close:"):
            st.text_input("Why (kept in the file)", key=f"{where}_reason",
                          placeholder="e.g. the text does not say this")
            st.button("Reject", key=f"{where}_reject", on_click=_decide,
                      args=(relation.id, dataset, "reject"))
        if edit.toggle("Edit", key=f"{where}_edit"):
            writing.relation_form(
                f"{where}_e", dataset, source=relation.source, target=relation.target,
                type=relation.type, modality=relation.modality,
                confidence=relation.confidence, summary=relation.summary,
                since=relation.since, until=relation.until)
            save, accept_edited = st.columns(2)
            save.button("Save changes", key=f"{where}_save", on_click=_decide,
                        args=(relation.id, dataset, "save"), icon=":material/save:",
                        help="Keeps it in the queue, changed.")
            accept_edited.button("Accept with these changes", key=f"{where}_accept_edited",
                                 on_click=_decide,
                                 args=(relation.id, dataset, "accept_edited"),
                                 icon=":material/check:")


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
    _card(relation)
