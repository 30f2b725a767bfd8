"""Every file format of Jejaring in one place: one module per format, its reader beside its
writer, so that every round trip lives in one module.

============  ===========================  ======================  =====================
format        module                       reader                  writer
============  ===========================  ======================  =====================
``csv``       :mod:`~.tabular`             ``read_csv``            ``write_zip`` (zip of
``zip``       :mod:`~.tabular`             ``read_zip``            nodes.csv, edges.csv)
``xlsx``      :mod:`~.tabular`             ``read_xlsx``           (the templates:
                                                                   ``loaders.templates``)
``graphml``   :mod:`~.graphml`             ``read_graphml``        ``write_graphml``
``gexf``      :mod:`~.gexf`                ``read_gexf``           ``write_gexf``
``json``      :mod:`~.nodelink`            ``read_json``           ``write_json``
``cypher``    :mod:`~.cypher`              (not supported)         ``write_cypher``
============  ===========================  ======================  =====================

Shared parts: :mod:`~.columns` (the template's columns and their other names),
:mod:`~.notation` (Indonesian numbers, dates, JSON cells), :mod:`~.text` (encodings),
:mod:`~.values` (typed attributes of GraphML, GEXF and JSON), :mod:`~.xmlsafe` (XML parsed
without DTDs or entities, with caps).

A reader takes ``(data, file, lim)``: the bytes of a file that ``loaders.safety.inspect``
has accepted, its name, and the import's :class:`~loaders.limits.Limits`; it returns a
:class:`~loaders.import_records.Parsed` (rows and located problems) and never raises on bad
content. :func:`read` and :func:`write` pick the module by format name; ``loaders.pipeline``
reads with the first and ``exports.formats`` writes with the second.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from loaders.formats import cypher, gexf, graphml, nodelink, tabular
from loaders.import_records import Parsed
from loaders.limits import Limits

__all__ = ["READERS", "EXPORT_FORMATS", "STYLED_FORMATS", "read", "write"]

Reader = Callable[[bytes, str, Limits | None], Parsed]

READERS: dict[str, Reader] = {
    "csv": tabular.read_csv,
    "xlsx": tabular.read_xlsx,
    "zip": tabular.read_zip,
    "graphml": graphml.read_graphml,
    "gexf": gexf.read_gexf,
    "json": nodelink.read_json,
}
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "cypher")
STYLED_FORMATS = ("graphml", "gexf")  # the formats that carry a drawing's colours and positions


def read(fmt: str, data: bytes, file: str, lim: Limits | None = None) -> Parsed:
    """Rows of one file in format ``fmt`` (one of :data:`READERS`)."""
    reader = READERS.get(fmt)
    if reader is None:
        raise ValueError(f"format is one of {', '.join(READERS)}, got {fmt!r}")
    return reader(data, file, lim)


def write(
    graph: nx.MultiDiGraph,
    fmt: str,
    *,
    style: Mapping[str, Mapping[str, Any]] | None = None,
    note: str = "",
) -> bytes:
    """``graph`` (a store's NetworkX view) as ``fmt``: ``graphml``, ``gexf``, ``json``,
    ``csv`` (a zip of nodes.csv and edges.csv) or ``cypher``. ``style`` (node key ->
    ``{"color", "x", "y", "size"}``) gives GraphML and GEXF a drawing; ``note`` goes into the
    header of a Cypher script."""
    if fmt == "graphml":
        return graphml.write_graphml(graph, style)
    if fmt == "gexf":
        return gexf.write_gexf(graph, style)
    if fmt == "json":
        return nodelink.write_json(graph)
    if fmt == "csv":
        return tabular.write_zip(graph)
    if fmt == "cypher":
        return cypher.write_cypher(graph, note)
    raise ValueError(f"format is one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
