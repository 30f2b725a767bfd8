"""Page "Kueri" / "Query": the script Streamlit runs; the page is ui/content/query.py."""

from ui.content.query import render

render()
