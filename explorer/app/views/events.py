"""Events vs the file: where machine-coded news and the curated record disagree.

Two lists over a window of recent months: pairs the events talk about a lot
while the file has no curated relation between them, and curated relations
whose sign the events' balance of cooperation and conflict contradicts. Each
row opens the pair: its curated relations beside its events month by month.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.app import context, events_layer, state
from explorer.app.ui import actor_name, md, relation_title
from explorer.events.compare import SCOPES, contradicted, curated_pairs, uncovered, window
from explorer.model import Dataset

WINDOWS = {3: "3 months", 6: "6 months", 12: "12 months", 24: "24 months", 0: "all months"}
SHOWN = 25


def _pair(raw: str) -> tuple[str, str]:
    a, _, b = raw.partition(",")
    if not a or not b or a == b:
        raise ValueError(raw)
    return (a, b) if a < b else (b, a)


def _open(pair: tuple[str, str]) -> None:
    state.set_option("events_pair", pair, None, lambda p: f"{p[0]},{p[1]}")


def _close() -> None:
    state.set_option("events_pair", None, None, lambda p: f"{p[0]},{p[1]}")


def _switch_on() -> None:
    st.session_state["ev_layer"] = True
    state.set_option("events", True, False, lambda v: "1" if v else "0")


dataset = context.dataset()
chosen = state.option("events_pair", None, _pair)
st.subheader("Events vs the file")
st.caption(md(events_layer.NOTICE))

if not events_layer.is_on():
    path, version = events_layer.store_state()
    if version is None:
        st.info(f"No event store beside the data file yet ({md(path)}). Import published "
                "GDELT 2.0 or POLECAT files with `explorer events import FILE… --format "
                "gdelt|polecat`, then switch on the layer in the sidebar.",
                icon=":material/database:")
    else:
        st.info("The machine-coded events layer is off.", icon=":material/layers_clear:")
        st.button("Switch on machine-coded events", on_click=_switch_on,
                  icon=":material/layers:")
    st.stop()

picked = events_layer.dataset_choice(key="ev_page_dataset")
if picked is None:
    st.info("The event store holds no events yet: import files with `explorer events "
            "import`.", icon=":material/database:")
    st.stop()
format, last = picked

c1, c2, c3, c4 = st.columns(4)
months = c1.selectbox("Window", list(WINDOWS), index=1, format_func=WINDOWS.get,
                      key="ev_window", help="Counted back from the last month of the "
                      "imported events, not from today.")
min_events = c2.number_input("Minimum events", 1, 1_000_000, 10, step=5, key="ev_min",
                             help="Pairs with fewer events in the window are not listed.")
threshold = c3.slider("Contradiction threshold", 0.0, 1.0, 0.2, 0.05, key="ev_threshold",
                      help="How far the events' balance, (cooperation − conflict) / events, "
                      "must lean against the file's sign.")
scope = c4.radio("Pairs", list(SCOPES), format_func=SCOPES.get, key="ev_scope")

end = last.date()
start = window(end, months)[0] if months else None
totals = events_layer.pair_totals(start, end, format)
label = events_layer.DATASETS.get(format, format)
st.caption(md(f"{label} events from {start:%Y-%m} to {end:%Y-%m}" if start else
              f"All {label} events, to {end:%Y-%m}") + md(f": {len(totals):,} pairs."))


def name(actor: str) -> str:
    return actor_name(dataset, actor)


def _rows(table: pd.DataFrame, columns: list[str], key: str, describe) -> None:
    """One line per pair, its figures, and a button that opens it."""
    widths = [3, *([1.3] * len(columns)), 1.2]
    head = st.columns(widths)
    head[0].markdown("**pair**")
    for cell, column in zip(head[1:], columns, strict=False):
        cell.markdown(f"**{column}**")
    for rec in table.head(SHOWN).itertuples(index=False):
        cells = st.columns(widths, vertical_alignment="center")
        cells[0].markdown(md(f"{name(rec.a)} – {name(rec.b)}"))
        for cell, text in zip(cells[1:], describe(rec), strict=False):
            cell.markdown(md(text))
        cells[-1].button("Open", key=f"{key}-{rec.a}-{rec.b}", on_click=_open,
                         args=((rec.a, rec.b),), help="Show this pair's curated relations "
                         "and its events month by month")
    if len(table) > SHOWN:
        st.caption(f"{len(table) - SHOWN:,} more pairs not shown: raise the minimum.")


def _show_pair(dataset: Dataset, pair: tuple[str, str]) -> None:
    a, b = pair
    with st.container(border=True):
        top, close = st.columns([5, 1], vertical_alignment="center")
        top.markdown(f"### {md(name(a))} – {md(name(b))}")
        close.button("Close", on_click=_close, icon=":material/close:", key="ev_close")
        ids = curated_pairs(dataset).get(pair, [])
        st.markdown(f"**In the file** — {len(ids)} curated relation(s)")
        if not ids:
            st.caption("The file has no curated relation between these two.")
        for rid in ids:
            r = dataset.relation(rid)
            dates = f"since {r.since}" if r.since else ""
            dates += f" until {r.until}" if r.until else ""
            st.markdown(md(f"{relation_title(dataset, r)} · confidence {r.confidence:.2f}"
                           + (f" · {dates.strip()}" if dates else "")))
            if r.summary:
                st.caption(md(r.summary))
        events_layer.pair_section(dataset, a, b, key="ev_pair")


if chosen is not None:
    _show_pair(dataset, chosen)

st.markdown("#### Many events, nothing curated")
st.caption("Pairs with at least the minimum number of events in the window and no curated "
           "relation in the file (at any date). “Waiting” marks pairs with extracted "
           "relations in the review queue.")
gaps = uncovered(totals, dataset, min_events=int(min_events), scope=scope)
if gaps.empty:
    st.info("No such pair: every pair with that many events has a curated relation, or "
            "lower the minimum.", icon=":material/check_circle:")
else:
    _rows(gaps, ["events", "cooperation", "conflict", "balance", "waiting"], "gap",
          lambda r: [f"{r.events:,}", f"{r.cooperation:,}", f"{r.conflict:,}",
                     f"{r.balance:+.2f}", "yes" if r.pending else ""])

st.markdown("#### Curated relations contradicted by recent events")
st.caption("Pairs whose curated relations in force during the window have a net sign "
           "(confidence-weighted: + cooperative, − hostile) that the events' balance leans "
           "against by at least the threshold.")
against = contradicted(totals, dataset, start or pd.Timestamp.min.date(), end,
                       min_events=int(min_events), threshold=float(threshold))
if against.empty:
    st.info("No curated relation is contradicted by these events at this threshold.",
            icon=":material/check_circle:")
else:
    _rows(against, ["file", "events", "cooperation", "conflict", "balance"], "against",
          lambda r: [f"{r.file} ({r.file_types})", f"{r.events:,}", f"{r.cooperation:,}",
                     f"{r.conflict:,}", f"{r.balance:+.2f}"])
