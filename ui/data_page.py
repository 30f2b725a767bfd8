"""Page "Data": the script Streamlit runs; the page is ui/pages/data_page.py."""

from ui.pages.data_page import render

render()
