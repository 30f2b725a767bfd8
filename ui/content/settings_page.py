"""Page "Pengaturan" / "Settings": graph store and its status, language, theme, every setting."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from drawing.i18n import LANGUAGES, has_text, t
from graph.neo4j.store import StoreUnavailable
from loaders.case_study import DatasetError
from ui.cache import clear_all
from ui.state import BACKEND_OVERRIDE, current_lang, get_store
from ui.tables import MISSING

BACKENDS = ("memory", "neo4j")
THEME_TOML = '[theme]\nbase = "dark"   # or "light"\n'


def _backend_in_use() -> str:
    chosen = st.session_state.get(BACKEND_OVERRIDE) or settings.get("JEJARING_BACKEND")
    return chosen.strip().lower()


def _switch_backend() -> None:
    # The store and every cached answer belong to the old backend: drop them, so the next
    # run opens (and caches) the chosen one.
    st.session_state[BACKEND_OVERRIDE] = st.session_state["settings_backend"]
    clear_all()


def _store_status(backend: str, lang: str) -> None:
    if backend == "neo4j":
        st.caption(
            t(
                "settings.neo4j_where",
                lang,
                uri=settings.get("NEO4J_URI"),
                user=settings.get("NEO4J_USER"),
            )
        )
    else:
        st.caption(t("settings.workspace", lang, path=settings.get("JEJARING_WORKSPACE")))
    try:
        get_store()
    except StoreUnavailable as exc:  # names URI and user, never the password
        st.error(t("settings.status_failed", lang, error=exc))
    except DatasetError as exc:
        st.error(t("error.dataset", lang, n=len(exc.problems)))
    except (OSError, ValueError) as exc:
        st.error(t("settings.status_failed", lang, error=exc))
    else:
        st.success(t("settings.status_ok", lang))


def _backend_section(lang: str) -> None:
    st.subheader(t("settings.backend", lang))
    backend = _backend_in_use()
    st.markdown(t("settings.current_backend", lang, backend=t(f"settings.backend.{backend}", lang)))
    _store_status(backend, lang)
    if st.session_state.get("settings_backend") not in BACKENDS:
        st.session_state["settings_backend"] = backend if backend in BACKENDS else "memory"
    st.radio(
        t("settings.backend", lang),
        BACKENDS,
        horizontal=True,
        key="settings_backend",
        format_func=lambda b: t(f"settings.backend.{b}", lang),
    )
    st.button(
        t("settings.apply", lang),
        key="settings_apply",
        on_click=_switch_backend,
        disabled=st.session_state["settings_backend"] == backend,
    )


def _theme_section(lang: str) -> None:
    st.subheader(t("settings.theme", lang))
    theme = getattr(getattr(st, "context", None), "theme", None)
    kind = getattr(theme, "type", None) if theme is not None else None
    st.markdown(t("settings.theme_now", lang, theme=kind or t("settings.theme_unknown", lang)))
    st.caption(t("settings.theme_how", lang))
    st.code(THEME_TOML, language="toml")


def _all_settings(lang: str) -> None:
    st.subheader(t("settings.all", lang))
    st.caption(t("settings.all_note", lang))
    columns = {
        "name": "col.setting",
        "value": "col.current",
        "default": "col.default",
        "help": "col.help",
    }
    frame = pd.DataFrame(settings.describe())[list(columns)]
    # what each setting does, in the page language (the registry's help is the English text)
    frame["help"] = [
        t(f"setting_help.{name}", lang) if has_text(f"setting_help.{name}") else help_text
        for name, help_text in zip(frame["name"], frame["help"], strict=True)
    ]
    # describe() masks secret values; a secret's default (a development password) is masked too
    secret = frame["name"].map(lambda n: settings.SETTINGS[n].secret)
    frame.loc[secret, "default"] = "********"
    st.dataframe(
        frame.rename(columns={c: t(k, lang) for c, k in columns.items()}),
        hide_index=True,
        width="stretch",
        key="settings_table",
        placeholder=MISSING,
    )


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("settings.title", lang))
    st.caption(t("settings.intro", lang))
    _backend_section(lang)
    st.subheader(t("settings.language", lang))
    st.markdown(t("settings.language_now", lang, language=LANGUAGES[lang]))
    _theme_section(lang)
    _all_settings(lang)
