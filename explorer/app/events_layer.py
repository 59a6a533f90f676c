"""The machine-coded events layer: a sidebar switch, and a pair's events as a chart.

Event data (GDELT, POLECAT) lives in its own store beside the data file
(`explorer events import`). It is off until the analyst switches it on; then
the panel of a pair shows, below the curated relations, the events coded
between the two actors month by month, by family. Every figure from it is
labelled as machine-coded, and none enters the curated relations or their
measures. The store is opened read-only for each question and closed again,
and the answers are cached by the store's version, so an import made while
the app runs shows on the next click.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from explorer.app import context, state
from explorer.app.ui import actor_name, md
from explorer.events import database, rollup
from explorer.graph import View
from explorer.model import Dataset

__all__ = ["FAMILY_COLORS", "NOTICE", "dataset_choice", "edge_section", "is_on", "pair_section",
           "pair_totals", "sidebar", "store_state"]

NOTICE = ("Machine-coded: counted from news reports by an automatic coder (GDELT or POLECAT), "
          "not verified claims. Shown beside the curated record, never mixed into it or "
          "its measures.")
FAMILY_COLORS = {"cooperation": "#2b6cb0", "conflict": "#c05621"}  # blue / orange: CVD-safe
DATASETS = {"gdelt": "GDELT 2.0", "polecat": "POLECAT"}
_KEY = "ev_layer"


def _flag(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(raw)
    return raw == "1"


def store_state() -> tuple[Path, str | None]:
    """The store beside the data file, and its version (None when there is none)."""
    path = database.store_path(context.loaded().path)
    return path, database.version(path)


def is_on() -> bool:
    """Whether the analyst has switched the layer on (kept in the URL as events=1)."""
    state.option("events", False, _flag, widget=_KEY)
    return bool(st.session_state[_KEY])


def _switched() -> None:
    state.set_option("events", bool(st.session_state[_KEY]), False,
                       lambda v: "1" if v else "0")


def sidebar() -> None:
    """The layer's switch, at the foot of the sidebar on every page."""
    path, version = store_state()
    is_on()
    bar = st.sidebar
    bar.header("Event data", divider="gray")
    bar.toggle("Machine-coded events", key=_KEY, on_change=_switched,
               disabled=version is None,
               help=NOTICE + (f" No event store yet: import files with `explorer events "
                              f"import FILE… --format gdelt|polecat` (into {path})."
                              if version is None else ""))
    _switched()  # keep events=1 in the address on every page while the layer is on
    if version is None:
        bar.caption(md(f"No event store beside the data file ({path.name})."))
    elif st.session_state[_KEY]:
        extent = _extent(str(path), version)
        if extent is not None and not extent.empty:
            bar.caption(md("; ".join(
                f"{DATASETS.get(r.format, r.format)}: {r.events:,} events, "
                f"{r.first:%Y-%m} to {r.last:%Y-%m}" for r in extent.itertuples())))


@st.cache_data(max_entries=16, show_spinner=False)
def _extent(path: str, version: str) -> pd.DataFrame | None:
    try:
        with database.connect(Path(path)) as con:
            return rollup.extent(con)
    except database.StoreError:
        return None


@st.cache_data(max_entries=256, show_spinner=False)
def _monthly(path: str, version: str, a: str, b: str) -> pd.DataFrame:
    with database.connect(Path(path)) as con:
        return rollup.monthly(con, a, b)


@st.cache_data(max_entries=32, show_spinner="Counting events per pair…")
def _pair_totals(path: str, version: str, start: dt.date | None, end: dt.date | None,
                 format: str) -> pd.DataFrame:
    with database.connect(Path(path)) as con:
        return rollup.pair_totals(con, start=start, end=end, format=format)


def pair_totals(start: dt.date | None, end: dt.date | None, format: str) -> pd.DataFrame:
    """Every pair's events of one dataset over [start, end] (cached by store version)."""
    path, version = store_state()
    return _pair_totals(str(path), version or "", start, end, format)


def dataset_choice(key: str) -> tuple[str, pd.Timestamp] | None:
    """The event dataset to show (a selector when the store holds more than one) and its
    last day; None when the store is empty or missing."""
    path, version = store_state()
    if version is None:
        return None
    extent = _extent(str(path), version)
    if extent is None or extent.empty:
        return None
    formats = list(extent["format"])
    choice = formats[0]
    if len(formats) > 1:
        choice = st.selectbox("Event dataset", formats, key=key,
                              format_func=lambda f: DATASETS.get(f, f))
    return choice, extent.set_index("format").loc[choice, "last"]


