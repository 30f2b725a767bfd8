"""Page "Wilayah" / "Places": the script Streamlit runs; the page is ui/content/national.py."""

from ui.content.national import render

render()
