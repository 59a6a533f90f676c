"""dyads."""

import streamlit as st

st.subheader("dyads")
