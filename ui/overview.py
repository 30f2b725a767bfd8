"""Page "Ringkasan" / "Overview" (the page itself lives in ui/overview_content.py)."""

from ui.overview_content import render

render()
