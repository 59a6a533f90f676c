"""sources."""

import streamlit as st

st.subheader("sources")
