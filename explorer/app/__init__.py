"""The Streamlit web app (entry page: main.py)."""
