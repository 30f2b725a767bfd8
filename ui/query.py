"""Page "Kueri" / "Query": the script Streamlit runs; the page is ui/pages/query.py."""

from ui.pages.query import render

render()
