"""What the overview page shows: counts of the graph and indicator time series.

Pure functions over a :class:`graph.store.GraphStore`; they return pandas DataFrames and
never import Streamlit, so the page stays thin and the numbers can be tested directly.

Survey prevalence (SSGI, SKI) and village weighing records (e-PPGBM) measure different
things, so a series is always one place *and* one instrument: values measured by two
instruments never share a line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

import pandas as pd

from graph.store import GraphStore

__all__ = [
    "NATIONAL_TARGET_2024",
    "SERIES_COLUMNS",
    "key_counts",
    "indicators_with_observations",
    "default_indicator",
    "indicator_series",
    "focus_place",
    "place_chain",
    "default_places",
    "target_lines",
    "instrument_kind",
    "display_name",
]

# The national stunting target of Perpres 72/2021 (RPJMN 2020-2024). Used only when the store
# holds no target observation for the prevalence indicator, so the line is always drawn.
NATIONAL_TARGET_2024: dict[str, Any] = {
    "value": 14.0,
    "year": 2024,
    "unit": "percent",
    "source": "Perpres 72/2021; RPJMN 2020-2024",
    "instrument": "target",
}

SERIES_COLUMNS = [
    "observation",
    "place",
    "place_name",
    "place_name_en",
    "place_level",
    "indicator",
    "period",
    "period_start",
    "year",
    "value",
    "value_text",
    "unit",
    "instrument",
    "instrument_kind",
    "source",
    "target",
]

# Instruments named in Indonesian sources, by what they measure. Survey figures come from a
# sample; e-PPGBM figures are the weighing records of every child at the posyandu.
_SURVEYS = ("ssgi", "ssgbi", "ski", "riskesdas", "susenas")
_RECORDS = ("e-ppgbm", "eppgbm", "e-ppbgm", "ppgbm")
_CENSUSES = ("pk21", "pk22", "pk23", "verval")


def display_name(node: dict[str, Any], lang: str = "id") -> str:
    """The node's name in ``lang``: ``name_en`` in English when it has one, else ``name``.

    >>> display_name({"id": "x", "name": "Desa Mongpok", "name_en": "Mongpok village"}, "en")
    'Mongpok village'
    >>> display_name({"id": "x"}, "id")
    'x'
    """
    if lang == "en" and node.get("name_en"):
        return str(node["name_en"])
    return str(node.get("name") or node.get("id") or "")


def picker_name(node: dict[str, Any], lang: str = "id") -> str:
    """The name a picker shows and searches: in English the English name followed by the
    Indonesian one when they differ, so typing either finds the node.

    >>> picker_name({"name": "Kepala Desa Mongpok", "name_en": "Mongpok village head"}, "en")
    'Mongpok village head · Kepala Desa Mongpok'
    >>> picker_name({"name": "Kepala Desa Mongpok", "name_en": "Mongpok village head"}, "id")
    'Kepala Desa Mongpok'
    """
    shown = display_name(node, lang)
    recorded = str(node.get("name") or "")
    return f"{shown} · {recorded}" if lang == "en" and recorded and recorded != shown else shown


def instrument_kind(instrument: str | None) -> str:
    """``survey``, ``records``, ``census``, ``target`` or ``other`` for an instrument name.

    >>> instrument_kind("SSGI 2022"), instrument_kind("e-PPGBM"), instrument_kind("PK21")
    ('survey', 'records', 'census')
    """
    text = (instrument or "").casefold()
    words = re.split(r"[^a-z0-9\-]+", text)
    if text == "target":
        return "target"
    if any(w in _RECORDS for w in words) or any(r in text for r in _RECORDS):
        return "records"
    if any(w in _SURVEYS for w in words):
        return "survey"
    if any(w.startswith(_CENSUSES) for w in words):
        return "census"
    return "other"


def key_counts(store: GraphStore) -> pd.DataFrame:
    """Nodes per label and relationships per type, as rows ``kind, name, count``.

    >>> from graph.memory_store import MemoryStore
    >>> s = MemoryStore(None)
    >>> _ = s.upsert_nodes([{"label": "Actor", "id": "a", "name": "A"}])
    >>> key_counts(s).to_dict("records")
    [{'kind': 'node', 'name': 'Actor', 'count': 1}]
    """
    counts = store.counts()
    rows = [{"kind": "node", "name": k, "count": int(n)} for k, n in counts["nodes"].items()]
    rows += [
        {"kind": "relationship", "name": k, "count": int(n)}
        for k, n in counts["relationships"].items()
    ]
    return pd.DataFrame(rows, columns=["kind", "name", "count"])


def indicators_with_observations(store: GraphStore) -> pd.DataFrame:
    """Indicators that have at least one observation, most observed first.

    Columns: ``indicator, name, name_en, unit, observations``.
    """
    sub = store.subgraph(labels={"Observation", "Indicator"}, rel_types={"OBSERVED_FOR"})
    rows = []
    for key, data in sub.nodes(data=True):
        if data.get("label") != "Indicator":
            continue
        n_obs = sub.in_degree(key)
        if n_obs:
            rows.append(
                {
                    "indicator": data.get("id"),
                    "name": data.get("name"),
                    "name_en": data.get("name_en"),
                    "unit": data.get("unit"),
                    "observations": int(n_obs),
                }
            )
    frame = pd.DataFrame(rows, columns=["indicator", "name", "name_en", "unit", "observations"])
    return frame.sort_values(
        ["observations", "indicator"], ascending=[False, True], ignore_index=True
    )


def _is_stunting_prevalence(indicator_id: str, name: str = "") -> bool:
    text = f"{indicator_id} {name}".casefold()
    return "stunting" in text and "preval" in text and "projection" not in text


def default_indicator(indicators: pd.DataFrame) -> str | None:
    """The stunting-prevalence indicator when it has observations, else the most observed one.

    >>> default_indicator(pd.DataFrame({"indicator": ["krs", "stunting_prevalence"],
    ...                                 "name": ["KRS", "Prevalensi stunting"]}))
    'stunting_prevalence'
    """
    if indicators.empty:
        return None
    for row in indicators.itertuples():
        if _is_stunting_prevalence(str(row.indicator), str(row.name or "")):
            return str(row.indicator)
    return str(indicators.iloc[0]["indicator"])


def _period(obs: dict[str, Any]) -> tuple[str, pd.Timestamp | None, int | None]:
    """The observation's period as printed (date or year), its start, and its year."""
    date, year = obs.get("date"), obs.get("year")
    if date:
        text = str(date)
        start = pd.to_datetime(text, errors="coerce")
        start = None if pd.isna(start) else start
        return text, start, (start.year if start is not None else year)
    if year is not None:
        return str(year), pd.Timestamp(year=int(year), month=1, day=1), int(year)
    return "", None, None


