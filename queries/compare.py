"""Comparison tables: the places of a printed table side by side, as the source prints them.

Pure functions over the full NetworkX view (``store.to_networkx()``). A printed table is
the set of observations whose ``table`` property names it (``"Tabel 1"``: the kabupaten/
kota of Banten; ``"Tabel 2"``: the 17 villages of Kecamatan Cikeusal); each observation
carries its printed ``row`` and ``column``, its ``value_text`` as printed and its parsed
``value``. A row marked ``printed_total`` is the table's own "Jumlah" row.

Why the printed total is kept apart: in Tabel 2 the printed Jumlah does not equal the sum
of the village rows (the baduta column sums to 1673, the Jumlah row prints 1.685). The
app shows both and the difference, and never replaces one with the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

__all__ = [
    "TABLE_COLUMNS",
    "TOTALS_COLUMNS",
    "RANKING_COLUMNS",
    "table_observations",
    "wide_table",
    "printed_vs_computed",
    "column_ranking",
    "rank_in_column",
    "prevalence_ranking",
]

TABLE_COLUMNS = [
    "observation",
    "table",
    "row",
    "column",
    "place",
    "place_name",
    "place_name_en",
    "value",
    "value_text",
    "unit",
    "year",
    "instrument",
    "source",
    "printed_total",
    "ambiguity",
    "row_order",
    "column_order",
    "evidence",
]
TOTALS_COLUMNS = ["column", "printed", "printed_text", "computed", "difference", "rows"]
RANKING_COLUMNS = [
    "observation",
    "place",
    "place_name",
    "place_name_en",
    "place_level",
    "year",
    "value",
    "value_text",
    "instrument",
    "ambiguity",
    "rank",
    "of",
]


def _paragraph(locators: Iterable[Mapping[str, Any]] | None, index: int) -> float:
    """The paragraph of the ``index``-th locator, or infinity: print order when known."""
    locators = list(locators or [])
    if len(locators) > index and locators[index].get("paragraph") is not None:
        return float(locators[index]["paragraph"])
    return float("inf")


def _place_of(G: nx.MultiDiGraph, obs_key: str) -> Mapping[str, Any]:
    places = sorted(v for _, v, k in G.out_edges(obs_key, keys=True) if k == "OBSERVED_IN")
    return G.nodes[places[0]] if places else {}


def _table_row(G: nx.MultiDiGraph, key: str, order: int) -> dict[str, Any]:
    obs = G.nodes[key]
    place = _place_of(G, key)
    evidence = list(obs.get("evidence") or [])
    return {
        "observation": obs.get("id"),
        "table": obs.get("table"),
        "row": obs.get("row"),
        "column": obs.get("column"),
        "place": place.get("id"),
        "place_name": place.get("name"),
        "place_name_en": place.get("name_en") or place.get("name"),
        "value": obs.get("value"),
        "value_text": obs.get("value_text"),
        "unit": obs.get("unit"),
        "year": obs.get("year"),
        "instrument": obs.get("instrument"),
        "source": obs.get("source"),
        "printed_total": bool(obs.get("printed_total", False)),
        "ambiguity": obs.get("ambiguity"),
        # The curators cite the row's paragraph first and the header cell's second, so
        # paragraph numbers give the order in which the source prints rows and columns.
        "row_order": (_paragraph(evidence, 0), order),
        "column_order": (_paragraph(evidence, 1), order),
        "evidence": evidence,
    }


def table_observations(G: nx.MultiDiGraph, table: str) -> pd.DataFrame:
    """Every observation printed in ``table``, one row per cell, in print order.

    Columns: see ``TABLE_COLUMNS``. ``place`` is the place the cell is ``OBSERVED_IN``
    (the printed total row of Tabel 2 is recorded against the kecamatan). An unknown table
    gives an empty frame.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Place:a", label="Place", id="a", name="A")
    >>> for oid, row, value in [("x", "A", 3), ("t", "Jumlah", 4)]:
    ...     G.add_node(f"Observation:{oid}", label="Observation", id=oid, table="T", row=row,
    ...                column="c", value=value, value_text=str(value),
    ...                printed_total=row == "Jumlah")
    >>> _ = G.add_edge("Observation:x", "Place:a", key="OBSERVED_IN")
    >>> table_observations(G, "T")[["row", "place", "value", "printed_total"]]
          row place  value  printed_total
    0       A     a      3          False
    1  Jumlah  None      4           True
    """
    keys = [
        k
        for k, d in G.nodes(data=True)
        if d.get("label") == "Observation" and d.get("table") == table
    ]
    rows = [_table_row(G, k, i) for i, k in enumerate(keys)]
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    if frame.empty:
        return frame
    # Total rows last, then as printed; ties keep the graph's order.
    frame = frame.assign(_total=frame["printed_total"], _order=frame["row_order"])
    frame = frame.sort_values(["_total", "_order"], kind="stable", ignore_index=True)
    return frame.drop(columns=["_total", "_order"]).astype({"printed_total": bool})


def _ordered(frame: pd.DataFrame, field: str, order: str) -> list[str]:
    """Distinct values of ``field`` by the smallest print order they appear with."""
    first = frame.groupby(field, sort=False)[order].min()
    return list(first.sort_values(kind="stable").index)


def wide_table(tidy: pd.DataFrame, *, values: str = "value_text") -> pd.DataFrame:
    """The table as printed: one row per printed row, one column per printed column.

    ``values`` is ``value_text`` (the text as printed, the default) or ``value``. Rows
    and columns keep print order; the printed total row, if any, comes last.

    >>> tidy = pd.DataFrame({"row": ["A", "A", "B"], "column": ["x", "y", "x"],
    ...     "value_text": ["1", "2", "3"], "row_order": [1, 1, 2], "column_order": [1, 2, 1],
    ...     "printed_total": [False, False, False]})
    >>> wide_table(tidy).to_dict("index")
    {'A': {'x': '1', 'y': '2'}, 'B': {'x': '3', 'y': None}}
    """
    if tidy.empty:
        return pd.DataFrame()
    rows = _ordered(tidy[~tidy["printed_total"]], "row", "row_order")
    rows += _ordered(tidy[tidy["printed_total"]], "row", "row_order")
    columns = _ordered(tidy, "column", "column_order")
    wide = tidy.pivot_table(index="row", columns="column", values=values, aggfunc="first")
    wide = wide.reindex(index=rows, columns=columns).astype(object)
    wide = wide.where(wide.notna(), None)
    wide.columns.name = None
    return wide


def printed_vs_computed(tidy: pd.DataFrame) -> pd.DataFrame:
    """Per column: the printed total, the sum of the other rows, and the difference.

    ``difference`` is printed minus computed (None when the table prints no total for the
    column); ``rows`` is how many rows were summed.

    >>> tidy = pd.DataFrame({"column": ["c", "c", "c"], "value": [1, 2, 4],
    ...     "value_text": ["1", "2", "4"], "printed_total": [False, False, True],
    ...     "column_order": [1, 1, 1]})
    >>> printed_vs_computed(tidy).to_dict("records")
    [{'column': 'c', 'printed': 4.0, 'printed_text': '4', 'computed': 3.0, 'difference': 1.0, 'rows': 2}]
    """
    out = []
    for column in _ordered(tidy, "column", "column_order") if not tidy.empty else []:
        part = tidy[tidy["column"] == column]
        body = part[~part["printed_total"]]
        total = part[part["printed_total"]]
        computed = float(pd.to_numeric(body["value"], errors="coerce").sum())
        printed = float(total["value"].iloc[0]) if not total.empty else None
        out.append(
            {
                "column": column,
                "printed": printed,
                "printed_text": total["value_text"].iloc[0] if not total.empty else None,
                "computed": computed,
                "difference": None if printed is None else printed - computed,
                "rows": len(body),
            }
        )
    return pd.DataFrame(out, columns=TOTALS_COLUMNS)


def column_ranking(tidy: pd.DataFrame, column: str, *, ascending: bool = False) -> pd.DataFrame:
    """The rows of one column (printed totals left out) with ``rank`` and ``of``.

    Rank 1 is the largest value (``ascending=True``: the smallest); ties share the best
    rank. Sorted by rank, then as printed.
    """
    part = tidy[(tidy["column"] == column) & ~tidy["printed_total"]].copy()
    values = pd.to_numeric(part["value"], errors="coerce")
    part["rank"] = values.rank(method="min", ascending=ascending).astype("Int64")
    part["of"] = int(values.notna().sum())
    return part.sort_values(["rank", "row_order"], kind="stable", ignore_index=True)


def rank_in_column(
    tidy: pd.DataFrame, column: str, place: str, *, ascending: bool = False
) -> tuple[int, int] | None:
    """``(rank, of)`` of a place (its id or its printed row) in one column, or None.

    >>> tidy = pd.DataFrame({"column": ["c"] * 3, "row": ["A", "B", "C"], "place": ["a", "b", "c"],
    ...     "value": [5, 9, 1], "printed_total": [False] * 3, "row_order": [1, 2, 3]})
    >>> rank_in_column(tidy, "c", "a")
    (2, 3)
    """
    ranked = column_ranking(tidy, column, ascending=ascending)
    hit = ranked[(ranked["place"] == place) | (ranked["row"] == place)]
    if hit.empty or pd.isna(hit["rank"].iloc[0]):
        return None
    return int(hit["rank"].iloc[0]), int(hit["of"].iloc[0])


def _children(G: nx.MultiDiGraph, parent_id: str) -> set[str]:
    parent = f"Place:{parent_id}"
    return (
        {u for u, _, k in G.in_edges(parent, keys=True) if k == "PART_OF"} if parent in G else set()
    )


def prevalence_ranking(
    G: nx.MultiDiGraph,
    year: int,
    *,
    parent: str = "prov_banten",
    indicator: str = "stunting_prevalence",
) -> pd.DataFrame:
    """The places directly ``PART_OF`` ``parent`` ranked by an indicator in one year.

    Rank 1 is the highest prevalence. Every observation is kept: when the source prints a
    place twice with different figures (Kota Tangerang in both Banten rankings), both rows
    appear, each with its ``ambiguity`` note, and both are ranked. Columns:
    ``RANKING_COLUMNS``.
    """
    places = _children(G, parent)
    rows = []
    for obs_key, _, rel in (
        G.in_edges(f"Indicator:{indicator}", keys=True) if (f"Indicator:{indicator}" in G) else []
    ):
        obs = G.nodes[obs_key]
        if rel != "OBSERVED_FOR" or obs.get("year") != year or obs.get("target"):
            continue
        where = [v for _, v, k in G.out_edges(obs_key, keys=True) if k == "OBSERVED_IN"]
        if not where or where[0] not in places:
            continue
        place = G.nodes[where[0]]
        rows.append(
            {
                "observation": obs.get("id"),
                "place": place.get("id"),
                "place_name": place.get("name"),
                "place_name_en": place.get("name_en") or place.get("name"),
                "place_level": place.get("place_level"),
                "year": year,
                "value": obs.get("value"),
                "value_text": obs.get("value_text"),
                "instrument": obs.get("instrument"),
                "ambiguity": obs.get("ambiguity"),
            }
        )
    frame = pd.DataFrame(rows, columns=RANKING_COLUMNS[:-2])
    values = pd.to_numeric(frame["value"], errors="coerce")
    frame["rank"] = values.rank(method="min", ascending=False).astype("Int64")
    frame["of"] = len(frame)
    return frame.sort_values(["rank", "observation"], ignore_index=True)
