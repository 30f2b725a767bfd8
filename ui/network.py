"""Page "Jejaring" / "Network": the script Streamlit runs; the page is ui/content/network.py."""

from ui.content.network import render

render()
