"""A relation waiting for review, as a card: the claim, its quotes and their sources, the
known relation it may state again, and Accept / Edit / Reject (or Merge).

The Review queue and Add article show the same card; every button writes through
`review` (the functions `explorer review` calls), against the Dataset the card
was drawn from. Widget keys start with `q_<relation id>`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer import edit, review
from explorer.app import writing
from explorer.app.ui import md, relation_title
from explorer.model import Dataset, Relation
from explorer.review.match import Claim

__all__ = ["card", "differences"]


def differences(dataset: Dataset, relation: Relation) -> tuple[str, ...]:
    """Why `relation` may or may not be the one it is marked `possibly_same_as`."""
    if not relation.possibly_same_as or not dataset.has_relation(relation.possibly_same_as):
        return ()
    first = relation.evidence[0] if relation.evidence else None
    published = dataset.source(first.source).published if first and \
        dataset.has_source(first.source) else None
    dating = review.date_event(first.quote, published, relation.attributes.get("date")) \
        if first else None
    claim = Claim(relation.source, relation.target, relation.type, relation.modality,
                  relation.attributes, dating, published)
    return review.compare(claim, dataset.relation(relation.possibly_same_as)) or ()


def _decide(relation_id: str, data: Dataset, action: str) -> None:
    """accept, accept_edited, save (an edit that keeps the status), merge or reject. Accept
    on a proposal marked `same_as` adds its quote to that relation; on one marked
    `possibly_same_as`, it keeps it as a relation of its own (Merge adds the quote)."""
    where = f"q_{relation_id}"
    state = st.session_state
    who = writing.reviewer()
    relation = data.relation(relation_id)
    if action == "reject":
        reason = (state.get(f"{where}_reason") or "").strip() or None
        change = writing.write(where, lambda: review.reject(data, relation_id, reason,
                                                            reviewer=who))
    elif action == "accept":
        change = writing.write(where, lambda: review.accept(data, relation_id, reviewer=who))
    elif action == "merge":
        change = writing.write(where, lambda: review.merge(data, relation_id, reviewer=who))
    else:
        def edited() -> edit.Change:
            changes = {k: v for k, v in writing.form_values(f"{where}_e").items()
                       if not (v is None and not getattr(relation, k))}
            if "attributes" in changes:  # a part that is no NAME=VALUE is refused here
                changes["attributes"] = writing.figures(changes["attributes"] or "") or None
            new_id = review.suggested_id(data, relation, changes) \
                if state.get(f"{where}_rename", True) else None
            decide = review.edit if action == "save" else review.accept
            return decide(data, relation_id, changes, reviewer=who, new_id=new_id)

        change = writing.write(where, edited)
    if change is not None:
        writing.say("queue", "done", f"{change.summary[:1].upper()}{change.summary[1:]}. "
                    "Undo (in the sidebar) takes it back.")


def _facts(relation: Relation) -> list[str]:
    facts = [relation.modality, f"confidence {relation.confidence:.2f}", f"id {relation.id}"]
    if relation.since or relation.until:
        facts.append(f"in force {relation.since or '…'} to {relation.until or '…'}")
    facts += [f"{k}: {v}" for k, v in relation.attributes.items()]
    return facts


def card(dataset: Dataset, relation: Relation, *, quotes: bool = True) -> None:
    """The card of one relation waiting for review."""
    where = f"q_{relation.id}"
    sources = {s.id: s for s in dataset.sources}
    with st.container(border=True, key=f"{where}_card"):
        st.markdown(f"**{md(relation_title(dataset, relation))}**")
        st.caption(md(" · ".join(_facts(relation))))
        known = relation.same_as or relation.possibly_same_as
        other = dataset.relation(known) if known and dataset.has_relation(known) else None
        if relation.same_as and other is not None:
            st.info(md(f"The data already holds this claim as {other.id} "
                       f"({relation_title(dataset, other)}, {other.status}). Accept adds this "
                       f"quote to {other.id}; Reject keeps it out."), icon=":material/link:")
        elif relation.possibly_same_as and other is not None:
            why = differences(dataset, relation)
            st.warning(md(f"Possibly the same as {other.id} ({relation_title(dataset, other)}"
                          f", {other.status})" + (": " + "; ".join(why) if why else "") +
                          f". Accept keeps it as a relation of its own; Merge adds its quote "
                          f"to {other.id}."), icon=":material/help:")
        if relation.summary and relation.summary not in {e.quote for e in relation.evidence}:
            st.markdown(md(relation.summary))
        if quotes:
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
        buttons = st.columns([1, 1, 1, 2] if relation.possibly_same_as else [1, 1, 2],
                             vertical_alignment="center")
        buttons[0].button("Accept", key=f"{where}_accept", on_click=_decide,
                          args=(relation.id, dataset, "accept"), icon=":material/check:",
                          help="Adds its quote to the relation it restates" if
                          relation.same_as else "Makes it a curated relation")
        if relation.possibly_same_as:
            buttons[1].button("Merge", key=f"{where}_merge", on_click=_decide,
                              args=(relation.id, dataset, "merge"), icon=":material/merge:",
                              help=f"It is {relation.possibly_same_as}: add its quote there")
        with buttons[-2].popover("Reject", icon=":material/close:"), \
                st.form(f"{where}_reject_form", border=False):  # Enter in the box rejects
            st.text_input("Why (kept in the file)", key=f"{where}_reason",
                          placeholder="e.g. the text does not say this")
            st.form_submit_button("Reject", key=f"{where}_reject", on_click=_decide,
                                  args=(relation.id, dataset, "reject"))
        if buttons[-1].toggle("Edit", key=f"{where}_edit"):
            _edit_form(dataset, relation, where)


def _edit_form(dataset: Dataset, relation: Relation, where: str) -> None:
    writing.relation_form(
        f"{where}_e", dataset, source=relation.source, target=relation.target,
        type=relation.type, modality=relation.modality, confidence=relation.confidence,
        summary=relation.summary, since=relation.since, until=relation.until,
        attributes=relation.attributes)
    values: dict[str, Any] = writing.form_values(f"{where}_e")
    suggested = review.suggested_id(dataset, relation, values)
    if suggested:
        st.checkbox(md(f"Give it the id {suggested} (its ends or type changed)"), value=True,
                    key=f"{where}_rename")
    save, accept_edited = st.columns(2)
    save.button("Save changes", key=f"{where}_save", on_click=_decide,
                args=(relation.id, dataset, "save"), icon=":material/save:",
                help="Keeps it in the queue, changed.")
    accept_edited.button("Accept with these changes", key=f"{where}_accept_edited",
                         on_click=_decide, args=(relation.id, dataset, "accept_edited"),
                         icon=":material/check:")
