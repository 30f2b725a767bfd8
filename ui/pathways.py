"""Page "Intervensi -> Hasil" / "Pathways": the script Streamlit runs; the page is ui/pages/pathways.py."""

from ui.pages.pathways import render

render()
