"""Jejaring in the browser: ``streamlit run app.py``.

This file only sets the page up and builds the navigation; each page lives in ui/ and
the language switch is a shared ui helper, so every page reads the same choice.
"""

import streamlit as st

from ui.i18n import language_switch, t

st.set_page_config(page_title="Jejaring", page_icon=":material/hub:", layout="wide")
lang = language_switch()
pages = [
    st.Page(
        "ui/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:", default=True
    ),
    st.Page("ui/network.py", title=t("nav.network", lang), icon=":material/hub:"),
]
st.navigation(pages).run()
