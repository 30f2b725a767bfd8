"""Page "Perbandingan" / "Compare": the script Streamlit runs; the page is ui/pages/compare.py."""

from ui.pages.compare import render

render()
