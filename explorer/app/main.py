"""Entry page of the web app: `explorer app` runs this file with Streamlit.

It loads the data file (cached by its content), shows the file's problems the
way `explorer validate` prints them, takes the view's state from the session
or the URL (`state`), draws the view's filters for the pages that show the
view (the same widgets on every page, so they survive page changes), and runs
the page the analyst chose. A page is one module under `views/` plus one line
in PAGES (and in VIEW_PAGES if it shows the view). An unexpected error in a
page shows as a short message, never as a traceback.
"""

from __future__ import annotations

import logging

import streamlit as st

from explorer.app import context, data, events_layer, filters, state, writing
from explorer.app.ui import md
from explorer.graph import make_view

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

#: The pages that show the view: the sidebar's filters are drawn for them.
VIEW_PAGES = {p.url_path for p in PAGES["Explore"][:5]}

# The page links carry the whole URL (Streamlit's own menu drops every parameter not
# bound to a widget, and leaves an extra history entry per page change).
page = st.navigation(PAGES, position="hidden")
# less blank space above a page's title: the graph gets it (constant style, no data)
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }</style>")
menu = st.sidebar.container()
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
state.begin(d)
if page.url_path in VIEW_PAGES:
    context.set_sidebar_top(st.sidebar.container())  # the page's own settings, above
    params = filters.sidebar(d, state.params())
    try:
        view = make_view(d, params)
    except ValueError:  # the data changed under the filters (a type or actor removed)
        params, notes = state.from_query(state.to_query(params), d)
        state.warn(notes)
        view = make_view(d, params)
    state.set_params(params)
    context.set_view(view)
events_layer.sidebar()
state.warn(state.notes())
for section, pages in PAGES.items():
    menu.caption(section)
    for p in pages:
        menu.page_link(p, query_params=state.menu_query())
try:
    page.run()
except Exception as exc:  # the last line of defence: a short message, details in the log
    log.exception("page %r failed", page.title)
    st.error(f"This page could not be shown: {md(type(exc).__name__)}: {md(exc)}. "
             "Change a filter or reload; the details are in the server's log.")
finally:
    try:  # after st.stop, the next Streamlit call stops the script: forget all the same
        state.flush()  # the URL holds the view, whatever the page did (st.stop, st.rerun)
    finally:
        context.forget()
