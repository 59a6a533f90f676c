"""The view filters in the sidebar, kept in the URL: widgets ↔ ViewParams ↔ query.

A session starts from its URL (so a shared link reopens the same view); from
then on the widgets are the source of truth and every run writes the filters
back to the URL, so the address bar always holds a link to what is on screen.
An invalid parameter is dropped with a message naming it; the rest of the
link still applies. Pages that need page options of their own in the URL
(the graph's size measure, a selection, two dates) use `option`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import streamlit as st

from explorer.app.ui import md
from explorer.graph import POLARITIES, QUERY_KEYS, FilterError, View, ViewParams, make_view
from explorer.model import (
    ACTOR_KINDS,
    CREDIBILITY_MEANING,
    MODALITIES,
    RELIABILITY_MEANING,
    STATUSES,
    Dataset,
)

__all__ = ["VIEW_KEYS", "from_query", "one_of", "option", "set_option", "show_notes", "view"]

VIEW_KEYS: frozenset[str] = frozenset(QUERY_KEYS.values())
_PARAMS = "explorer_params"  # the ViewParams in force for this session
_NOTES = "explorer_url_notes"  # messages about a link's invalid parameters
_ANY = "any"
T = TypeVar("T")


# ----------------------------------------------------------------- the URL
def _query() -> dict[str, str]:
    return {key: st.query_params[key] for key in st.query_params}


def _set_query(updates: Mapping[str, str | None]) -> None:
    """Write (or, for None, remove) query parameters that differ from the URL's."""
    for key, value in updates.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def from_query(query: Mapping[str, str], dataset: Dataset) -> tuple[ViewParams, list[str]]:
    """ViewParams from URL query parameters, checked against the data. Each invalid
    parameter is dropped and explained; the others still apply."""
    kept = {k: v for k, v in query.items() if k in VIEW_KEYS}
    notes: list[str] = []
    while True:
        try:
            params = ViewParams.from_query(kept)
            make_view(dataset, params)  # types, sources and focus the data lacks
            return params, notes
        except FilterError as exc:
            notes.append(f"{exc.keys[0]}: {exc.fields['what']}")
            drop = [k for k in exc.keys if k in kept]
            if not drop:
                return ViewParams(), notes
            for key in drop:
                del kept[key]


def show_notes() -> None:
    """Explain, once, which of the link's parameters were dropped."""
    notes = st.session_state.pop(_NOTES, None)
    if notes:
        st.warning("Some of this link's filters could not be used and were reset:\n\n"
                   + "\n".join(f"- {md(n)}" for n in notes), icon=":material/link_off:")


def option(key: str, default: T, parse: Callable[[str], T]) -> T:
    """A page option kept in the URL under `key`: read from the URL on the session's
    first look at it, remembered in the session after (navigation clears URLs)."""
    memory = f"explorer_option_{key}"
    if memory not in st.session_state:
        raw = st.query_params.get(key)
        value = default
        if raw is not None:
            try:
                value = parse(raw)
            except (ValueError, KeyError):
                st.session_state.setdefault(_NOTES, []).append(
                    f"{key}: '{raw}' is not a valid value")
        st.session_state[memory] = value
    return st.session_state[memory]


def one_of(options: Iterable[str]) -> Callable[[str], str]:
    """A parser for `option` that takes one of `options` and refuses anything else."""
    allowed = tuple(options)

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(raw)
        return raw

    return parse


def set_option(key: str, value: T, default: T, dump: Callable[[T], str] = str) -> None:
    """Remember a page option and write it to the URL (removed when it is the default)."""
    st.session_state[f"explorer_option_{key}"] = value
    _set_query({key: None if value == default else dump(value)})


# -------------------------------------------------------------- the params
def current(dataset: Dataset) -> ViewParams:
    """The session's ViewParams: from the URL on its first run."""
    if _PARAMS not in st.session_state:
        params, notes = from_query(_query(), dataset)
        st.session_state[_PARAMS] = params
        if notes:
            st.session_state.setdefault(_NOTES, []).extend(notes)
    return st.session_state[_PARAMS]


