"""What the entry page hands to the page it runs: the loaded data and the view.

The entry page loads the data file once per run (`data.load`), shows its
problems, builds the View its filters select, and stores them here; pages read
them with `dataset()` and `view()`, and open with `heading`, which states the
view they describe. They are kept by the run's thread, not in the session's
state, and dropped at the end of the run (`forget`): no session holds on to old
data, even when a page stopped its run (after `st.stop` every access to the
session's state stops the script, so a clean-up there would not happen).
"""

from __future__ import annotations

import threading
from typing import Any

import streamlit as st

from explorer.app.data import Loaded
from explorer.app.ui import md
from explorer.graph import View
from explorer.model import Dataset
from explorer.render import describe_params

__all__ = ["dataset", "forget", "heading", "loaded", "set_loaded", "set_sidebar_top",
           "set_view", "show_problems", "sidebar_top", "view"]

_run = threading.local()  # this run's loaded data, view and sidebar container


def set_loaded(value: Loaded) -> None:
    _run.loaded = value


def forget() -> None:
    """Drop this run's data and view at the end of the run, so that the session keeps no
    Dataset between runs (the next run loads the file as it is then)."""
    _run.__dict__.clear()


def loaded() -> Loaded:
    return _run.loaded


def dataset() -> Dataset:
    """The Dataset this run shows (the entry page stops the run when there is none)."""
    value = loaded().dataset
    assert value is not None, "the entry page runs a page only with a Dataset"
    return value


def set_view(value: View) -> None:
    _run.view = value


def view() -> View:
    """The View the sidebar's filters select (on the pages that show the view)."""
    return _run.view


def set_sidebar_top(container: Any) -> None:
    _run.top = container


def sidebar_top() -> Any:
    """A sidebar container above the filters, for the page's own settings."""
    return _run.top


def heading(title: str) -> None:
    """The page's title and, under it, the view it describes in words."""
    st.subheader(title)
    value = view()
    graph = value.graph
    st.caption(md(f"View: {describe_params(value.params)} — {graph.number_of_nodes()} "
                  f"actors, {len(value.edges)} relations"))


def show_problems(value: Loaded) -> None:
    """The data file's errors as `explorer validate` prints them, or its warnings folded."""
    file = md(value.path)
    if value.errors:
        count = len(value.errors)
        if value.stale:
            st.error(f"**{file}** has {count} error(s). Showing its last valid version until "
                     "they are fixed; save the file and click anywhere to reload.",
                     icon=":material/error:")
        else:
            st.error(f"**{file}** cannot be loaded: {count} error(s). Fix them, save the file "
                     "and click anywhere (or reload the page).", icon=":material/error:")
        st.code("\n".join(p.format() for p in value.problems), language=None, wrap_lines=True)
    elif value.problems:
        with st.expander(f"{len(value.problems)} warning(s) in {file}",
                         icon=":material/warning:"):
            st.code("\n".join(p.format() for p in value.problems), language=None,
                    wrap_lines=True)
