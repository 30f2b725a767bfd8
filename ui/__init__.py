"""The Streamlit pages and their shared widgets; thin layers over queries/."""
