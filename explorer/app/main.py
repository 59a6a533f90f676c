"""Entry page of the web app: `explorer app` runs this file with Streamlit.

It loads the data file (cached by its content), shows the file's problems the
way `explorer validate` prints them, and runs the page the analyst chose. A
page is one module under `views/` plus one line in PAGES. An unexpected error
in a page shows as a short message, never as a traceback.
"""

from __future__ import annotations

import logging

import streamlit as st

from explorer.app import context, data, events_layer, writing
from explorer.app.ui import md

log = logging.getLogger("explorer.app")

st.set_page_config(page_title="Relations explorer", page_icon="🕸️",
                   layout="wide", initial_sidebar_state="expanded")

# One line per page. No Material icons here: Streamlit would show the page's icon
# as the tab icon and fetch it from fonts.gstatic.com; the emoji above is drawn locally.
PAGES = {
    "Explore": [
        st.Page("views/graph.py", title="Graph", default=True),
        st.Page("views/relations.py", title="Relations"),
        st.Page("views/actors.py", title="Actors"),
        st.Page("views/dyads.py", title="Dyads and triangles"),
        st.Page("views/changes.py", title="Changes"),
        st.Page("views/sources.py", title="Sources"),
        st.Page("views/events.py", title="Events vs the file"),
    ],
    "Review": [
        st.Page("views/add_article.py", title="Add article"),
        st.Page("views/review_queue.py", title="Review queue"),
    ],
}

page = st.navigation(PAGES)
loaded = data.load()
context.set_loaded(loaded)
context.show_problems(loaded)
if loaded.dataset is None:
    st.button("Reload the data file")
    st.stop()
d = loaded.dataset
st.sidebar.caption(md(f"{len(d.actors)} actors · {len(d.sources)} sources · "
                      f"{len(d.relations)} relations — {loaded.path}"))
writing.sidebar(loaded, PAGES["Review"][1], expanded=page in PAGES["Review"])
events_layer.sidebar()
try:
    page.run()
except Exception as exc:  # the last line of defence: a short message, details in the log
    log.exception("page %r failed", page.title)
    st.error(f"This page could not be shown: {md(type(exc).__name__)}: {md(exc)}. "
             "Change a filter or reload; the details are in the server's log.")
finally:
    context.forget()
