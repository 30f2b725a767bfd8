"""Page "Jejaring" / "Network" (the page itself lives in ui/network_content.py)."""

from ui.network_content import render

render()
