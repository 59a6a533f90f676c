"""The panels beside the graph: an actor's measures and relations, a relation's
evidence. Every string from the data goes through `ui.md`, a dataframe or
`st.code`, never raw HTML."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from explorer.analysis.actors import MEASURE_HELP, MEASURES, actor_table
from explorer.app.ui import actor_name, md, relation_title, show_url
from explorer.graph import View
from explorer.model import CREDIBILITY_MEANING, RELIABILITY_MEANING, Dataset, Relation

__all__ = ["actor_panel", "relation_panel", "relations_of"]


def _date(value) -> str:
    return value.isoformat() if value else "open"


def _in_force(since, until) -> str:
    if not since and not until:
        return "no dates given"
    if since and until:
        return f"in force {since.isoformat()} to {until.isoformat()}"
    return f"in force since {since.isoformat()}" if since else f"in force until {until.isoformat()}"


def relations_of(view: View, actor: str) -> pd.DataFrame:
    """The view's relations that touch `actor`, one row per graph edge."""
    graph = view.graph
    rows = []
    for u, v, key, d in [*graph.out_edges(actor, keys=True, data=True),
                         *graph.in_edges(actor, keys=True, data=True)]:
        other = v if u == actor else u
        arrow = ("—" if not d["directed"] else "→" if u == actor else "←")
        rows.append({"edge": key, "": arrow, "with": graph.nodes[other]["label"],
                     "type": d["label"], "status": d["status"], "modality": d["modality"],
                     "confidence": d["confidence"], "evidence": d["evidence_count"],
                     "since": d["since"], "until": d["until"]})
    table = pd.DataFrame(rows, columns=["edge", "", "with", "type", "status", "modality",
                                        "confidence", "evidence", "since", "until"])
    return table.sort_values(["type", "with"]).reset_index(drop=True)


def actor_panel(view: View, actor: str, *, on_focus: Callable[[str], None] | None = None,
                on_relation: Callable[[str], None] | None = None) -> None:
    """Who the actor is, its measures in this view, and its relations."""
    dataset = view.dataset
    node = view.graph.nodes[actor]
    st.markdown(f"### {md(node['label'])}")
    facts = [node["kind"].replace("_", " "), f"id {actor}"]
    if dataset.has_actor(actor) and dataset.actor(actor).represents:
        facts.append("acts for " + actor_name(dataset, dataset.actor(actor).represents))
    if len(node["members"]) > 1:
        facts.append("includes " + ", ".join(actor_name(dataset, m) for m in node["members"]))
    st.caption(md(" · ".join(facts)))
    if node["description"]:
        st.markdown(md(node["description"]))
    if on_focus is not None:
        st.button("Focus the view on this actor", icon=":material/center_focus_strong:",
                  on_click=on_focus, args=(actor,), key="panel_focus")

    table = actor_table(view)
    row = table.set_index("actor").loc[actor]
    n = len(table)
    measures = pd.DataFrame([{
        "measure": m.replace("_", " "), "value": float(row[m]),
        "rank": f"{int((table[m] > row[m]).sum()) + 1} of {n}", "meaning": MEASURE_HELP[m],
    } for m in MEASURES])
    st.markdown("**Measures in this view**")
    st.dataframe(measures, hide_index=True, width="stretch",
                 column_config={"value": st.column_config.NumberColumn(format="%.3g")})
    if "sampled" in table.attrs.get("betweenness", ""):
        st.caption(md(f"betweenness {table.attrs['betweenness']}"))

    relations = relations_of(view, actor)
    st.markdown(f"**Relations in this view** ({len(relations)})")
    event = st.dataframe(
        relations.drop(columns=["edge"]), hide_index=True, width="stretch",
        on_select="rerun" if on_relation else "ignore", selection_mode="single-row",
        key="panel_relations",
        column_config={"confidence": st.column_config.NumberColumn(format="%.2f"),
                       "": st.column_config.TextColumn(width="small")})
    if on_relation is not None:
        rows = event.selection.rows if event else []
        if rows:
            on_relation(str(relations.iloc[rows[0]]["edge"]))
        st.caption("Select a row to see its evidence.")


def relation_panel(view: View, edge: str) -> None:
    """The relation(s) behind one drawn line: what, how sure, and every quote."""
    dataset = view.dataset
    data = next(d for _, _, k, d in view.graph.edges(keys=True, data=True) if k == edge)
    ids = data["relation_ids"]
    if len(ids) > 1:
        st.caption(md(f"{len(ids)} relations merged by folding persons into states"))
    for relation_id in ids:
        _relation(dataset, dataset.relation(relation_id))
    total = sum(len(dataset.relation(i).evidence) for i in ids)
    if view.params.evidence_filtered and data["evidence_count"] < total:
        st.info(f"The view's evidence filters keep {data['evidence_count']} of these {total} "
                "quotes; all are listed.", icon=":material/filter_alt:")


def _relation(dataset: Dataset, relation: Relation) -> None:
    st.markdown(f"### {md(relation_title(dataset, relation))}")
    facts = [relation.status, relation.modality, f"confidence {relation.confidence:.2f}",
             _in_force(relation.since, relation.until),
             f"id {relation.id}"]
    st.caption(md(" · ".join(facts)))
    if relation.summary:
        st.markdown(md(relation.summary))
    if relation.attributes:
        st.markdown(md(" · ".join(f"{k}: {v}" for k, v in relation.attributes.items())))
    if relation.judgement:
        st.markdown("**Analyst's judgement**")
        st.markdown(md(relation.judgement))
    if relation.reviewed_by or relation.reviewed_at:
        st.caption(md(f"reviewed by {relation.reviewed_by or '?'} on "
                      f"{relation.reviewed_at or '?'}"
                      + (f": {relation.review_note}" if relation.review_note else "")))
    roots = dataset.independent_sources(relation)
    st.markdown(f"**Evidence** — {len(relation.evidence)} quote(s), {len(roots)} "
                "independent source(s)")
    for i, evidence in enumerate(relation.evidence, 1):
        source = dataset.source(evidence.source)
        with st.container(border=True):
            st.markdown("> " + md(evidence.quote))
            said = (f"said by {actor_name(dataset, evidence.speaker)} · "
                    if evidence.speaker else "")
            where = ", ".join(x for x in (source.title or source.id, source.publisher,
                                          _date(source.published) if source.published
                                          else "") if x)
            grade = (f"reliability {source.reliability} ({RELIABILITY_MEANING[source.reliability]})"
                     + (f" · credibility {evidence.credibility} "
                        f"({CREDIBILITY_MEANING[evidence.credibility]})"
                        if evidence.credibility else ""))
            original = source.derived_from
            copy = (f" · a copy of {dataset.source(original).title or original}"
                    if original else "")
            st.caption(md(f"{said}{where} · {grade}{copy}"))
            show_url(source.url, label=f"Open source {i}", key=f"url-{relation.id}-{i}")
