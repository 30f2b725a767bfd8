"""The catalogue of named questions: parameterised questions that answer the same on both backends.

Each question is kept as data (datasette's "canned queries", neo4j-graphrag's constants): a
name, a title and a one-line description in Bahasa Indonesia and English, its parameters with
defaults taken from the curated case study (so every question answers without arguments), its
columns and row order, and a function that answers it from the NetworkX view of the embedded
store. The Neo4j backend answers the same question with its Cypher
(:mod:`graph.neo4j.questions`, which ends each query in the ORDER BY that ``order`` stands
for). The two give the same DataFrame: same columns, same rows, same order. The NetworkX
answer is sorted by the ``order`` keys with Cypher's rules (ascending puts nulls last,
descending puts them first), and those keys identify a row.

A store answers with :meth:`graph.store.GraphStore.ask`; this module checks names and
parameters, answers from a NetworkX graph and turns rows into the answer's DataFrame. Lists in
a row (the partners' relationship types, the ids behind a count) are sorted. Nested properties
are JSON text on Neo4j (named in ``_json``); where a question returns them, both backends go
through the same decoding step in Python (``finish``).

``cli.py query`` is the command-line face of the catalogue::

    python cli.py query --list
    python cli.py query partners_of_actor --param actor_id=kader_kampung_kb --format json

Example on a tiny graph:

>>> from graph.memory_store import MemoryStore
>>> store = MemoryStore(None)
>>> _ = store.upsert_nodes([
...     {"label": "Actor", "id": "baznas", "name": "Baznas"},
...     {"label": "Intervention", "id": "dana", "name": "Dana", "intervention_kind": "convergence"},
... ])
>>> _ = store.upsert_relationships([{"type": "FUNDS", "start": "Actor:baznas",
...     "end": "Intervention:dana", "amount": 20000000, "currency": "IDR"}])
>>> store.ask("funding_per_funder").to_dict("records")
[{'funder_id': 'baznas', 'funder': 'Baznas', 'currency': 'IDR', 'funded': 1, 'amounts_known': 1, 'total': 20000000}]
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from graph.collaboration import (
    BODY_TYPES,
    PROGRAMME_RUNNER_TYPES,
    TARGET_WORK_TYPES,
    actor_reasons,
    direct_types,
)
from graph.schema import LABELS, LEVELS
from graph.store import node_key

__all__ = [
    "Question",
    "QUESTIONS",
    "UnknownQuestion",
    "BadParameter",
    "list_questions",
    "get_question",
    "convert_params",
    "query_values",
    "answer_frame",
    "answer_from_graph",
    "PARAM_LABELS",
    "param_label",
]

Row = dict[str, Any]
Params = Mapping[str, Any]


# Parameters that name a node by its id, and the label of that node (``node_id`` takes the
# label of the ``label`` parameter; ``subject_id`` may name a node of any label).
PARAM_LABELS: dict[str, str] = {
    "actor_id": "Actor",
    "target_group_id": "TargetGroup",
    "program_id": "Program",
    "indicator_id": "Indicator",
    "place_id": "Place",
    "source_id": "Source",
}


def param_label(param: str, values: Mapping[str, Any]) -> str | None:
    """The label of the node a parameter names, or None when it names no node of one label.

    >>> param_label("actor_id", {}), param_label("node_id", {"label": "Policy"})
    ('Actor', 'Policy')
    """
    if param == "node_id":
        return values.get("label")
    return PARAM_LABELS.get(param)


class UnknownQuestion(LookupError):
    """The catalogue has no question of that name."""


class BadParameter(ValueError):
    """A parameter is not one of the question's, or its value cannot be read."""