def _widget_values(params: ViewParams) -> dict[str, Any]:
    p = params
    when = "on" if p.as_of else "between" if (p.date_from or p.date_to) else _ANY
    return {
        "f_types": sorted(p.types), "f_polarity": sorted(p.polarity),
        "f_status": sorted(p.statuses), "f_confidence": p.min_confidence,
        "f_modality": sorted(p.modalities), "f_when": when,
        "f_as_of": p.as_of or dt.date.today(), "f_from": p.date_from, "f_to": p.date_to,
        "f_known": p.known_on is not None, "f_known_on": p.known_on or dt.date.today(),
        "f_sources": sorted(p.sources), "f_min_sources": p.min_sources,
        "f_reliability": p.min_reliability or _ANY,
        "f_credibility": p.max_credibility or _ANY,
        "f_kinds": sorted(p.actor_kinds), "f_focus": p.focus, "f_hops": p.hops,
        "f_project": p.project,
    }


def _reset() -> None:
    for key in _widget_values(ViewParams()):
        st.session_state.pop(key, None)
    st.session_state[_PARAMS] = ViewParams()
    st.session_state.pop(_NOTES, None)


def _sidebar(dataset: Dataset, params: ViewParams) -> ViewParams:
    """Draw every filter of the View (seeded from `params`) and read them back."""
    s = st.session_state
    for key, value in _widget_values(params).items():
        if key not in s:  # first run, or back from a page without filters
            s[key] = value
    # the data may have changed under the widgets: keep only choices it still offers
    if s.f_focus is not None and not dataset.has_actor(s.f_focus):
        s.f_focus = None
    known_types = {t.id for t in dataset.types}
    s.f_types = [t for t in s.f_types if t in known_types]
    source_ids = [x.id for x in dataset.sources]
    s.f_sources = [x for x in s.f_sources if x in source_ids]
    bar = st.sidebar
    used = {r.type for r in dataset.relations} | set(params.types)
    type_ids = [t.id for t in dataset.types if t.id in used]
    labels = {t.id: t.label or t.id for t in dataset.types}
    actors = sorted(dataset.actors, key=lambda a: (a.name.casefold(), a.id))
    names = {a.id: f"{a.name} ({a.id})" for a in actors}

    bar.header("Filters", divider="gray")
    bar.button("Reset all filters", on_click=_reset, icon=":material/restart_alt:",
               width="stretch")
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
    far = (dt.date(1800, 1, 1), dt.date(2200, 12, 31))
    if when == "on":
        bar.date_input("In force on", key="f_as_of", min_value=far[0], max_value=far[1])
    elif when == "between":
        left, right = bar.columns(2)
        left.date_input("From", key="f_from", min_value=far[0], max_value=far[1],
                        help="empty: open start")
        right.date_input("To", key="f_to", min_value=far[0], max_value=far[1],
                         help="empty: open end")
    known = bar.checkbox("Only what was known on a date", key="f_known",
                         help="Evidence published on or before that date.")
    if known:
        bar.date_input("Known on", key="f_known_on", min_value=far[0], max_value=far[1])

    bar.subheader("Evidence")
    bar.multiselect("Sources", source_ids, key="f_sources",
                    format_func={i: _source_label(dataset, i) for i in source_ids}.get,
                    placeholder="all sources")
    bar.number_input("Minimum independent sources", 0, 99, step=1, key="f_min_sources",
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
    bar.number_input("Hops from the focus", 1, 6, step=1, key="f_hops",
                     disabled=focus is None)
    bar.toggle("Fold persons into their states", key="f_project",
               help="A leader's relations count as their state's; parallel relations "
               "of the same kind merge.")

    try:
        return ViewParams(
            types=s.f_types, polarity=s.f_polarity, statuses=s.f_status,
            min_confidence=s.f_confidence, modalities=s.f_modality,
            as_of=s.f_as_of if when == "on" else None,
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


def view(dataset: Dataset) -> View:
    """The View the sidebar's filters select (drawing them), with the URL kept in step."""
    params = _sidebar(dataset, current(dataset))
    try:
        result = make_view(dataset, params)
    except FilterError:  # the data changed under the filters (a type or actor removed)
        params, notes = from_query(params.to_query(), dataset)
        st.session_state.setdefault(_NOTES, []).extend(notes)
        for key in _widget_values(params):
            st.session_state.pop(key, None)
        result = make_view(dataset, params)
    st.session_state[_PARAMS] = params
    query = params.to_query()
    _set_query({key: query.get(key) for key in VIEW_KEYS})
    show_notes()
    return result