def indicator_series(
    store: GraphStore, indicator_id: str, place_ids: Collection[str] | None = None
) -> pd.DataFrame:
    """Every observation of one indicator with its place, period, instrument and source.

    Follows ``OBSERVED_FOR`` (observation -> indicator) and ``OBSERVED_IN`` (observation ->
    place). Values come out exactly as the store holds them. ``place_ids`` keeps only those
    places (targets are kept whatever their place, so the target line never disappears).
    Sorted by place, instrument and period.

    >>> from graph.memory_store import MemoryStore
    >>> s = MemoryStore(None)
    >>> _ = s.upsert_nodes([
    ...     {"label": "Indicator", "id": "stunting_prevalence", "name": "Prevalensi stunting",
    ...      "unit": "percent"},
    ...     {"label": "Place", "id": "desa_mongpok", "name": "Desa Mongpok", "place_level": "desa"},
    ...     {"label": "Observation", "id": "o1", "name": "2022", "value": 17.1, "unit": "percent",
    ...      "year": 2022, "instrument": "e-PPGBM", "source": "Kecamatan Cikeusal"}])
    >>> _ = s.upsert_relationships([
    ...     {"type": "OBSERVED_FOR", "start": "Observation:o1", "end": "Indicator:stunting_prevalence"},
    ...     {"type": "OBSERVED_IN", "start": "Observation:o1", "end": "Place:desa_mongpok"}])
    >>> indicator_series(s, "stunting_prevalence")[["place_name", "period", "value", "instrument"]]
         place_name period  value instrument
    0  Desa Mongpok   2022   17.1    e-PPGBM
    """
    sub = store.subgraph(
        labels={"Observation", "Indicator", "Place"}, rel_types={"OBSERVED_FOR", "OBSERVED_IN"}
    )
    target_key = f"Indicator:{indicator_id}"
    rows = []
    if target_key in sub:
        for obs_key, _, rel in sub.in_edges(target_key, keys=True):
            if rel == "OBSERVED_FOR":
                rows.append(_series_row(sub, obs_key, indicator_id))
    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    if place_ids is not None:
        frame = frame[frame["place"].isin(list(place_ids)) | frame["target"]]
    frame = frame.astype({"target": bool})
    return frame.sort_values(
        ["place_name", "instrument", "period_start", "period"],
        ignore_index=True,
        na_position="last",
    )


