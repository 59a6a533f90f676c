"""What the entry page hands to the page it runs: the loaded data and the view.

The entry page loads the data file once per run (`data.load`), shows its
problems, builds the View its filters select, and stores them here; pages read
them with `dataset()` and `view()`, and open with `heading`, which states the
view they describe. At the end of the run they are dropped (`forget`), so no
session holds on to old data.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer.app.data import Loaded
from explorer.app.ui import md
from explorer.graph import View
from explorer.model import Dataset
from explorer.render import describe_params

__all__ = ["dataset", "forget", "heading", "loaded", "set_loaded", "set_sidebar_top",
           "set_view", "show_problems", "sidebar_top", "view"]

_KEY = "explorer_loaded"
_VIEW = "explorer_view"
_TOP = "explorer_sidebar_top"


def set_loaded(value: Loaded) -> None:
    st.session_state[_KEY] = value


def forget() -> None:
    """Drop this run's data and view at the end of the run, so that the session keeps no
    Dataset between runs (the next run loads the file as it is then)."""
    for key in (_KEY, _VIEW, _TOP):
        st.session_state.pop(key, None)


def loaded() -> Loaded:
    return st.session_state[_KEY]


def dataset() -> Dataset:
    """The Dataset this run shows (the entry page stops the run when there is none)."""
    value = loaded().dataset
    assert value is not None, "the entry page runs a page only with a Dataset"
    return value


def set_view(value: View) -> None:
    st.session_state[_VIEW] = value


def view() -> View:
    """The View the sidebar's filters select (on the pages that show the view)."""
    return st.session_state[_VIEW]


def set_sidebar_top(container: Any) -> None:
    st.session_state[_TOP] = container


def sidebar_top() -> Any:
    """A sidebar container above the filters, for the page's own settings."""
    return st.session_state[_TOP]


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
