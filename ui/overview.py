"""Page "Ringkasan" / "Overview": the script Streamlit runs; the page is ui/pages/overview.py."""

from ui.pages.overview import render

render()
