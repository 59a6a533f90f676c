"""The view's filters in the sidebar: widgets ↔ ViewParams.

The entry page draws them on every page that shows the view, as the same
widgets on every page, so what the analyst set survives page changes; the
session's state (`state`) seeds them and keeps them in the URL. Every bound
of a widget includes the value it must show, so no valid link can make a page
fail (a date of 1386 is valid data).

"In force on a date" is a slider over the months the data spans, with a Play
toggle that steps through them month by month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from explorer.app import state
from explorer.app.ui import md
from explorer.graph import POLARITIES, FilterError, ViewParams
from explorer.model import (
    ACTOR_KINDS,
    CREDIBILITY_MEANING,
    MODALITIES,
    RELIABILITY_MEANING,
    STATUSES,
    Dataset,
)

__all__ = ["PLAY_SECONDS", "data_span", "date_bounds", "months", "next_step", "sidebar"]

#: Seconds between two steps when playing through time.
PLAY_SECONDS = 1.5
_ANY = "any"


def _facts(dataset: Dataset) -> tuple[tuple[dt.date, dt.date] | None, frozenset[str]]:
    """What the filters need to know of the data, found once and kept with it: its
    first and last date, and the relation types it uses."""

    def find(data: Dataset) -> tuple[tuple[dt.date, dt.date] | None, frozenset[str]]:
        dates = [d for r in data.relations for d in (r.since, r.until) if d]
        dates += [s.published for s in data.sources if s.published]
        return (min(dates), max(dates)) if dates else None, frozenset(
            r.type for r in data.relations)

    return dataset.derived("filter-facts", find)


def data_span(dataset: Dataset) -> tuple[dt.date, dt.date]:
    """The data's first and last date (relations in force, sources published), or
    today for either when the data has none (or ends before today)."""
    span, _ = _facts(dataset)
    today = dt.date.today()
    return (span[0], max(span[1], today)) if span else (today, today)


def date_bounds(span: tuple[dt.date, dt.date], *extra: dt.date | None
                ) -> tuple[dt.date, dt.date]:
    """The span a date widget offers: the data's `span` and the `extra` days, with a
    year's margin each side."""
    low = min([span[0], *(d for d in extra if d)])
    high = max([span[1], *(d for d in extra if d)])
    return dt.date(max(low.year - 1, 1), 1, 1), dt.date(min(high.year + 1, 9999), 12, 31)


def months(low: dt.date, high: dt.date, *extra: dt.date | None) -> list[dt.date]:
    """The first day of every month from `low` to `high`, with the `extra` days."""
    days, year, month = [], low.year, low.month
    while (year, month) <= (high.year, high.month):
        days.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(set(days) | {d for d in extra if d})


def _widget_values(params: ViewParams) -> dict[str, Any]:
    p = params
    when = "on" if p.as_of else "between" if (p.date_from or p.date_to) else _ANY
    return {
        "f_types": sorted(p.types), "f_polarity": sorted(p.polarity),
        "f_status": sorted(p.statuses), "f_confidence": p.min_confidence,
        "f_modality": sorted(p.modalities), "f_when": when, "f_as_of": p.as_of,
        "f_from": p.date_from, "f_to": p.date_to,
        "f_known": p.known_on is not None, "f_known_on": p.known_on or dt.date.today(),
        "f_sources": sorted(p.sources), "f_min_sources": p.min_sources,
        "f_reliability": p.min_reliability or _ANY,
        "f_credibility": p.max_credibility or _ANY,
        "f_kinds": sorted(p.actor_kinds), "f_focus": p.focus, "f_hops": p.hops,
        "f_project": p.project,
    }


def _reset() -> None:
    for key, value in _widget_values(state.APP_DEFAULT).items():
        st.session_state[key] = value
    st.session_state["f_play"] = False


def next_step(steps: list[dt.date], current: dt.date) -> tuple[dt.date, bool]:
    """The step after `current` (the last one if there is none), and whether it is
    the last one."""
    later = [d for d in steps if d > current]
    return (later[0] if later else steps[-1]), len(later) <= 1


@st.fragment(run_every=PLAY_SECONDS)
def _player(steps: list[dt.date]) -> None:
    """While Play is on: the next month, and the whole page drawn for it."""
    s = st.session_state
    run = state.run_number()
    if s.get("f_play_run") != run:  # called inline by a whole run: the next tick moves on
        s["f_play_run"] = run
        return
    if not s.get("f_play") or s.get("f_when") != "on":
        return
    s.f_as_of, last = next_step(steps, s.f_as_of or steps[0])
    if last:
        s.f_play = False  # the last month: stop there
    st.rerun()


