"""Page "Jejaring" / "Network": the script Streamlit runs; the page is ui/pages/network.py."""

from ui.pages.network import render

render()
