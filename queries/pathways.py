"""Intervention -> outcome pathways: who runs an intervention, whom it reaches, what it is
said to change, and how that indicator moved.

A pathway is the chain ``actor(s) -> intervention -> target group(s) -> indicator(s)``
read from the full NetworkX view of the store (node keys ``"Label:id"``, edge keys are
relationship types). Every step keeps the evidence locators of the relationship behind
it, so the app can show the passage that supports each arrow.

What a pathway never does:

- It never upgrades a claim. The kind of a contribution (``reported_by_informants`` or
  ``measured``) is read only from the ``claim`` property of the ``CONTRIBUTES_TO``
  relationship; a relationship without one says ``not_stated``.
- It never invents a link. An intervention with no ``CONTRIBUTES_TO`` of its own and none
  through its programmes gets one ``no_link`` row. A contribution stated only for a
  programme the intervention is ``PART_OF`` is shown as ``via_programme``, with the
  programme chain in ``via``, never as the intervention's own.
- It never merges instruments. Observations form one series per place *and* instrument,
  so village weighing records (e-PPGBM) and surveys (SSGI) never share a line.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from queries.overview import instrument_kind

__all__ = [
    "ACTOR_ROLE_TYPES",
    "NO_LINK",
    "CLAIM_NOT_STATED",
    "PATHWAY_COLUMNS",
    "OBSERVATION_COLUMNS",
    "evidence_text",
    "intervention_pathways",
    "pathway",
    "indicator_observations",
]

# Relationship types by which an actor takes part in an intervention, in the order shown.
ACTOR_ROLE_TYPES = ("LEADS", "IMPLEMENTS", "COORDINATES", "FUNDS", "SUPPORTS")
NO_LINK = "no_link"
CLAIM_NOT_STATED = "not_stated"
_STEPS = {"actor": 1, "target_group": 2, "indicator": 3}

PATHWAY_COLUMNS = [
    "intervention",
    "intervention_name",
    "intervention_name_en",
    "intervention_kind",
    "step",
    "step_order",
    "relation",
    "node",
    "node_id",
    "name",
    "name_en",
    "link",
    "via",
    "claim",
    "evidence",
    "evidence_text",
    "via_evidence",
]

OBSERVATION_COLUMNS = [
    "observation",
    "indicator",
    "place",
    "place_name",
    "place_name_en",
    "place_level",
    "series",
    "period",
    "period_start",
    "value",
    "value_text",
    "unit",
    "instrument",
    "instrument_kind",
    "source",
    "target",
    "ambiguity",
    "conflict",
    "evidence",
]


def evidence_text(locators: Iterable[Mapping[str, Any]] | None) -> str:
    """Locators as short readable text: ``section ¶paragraph`` joined by ``; ``.

    >>> evidence_text([{"source": "s", "section": "Abstrak", "paragraph": 2}])
    'Abstrak ¶2'
    """
    return "; ".join(
        f"{loc.get('section', '')} ¶{loc.get('paragraph', '')}"
        for loc in locators or []
        if isinstance(loc, Mapping)
    )


def _label_of(G: nx.MultiDiGraph, key: str) -> str | None:
    return G.nodes[key].get("label")


def _check_intervention(G: nx.MultiDiGraph, intervention_id: str) -> str:
    key = f"Intervention:{intervention_id}"
    if key not in G or _label_of(G, key) != "Intervention":
        raise KeyError(f"no intervention {intervention_id!r} in the graph")
    return key


def _programme_chains(G: nx.MultiDiGraph, key: str) -> list[tuple[list[str], list[Any]]]:
    """Every programme the node is ``PART_OF``, directly or through parent programmes.

    Returns ``(chain, evidence)`` pairs: ``chain`` lists the programme keys from the
    nearest to this one; ``evidence`` collects the locators of each ``PART_OF`` on the way.
    Breadth first, so the nearest programmes come first; a cycle in bad data stops.
    """
    found: list[tuple[list[str], list[Any]]] = []
    frontier: list[tuple[str, list[str], list[Any]]] = [(key, [], [])]
    seen = {key}
    while frontier:
        node, chain, ev = frontier.pop(0)
        for _, parent, rel, data in sorted(G.out_edges(node, keys=True, data=True)):
            if rel != "PART_OF" or _label_of(G, parent) != "Program" or parent in seen:
                continue
            seen.add(parent)
            item = ([*chain, parent], [*ev, *(data.get("evidence") or [])])
            found.append(item)
            frontier.append((parent, *item))
    return found


def _base_row(G: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    node = G.nodes[key]
    return {
        "intervention": node.get("id"),
        "intervention_name": node.get("name"),
        "intervention_name_en": node.get("name_en"),
        "intervention_kind": node.get("intervention_kind"),
    }


def _step_row(
    G: nx.MultiDiGraph, base: Mapping[str, Any], step: str, other: str | None, **extra: Any
) -> dict[str, Any]:
    node = G.nodes[other] if other is not None else {}
    evidence = list(extra.pop("evidence", None) or [])
    row = {
        **base,
        "step": step,
        "step_order": _STEPS[step],
        "relation": None,
        "node": other,
        "node_id": node.get("id"),
        "name": node.get("name"),
        "name_en": node.get("name_en"),
        "link": "direct",
        "via": None,
        "claim": None,
        "evidence": evidence,
        "evidence_text": evidence_text(evidence),
        "via_evidence": [],
    }
    row.update(extra)
    return row


def _actor_rows(G: nx.MultiDiGraph, key: str, base: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = [
        _step_row(G, base, "actor", actor, relation=rel, evidence=data.get("evidence"))
        for actor, _, rel, data in G.in_edges(key, keys=True, data=True)
        if rel in ACTOR_ROLE_TYPES and _label_of(G, actor) == "Actor"
    ]
    rows.sort(key=lambda r: (ACTOR_ROLE_TYPES.index(r["relation"]), r["node"]))
    return rows or [_step_row(G, base, "actor", None, link=NO_LINK)]


def _target_rows(G: nx.MultiDiGraph, key: str, base: Mapping[str, Any]) -> list[dict[str, Any]]:
    # Only the intervention's own TARGETS: a programme's groups are not assumed to be
    # reached by every activity of the programme.
    rows = [
        _step_row(G, base, "target_group", group, relation=rel, evidence=data.get("evidence"))
        for _, group, rel, data in sorted(G.out_edges(key, keys=True, data=True))
        if rel == "TARGETS" and _label_of(G, group) == "TargetGroup"
    ]
    return rows or [_step_row(G, base, "target_group", None, link=NO_LINK)]


def _contributions(G: nx.MultiDiGraph, key: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (indicator, data)
        for _, indicator, rel, data in sorted(G.out_edges(key, keys=True, data=True))
        if rel == "CONTRIBUTES_TO" and _label_of(G, indicator) == "Indicator"
    ]


def _claim_of(data: Mapping[str, Any]) -> str:
    # The claim comes from the relationship and nowhere else; absent means not stated.
    return str(data.get("claim") or CLAIM_NOT_STATED)


def _indicator_rows(G: nx.MultiDiGraph, key: str, base: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = [
        _step_row(
            G,
            base,
            "indicator",
            ind,
            relation="CONTRIBUTES_TO",
            claim=_claim_of(data),
            evidence=data.get("evidence"),
        )
        for ind, data in _contributions(G, key)
    ]
    for chain, part_of_evidence in _programme_chains(G, key):
        for ind, data in _contributions(G, chain[-1]):
            rows.append(
                _step_row(
                    G,
                    base,
                    "indicator",
                    ind,
                    relation="CONTRIBUTES_TO",
                    claim=_claim_of(data),
                    evidence=data.get("evidence"),
                    link="via_programme",
                    via=" > ".join(G.nodes[p].get("id", p) for p in chain),
                    via_evidence=part_of_evidence,
                )
            )
    if not rows:
        rows = [_step_row(G, base, "indicator", None, link=NO_LINK, claim=NO_LINK)]
    return rows


def intervention_pathways(
    G: nx.MultiDiGraph, *, intervention_ids: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per step of each intervention's pathway, with its claim kind and evidence.

    Steps (``step``, ``step_order``): ``actor`` (an actor ``LEADS``, ``IMPLEMENTS``,
    ``COORDINATES``, ``FUNDS`` or ``SUPPORTS`` the intervention; ``relation`` says which),
    ``target_group`` (the intervention ``TARGETS`` it) and ``indicator`` (a
    ``CONTRIBUTES_TO``). ``link`` is ``direct``, ``via_programme`` (the contribution is
    stated for a programme the intervention is ``PART_OF``; ``via`` names the programme
    chain, nearest first, and ``via_evidence`` holds the ``PART_OF`` locators) or
    ``no_link`` (nothing in the graph links this step; ``node`` is None). ``claim`` is
    set on indicator steps only: the relationship's own ``claim``, ``not_stated`` when it
    has none, ``no_link`` when there is no contribution. ``evidence`` is the list of
    locators of the relationship; ``evidence_text`` the same as readable text.

    ``intervention_ids`` keeps only those interventions (an unknown id raises KeyError).
    Rows are sorted by intervention, step, then as each step orders them.

    Example: a cadre runs home visits for pregnant women; only the programme is said to
    lower stunting.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Actor:kader", label="Actor", id="kader", name="Kader")
    >>> G.add_node("Intervention:visit", label="Intervention", id="visit", name="Kunjungan")
    >>> G.add_node("TargetGroup:bumil", label="TargetGroup", id="bumil", name="Ibu hamil")
    >>> G.add_node("Program:kkb", label="Program", id="kkb", name="Kampung KB")
    >>> G.add_node("Indicator:stunting", label="Indicator", id="stunting", name="Stunting")
    >>> ev = [{"source": "s", "section": "Hasil", "paragraph": 3}]
    >>> for u, v, t, extra in [("Actor:kader", "Intervention:visit", "IMPLEMENTS", {}),
    ...         ("Intervention:visit", "TargetGroup:bumil", "TARGETS", {}),
    ...         ("Intervention:visit", "Program:kkb", "PART_OF", {}),
    ...         ("Program:kkb", "Indicator:stunting", "CONTRIBUTES_TO",
    ...          {"claim": "reported_by_informants"})]:
    ...     _ = G.add_edge(u, v, key=t, type=t, evidence=ev, **extra)
    >>> intervention_pathways(G)[["step", "node_id", "link", "via", "claim"]]
               step  node_id           link   via                   claim
    0         actor    kader         direct  None                    None
    1  target_group    bumil         direct  None                    None
    2     indicator stunting  via_programme   kkb  reported_by_informants
    """
    if intervention_ids is None:
        keys = sorted(n for n, d in G.nodes(data=True) if d.get("label") == "Intervention")
    else:
        keys = sorted(_check_intervention(G, i) for i in intervention_ids)
    rows: list[dict[str, Any]] = []
    for key in keys:
        base = _base_row(G, key)
        rows += _actor_rows(G, key, base) + _target_rows(G, key, base)
        rows += _indicator_rows(G, key, base)
    return pd.DataFrame(rows, columns=PATHWAY_COLUMNS)


