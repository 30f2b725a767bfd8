"""Page "Wilayah" / "Places": the script Streamlit runs; the page is ui/pages/national.py."""

from ui.pages.national import render

render()
