"""The panels beside the graph: an actor's measures and relations, the relations
a line draws, a relation's evidence. Tables are narrow enough for the panel at
1280 pixels (confidence, evidence and dates always in view); what the measures
mean is in an expander, whose text wraps. Every string from the data goes
through `ui.md`, a dataframe or `st.code`, never raw HTML."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from explorer.analysis.actors import MEASURE_HELP, MEASURES, actor_table
from explorer.app.ui import actor_name, md, relation_title, show_url
from explorer.graph import View
from explorer.model import CREDIBILITY_MEANING, RELIABILITY_MEANING, Dataset, Relation

__all__ = ["actor_panel", "explain_measures", "line_panel", "relation_panel", "relations_of"]


def _date(value) -> str:
    return value.isoformat() if value else "open"


def _in_force(since, until) -> str:
    if not since and not until:
        return "no dates given"
    if since and until:
        return f"in force {since.isoformat()} to {until.isoformat()}"
    return f"in force since {since.isoformat()}" if since else f"in force until {until.isoformat()}"


def _dates(since, until) -> str:
    """`since→`, `→until`, or `since→until` by month when both are given (the panel
    shows the days)."""
    if since and until:
        return f"{since.isoformat()[:7]}→{until.isoformat()[:7]}"
    if not since and not until:
        return ""
    return f"{since.isoformat()}→" if since else f"→{until.isoformat()}"


#: Marks after a relation's type in the narrow tables, for what is not the usual.
MARKS = {"hedged": "?", "negated": "¬", "extracted": "*", "rejected": "✗"}


def _kind(d: dict, short: bool = False) -> str:
    """The relation's type, with its modality and status when they are not asserted
    and curated: in full, or `short` ("Economic ?*": economic support, hedged,
    extracted — `MARKS`)."""
    if short:
        marks = "".join(MARKS.get(m, "") for m in (d["modality"], d["status"]))
        return d["label"].removesuffix(" support") + (f" {marks}" if marks else "")
    marks = [m for m in (d["modality"] if d["modality"] != "asserted" else "",
                         d["status"] if d["status"] != "curated" else "") if m]
    return f"{d['label']} ({', '.join(marks)})" if marks else d["label"]


def relations_of(view: View, actor: str) -> pd.DataFrame:
    """The view's relations that touch `actor`, one row per graph edge: the other
    actor (with → from the actor, ← to it, — mutual), type (with modality and
    status when not asserted and curated), confidence, evidence count, dates."""
    graph = view.graph
    rows = []
    for u, v, key, d in [*graph.out_edges(actor, keys=True, data=True),
                         *graph.in_edges(actor, keys=True, data=True)]:
        other = v if u == actor else u
        arrow = ("—" if not d["directed"] else "→" if u == actor else "←")
        rows.append({"edge": key, "with": f"{arrow} {graph.nodes[other]['label']}",
                     "type": _kind(d, short=True), "conf.": d["confidence"],
                     "ev.": d["evidence_count"], "in force": _dates(d["since"], d["until"]),
                     "sort": (d["label"], graph.nodes[other]["label"])})
    table = pd.DataFrame(rows, columns=["edge", "with", "type", "conf.", "ev.", "in force",
                                        "sort"])
    return table.sort_values("sort").drop(columns="sort").reset_index(drop=True)


#: Narrow columns (a click on any cell opens the relation, so no selection column):
#: confidence, evidence and dates stay in view in the panel at 1280 pixels.
_TABLE = {"with": st.column_config.TextColumn(width=86, help="→ from the actor, ← to it, "
                                              "— mutual"),
          "type": st.column_config.TextColumn(width=76, help="relation type (… support "
                                              "shortened); ? hedged, ¬ negated, * extracted "
                                              "(not yet reviewed), ✗ rejected"),
          "relation": st.column_config.TextColumn(width=150),
          "conf.": st.column_config.NumberColumn(format="%.2f", width=38,
                                                 help="confidence, 0–1"),
          "ev.": st.column_config.NumberColumn(width=26, help="evidence items (quotes)"),
          "in force": st.column_config.TextColumn(width=116, help="since→until (by month when "
                                                  "both are given)")}


def _picked(event) -> int | None:
    """The row of the cell the analyst clicked, if any."""
    cells = event.selection.cells if event else []
    return cells[0][0] if cells else None


def explain_measures() -> None:
    """What each measure means, in full (the text wraps: nothing is cut off)."""
    with st.expander("What the measures mean", icon=":material/help:"):
        st.markdown("\n".join(f"- **{m.replace('_', ' ')}** — {md(h)}"
                               for m, h in MEASURE_HELP.items()))


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

    relations = relations_of(view, actor)
    st.markdown(f"**Relations in this view** ({len(relations)})")
    event = st.dataframe(
        relations.drop(columns=["edge"]), hide_index=True, width="stretch",
        on_select="rerun" if on_relation else "ignore", selection_mode="single-cell",
        key="panel_relations", column_config=_TABLE)
    if on_relation is not None:
        row = _picked(event)
        if row is not None:
            on_relation(str(relations.iloc[row]["edge"]))
        st.caption("Click a row to see its evidence. Marks: ? hedged, ¬ negated, * "
                   "extracted (not yet reviewed).")

    table = actor_table(view)
    row = table.set_index("actor").loc[actor]
    n = len(table)
    measures = pd.DataFrame([{
        "measure": m.replace("_", " "), "value": float(row[m]),
        "rank": f"{int((table[m] > row[m]).sum()) + 1} of {n}",
    } for m in MEASURES])
    st.markdown("**Measures in this view**")
    st.dataframe(measures, hide_index=True, width="stretch",
                 column_config={"value": st.column_config.NumberColumn(format="%.3g")})
    if "sampled" in table.attrs.get("betweenness", ""):
        st.caption(md(f"betweenness {table.attrs['betweenness']}"))
    explain_measures()


def line_panel(view: View, members: list, *,
               on_relation: Callable[[str], None] | None = None) -> None:
    """Every relation of the pair a line joins, in both directions and mutual: their
    net sign and summed confidence each way, and each relation, to open its
    evidence. `members` are the view's edges of the pair (`render.line_members`
    gives those of one line)."""
    graph = view.graph
    a, b = sorted({members[0][0], members[0][1]})
    name = {a: graph.nodes[a]["label"], b: graph.nodes[b]["label"]}
    st.markdown(f"### {md(name[a])} and {md(name[b])}")
    ways = []
    for arrow, test in (("→", lambda u, d: d["directed"] and u == a),
                        ("←", lambda u, d: d["directed"] and u == b),
                        ("—", lambda u, d: not d["directed"])):
        part = [d for u, _, _, d in members if test(u, d)]
        weight = sum(d["weight"] for d in part)
        if part:
            net = sum(d["sign"] * d["weight"] for d in part) / weight if weight else 0.0
            who = (f"{name[a]} → {name[b]}" if arrow == "→" else
                   f"{name[b]} → {name[a]}" if arrow == "←" else "mutual")
            ways.append(f"{who}: {len(part)}, net {net:+.2f}")
    st.caption(md(f"{len(members)} relation(s) · " + " · ".join(ways) + " (net sign: +1 all "
                  "cooperation, −1 all conflict)"))
    rows = [{"edge": k, "": ("—" if not d["directed"] else "→" if u == a else "←"),
             "type": _kind(d, short=True), "conf.": d["confidence"],
             "ev.": d["evidence_count"], "in force": _dates(d["since"], d["until"])}
            for u, _, k, d in members]
    table = pd.DataFrame(rows, columns=["edge", "", "type", "conf.", "ev.", "in force"])
    table = table.sort_values(["", "type", "edge"], ignore_index=True)
    config = {**_TABLE, "": st.column_config.TextColumn(width=24, help=f"→ from {name[a]} "
                                                        f"to {name[b]}, ← back, — mutual"),
              "type": st.column_config.TextColumn(width=140)}
    event = st.dataframe(table.drop(columns=["edge"]), hide_index=True, width="stretch",
                         on_select="rerun" if on_relation else "ignore",
                         selection_mode="single-cell", key="panel_line", column_config=config)
    if on_relation is not None:
        row = _picked(event)
        if row is not None:
            on_relation(str(table.iloc[row]["edge"]))
        st.caption("Click a row to see its evidence. Marks: ? hedged, ¬ negated, * "
                   "extracted (not yet reviewed).")


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
