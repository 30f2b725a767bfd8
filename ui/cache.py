"""The app's one cache: what a page computes from the graph, kept per version of the data.

A page asks for the store's data once per rerun (:meth:`GraphVersion.of`, one cheap
``store.version()`` read) and hands that :class:`GraphVersion` to its cached functions,
which are decorated with :func:`cached`. Their cache key is the store, its version and the
call's own arguments, so any write (an import on the Data page, ``cli.py load``, another
app on the same workspace or database) changes the key, and the next rerun computes from
the new data without anyone clearing a cache.

The cached functions live in modules imported once per process (``ui/content/``), so each is
defined, and its cache keyed, once; the page scripts only call them. This module is the only
place that touches Streamlit's caches: domain code (``queries/``, ``drawing/``) caches
nothing, so the CLI, the tests and the app get the same answers.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, overload

import altair as alt
import networkx as nx
import streamlit as st

# What st.altair_chart does on every call (Streamlit is pinned in requirements.txt): a cached
# function returns its result, so a rerun sends the chart without rebuilding and validating it.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from graph.store import GraphStore

__all__ = ["GraphVersion", "cached", "clear_all", "vega_lite_spec"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, eq=False)
class GraphVersion:
    """What one store holds at one version: the key of every cached read of it.

    ``key`` names the store (this opened store object) and its ``version()``; it is what
    the caches hash, so handing a ``GraphVersion`` to a cached function is cheap however
    big the graph is. ``graph`` is the whole graph as NetworkX, read once per version and
    shared by every session (frozen: nothing may change it); pages that ask the store
    narrower questions never read it.
    """

    store: GraphStore
    key: str

    @classmethod
    def of(cls, store: GraphStore) -> GraphVersion:
        """The store's data now: one ``version()`` read (a file ``stat`` on the embedded
        store, one small query on Neo4j). Raises what the store raises when unreachable."""
        return cls(store, f"{type(store).__name__}:{id(store):x}:{store.version()}")

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The store's whole graph at this version, for reading only."""
        return _whole_graph(self)


def _version_key(version: GraphVersion) -> str:
    return version.key


# Streamlit hashes every argument of a cached call; a GraphVersion counts by its key alone.
_HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {GraphVersion: _version_key}


@overload
def cached(func: F, /) -> F: ...


@overload
def cached(*, max_entries: int | None = None, shared: bool = False) -> Callable[[F], F]: ...


def cached(
    func: F | None = None, /, *, max_entries: int | None = None, shared: bool = False
) -> F | Callable[[F], F]:
    """Cache a function's results for every session of the process, by its arguments.

    Hand the function a :class:`GraphVersion` (not a store or a graph) when it reads the
    data: the result is then kept per store and version. Every other argument is part of
    the key as it is (strings, numbers, tuples, dicts), so no argument may be left out of
    it: a parameter named with a leading underscore is refused.

    ``shared=True`` keeps one object for every caller without copying it (graphs,
    projections, indexes: big, and read only, so freeze them); otherwise each caller gets
    its own copy of the result (tables, texts), which it may change. ``max_entries`` bounds
    how many results are kept (the oldest go first).
    """

    def decorate(function: F) -> F:
        hidden = [name for name in inspect.signature(function).parameters if name.startswith("_")]
        if hidden:
            raise TypeError(
                f"{function.__qualname__}: every argument of a cached function is part of "
                f"its key; rename {', '.join(hidden)}"
            )
        store = st.cache_resource if shared else st.cache_data
        return store(  # type: ignore[return-value]
            function, show_spinner=False, max_entries=max_entries, hash_funcs=_HASH_FUNCS
        )

    return decorate if func is None else decorate(func)


@cached(shared=True, max_entries=4)
def _whole_graph(version: GraphVersion) -> nx.MultiDiGraph:
    # The costly read of a rerun (every node and relationship from Neo4j; the embedded store
    # shares its published graph as a frozen view): once per version, for every session.
    return version.store.frozen_graph()


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """An Altair chart as the Vega-Lite specification ``st.vega_lite_chart`` draws, its data
    already in Arrow: what a cached function returns in place of the chart, because building
    and validating an Altair chart costs more than anything else on a warm rerun."""
    return _convert_altair_to_vega_lite_spec(chart)


def clear_all() -> None:
    """Forget every cached result and every opened store (the Settings page's backend
    switch): the next run opens the chosen store and computes everything again."""
    st.cache_resource.clear()
    st.cache_data.clear()