# -- observations -----------------------------------------------------------------------------
def _period(obs: Mapping[str, Any]) -> tuple[str, pd.Timestamp | None]:
    """The period as the source gives it (date or year) and the day it starts."""
    if obs.get("date"):
        start = pd.to_datetime(str(obs["date"]), errors="coerce")
        return str(obs["date"]), None if pd.isna(start) else start
    if obs.get("year") is not None:
        return str(obs["year"]), pd.Timestamp(year=int(obs["year"]), month=1, day=1)
    return "", None


def _observation_row(G: nx.MultiDiGraph, obs_key: str, indicator_id: str) -> dict[str, Any]:
    obs = G.nodes[obs_key]
    places = sorted(v for _, v, k in G.out_edges(obs_key, keys=True) if k == "OBSERVED_IN")
    place = G.nodes[places[0]] if places else {}
    period, start = _period(obs)
    target = bool(obs.get("target", False))
    kind = "target" if target else instrument_kind(obs.get("instrument"))
    return {
        "observation": obs.get("id"),
        "indicator": indicator_id,
        "place": place.get("id"),
        "place_name": place.get("name"),
        "place_name_en": place.get("name_en") or place.get("name"),
        "place_level": place.get("place_level"),
        # One series per place and instrument: never two instruments on one line.
        "series": f"{place.get('id', '')} | {obs.get('instrument', '')}"
        + (" | target" if target else ""),
        "period": period,
        "period_start": start,
        "value": obs.get("value"),
        "value_text": obs.get("value_text"),
        "unit": obs.get("unit"),
        "instrument": obs.get("instrument"),
        "instrument_kind": kind,
        "source": obs.get("source"),
        "target": target,
        "ambiguity": obs.get("ambiguity"),
        "evidence": list(obs.get("evidence") or []),
    }


