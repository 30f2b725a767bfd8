"""Page "Sumber & mutu data" / "Sources & data quality": the script Streamlit runs; the page is ui/content/sources.py."""

from ui.content.sources import render

render()
