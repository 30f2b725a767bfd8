"""What the pages share across reruns: the graph store, its data and the chosen language.

The store is opened once per process (cached in ui.cache, like everything the pages
compute); :func:`graph_or_stop` gives a page the store's data as of now, the key of its
cached reads.
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

import settings
from drawing.i18n import DEFAULT_LANG, LANGUAGES, normalise_lang, t
from drawing.view import ViewFilters
from graph.neo4j.store import StoreUnavailable
from graph.store import GraphStore
from loaders.bootstrap import open_ready_store
from loaders.case_study import DatasetError
from ui.cache import GraphVersion, cached

__all__ = [
    "default_lang",
    "current_lang",
    "get_store",
    "store_or_stop",
    "graph_or_stop",
    "GraphVersion",
    "sources_dir",
    "language_switch",
    "keep_choices",
    "NETWORK_VIEW",
    "remember_network_view",
    "network_view",
]

NETWORK_VIEW = "network_view"  # the view the Network page last showed in this session


def default_lang() -> str:
    """The language of a new session: the JEJARING_LANG setting when supported, else ``id``."""
    lang = settings.get("JEJARING_LANG").strip().lower()
    return lang if lang in LANGUAGES else DEFAULT_LANG


def current_lang() -> str:
    """The language the user chose with the sidebar switch (``st.session_state["lang"]``)."""
    lang = st.session_state.get("lang")
    return lang if lang in LANGUAGES else default_lang()


BACKEND_OVERRIDE = "backend_override"


def _store_identity() -> tuple[str, str]:
    """Which store the settings point at; a different workspace or server is a different store.

    A session that chose the embedded store after Neo4j failed keeps that choice.
    """
    backend = st.session_state.get(BACKEND_OVERRIDE) or settings.get("JEJARING_BACKEND")
    backend = backend.strip().lower()
    where = settings.get("NEO4J_URI") if backend == "neo4j" else settings.get("JEJARING_WORKSPACE")
    return backend, where


@cached(shared=True)
def _open_store(backend: str, where: str) -> GraphStore:
    # ``where`` is only part of the cache key: opening once per process and per location
    # keeps one graph in memory (or one driver) for every session.
    return open_ready_store(backend)


def get_store() -> GraphStore:
    """The store of the current settings, opened (and filled when empty) once per process."""
    return _open_store(*_store_identity())


def graph_or_stop(lang: str) -> GraphVersion:
    """The store's data as of now, the key of every cached read of a page (see ui.cache):
    or an explanation on the page and a stop when the store cannot be opened or reached.

    One cheap ``version()`` read per rerun: a load from the command line, or an import on
    the Data page, shows up at the next rerun instead of after a restart.
    """
    store = store_or_stop(lang)
    try:
        return GraphVersion.of(store)
    except StoreUnavailable as exc:  # the server went away after the store was opened
        _explain_unavailable(exc, lang)


def node_cap() -> int:
    """The ``JEJARING_NODE_CAP`` setting: the most nodes a page sends to the browser (at
    least 2; an unreadable value gives the registry's default)."""
    try:
        return max(int(settings.get("JEJARING_NODE_CAP")), 2)
    except ValueError:
        return int(settings.SETTINGS["JEJARING_NODE_CAP"].default)


def table_rows() -> int:
    """The ``JEJARING_TABLE_ROWS`` setting: the most rows a table sends to the browser."""
    try:
        return max(int(settings.get("JEJARING_TABLE_ROWS")), 1)
    except ValueError:
        return int(settings.SETTINGS["JEJARING_TABLE_ROWS"].default)


def store_or_stop(lang: str) -> GraphStore:
    """The store, or an explanation on the page and a stop when it cannot be opened.

    A curated dataset that fails its checks is shown as a message rather than a traceback;
    the store is not cached then, so the next rerun tries again once the data is fixed.
    """
    try:
        return get_store()
    except DatasetError as exc:
        st.error(t("error.dataset", lang, n=len(exc.problems)))
        with st.expander(t("error.dataset_details", lang)):
            st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)
    except StoreUnavailable as exc:
        _explain_unavailable(exc, lang)
    except (OSError, ValueError) as exc:
        st.error(t("error.store", lang, error=exc))
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises; this keeps type checkers honest


def _explain_unavailable(exc: StoreUnavailable, lang: str) -> NoReturn:
    """Say that Neo4j cannot be reached, offer the embedded store, and stop the page.

    Used when the store cannot be opened and when a server that was there stops answering;
    the driver reconnects by itself, so a rerun after the server is back works again. The
    message names the URI and the user, never the password.
    """
    st.error(t("error.neo4j", lang, error=exc))
    st.button(t("error.use_memory", lang), key="use_memory", on_click=_use_memory)
    st.stop()
    raise AssertionError("unreachable")


def _use_memory() -> None:
    st.session_state[BACKEND_OVERRIDE] = "memory"


def sources_dir() -> str:
    """Folder of the source documents that evidence locators resolve against."""
    return settings.get("JEJARING_SOURCES")


def language_switch() -> str:
    """Draw the language switch in the sidebar and return the chosen language.

    The radio keeps its value in ``st.session_state["lang"]`` (key ``"lang"``) so every
    page, and every test, reads and sets the language the same way.
    """
    if st.session_state.get("lang") not in LANGUAGES:
        st.session_state["lang"] = default_lang()
    choice = st.sidebar.radio(
        f"{t('lang.switch', 'id')} / {t('lang.switch', 'en')}",
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
        horizontal=True,
        on_change=keep_choices,
    )
    return normalise_lang(choice)


def _plain(value: object) -> bool:
    """A value a choice widget holds: text or a number (not a flag), or a list of them."""
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def keep_choices() -> None:
    """Keep every choice of the page across a language switch.

    A picker shows its options through the language's names, and the browser sends back
    the name it shows: after a switch no option bears that name any more, so the picker
    would fall back to its default, and a page that writes its view into the address (the
    Network page) would then lose its address. Setting each choice again from the session
    makes the widgets take it whatever the language.
    """
    for key, value in list(st.session_state.items()):
        if key != "lang" and _plain(value):
            st.session_state[key] = value


def remember_network_view(view: ViewFilters) -> None:
    """Keep the view the Network page shows, for the Data page's exports and posters."""
    st.session_state[NETWORK_VIEW] = view


def network_view() -> ViewFilters | None:
    """The view the Network page last showed in this session, or None before it was opened."""
    view = st.session_state.get(NETWORK_VIEW)
    return view if isinstance(view, ViewFilters) else None