def _mark_conflicts(frame: pd.DataFrame) -> pd.Series:
    """True where one series holds two different values for the same period."""
    if frame.empty:
        return pd.Series([], dtype=bool)
    distinct = frame.groupby(["series", "period"])["value"].transform("nunique")
    return (distinct > 1).astype(bool)


def indicator_observations(
    G: nx.MultiDiGraph, indicator_id: str, place_id: str | None = None
) -> pd.DataFrame:
    """Every observation of an indicator (at one place, if given), as the graph holds it.

    Follows ``OBSERVED_FOR`` and ``OBSERVED_IN``. ``series`` is ``"place | instrument"``
    (``" | target"`` added for target values), so survey and administrative figures are
    never one series; ``instrument_kind`` says ``survey``, ``records``, ``census``,
    ``target`` or ``other``. Figures the source prints twice for the same period with
    different values are all kept and marked ``conflict``. Sorted by place, series and
    period. An unknown indicator gives an empty frame.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Indicator:s", label="Indicator", id="s", name="Stunting")
    >>> G.add_node("Place:d", label="Place", id="d", name="Desa D", place_level="desa")
    >>> for oid, year, value, instrument in [("a", 2021, 39.7, "e-PPGBM"),
    ...         ("b", 2020, 55, "e-PPGBM"), ("c", 2021, 27.2, "SSGI")]:
    ...     G.add_node(f"Observation:{oid}", label="Observation", id=oid, year=year,
    ...                value=value, instrument=instrument)
    ...     _ = G.add_edge(f"Observation:{oid}", "Indicator:s", key="OBSERVED_FOR")
    ...     _ = G.add_edge(f"Observation:{oid}", "Place:d", key="OBSERVED_IN")
    >>> indicator_observations(G, "s")[["series", "period", "value", "instrument_kind"]]
             series period  value instrument_kind
    0      d | SSGI   2021   27.2          survey
    1   d | e-PPGBM   2020   55.0         records
    2   d | e-PPGBM   2021   39.7         records
    """
    key = f"Indicator:{indicator_id}"
    rows = []
    if key in G:
        for obs_key, _, rel in G.in_edges(key, keys=True):
            if rel == "OBSERVED_FOR" and _label_of(G, obs_key) == "Observation":
                rows.append(_observation_row(G, obs_key, indicator_id))
    frame = pd.DataFrame(rows, columns=[c for c in OBSERVATION_COLUMNS if c != "conflict"])
    if place_id is not None:
        frame = frame[frame["place"] == place_id]
    frame = frame.sort_values(
        ["place", "series", "period_start", "period", "observation"],
        ignore_index=True,
        na_position="last",
    )
    frame.insert(OBSERVATION_COLUMNS.index("conflict"), "conflict", _mark_conflicts(frame))
    return frame.astype({"target": bool, "conflict": bool})


