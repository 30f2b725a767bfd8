"""Page "Ringkasan" / "Overview": the script Streamlit runs; the page is ui/content/overview.py."""

from ui.content.overview import render

render()
