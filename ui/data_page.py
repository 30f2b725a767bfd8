"""Page "Data": the script Streamlit runs; the page is ui/content/data_page.py."""

from ui.content.data_page import render

render()