def _series_of(observations: pd.DataFrame) -> list[dict[str, Any]]:
    """Observations grouped into series (place and instrument), points in time order."""
    series = []
    for name, part in observations.groupby("series", sort=True):
        first = part.iloc[0]
        series.append(
            {
                "series": name,
                "place": first["place"],
                "place_name": first["place_name"],
                "place_name_en": first["place_name_en"],
                "instrument": first["instrument"],
                "instrument_kind": first["instrument_kind"],
                "points": [
                    {
                        k: _plain(row[k])
                        for k in (
                            "observation",
                            "period",
                            "value",
                            "value_text",
                            "unit",
                            "source",
                            "ambiguity",
                            "conflict",
                            "evidence",
                        )
                    }
                    for _, row in part.iterrows()
                ],
            }
        )
    return series


def _plain(value: Any) -> Any:
    """numpy scalars and NaN as plain Python values, so the dict serialises to JSON."""
    if isinstance(value, list):
        return value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


# -- one pathway, nested ----------------------------------------------------------------------
def _places_of(G: nx.MultiDiGraph, key: str) -> list[str]:
    return sorted(
        G.nodes[v].get("id")
        for _, v, k in G.out_edges(key, keys=True)
        if k == "LOCATED_IN" and _label_of(G, v) == "Place"
    )


