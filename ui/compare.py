"""Page "Perbandingan" / "Compare": the script Streamlit runs; the page is ui/content/compare.py."""

from ui.content.compare import render

render()
