"""Page "Sentralitas" / "Centrality": the script Streamlit runs; the page is ui/content/centrality.py."""

from ui.content.centrality import render

render()
