"""Page "Intervensi -> Hasil" / "Pathways": the script Streamlit runs; the page is ui/content/pathways.py."""

from ui.content.pathways import render

render()
