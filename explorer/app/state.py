"""The session's view state, kept in the URL on every page.

What the analyst looks at — the view's filters (a `ViewParams`) and each
page's options (the graph's size measure, a selection, a pair, two dates…) —
lives in the session and is written to the address bar on every run, on every
page, so that any page's URL reopens the same view: after a page change, a
reload, a shared link or the browser's Back button.

Who wins: on the session's first run (a link, a reload) the URL. After that,
the session, unless the URL holds a view that is not the one this session
wrote last (nor the one its page menu's links carry) — the browser's Back and
Forward buttons — and then the URL again:
filters and options are read from it, and the widgets showing them are set
again (`adopted`). A URL without any view parameter never overrides a session:
Streamlit sends one on every page change (it keeps only the parameters bound
to widgets), and leaves one such entry in the browser's history per page
change. Every URL the app writes states `project`, so no view's URL is empty.

The app folds persons into the states they represent by default, as
`explorer stats` does: `project=1` (or no `project`) folds them, `project=0`
keeps persons apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import streamlit as st

from explorer.app.ui import md
from explorer.graph import QUERY_KEYS, FilterError, ViewParams, make_view
from explorer.model import Dataset

__all__ = ["APP_DEFAULT", "VIEW_KEYS", "adopted", "begin", "flush", "from_query", "menu_query",
           "notes", "one_of", "option", "params", "rerun", "run_number", "set_option", "set_params",
           "to_query", "warn"]

T = TypeVar("T")

#: The view the app opens with: every curated and extracted relation, persons folded.
APP_DEFAULT = ViewParams(project=True)
#: Query keys of the view's filters (the keys `ViewParams.to_query` writes).
VIEW_KEYS: frozenset[str] = frozenset(QUERY_KEYS.values())
_RESERVED = frozenset({"embed", "embed_options"})  # Streamlit's own query keys

_PARAMS = "explorer_params"  # the ViewParams in force
_OPTIONS = "explorer_options"  # page options, as the URL holds them: key → text
_WRITTEN = "explorer_url"  # the query this session last wrote
_ADOPTED = "explorer_adopted"  # the run number in which the URL was adopted
_RUN = "explorer_run"  # this session's run counter
_NOTES = "explorer_url_notes"  # messages about a link's invalid parameters
_MENU = "explorer_menu"  # the query the page menu's links carry
_SEEDED = "explorer_seeded"  # widget key → the run in which `option` last set it


# ---------------------------------------------------------------- encoding
def to_query(params: ViewParams) -> dict[str, str]:
    """The view's filters as URL parameters; `project` is always there (1 or 0)."""
    return {**params.to_query(), "project": "1" if params.project else "0"}


def from_query(query: Mapping[str, str], dataset: Dataset) -> tuple[ViewParams, list[str]]:
    """ViewParams from URL parameters (a missing `project` means folded), checked
    against the data. Each invalid parameter is dropped and explained; the others
    still apply."""
    kept = {k: v for k, v in query.items() if k in VIEW_KEYS}
    kept.setdefault("project", "1")
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
                return APP_DEFAULT, notes
            for key in drop:
                del kept[key]
            kept.setdefault("project", "1")


# ------------------------------------------------------------------- a run
def _url() -> dict[str, str]:
    return {key: ",".join(st.query_params.get_all(key)) for key in st.query_params
            if key not in _RESERVED}


def menu_query() -> dict[str, str]:
    """The URL the page menu's links carry: the state as it is when the menu is drawn
    (before the page runs: a page that stops early still has its menu)."""
    query = _query()
    st.session_state[_MENU] = query
    return query


def flush() -> dict[str, str]:
    """Write the session's state to the URL, in one message (the browser keeps one
    history entry per change of the URL), and return it: call once, at the end of a
    run."""
    query = _query()
    if _url() != query:
        st.query_params.from_dict(query)
    st.session_state[_WRITTEN] = query
    return query


def _query() -> dict[str, str]:
    return {**st.session_state[_OPTIONS], **to_query(st.session_state[_PARAMS])}


def begin(dataset: Dataset) -> None:
    """Start a run: take the URL's state when it is not the one this session wrote
    (first run, reload, a link, Back or Forward). `flush` writes it back."""
    s = st.session_state
    s[_RUN] = s.get(_RUN, 0) + 1
    url = _url()
    first = _WRITTEN not in s
    ours = url in (s.get(_WRITTEN), s.get(_MENU))  # a page link's URL is ours too
    if first or (not ours and not url.keys().isdisjoint(VIEW_KEYS)):
        params, problems = from_query(url, dataset)
        s[_PARAMS] = params
        s[_OPTIONS] = {k: v for k, v in url.items() if k not in VIEW_KEYS}
        s[_ADOPTED] = s[_RUN]
        if problems:
            s.setdefault(_NOTES, []).extend(problems)


def rerun() -> None:
    """`st.rerun`, with the URL written first: a rerun started from a page's script
    carries the URL of the moment it is called, and the next run must not take that
    for the browser's Back button."""
    flush()
    st.rerun()


def run_number() -> int:
    """How many whole runs this session has had (a fragment's rerun is not one)."""
    return st.session_state.get(_RUN, 0)


def adopted() -> bool:
    """True in a run that took its state from the URL: widgets must show it again."""
    return st.session_state.get(_ADOPTED) == st.session_state.get(_RUN)


def params() -> ViewParams:
    """The view's filters in force."""
    return st.session_state.get(_PARAMS, APP_DEFAULT)


def set_params(value: ViewParams) -> None:
    """Put new filters in force (the URL follows at `flush`)."""
    st.session_state[_PARAMS] = value


def notes() -> list[str]:
    """The messages about the link's invalid parameters, once (then forgotten)."""
    return st.session_state.pop(_NOTES, None) or []


def warn(messages: list[str]) -> None:
    """Say which of the link's parameters were dropped, and why."""
    if messages:
        st.warning("Some of this link's settings could not be used and were reset:\n\n"
                   + "\n".join(f"- {md(m)}" for m in messages), icon=":material/link_off:")


# ------------------------------------------------------------ page options
def option(key: str, default: T, parse: Callable[[str], T], widget: str | None = None) -> T:
    """A page option kept in the URL under `key` (`default` when absent). An invalid
    value is dropped and explained. With `widget`, the widget of that key is set to
    the option when it has no value yet or the URL was just adopted."""
    raw = st.session_state[_OPTIONS].get(key)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, KeyError):
            warn([f"{key}: '{raw}' is not a valid value"])
            set_option(key, default, default)
    seeded = st.session_state.setdefault(_SEEDED, {})
    if widget is not None and (widget not in st.session_state
                               or (adopted() and seeded.get(widget) != run_number())):
        st.session_state[widget] = value  # once a run: the widget may be drawn by now
        seeded[widget] = run_number()
    return value


def one_of(options: Iterable[str]) -> Callable[[str], str]:
    """A parser for `option` that takes one of `options` and refuses anything else."""
    allowed = tuple(options)

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(raw)
        return raw

    return parse


def set_option(key: str, value: T, default: T, dump: Callable[[T], str] = str) -> None:
    """Keep a page option for the URL (left out when it is the default)."""
    options = st.session_state[_OPTIONS]
    if value == default or value is None:
        options.pop(key, None)
    else:
        options[key] = dump(value)
