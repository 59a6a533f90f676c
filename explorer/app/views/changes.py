"""changes."""

import streamlit as st

st.subheader("changes")