def _chart(months: pd.DataFrame, label: str) -> alt.Chart:
    """Monthly events, cooperation above the axis and conflict below it."""
    per = (months.groupby(["month", "family"], as_index=False)
           .agg(events=("events", "sum"), articles=("articles", "sum")))
    per["signed"] = per["events"].where(per["family"] == "cooperation", -per["events"])
    per["month"] = pd.to_datetime(per["month"])
    return alt.Chart(per).mark_bar().encode(
        x=alt.X("yearmonth(month):T", title=None,
                axis=alt.Axis(format="%Y-%m", labelAngle=-45, labelOverlap=True)),
        y=alt.Y("signed:Q", title="events"),
        # (the default legend: one placed below the plot kept the bars from being drawn)
        color=alt.Color("family:N", scale=alt.Scale(
            domain=list(FAMILY_COLORS), range=list(FAMILY_COLORS.values()))),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="month"), alt.Tooltip("family:N"),
                 alt.Tooltip("events:Q"), alt.Tooltip("articles:Q", title="articles (sum "
                                                       "of monthly distinct)")],
    ).properties(title=alt.Title("Machine-coded events", anchor="start",
                                 subtitle=f"{label}, per month; conflict below the axis"),
                 height=180)


def pair_section(dataset: Dataset, a: str, b: str, *, key: str) -> None:
    """A pair's machine-coded events: a monthly chart by family, and the types behind it.
    Persons are folded into the states they represent, as event data codes them."""
    path, version = store_state()
    one = dataset.state_of(a) if dataset.has_actor(a) else a
    two = dataset.state_of(b) if dataset.has_actor(b) else b
    names = f"{actor_name(dataset, one)} – {actor_name(dataset, two)}"
    st.markdown("#### Machine-coded events")
    st.caption(md(NOTICE))
    if version is None:
        st.info(f"No event store beside the data file ({md(path.name)}): import GDELT or "
                "POLECAT files with `explorer events import`.", icon=":material/database:")
        return
    if one == two:
        st.caption(md(f"Both ends act for {actor_name(dataset, one)}: event data codes states, "
                      "so there is no pair to show."))
        return
    if (one, two) != (a, b):
        st.caption(md(f"Persons folded into the states they represent: {names}."))
    chosen = dataset_choice(key=f"{key}_dataset")
    if chosen is None:
        st.info("The event store holds no events yet.", icon=":material/database:")
        return
    format, _ = chosen
    months = _monthly(str(path), version, one, two)
    months = months[months["format"] == format]
    if months.empty:
        st.info(md(f"No {DATASETS.get(format, format)} events between {names}."),
                icon=":material/event_busy:")
        return
    label = DATASETS.get(format, format)
    st.markdown(md(f"**{names}**"))
    st.altair_chart(_chart(months, label), width="stretch")
    totals = months.groupby("family")["events"].sum()
    st.caption(md(f"{int(months['events'].sum()):,} {label} events from "
                  f"{months['month'].min():%Y-%m} to {months['month'].max():%Y-%m}: "
                  f"{int(totals.get('cooperation', 0)):,} cooperation, "
                  f"{int(totals.get('conflict', 0)):,} conflict."))
    by_type = (months.assign(direction=[
        f"{actor_name(dataset, s)} {'→' if d else '—'} {actor_name(dataset, t)}"
        for s, t, d in zip(months["source"], months["target"], months["directed"],
                           strict=True)])
        .groupby(["family", "type", "direction"], as_index=False)
        .agg(events=("events", "sum"), hedged=("hedged", "sum"))
        .sort_values("events", ascending=False))
    with st.expander("Machine-coded events by type and direction"):
        st.dataframe(by_type, hide_index=True, width="stretch")


def edge_section(view: View, edge: str) -> None:
    """The layer's part of a line's panel: the events between the line's two ends."""
    if not is_on():
        return
    for u, v, k in view.graph.edges(keys=True):
        if k == edge:
            pair_section(view.dataset, u, v, key=f"edge_{edge}")
            return
