"""What the entry page hands to the page it runs: the loaded data of this run.

The entry page loads the data file once per run (`data.load`), shows its
problems, and stores the result here; pages read it with `dataset()`; at the end
of the run it is dropped (`forget`), so no session holds on to old data.
"""

from __future__ import annotations

import streamlit as st

from explorer.app.data import Loaded
from explorer.app.ui import md
from explorer.model import Dataset

__all__ = ["dataset", "forget", "loaded", "set_loaded", "show_problems"]

_KEY = "explorer_loaded"


def set_loaded(value: Loaded) -> None:
    st.session_state[_KEY] = value


def forget() -> None:
    """Drop this run's data at the end of the run, so that the session keeps no Dataset
    between runs (the next run loads the file as it is then)."""
    st.session_state.pop(_KEY, None)


def loaded() -> Loaded:
    return st.session_state[_KEY]


def dataset() -> Dataset:
    """The Dataset this run shows (the entry page stops the run when there is none)."""
    value = loaded().dataset
    assert value is not None, "the entry page runs a page only with a Dataset"
    return value


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
