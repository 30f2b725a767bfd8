"""Jejaring in the browser: ``streamlit run app.py``.

This file only sets the page up and builds the navigation; each page script in ui/ calls
the render() of its module in ui/content/, and the language switch is a shared ui helper, so
every page reads the same choice.
"""

from pathlib import Path

import streamlit as st

from drawing.i18n import t
from ui.presentation import apply_presentation_mode
from ui.state import language_switch

st.set_page_config(page_title="Jejaring", page_icon="🕸️", layout="wide")
lang = language_switch()
apply_presentation_mode(lang)  # ?present=1 or the sidebar toggle: no sidebar, large type
# (script, title key, icon) in the order of the navigation
PAGES = [
    ("ui/overview.py", "nav.overview", ":material/dashboard:"),
    ("ui/network.py", "nav.network", ":material/hub:"),
    ("ui/national.py", "nav.national", ":material/account_tree:"),
    ("ui/centrality.py", "nav.centrality", ":material/leaderboard:"),
    ("ui/pathways.py", "nav.pathways", ":material/route:"),
    ("ui/compare.py", "nav.compare", ":material/compare_arrows:"),
    ("ui/query.py", "nav.query", ":material/manage_search:"),
    ("ui/sources.py", "nav.sources", ":material/menu_book:"),
    ("ui/data_page.py", "nav.data", ":material/swap_vert:"),
    ("ui/settings_page.py", "nav.settings", ":material/settings:"),
]
HERE = Path(__file__).resolve().parent
pages = [
    st.Page(script, title=t(key, lang), icon=icon, default=(i == 0))
    for i, (script, key, icon) in enumerate(PAGES)
    if (HERE / script).is_file()
]
st.navigation(pages).run()
