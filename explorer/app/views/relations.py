"""relations."""

import streamlit as st

st.subheader("relations")