@dataclass(frozen=True)
class Question:
    """One named question: its titles, parameters, columns, row order and NetworkX answer.

    ``params`` maps each parameter to its default (its type converts string values);
    ``fixed`` holds values the query needs that users do not set (on Neo4j they travel as
    parameters too); ``order`` is the sort, as ``(column, descending)`` pairs, that the answer
    has (the Cypher's ORDER BY); ``finish`` is a step both backends share after the query
    (JSON decoding, filtering by decoded values, one row per locator).
    """

    name: str
    title_id: str
    title_en: str
    description_id: str
    description_en: str
    columns: tuple[str, ...]
    from_graph: Callable[[nx.MultiDiGraph, Params], list[Row]]
    order: tuple[tuple[str, bool], ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fixed: Mapping[str, Any] = field(default_factory=dict)
    finish: Callable[[list[Row], Params], list[Row]] | None = None


# -- helpers over the NetworkX view ------------------------------------------------------------


def _nodes(graph: nx.MultiDiGraph, label: str) -> list[tuple[str, dict[str, Any]]]:
    return [(k, d) for k, d in graph.nodes(data=True) if d.get("label") == label]


def _key(graph: nx.MultiDiGraph, label: str, node_id: str) -> str | None:
    key = node_key(label, node_id)
    return key if key in graph else None


def _out(graph: nx.MultiDiGraph, key: str, rel_types: Iterable[str], label: str | None = None):
    """``(other key, other node, relationship)`` of the node's outgoing relationships."""
    types = set(rel_types)
    return [
        (v, graph.nodes[v], d)
        for _, v, k, d in graph.out_edges(key, keys=True, data=True)
        if k in types and (label is None or graph.nodes[v].get("label") == label)
    ]


def _in(graph: nx.MultiDiGraph, key: str, rel_types: Iterable[str], label: str | None = None):
    """``(other key, other node, relationship)`` of the node's incoming relationships."""
    types = set(rel_types)
    return [
        (u, graph.nodes[u], d)
        for u, _, k, d in graph.in_edges(key, keys=True, data=True)
        if k in types and (label is None or graph.nodes[u].get("label") == label)
    ]


def _ids(ends: Iterable[tuple[str, dict[str, Any], dict[str, Any]]]) -> list[str]:
    """Sorted distinct ids of the nodes at the other ends, as COLLECT {... DISTINCT ... ORDER BY}."""
    return sorted({node["id"] for _, node, _ in ends})


def _reach(graph: nx.MultiDiGraph, start: str, rel_type: str, label: str, *, upward: bool):
    """``{key: depth}`` of the ``label`` nodes reachable over ``rel_type`` (0 for the start)."""
    depth = {start: 0}
    frontier = [start]
    while frontier:
        nxt = []
        for key in frontier:
            step = _out if upward else _in
            for other, _, _ in step(graph, key, [rel_type], label):
                if other not in depth:
                    depth[other] = depth[key] + 1
                    nxt.append(other)
        frontier = nxt
    return depth


def _period(node: Mapping[str, Any]) -> str | None:
    """The date as text, else the year as text: Cypher's coalesce(toString(date), toString(year))."""
    if node.get("date") is not None:
        return str(node["date"])
    return str(node["year"]) if node.get("year") is not None else None


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (value is None, value)


def _sorted(rows: list[Row], order: Sequence[tuple[str, bool]]) -> list[Row]:
    """Sort as Cypher's ORDER BY does: ascending puts nulls last, descending puts them first."""
    out = list(rows)
    for column, descending in reversed(order):  # stable sorts, least significant key first
        out.sort(key=lambda row, c=column: _sort_key(row.get(c)), reverse=descending)
    return out


def _decoded(value: Any) -> Any:
    """A nested property as Python data: JSON text on Neo4j, already a list or dict in memory."""
    return json.loads(value) if isinstance(value, str) else value


# -- the questions -----------------------------------------------------------------------------


# Partners are the actor's neighbours in the collaboration network the analyses use
# (graph.collaboration): direct links between the two actors, and links through a programme,
# intervention or body they share, one reason per (kind, shared node).
def _partners(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    me = _key(graph, "Actor", p["actor_id"])
    if me is None:
        return []
    direct = direct_types()
    rows = []
    for other, reasons in actor_reasons(graph, me).items():
        node = graph.nodes[other]
        out_types = {k for _, v, k in graph.out_edges(me, keys=True) if v == other}
        in_types = {k for u, _, k in graph.in_edges(me, keys=True) if u == other}
        rows.append(
            {
                "partner_id": node["id"],
                "partner": node.get("name"),
                "partner_en": node.get("name_en"),
                "outgoing": sorted(out_types & set(direct)),
                "incoming": sorted(in_types & set(direct)),
                "reasons": [r["reason"] for r in reasons],
                "via": [r["via"] for r in reasons if r["via"] is not None],
                "links": len(reasons),
            }
        )
    return rows


def _sorted_partner_lists(rows: list[Row], p: Params) -> list[Row]:
    """Reasons and shared nodes as sorted distinct lists (Cypher collects them unordered)."""
    return [{**r, "reasons": sorted(set(r["reasons"])), "via": sorted(set(r["via"]))} for r in rows]


def _target_group_interventions(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    group = _key(graph, "TargetGroup", p["target_group_id"])
    if group is None:
        return []
    return [
        {
            "intervention_id": i["id"],
            "intervention": i.get("name"),
            "intervention_en": i.get("name_en"),
            "intervention_kind": i.get("intervention_kind"),
            "pillar": i.get("pillar"),
            "programs": _ids(_out(graph, k, ["PART_OF"], "Program")),
            "implementers": _ids(_in(graph, k, ["IMPLEMENTS"], "Actor")),
        }
        for k, i, _ in _in(graph, group, ["TARGETS"], "Intervention")
    ]


def _who_funds_what(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    rows = []
    for key, actor in _nodes(graph, "Actor"):
        for _, x, f in _out(graph, key, ["FUNDS"]):
            rows.append(
                {
                    "funder_id": actor["id"],
                    "funder": actor.get("name"),
                    "funded_label": x["label"],
                    "funded_id": x["id"],
                    "funded": x.get("name"),
                    "amount": f.get("amount"),
                    "currency": f.get("currency"),
                }
            )
    return rows


# A total is only meaningful within one currency, and only over amounts the sources state: a
# funder whose amounts are all unknown gets no total (null), not zero.
def _funding_per_funder(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    groups: dict[tuple[str, Any], Row] = {}
    for row in _who_funds_what(graph, p):
        group = groups.setdefault(
            (row["funder_id"], row["currency"]),
            {
                "funder_id": row["funder_id"],
                "funder": row["funder"],
                "currency": row["currency"],
                "funded": 0,
                "amounts_known": 0,
                "total": None,
            },
        )
        group["funded"] += 1
        if row["amount"] is not None:
            group["amounts_known"] += 1
            group["total"] = (group["total"] or 0) + row["amount"]
    return list(groups.values())


def _factor_rows(rel_type: str, role: str, effect: str):
    def rows(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
        out = []
        for key, f in _nodes(graph, "Factor"):
            if f.get("factor_kind") != p["factor_kind"]:
                continue
            for _, x, _ in _out(graph, key, [rel_type]):
                out.append(
                    {
                        f"{role}_id": f["id"],
                        role: f.get("name"),
                        f"{role}_en": f.get("name_en"),
                        "dimension": f.get("dimension"),
                        f"{effect}_label": x["label"],
                        f"{effect}_id": x["id"],
                        effect: x.get("name"),
                    }
                )
        return out

    return rows


def _program_interventions(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    top = _key(graph, "Program", p["program_id"])
    if top is None:
        return []
    programs = _reach(graph, top, "PART_OF", "Program", upward=False)
    if not p["include_sub_programs"]:
        programs = {top: 0}
    rows = []
    for g in programs:
        for _, i, _ in _in(graph, g, ["PART_OF"], "Intervention"):
            rows.append(
                {
                    "program_id": graph.nodes[g]["id"],
                    "intervention_id": i["id"],
                    "intervention": i.get("name"),
                    "intervention_en": i.get("name_en"),
                    "intervention_kind": i.get("intervention_kind"),
                    "pillar": i.get("pillar"),
                    "quantity": i.get("quantity"),
                    "unit": i.get("unit"),
                    "frequency": i.get("frequency"),
                    "innovation": bool(i.get("innovation", False)),
                }
            )
    return rows


def _who_implements_what(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    rows = []
    for key, a in _nodes(graph, "Actor"):
        for _, x, _ in _out(graph, key, ["IMPLEMENTS"]):
            rows.append(
                {
                    "actor_id": a["id"],
                    "actor": a.get("name"),
                    "level": a.get("level"),
                    "implemented_label": x["label"],
                    "implemented_id": x["id"],
                    "implemented": x.get("name"),
                    "intervention_kind": x.get("intervention_kind"),
                }
            )
    return rows


# Levels sort from the top of government down (the schema's order, passed as the fixed value
# ``levels``), not alphabetically.
def _actors_by_level_and_sector(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    groups: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for _, a in _nodes(graph, "Actor"):
        groups[(a.get("level"), a.get("sector"))].append(a["id"])
    levels = list(p["levels"])
    return [
        {
            "level": level,
            "sector": sector,
            "actors": len(ids),
            "actor_ids": sorted(ids),
            "level_rank": levels.index(level) if level in levels else None,
        }
        for (level, sector), ids in groups.items()
    ]


def _target_groups_without_intervention(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    return [
        {
            "target_group_id": t["id"],
            "target_group": t.get("name"),
            "target_group_en": t.get("name_en"),
            "programs": _ids(_in(graph, k, ["TARGETS"], "Program")),
        }
        for k, t in _nodes(graph, "TargetGroup")
        if not _in(graph, k, ["TARGETS"], "Intervention")
    ]


# Instruments come first in the order so that each instrument's figures stay one run: survey and
# weighing-record values are never interleaved into one apparent series.
def _indicator_series(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    indicator = _key(graph, "Indicator", p["indicator_id"])
    place = _key(graph, "Place", p["place_id"])
    if indicator is None or place is None:
        return []
    rows = []
    for k, o, _ in _in(graph, indicator, ["OBSERVED_FOR"], "Observation"):
        if graph.has_edge(k, place, key="OBSERVED_IN"):
            rows.append(
                {
                    "instrument": o.get("instrument"),
                    "period": _period(o),
                    "value": o.get("value"),
                    "value_text": o.get("value_text"),
                    "unit": o.get("unit"),
                    "source": o.get("source"),
                    "target": bool(o.get("target", False)),
                    "ambiguous": o.get("ambiguity") is not None,
                    "observation_id": o["id"],
                }
            )
    return rows


# Table names are matched without regard to case ("tabel 2" finds "Tabel 2"); printed total rows
# ("Jumlah") sort last, as the source prints them.
def _observations_of_table(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    wanted = p["table"].lower()
    rows = []
    for k, o in _nodes(graph, "Observation"):
        if o.get("table") is None or str(o["table"]).lower() != wanted:
            continue
        places = _ids(_out(graph, k, ["OBSERVED_IN"], "Place"))
        rows.append(
            {
                "table": o["table"],
                "row": o.get("row"),
                "column": o.get("column"),
                "value": o.get("value"),
                "value_text": o.get("value_text"),
                "unit": o.get("unit"),
                "instrument": o.get("instrument"),
                "printed_total": bool(o.get("printed_total", False)),
                "place_id": places[0] if places else None,
                "observation_id": o["id"],
            }
        )
    return rows


# Which source a claim comes from is in its evidence locators (JSON text on Neo4j), or in a
# CITES link; the locators are decoded in the shared finishing step, identically for both stores.
def _claims(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    return [
        {
            "claim_id": c["id"],
            "claim": c.get("name"),
            "claim_kind": c.get("claim_kind"),
            "asserted": c.get("asserted"),
            "basis": c.get("basis"),
            "concerns": sorted(
                f"{x['label']}:{x['id']}" for _, x, _ in _out(graph, k, ["CONCERNS"])
            ),
            "cites": any(
                x["id"] == p["source_id"] for _, x, _ in _out(graph, k, ["CITES"], "Source")
            ),
            "evidence": c.get("evidence"),
        }
        for k, c in _nodes(graph, "Claim")
    ]


def _keep_claims_of_source(rows: list[Row], p: Params) -> list[Row]:
    kept = []
    for row in rows:
        here = [
            loc
            for loc in _decoded(row.get("evidence")) or []
            if loc.get("source") == p["source_id"]
        ]
        if here or row.get("cites"):
            kept.append(
                {**row, "cited_at": [f"{loc['section']} #{loc['paragraph']}" for loc in here]}
            )
    return kept


def _policies_mandating(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    rows = []
    for key, s in graph.nodes(data=True):
        if s.get("id") != p["subject_id"]:
            continue
        for pk, pol, _ in _out(graph, key, ["MANDATED_BY"], "Policy"):
            rows.append(
                {
                    "subject_label": s["label"],
                    "subject_id": s["id"],
                    "policy_id": pol["id"],
                    "policy": pol.get("name"),
                    "policy_kind": pol.get("policy_kind"),
                    "number": pol.get("number"),
                    "year": pol.get("year"),
                    "issued_by": _ids(_in(graph, pk, ["ISSUED"], "Actor")),
                }
            )
    return rows


def _place_rows(graph: nx.MultiDiGraph, p: Params, *, upward: bool) -> list[Row]:
    start = _key(graph, "Place", p["place_id"])
    if start is None:
        return []
    reached = _reach(graph, start, "PART_OF", "Place", upward=upward)
    return [
        {
            "depth": depth,
            "place_id": graph.nodes[k]["id"],
            "place": graph.nodes[k].get("name"),
            "place_level": graph.nodes[k].get("place_level"),
            "kemendagri_code": graph.nodes[k].get("kemendagri_code"),
            "bps_code": graph.nodes[k].get("bps_code"),
        }
        for k, depth in reached.items()
        if upward or depth > 0
    ]


def _interventions_by_kind(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for _, i in _nodes(graph, "Intervention"):
        groups[i.get("intervention_kind")].append(i)
    return [
        {
            "intervention_kind": kind,
            "interventions": len(items),
            "innovations": sum(1 for i in items if i.get("innovation") is True),
            "intervention_ids": sorted(i["id"] for i in items) if kind is not None else [],
        }
        for kind, items in groups.items()
    ]


def _local_innovations(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    return [
        {
            "intervention_id": i["id"],
            "intervention": i.get("name"),
            "intervention_en": i.get("name_en"),
            "intervention_kind": i.get("intervention_kind"),
            "family_function": i.get("family_function"),
            "quantity": i.get("quantity"),
            "unit": i.get("unit"),
            "carried_by": _ids(_in(graph, k, ["IMPLEMENTS", "LEADS"], "Actor")),
            "backed_by": _ids(_in(graph, k, ["FUNDS", "SUPPORTS"], "Actor")),
            "target_groups": _ids(_out(graph, k, ["TARGETS"], "TargetGroup")),
        }
        for k, i in _nodes(graph, "Intervention")
        if i.get("innovation") is True
    ]


def _actors_in_place(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    top = _key(graph, "Place", p["place_id"])
    if top is None:
        return []
    places = (
        _reach(graph, top, "PART_OF", "Place", upward=False)
        if p["include_sub_places"]
        else {top: 0}
    )
    return [
        {
            "located_in": graph.nodes[q]["id"],
            "actor_id": a["id"],
            "actor": a.get("name"),
            "actor_en": a.get("name_en"),
            "actor_type": a.get("actor_type"),
            "sector": a.get("sector"),
            "level": a.get("level"),
        }
        for q in places
        for _, a, _ in _in(graph, q, ["LOCATED_IN"], "Actor")
    ]


def _evidence(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    key = _key(graph, p["label"], p["node_id"])
    return [] if key is None else [{"evidence": graph.nodes[key].get("evidence")}]


def _one_row_per_locator(rows: list[Row], p: Params) -> list[Row]:
    out = []
    for row in rows:
        for position, loc in enumerate(_decoded(row.get("evidence")) or [], 1):
            out.append({"position": position, **{k: loc.get(k) for k in _LOCATOR_COLUMNS}})
    return out


_LOCATOR_COLUMNS = ("source", "section", "paragraph", "start", "end", "note")


def _ambiguous_observations(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    rows = []
    for k, o in _nodes(graph, "Observation"):
        if o.get("ambiguity") is None:
            continue
        indicators = _ids(_out(graph, k, ["OBSERVED_FOR"], "Indicator"))
        places = _ids(_out(graph, k, ["OBSERVED_IN"], "Place"))
        rows.append(
            {
                "indicator_id": indicators[0] if indicators else None,
                "place_id": places[0] if places else None,
                "period": _period(o),
                "value_text": o.get("value_text"),
                "value": o.get("value"),
                "instrument": o.get("instrument"),
                "ambiguity": o["ambiguity"],
                "observation_id": o["id"],
            }
        )
    return rows


def _q(
    name: str,
    titles: tuple[str, str],
    descriptions: tuple[str, str],
    columns: str,
    from_graph: Callable[[nx.MultiDiGraph, Params], list[Row]],
    order: str,
    **options: Any,
) -> Question:
    """A Question from compact arguments: ``columns`` and ``order`` are space-separated,
    ``-`` before an order key sorts it descending."""
    keys = tuple((k.lstrip("-"), k.startswith("-")) for k in order.split())
    return Question(
        name,
        titles[0],
        titles[1],
        descriptions[0],
        descriptions[1],
        tuple(columns.split()),
        from_graph,
        keys,
        **options,
    )


QUESTIONS: tuple[Question, ...] = (
    _q(
        "partners_of_actor",
        (
            "Mitra suatu aktor dan jenis hubungannya",
            "Partners of an actor and how they are linked",
        ),
        (
            "Mitra aktor ini dalam jejaring kolaborasi yang dipakai analisis: hubungan langsung "
            "(jenisnya keluar dan masuk) dan hubungan lewat program, intervensi atau badan yang "
            "sama (alasan dan simpul bersamanya), dengan jumlah alasan yang berbeda.",
            "This actor's partners in the collaboration network the analyses use: direct links "
            "(their types out and in) and links through a shared programme, intervention or body "
            "(the reasons and the shared nodes), with the number of distinct reasons.",
        ),
        "partner_id partner partner_en outgoing incoming reasons via links",
        _partners,
        "-links partner_id",
        params={"actor_id": "kepala_desa_mongpok"},
        fixed={
            "direct": direct_types(),
            "work": list(TARGET_WORK_TYPES),
            "runners": list(PROGRAMME_RUNNER_TYPES),
            "body": list(BODY_TYPES),
        },
        finish=_sorted_partner_lists,
    ),
    _q(
        "interventions_for_target_group",
        (
            "Intervensi yang menjangkau sebuah kelompok sasaran",
            "Interventions that reach a target group",
        ),
        (
            "Intervensi yang menyasar kelompok ini, dengan program dan pelaksananya.",
            "Interventions aimed at this group, with their programmes and implementers.",
        ),
        "intervention_id intervention intervention_en intervention_kind pillar programs implementers",
        _target_group_interventions,
        "intervention_id",
        params={"target_group_id": "ibu_hamil"},
    ),
    _q(
        "who_funds_what",
        ("Siapa mendanai apa, dan berapa", "Who funds what, and how much"),
        (
            "Setiap hubungan pendanaan dengan jumlah dan mata uang bila sumber menyebutnya.",
            "Every funding link, with amount and currency where the source states them.",
        ),
        "funder_id funder funded_label funded_id funded amount currency",
        _who_funds_what,
        "funder_id funded_label funded_id",
    ),
    _q(
        "funding_per_funder",
        ("Total pendanaan per penyandang dana", "Funding totals per funder"),
        (
            "Banyak pendanaan dan totalnya per penyandang dana dan mata uang; kosong bila tanpa jumlah.",
            "Links funded and total per funder and currency; empty when no amount is stated.",
        ),
        "funder_id funder currency funded amounts_known total",
        _funding_per_funder,
        "funder_id currency",
    ),
    _q(
        "barriers_and_what_they_hinder",
        ("Hambatan dan apa yang dihambatnya", "Barriers and what they hinder"),
        (
            "Faktor penghambat temuan studi dan program atau intervensi yang terhambat.",
            "The study's barriers and the programmes or interventions they hold back.",
        ),
        "barrier_id barrier barrier_en dimension hindered_label hindered_id hindered",
        _factor_rows("HINDERS", "barrier", "hindered"),
        "barrier_id hindered_label hindered_id",
        fixed={"factor_kind": "barrier"},
    ),
    _q(
        "enablers_and_what_they_enable",
        ("Pendorong dan apa yang didorongnya", "Enablers and what they enable"),
        (
            "Faktor pendorong temuan studi dan program atau intervensi yang terbantu.",
            "The study's enablers and the programmes or interventions they help.",
        ),
        "enabler_id enabler enabler_en dimension enabled_label enabled_id enabled",
        _factor_rows("ENABLES", "enabler", "enabled"),
        "enabler_id enabled_label enabled_id",
        fixed={"factor_kind": "enabler"},
    ),
    _q(
        "interventions_of_program",
        ("Intervensi sebuah program", "Interventions of a programme"),
        (
            "Intervensi program ini (dan sub-programnya), dengan jenis, jumlah dan satuan.",
            "Interventions of this programme (and its sub-programmes), with kind, quantity and unit.",
        ),
        "program_id intervention_id intervention intervention_en intervention_kind pillar quantity "
        "unit frequency innovation",
        _program_interventions,
        "program_id intervention_kind intervention_id",
        params={"program_id": "kampung_kb", "include_sub_programs": True},
    ),
    _q(
        "who_implements_what",
        ("Siapa melaksanakan apa", "Who implements what"),
        (
            "Setiap aktor dengan intervensi, program atau kebijakan yang dilaksanakannya.",
            "Every actor with the interventions, programmes or policies it carries out.",
        ),
        "actor_id actor level implemented_label implemented_id implemented intervention_kind",
        _who_implements_what,
        "actor_id implemented_label implemented_id",
    ),
    _q(
        "actors_by_level_and_sector",
        ("Aktor menurut tingkat dan sektor", "Actors by level and sector"),
        (
            "Jumlah aktor per tingkat pemerintahan dan sektor, dari nasional ke desa.",
            "Number of actors per level of government and sector, from national down to village.",
        ),
        "level sector actors actor_ids",
        _actors_by_level_and_sector,
        "level_rank level sector",
        fixed={"levels": list(LEVELS)},
    ),
    _q(
        "target_groups_without_intervention",
        ("Kelompok sasaran tanpa intervensi", "Target groups with no intervention"),
        (
            "Kelompok sasaran yang tidak dijangkau intervensi mana pun; program yang menyasarnya.",
            "Target groups no intervention reaches, with the programmes that name them.",
        ),
        "target_group_id target_group target_group_en programs",
        _target_groups_without_intervention,
        "target_group_id",
    ),
    _q(
        "indicator_series",
        (
            "Deret indikator sebuah tempat, per instrumen",
            "Indicator series of a place, per instrument",
        ),
        (
            "Nilai, periode dan instrumen; angka dari instrumen berbeda tidak pernah digabung.",
            "Value, period and instrument; figures from different instruments are never merged.",
        ),
        "instrument period value value_text unit source target ambiguous observation_id",
        _indicator_series,
        "instrument period observation_id",
        params={"indicator_id": "stunting_prevalence", "place_id": "desa_mongpok"},
    ),
    _q(
        "observations_of_table",
        ("Angka sebuah tabel sumber", "Figures of a source table"),
        (
            "Angka sebuah tabel seperti dicetak (baris, kolom, nilai tercetak); baris jumlah di akhir.",
            "A table's figures as printed (row, column, printed value); total rows last.",
        ),
        "table row column value value_text unit instrument printed_total place_id observation_id",
        _observations_of_table,
        "printed_total row column observation_id",
        params={"table": "Tabel 2"},
    ),
    _q(
        "claims_of_source",
        ("Klaim sebuah sumber dan yang dibicarakannya", "Claims of a source and what they concern"),
        (
            "Pernyataan sumber tentang angkanya sendiri, dengan simpul yang dibicarakan dan letaknya.",
            "The source's statements about its own figures, what they concern and where they stand.",
        ),
        "claim_id claim claim_kind asserted basis concerns cited_at",
        _claims,
        "claim_id",
        params={"source_id": "mongpok_case_study"},
        finish=_keep_claims_of_source,
    ),
    _q(
        "policies_mandating",
        (
            "Kebijakan yang mengamanatkan program, aktor atau intervensi",
            "Policies that mandate a programme, actor or intervention",
        ),
        (
            "Kebijakan yang menjadi dasar simpul ini, dengan penerbitnya.",
            "The policies this node rests on, with who issued them.",
        ),
        "subject_label subject_id policy_id policy policy_kind number year issued_by",
        _policies_mandating,
        "subject_label year policy_id",
        params={"subject_id": "kampung_kb"},
    ),
    _q(
        "place_hierarchy",
        (
            "Jenjang wilayah sebuah tempat, dengan kode Kemendagri dan BPS",
            "Administrative chain of a place, with Kemendagri and BPS codes",
        ),
        (
            "Tempat ini dan wilayah di atasnya sampai negara, dengan kode Kemendagri dan BPS.",
            "This place and the areas above it up to the country, with Kemendagri and BPS codes.",
        ),
        "depth place_id place place_level kemendagri_code bps_code",
        lambda g, p: _place_rows(g, p, upward=True),
        "depth place_id",
        params={"place_id": "desa_mongpok"},
    ),
    _q(
        "places_within",
        ("Wilayah di bawah sebuah tempat", "Places within a place"),
        (
            "Wilayah di bawah tempat ini (desa sebuah kecamatan, ...), dengan kodenya.",
            "The areas below this place (the villages of a kecamatan, ...), with their codes.",
        ),
        "depth place_id place place_level kemendagri_code bps_code",
        lambda g, p: _place_rows(g, p, upward=False),
        "depth kemendagri_code place_id",
        params={"place_id": "kec_cikeusal"},
    ),
    _q(
        "interventions_by_kind",
        (
            "Intervensi menurut jenis (spesifik, sensitif, konvergensi)",
            "Interventions by kind (specific, sensitive, convergence)",
        ),
        (
            "Jumlah intervensi dan inovasi per jenis, dengan id-nya.",
            "Number of interventions and innovations per kind, with their ids.",
        ),
        "intervention_kind interventions innovations intervention_ids",
        _interventions_by_kind,
        "-interventions intervention_kind",
    ),
    _q(
        "local_innovations",
        ("Inovasi lokal", "Local innovations"),
        (
            "Intervensi yang disebut studi sebagai inovasi lokal: pelaksana, pendukung dan sasarannya.",
            "Interventions the study calls local innovations: who runs, backs and receives them.",
        ),
        "intervention_id intervention intervention_en intervention_kind family_function quantity "
        "unit carried_by backed_by target_groups",
        _local_innovations,
        "intervention_id",
    ),
    _q(
        "actors_in_place",
        ("Aktor yang berkedudukan di sebuah tempat", "Actors located in a place"),
        (
            "Aktor yang berkedudukan di tempat ini (dan wilayah di bawahnya).",
            "Actors located in this place (and the areas below it).",
        ),
        "located_in actor_id actor actor_en actor_type sector level",
        _actors_in_place,
        "located_in actor_id",
        params={"place_id": "desa_mongpok", "include_sub_places": True},
    ),
    _q(
        "evidence_of_node",
        ("Bukti sebuah simpul", "Evidence of a node"),
        (
            "Penunjuk ke paragraf sumber yang mendukung simpul ini, satu baris per penunjuk.",
            "The locators of the source paragraphs that support this node, one row each.",
        ),
        "position source section paragraph start end note",
        _evidence,
        "position",
        params={"label": "Actor", "node_id": "kepala_desa_mongpok"},
        choices={"label": tuple(sorted(LABELS))},
        finish=_one_row_per_locator,
    ),
    _q(
        "ambiguous_observations",
        (
            "Angka yang dapat dibaca lebih dari satu cara",
            "Figures that can be read more than one way",
        ),
        (
            "Angka yang bentuk cetaknya ambigu, dengan alasannya, untuk diperiksa sebelum dipakai.",
            "Figures whose printed form is ambiguous, with the reason, to check before use.",
        ),
        "indicator_id place_id period value_text value instrument ambiguity observation_id",
        _ambiguous_observations,
        "indicator_id place_id period observation_id",
    ),
)

_BY_NAME: dict[str, Question] = {q.name: q for q in QUESTIONS}


# -- the public API ----------------------------------------------------------------------------


def list_questions() -> list[dict[str, Any]]:
    """Every question as plain data: name, titles, descriptions, parameters with defaults, columns.

    >>> next(q for q in list_questions() if q["name"] == "partners_of_actor")["params"]
    {'actor_id': 'kepala_desa_mongpok'}
    """
    return [
        {
            "name": q.name,
            "title_id": q.title_id,
            "title_en": q.title_en,
            "description_id": q.description_id,
            "description_en": q.description_en,
            "params": dict(q.params),
            "columns": list(q.columns),
        }
        for q in QUESTIONS
    ]


def get_question(name: str) -> Question:
    """The question called ``name``; :class:`UnknownQuestion` lists the known names otherwise."""
    try:
        return _BY_NAME[name]
    except KeyError:
        known = ", ".join(sorted(_BY_NAME))
        raise UnknownQuestion(f"unknown question {name!r}; known questions: {known}") from None


_TRUE = {"true", "1", "yes", "y", "ya", "benar"}
_FALSE = {"false", "0", "no", "n", "tidak", "salah"}


def _convert(question: Question, key: str, value: Any) -> Any:
    """``value`` as the type of the parameter's default (strings are read; others checked)."""
    default = question.params[key]
    kind = type(default)
    where = f"question {question.name!r}, parameter {key!r}"
    if isinstance(value, str) and kind is not str:
        text = value.strip().lower()
        if kind is bool:
            if text in _TRUE | _FALSE:
                return text in _TRUE
            raise BadParameter(f"{where}: {value!r} is not a yes/no value (true or false)")
        try:
            return kind(text)
        except ValueError:
            raise BadParameter(f"{where}: {value!r} is not a {kind.__name__}") from None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadParameter(f"{where}: expected a {kind.__name__}, got {value!r}")
    return value


def convert_params(question: Question, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The question's defaults overridden by ``params``, each converted to its default's type.

    >>> convert_params(get_question("actors_in_place"), {"include_sub_places": "false"})
    {'place_id': 'desa_mongpok', 'include_sub_places': False}
    """
    values = dict(question.params)
    for key, value in (params or {}).items():
        if key not in question.params:
            valid = ", ".join(question.params) or "none"
            raise BadParameter(
                f"question {question.name!r} has no parameter {key!r}; its parameters: {valid}"
            )
        values[key] = _convert(question, key, value)
    for key, allowed in question.choices.items():
        if values[key] not in allowed:
            raise BadParameter(
                f"question {question.name!r}, parameter {key!r}: "
                f"{values[key]!r} is not one of: {', '.join(allowed)}"
            )
    return values


def query_values(question: Question, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every value the question's query runs with: its fixed values and its converted
    parameters (:func:`convert_params`)."""
    return {**question.fixed, **convert_params(question, params)}


def answer_frame(
    question: Question, rows: list[Row], values: Params, *, ordered: bool = False
) -> pd.DataFrame:
    """The answer as a DataFrame of the question's columns, from the rows a backend found.

    The question's ``finish`` step runs first; rows not ``ordered`` by the backend are sorted by
    ``question.order`` with Cypher's rules. Nullable dtypes keep integers integral.
    """
    if question.finish is not None:
        rows = question.finish(rows, values)
    if not ordered:
        rows = _sorted(rows, question.order)
    frame = pd.DataFrame(
        [{c: r.get(c) for c in question.columns} for r in rows], columns=list(question.columns)
    )
    return frame.convert_dtypes()


def answer_from_graph(
    graph: nx.MultiDiGraph, name: str, params: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Answer a question from a NetworkX view (node keys ``Label:id``, edge keys = types).

    The graph is only read. ``params`` may hold strings (as the command line gives them); each
    is converted to the type of its default. Raises :class:`UnknownQuestion` or
    :class:`BadParameter`, both naming what is valid.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Place:a", label="Place", id="a", name="A", place_level="desa")
    >>> g.add_node("Place:b", label="Place", id="b", name="B", place_level="kecamatan")
    >>> _ = g.add_edge("Place:a", "Place:b", key="PART_OF", type="PART_OF")
    >>> answer_from_graph(g, "place_hierarchy", {"place_id": "a"})[["depth", "place_id"]].values.tolist()
    [[0, 'a'], [1, 'b']]
    """
    question = get_question(name)
    values = query_values(question, params)
    rows = copy.deepcopy(question.from_graph(graph, values))  # no value shared with the graph
    return answer_frame(question, rows, values)
