"""Page "Pengaturan" / "Settings": the script Streamlit runs; the page is ui/content/settings_page.py."""

from ui.content.settings_page import render

render()