def _series_row(sub: Any, obs_key: str, indicator_id: str) -> dict[str, Any]:
    obs = sub.nodes[obs_key]
    places = [v for _, v, k in sub.out_edges(obs_key, keys=True) if k == "OBSERVED_IN"]
    place = sub.nodes[places[0]] if places else {}
    period, start, year = _period(obs)
    return {
        "observation": obs.get("id"),
        "place": place.get("id", ""),
        "place_name": place.get("name", ""),
        "place_name_en": place.get("name_en") or place.get("name", ""),
        "place_level": place.get("place_level", ""),
        "indicator": indicator_id,
        "period": period,
        "period_start": start,
        "year": year,
        "value": obs.get("value"),
        "value_text": obs.get("value_text"),
        "unit": obs.get("unit"),
        "instrument": obs.get("instrument"),
        "instrument_kind": "target"
        if obs.get("target")
        else instrument_kind(obs.get("instrument")),
        "source": obs.get("source"),
        "target": bool(obs.get("target", False)),
    }


def focus_place(series: pd.DataFrame) -> str | None:
    """The village the series is about: the desa with the most measured values, if any.

    >>> focus_place(pd.DataFrame({"place": ["kab", "desa_a", "desa_a"],
    ...     "place_level": ["kabupaten", "desa", "desa"], "target": [False] * 3}))
    'desa_a'
    """
    measured = series[~series["target"].astype(bool) & (series["place_level"] == "desa")]
    if measured.empty:
        return None
    counts = measured.groupby("place").size()
    return str(counts.sort_values(ascending=False, kind="stable").index[0])


def place_chain(store: GraphStore, place_id: str) -> list[str]:
    """The place and every place it is part of (``PART_OF``), nearest first.

    >>> from graph.memory_store import MemoryStore
    >>> s = MemoryStore(None)
    >>> _ = s.upsert_nodes([{"label": "Place", "id": i, "name": i} for i in ("desa", "kab", "id")])
    >>> _ = s.upsert_relationships([{"type": "PART_OF", "start": "Place:desa", "end": "Place:kab"},
    ...                             {"type": "PART_OF", "start": "Place:kab", "end": "Place:id"}])
    >>> place_chain(s, "desa")
    ['desa', 'kab', 'id']
    """
    chain = [place_id]
    while True:
        parents = [
            nb.node["id"]
            for nb in store.neighbours("Place", chain[-1], rel_types={"PART_OF"}, direction="out")
            if nb.node.get("label") == "Place"
        ]
        if not parents or parents[0] in chain:  # a cycle in bad data must not loop forever
            return chain
        chain.append(str(parents[0]))


def default_places(series: pd.DataFrame, chain: Sequence[str] = ()) -> list[str]:
    """The places drawn before the user chooses: the village and the places it belongs to
    (``chain``, e.g. Desa Mongpok, Kabupaten Serang, Banten, Indonesia) that have values;
    without a chain, the places measured in two periods or more; else every place.

    Single-year comparisons (the study's tables of kabupaten/kota) stay in the table.

    >>> s = pd.DataFrame({"place": ["a", "a", "b", "c"], "period": ["2020", "2021", "2021", "2021"],
    ...                   "target": [False] * 4})
    >>> default_places(s), default_places(s, ["c", "x"])
    (['a'], ['c'])
    """
    measured = series[~series["target"].astype(bool)]
    present = set(measured["place"])
    from_chain = [p for p in chain if p in present]
    if from_chain:
        return from_chain
    periods = measured.groupby("place")["period"].nunique()
    chosen = sorted(periods[periods >= 2].index)
    return chosen or sorted(present)


def target_lines(
    series: pd.DataFrame,
    indicator_id: str,
    indicator_name: str = "",
    places: Collection[str] | None = None,
) -> pd.DataFrame:
    """The target values to draw as horizontal rules, for ``places`` (None: every place).

    The store's target observations when it has any; for stunting prevalence when the
    store holds no target at all, the national 14 % target of 2024
    (:data:`NATIONAL_TARGET_2024`), so the reference line is always there.

    >>> empty = pd.DataFrame(columns=["target", "place", "value", "period", "source",
    ...                               "place_name", "place_name_en"])
    >>> target_lines(empty, "stunting_prevalence")["value"].tolist()
    [14.0]
    """
    columns = ["place", "value", "period", "source", "place_name", "place_name_en"]
    targets = series[series["target"].astype(bool)]
    if not targets.empty or not _is_stunting_prevalence(indicator_id, indicator_name):
        if places is not None:
            targets = targets[targets["place"].isin(list(places))]
        return targets[columns].reset_index(drop=True)
    fallback = NATIONAL_TARGET_2024
    row = {
        "place": "",
        "value": fallback["value"],
        "period": str(fallback["year"]),
        "source": fallback["source"],
        "place_name": "Indonesia",
        "place_name_en": "Indonesia",
    }
    return pd.DataFrame([row], columns=columns)
