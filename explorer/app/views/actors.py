"""actors."""

import streamlit as st

st.subheader("actors")
