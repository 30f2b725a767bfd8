"""Page "Sentralitas" / "Centrality": the script Streamlit runs; the page is ui/pages/centrality.py."""

from ui.pages.centrality import render

render()
