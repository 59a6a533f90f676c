"""Entry page of the web app: `explorer app` runs this file with Streamlit."""

from __future__ import annotations

import streamlit as st

from explorer import store
from explorer.problems import DataFileError

st.set_page_config(page_title="Relations explorer", layout="wide")
path = store.data_path()
try:
    dataset = store.load(path)
except DataFileError as exc:
    st.error(f"{path} cannot be loaded: {len(exc.errors)} problem(s)")
    st.code("\n".join(p.format() for p in exc.problems), language=None)
    st.stop()
st.title("Relations explorer")
st.write(f"{len(dataset.actors)} actors, {len(dataset.sources)} sources, "
         f"{len(dataset.relations)} relations in `{path}`")
