"""Page "Pengaturan" / "Settings": the script Streamlit runs; the page is ui/pages/settings_page.py."""

from ui.pages.settings_page import render

render()
