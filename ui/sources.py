"""Page "Sumber & mutu data" / "Sources & data quality": the script Streamlit runs; the page is ui/pages/sources.py."""

from ui.pages.sources import render

render()