def _pathway_places(G: nx.MultiDiGraph, key: str) -> tuple[list[str], str]:
    """Where the intervention happens, and what says so.

    Its own ``LOCATED_IN``; else its programmes' (nearest first); else where its
    implementers (``IMPLEMENTS``/``LEADS``) are located; else nowhere known.
    """
    own = _places_of(G, key)
    if own:
        return own, "intervention"
    for chain, _ in _programme_chains(G, key):
        places = _places_of(G, chain[-1])
        if places:
            return places, "programme"
    implementers = [a for a, _, k in G.in_edges(key, keys=True) if k in ("IMPLEMENTS", "LEADS")]
    places = sorted({p for a in implementers for p in _places_of(G, a)})
    return (places, "implementer") if places else ([], "none")


def _node_summary(G: nx.MultiDiGraph, key: str, props: Sequence[str] = ()) -> dict[str, Any]:
    node = G.nodes[key]
    out = {
        "key": key,
        "id": node.get("id"),
        "name": node.get("name"),
        "name_en": node.get("name_en"),
    }
    out.update({p: node.get(p) for p in props})
    return out


def _step_dicts(G: nx.MultiDiGraph, frame: pd.DataFrame, step: str) -> list[dict[str, Any]]:
    part = frame[(frame["step"] == step) & (frame["link"] != NO_LINK)]
    return [
        {
            **_node_summary(G, row["node"]),
            **{k: row[k] for k in ("relation", "link", "via", "claim", "evidence", "via_evidence")},
        }
        for _, row in part.iterrows()
    ]


def _indicator_dicts(
    G: nx.MultiDiGraph, frame: pd.DataFrame, places: Collection[str]
) -> list[dict[str, Any]]:
    """Each indicator once, with every link that reaches it and its series at ``places``."""
    grouped: dict[str, dict[str, Any]] = {}
    for step in _step_dicts(G, frame, "indicator"):
        item = grouped.setdefault(
            step["key"], {**_node_summary(G, step["key"], ("unit",)), "links": [], "series": []}
        )
        item["links"].append(
            {k: step[k] for k in ("link", "via", "claim", "evidence", "via_evidence")}
        )
    for item in grouped.values():
        obs = indicator_observations(G, item["id"])
        item["series"] = _series_of(obs[obs["place"].isin(list(places))])
    return list(grouped.values())


def pathway(
    G: nx.MultiDiGraph, intervention_id: str, *, place_id: str | None = None
) -> dict[str, Any]:
    """One intervention's pathway as nested plain data, for a diagram.

    Keys: ``intervention`` (its properties and evidence), ``programmes`` (every programme
    it is ``PART_OF``, with ``path``), ``actors``, ``target_groups`` and ``indicators``
    (the steps of :func:`intervention_pathways`, each with ``relation``, ``link``,
    ``via``, ``claim``, ``evidence``; an indicator appears once, its ``links`` listing
    each direct or programme contribution with its own claim), ``missing`` (the steps with ``no_link``),
    ``places`` and ``place_basis`` (``given``, ``intervention``, ``programme``,
    ``implementer`` or ``none``: where the places come from). Each indicator carries
    ``series``: its observations at those places, one series per place and instrument,
    points in time order. Raises KeyError for an unknown intervention.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Intervention:x", label="Intervention", id="x", name="X")
    >>> p = pathway(G, "x")
    >>> p["missing"], p["indicators"], p["place_basis"]
    (['actor', 'target_group', 'indicator'], [], 'none')
    """
    key = _check_intervention(G, intervention_id)
    frame = intervention_pathways(G, intervention_ids=[intervention_id])
    if place_id is not None:
        places, basis = [place_id], "given"
    else:
        places, basis = _pathway_places(G, key)
    indicators = _indicator_dicts(G, frame, places)
    return {
        "intervention": _node_summary(
            G,
            key,
            (
                "intervention_kind",
                "pillar",
                "family_function",
                "quantity",
                "unit",
                "start",
                "end",
                "evidence",
            ),
        ),
        "programmes": [
            {**_node_summary(G, chain[-1]), "path": [G.nodes[p].get("id") for p in chain]}
            for chain, _ in _programme_chains(G, key)
        ],
        "actors": _step_dicts(G, frame, "actor"),
        "target_groups": _step_dicts(G, frame, "target_group"),
        "indicators": indicators,
        "missing": [s for s in _STEPS if ((frame["step"] == s) & (frame["link"] == NO_LINK)).any()],
        "places": places,
        "place_basis": basis,
    }