def sidebar(dataset: Dataset, params: ViewParams) -> ViewParams:
    """Draw every filter of the View (seeded from `params` when the widgets are new or
    the URL was just adopted) and read them back."""
    s = st.session_state
    seed = state.adopted()
    for key, value in _widget_values(params).items():
        if seed or key not in s:
            s[key] = value
    # the data may have changed under the widgets: keep only choices it still offers
    if s.f_focus is not None and not dataset.has_actor(s.f_focus):
        s.f_focus = None
    known_types = {t.id for t in dataset.types}
    s.f_types = [t for t in s.f_types if t in known_types]
    source_ids = [x.id for x in dataset.sources]
    s.f_sources = [x for x in s.f_sources if x in source_ids]
    bar = st.sidebar
    used = _facts(dataset)[1] | set(params.types)
    type_ids = [t.id for t in dataset.types if t.id in used]
    labels = {t.id: t.label or t.id for t in dataset.types}
    actors = sorted(dataset.actors, key=lambda a: (a.name.casefold(), a.id))
    names = {a.id: f"{a.name} ({a.id})" for a in actors}

    bar.header("Filters", divider="gray")
    bar.button("Reset all filters", on_click=_reset, icon=":material/restart_alt:",
               width="stretch")
    bar.toggle("Fold persons into their states", key="f_project",
               help="On by default, as in `explorer stats`: a leader's relations count as "
               "their state's, and parallel relations of the same kind merge. Off: persons "
               "are actors of their own.")
    bar.subheader("Relations")
    bar.multiselect("Types", type_ids, key="f_types", format_func=labels.get,
                    placeholder="all types")
    bar.multiselect("Polarity", POLARITIES, key="f_polarity", placeholder="all")
    bar.multiselect("Status", STATUSES, key="f_status",
                    placeholder="curated and extracted",
                    help="Rejected relations show only when you ask for them.")
    bar.multiselect("Modality", MODALITIES, key="f_modality", placeholder="all",
                    help="asserted, hedged ('may', 'could') or negated ('has not')")
    bar.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_confidence")

    bar.subheader("Time")
    when = bar.radio("In force", [_ANY, "on", "between"], key="f_when", horizontal=True,
                     format_func={_ANY: "any time", "on": "on a date",
                                  "between": "between dates"}.get)
    span = data_span(dataset)
    low, high = date_bounds(span, s.f_as_of, s.f_from, s.f_to, s.f_known_on)
    as_of = None
    if when == "on":
        steps = months(*span)
        if s.f_as_of is None:
            s.f_as_of = steps[-1]
        steps = sorted(set(steps) | {s.f_as_of})
        as_of = bar.select_slider("In force on", steps, key="f_as_of",
                                  format_func=dt.date.isoformat,
                                  help="Relations in force on this day. Play steps through "
                                  "the months the data covers.")
        bar.toggle("Play through time, month by month", key="f_play")
        if s.get("f_play"):
            with bar:
                _player(steps)
    elif when == "between":
        left, right = bar.columns(2)
        left.date_input("From", key="f_from", min_value=low, max_value=high,
                        help="empty: open start")
        right.date_input("To", key="f_to", min_value=low, max_value=high,
                         help="empty: open end")
    known = bar.checkbox("Only what was known on a date", key="f_known",
                         help="Evidence published on or before that date.")
    if known:
        bar.date_input("Known on", key="f_known_on", min_value=low, max_value=high)

    bar.subheader("Evidence")
    bar.multiselect("Sources", source_ids, key="f_sources",
                    format_func={i: _source_label(dataset, i) for i in source_ids}.get,
                    placeholder="all sources")
    bar.number_input("Minimum independent sources", 0, max(99, s.f_min_sources), step=1,
                     key="f_min_sources",
                     help="Copies and paraphrases (derived_from) count once.")
    bar.selectbox("Minimum source reliability", [_ANY, "A", "B", "C", "D", "E"],
                  key="f_reliability",
                  format_func=lambda g: "any" if g == _ANY else
                  f"{g} – {RELIABILITY_MEANING[g]} or better")
    bar.selectbox("Maximum credibility grade", [_ANY, 1, 2, 3, 4, 5], key="f_credibility",
                  format_func=lambda c: "any" if c == _ANY else
                  f"{c} – {CREDIBILITY_MEANING[c]} or better")

    bar.subheader("Actors")
    bar.multiselect("Kinds", ACTOR_KINDS, key="f_kinds", placeholder="all kinds",
                    format_func=lambda k: k.replace("_", " "))
    focus = bar.selectbox("Focus on", [None, *names], key="f_focus",
                          placeholder="nobody (whole network)",
                          format_func=lambda a: "nobody (whole network)" if a is None
                          else names[a], help="Show only this actor's neighbourhood.")
    bar.number_input("Hops from the focus", min(1, s.f_hops), max(6, s.f_hops), step=1,
                     key="f_hops", disabled=focus is None)

    try:
        return ViewParams(
            types=s.f_types, polarity=s.f_polarity, statuses=s.f_status,
            min_confidence=s.f_confidence, modalities=s.f_modality, as_of=as_of,
            date_from=s.f_from if when == "between" else None,
            date_to=s.f_to if when == "between" else None,
            known_on=s.f_known_on if known else None, sources=s.f_sources,
            min_sources=s.f_min_sources,
            min_reliability=None if s.f_reliability == _ANY else s.f_reliability,
            max_credibility=None if s.f_credibility == _ANY else s.f_credibility,
            actor_kinds=s.f_kinds, focus=focus, hops=s.f_hops, project=s.f_project)
    except FilterError as exc:
        bar.error(md(exc), icon=":material/error:")
        return params


def _source_label(dataset: Dataset, source_id: str) -> str:
    source = dataset.source(source_id)
    text = source.title or source.publisher or source.id
    return text if len(text) <= 60 else text[:59] + "…"
