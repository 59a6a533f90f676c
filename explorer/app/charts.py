"""Charts and drawings built from analysis results: a pair's timeline, and the
graph of what changed between two dates.

Charts are Vega-Lite (Altair, bundled with Streamlit): text reaches the page
as SVG text and escaped tooltips. The change drawing reuses `render.vis_data`,
so its strings are escaped exactly as the graph page's are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd

from explorer.analysis.change import Difference
from explorer.app.network import DRAWING_OPTIONS, merge_options
from explorer.graph import View
from explorer.model import Dataset
from explorer.render import vis_data

__all__ = ["CHANGE_COLORS", "bars", "change_payload", "pair_timeline"]

CHANGE_COLORS = {"new": "#2e9e44", "gone": "#d62728", "changed": "#f28e2b",
                 "unchanged": "#b8bcc6"}
_GONE_DASHES = [6, 6]


def bars(table: pd.DataFrame, label: str, value: str, title: str) -> alt.Chart:
    """Horizontal bars, largest first, with labels long enough for actor names."""
    return alt.Chart(table).mark_bar(color="#4e79a7", cornerRadiusEnd=2).encode(
        y=alt.Y(f"{label}:N", sort="-x", title=None,
                axis=alt.Axis(labelLimit=360, labelOverlap=False)),
        x=alt.X(f"{value}:Q", title=title),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{value}:Q", format=".3g")],
    ).properties(height=max(120, 28 * len(table) + 20))


def pair_timeline(dataset: Dataset, relation_ids: list[str]) -> tuple[pd.DataFrame,
                                                                        alt.Chart | None]:
    """Each relation of a pair by when it is in force (`since` to `until`) and by when
    its evidence was published; the rows and a chart (None when nothing is dated)."""
    rows = []
    for rid in relation_ids:
        r = dataset.relation(rid)
        t = dataset.relation_type(r.type)
        label = f"{t.label or r.type} · {r.id}"
        if r.since or r.until:
            detail = (f"since {r.since} until {r.until or 'open'}" if r.since else
                      f"until {r.until} (no start given: drawn from the chart's first date)")
            rows.append({"relation": label, "what": "in force", "start": r.since,
                         "end": r.until, "detail": detail, "color": t.color})
        for e in r.evidence:
            published = dataset.evidence_date(e)
            if published:
                source = dataset.source(e.source)
                rows.append({"relation": label, "what": "reported", "start": published,
                             "end": None, "detail": source.title or source.id,
                             "color": t.color})
    table = pd.DataFrame(rows, columns=["relation", "what", "start", "end", "detail", "color"])
    if table.empty:
        return table, None
    dates = [d for column in ("start", "end") for d in table[column] if d and not pd.isna(d)]
    today = max([dt.date.today(), *dates])
    first = min(dates) - dt.timedelta(days=30)  # an open start shows as a month at least
    chart_rows = table.assign(  # an open start runs from the first date, an open end to today
        start=pd.to_datetime(table["start"].where(table["start"].notna(), first)),
        end=pd.to_datetime(table["end"].where(table["end"].notna(), today)))
    base = alt.Chart(chart_rows).encode(
        y=alt.Y("relation:N", title=None, sort=None,
                axis=alt.Axis(labelLimit=360, labelOverlap=False)),
        tooltip=[alt.Tooltip("relation:N"), alt.Tooltip("what:N"),
                 alt.Tooltip("detail:N"), alt.Tooltip("start:T", format="%Y-%m-%d")])
    # the whole span, first date to today, with dated ticks: a pair reported on one day
    # only would otherwise get an axis of one hour and a tick "Thu 20"
    when = alt.X("start:T", title=None, axis=alt.Axis(format="%Y-%m-%d"),
                 scale=alt.Scale(domain=[first.isoformat(), today.isoformat()]))
    spans = base.transform_filter(alt.datum.what == "in force").mark_bar(
        height=10, cornerRadius=3, opacity=0.75).encode(
        x=when, x2="end:T", color=alt.Color("color:N", scale=None))
    points = base.transform_filter(alt.datum.what == "reported").mark_point(
        shape="diamond", size=90, filled=True, color="#31333f").encode(x=when)
    chart = (spans + points).properties(height=max(80, 30 * table["relation"].nunique()))
    listing = (table.drop(columns=["color"])
               .groupby(["relation", "what", "start", "end", "detail"], sort=False, dropna=False)
               .size().reset_index(name="items"))
    # text only (a column of dates and words is no Arrow column): "open" where a span
    # has no end, nothing for a report
    listing["end"] = [("open" if what == "in force" else "") if end is None or pd.isna(end)
                      else end.isoformat() for what, end in zip(listing["what"],
                                                                listing["end"], strict=True)]
    return listing, chart


def change_payload(before: View, after: View, change: Difference, *, max_nodes: int,
                   positions: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """vis-network data for the union of two snapshots: new lines green, gone lines red
    and dashed, changed ones orange, the rest grey (at `positions`, when given)."""
    started, ended = set(change.started), set(change.ended)
    changed = {rid for rid, *_ in change.changed}
    a = vis_data(after, max_nodes=max_nodes, positions=positions)
    b = vis_data(before, max_nodes=max_nodes, positions=positions)
    relation_ids = {k: ids for _, _, k, ids in after.graph.edges(keys=True, data="relation_ids")}
    before_ids = {k: ids for _, _, k, ids in before.graph.edges(keys=True, data="relation_ids")}
    nodes = {n["id"]: n for n in b["nodes"]} | {n["id"]: n for n in a["nodes"]}
    edges = []
    for edge in a["edges"]:
        ids = set(relation_ids[edge["id"]])
        state = ("new" if ids & started else "changed" if ids & changed else "unchanged")
        edges.append(_paint(edge, state))
    shown = {e["id"] for e in a["edges"]}
    for edge in b["edges"]:
        if edge["id"] not in shown and set(before_ids[edge["id"]]) & ended:
            edges.append(_paint(edge, "gone"))
    legend = {**a["legend"],
              "types": [{"id": s, "label": s, "color": c, "directed": True, "polarity": ""}
                        for s, c in CHANGE_COLORS.items()],
              "styles": [{"style": "solid", "dashes": False},
                         {"style": "gone (ended)", "dashes": _GONE_DASHES}],
              "kinds": _kinds(a["legend"]["kinds"] + b["legend"]["kinds"])}
    options = merge_options(a["options"], DRAWING_OPTIONS)
    return {"nodes": list(nodes.values()), "edges": edges, "options": options,
            "legend": legend}


def _kinds(kinds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({k["kind"]: k for k in kinds}.values())


def _paint(edge: dict[str, Any], state: str) -> dict[str, Any]:
    color = CHANGE_COLORS[state]
    return {**edge, "color": {"color": color, "opacity": 0.55 if state == "unchanged" else 1},
            "dashes": _GONE_DASHES if state == "gone" else edge["dashes"],
            "title": f"{state.upper()} · {edge['title']}", "change": state}
