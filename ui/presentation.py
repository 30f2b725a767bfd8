"""Presentation mode for workshop screens: no sidebar, larger type.

It is on when the address holds ``?present=1`` (a facilitator can bookmark it) or when the
sidebar toggle (key ``present``) is on; a button above the page leaves it. Pages call :func:`apply_presentation_mode` at the
top; the style is a constant string, so nothing from the data reaches the HTML.
"""

from __future__ import annotations

import streamlit as st

from drawing.i18n import t

__all__ = [
    "PRESENT_KEY",
    "EXIT_KEY",
    "PRESENTATION_CSS",
    "apply_presentation_mode",
    "leave_presentation",
    "presentation_on",
]

PRESENT_KEY = "present"
EXIT_KEY = "present_exit"  # the button that leaves the mode, shown above every page
# The sidebar goes (its collapse control too), the space above the title shrinks (a drawing
# fits above the fold of a 1280x720 projector) and type grows by about a quarter, which keeps
# tables readable from the back of a village hall.
PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"]{display:none}
div[data-testid="stSidebarCollapsedControl"]{display:none}
[data-testid="stMainBlockContainer"]{padding-top:1.5rem}
html, body, [data-testid="stAppViewContainer"]{font-size:1.25rem}
[data-testid="stAppViewContainer"] h1{font-size:2.4rem}
[data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"]{font-size:1.2rem}
</style>
"""


def _from_address() -> bool:
    return st.query_params.get(PRESENT_KEY, "") in ("1", "true", "yes")


def presentation_on() -> bool:
    """Whether presentation mode is on: the address asks for it or the toggle is on."""
    return _from_address() or bool(st.session_state.get(PRESENT_KEY))


def apply_presentation_mode(lang: str | None = None) -> bool:
    """Draw the toggle in the sidebar and, when the mode is on, hide the sidebar; True when on.

    The toggle starts on when the address asks for the mode. While the mode is on, the
    sidebar is hidden, so a button above the page ("exit presentation") leaves it.
    """
    if lang is None:
        from ui.state import current_lang

        lang = current_lang()
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = _from_address()
    st.sidebar.toggle(t("present.toggle", lang), key=PRESENT_KEY, help=t("present.help", lang))
    on = presentation_on()
    if on:
        st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
        st.button(
            t("present.exit", lang),
            key=EXIT_KEY,
            icon=":material/close_fullscreen:",
            help=t("present.exit_help", lang),
            on_click=leave_presentation,
        )
    return on


def leave_presentation() -> None:
    """Leave presentation mode: ``present`` goes from the address and the toggle goes off,
    so the sidebar and the controls come back with the rest of the address (the view) kept."""
    if PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]
    st.session_state[PRESENT_KEY] = False
