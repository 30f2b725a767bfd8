"""Gap analysis: what the national strategy expects that the graph does not show.

The reference is the stunting-programme taxonomy (``stunting_program_taxonomy.json`` in the
shared data folder, or any file of the same shape a user gives): the five pillars of
Perpres 72/2021, the eight family functions, the strategy's target groups, the specific
and sensitive intervention types, and the bodies a village is expected to have (TPPS,
TPK, the Kampung KB Pokja sections, and the other governance actors).

Every function takes the full NetworkX view of the store (node keys ``"Label:id"``, edge
keys are relationship types) and returns a DataFrame with Indonesian (``name_id``) and
English (``name_en``) names. Taxonomy rows carry ``verification``: ``verified``,
``not_verified`` or ``partly_verified``, from the item's own ``verified`` flag or else its
section's, so an unchecked item is never shown as settled. The default is to return only
the gaps; ``only_gaps=False`` returns every item with its counts.

A gap says that the *graph* holds nothing for an item: for a curated case study that
means the source does not mention it, not that the village lacks it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

import settings
from graph.schema import SECTOR_NAMES
from queries.collaboration import collaboration_projection

__all__ = [
    "DEFAULT_TAXONOMY_PATH",
    "KIND_OF_TYPE",
    "TAXONOMY_COLUMNS",
    "load_taxonomy",
    "verification_of",
    "pillar_gaps",
    "family_function_gaps",
    "target_group_gaps",
    "intervention_type_gaps",
    "mandated_actor_items",
    "match_terms",
    "mandated_actor_gaps",
    "isolated_actors",
    "sector_bridges",
    "ACTOR_COLUMNS",
    "BRIDGE_COLUMNS",
    "gap_report",
]

DEFAULT_TAXONOMY_PATH = Path(settings.get("JEJARING_TAXONOMY"))

# The taxonomy's intervention types and the graph's ``intervention_kind`` values.
KIND_OF_TYPE = {"spesifik": "specific", "sensitif": "sensitive"}

TAXONOMY_COLUMNS = [
    "dimension",
    "taxonomy_id",
    "name_id",
    "name_en",
    "verification",
    "legal_basis",
    "interventions",
    "intervention_ids",
    "gap",
]

Taxonomy = Mapping[str, Any] | str | Path


# -- the taxonomy ----------------------------------------------------------------------------
def load_taxonomy(taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH) -> Mapping[str, Any]:
    """The taxonomy as a mapping: read from a JSON file, or returned as given.

    >>> load_taxonomy({"pillars": {"items": []}})
    {'pillars': {'items': []}}
    """
    if isinstance(taxonomy, Mapping):
        return taxonomy
    with Path(taxonomy).open(encoding="utf-8") as handle:
        return json.load(handle)


def verification_of(item: Mapping[str, Any], section: Mapping[str, Any] | None = None) -> str:
    """``verified``, ``not_verified`` or ``partly_verified``: the item's flag, else its section's.

    A missing flag counts as not verified: the taxonomy's own note asks for every item
    to be checked against the legal text unless it says otherwise.

    >>> verification_of({"verified": False}, {"verified": True})
    'not_verified'
    >>> verification_of({}, {"verified": "partly"})
    'partly_verified'
    """
    flag = item.get("verified", (section or {}).get("verified"))
    if flag is True:
        return "verified"
    if isinstance(flag, str) and flag.strip().casefold() in ("partly", "partial", "partially"):
        return "partly_verified"
    return "not_verified"


def _section(taxonomy: Mapping[str, Any], name: str) -> tuple[Mapping[str, Any], list[Any]]:
    """A section and its items; a section given as a bare list has no flags of its own."""
    section = taxonomy.get(name) or {}
    if isinstance(section, list):
        return {}, section
    return section, list(section.get("items") or [])


def _interventions(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return sorted(
        (d for _, d in G.nodes(data=True) if d.get("label") == "Intervention"),
        key=lambda d: str(d.get("id")),
    )


def _taxonomy_row(
    dimension: str, item: Mapping[str, Any], section: Mapping[str, Any], ids: Sequence[str]
) -> dict[str, Any]:
    return {
        "dimension": dimension,
        "taxonomy_id": item.get("id"),
        "name_id": item.get("id_name"),
        "name_en": item.get("en_name"),
        "verification": verification_of(item, section),
        "legal_basis": item.get("legal_basis") or section.get("legal_basis"),
        "interventions": len(ids),
        "intervention_ids": list(ids),
        "gap": not ids,
    }


def _frame(rows: list[dict[str, Any]], only_gaps: bool, columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    if only_gaps:
        frame = frame[frame["gap"].astype(bool)].reset_index(drop=True)
    return frame.astype({"gap": bool})


def _property_gaps(
    G: nx.MultiDiGraph,
    taxonomy: Taxonomy,
    section_name: str,
    dimension: str,
    prop: str,
    only_gaps: bool,
) -> pd.DataFrame:
    """Taxonomy items that no intervention names in its ``prop`` property."""
    section, items = _section(load_taxonomy(taxonomy), section_name)
    interventions = _interventions(G)
    rows = [
        _taxonomy_row(
            dimension,
            item,
            section,
            [str(i["id"]) for i in interventions if i.get(prop) == item.get("id")],
        )
        for item in items
    ]
    return _frame(rows, only_gaps, TAXONOMY_COLUMNS)


def pillar_gaps(
    G: nx.MultiDiGraph, *, taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH, only_gaps: bool = True
) -> pd.DataFrame:
    """Pillars of the national strategy (``pilar_1`` .. ``pilar_5``) with no intervention.

    An intervention covers a pillar through its ``pillar`` property. Columns:
    ``TAXONOMY_COLUMNS`` (``interventions`` counts them, ``gap`` is True at zero).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Intervention:a", label="Intervention", id="a", pillar="pilar_2")
    >>> tax = {"pillars": {"verified": True, "items": [
    ...     {"id": "pilar_1", "id_name": "Komitmen", "en_name": "Commitment"},
    ...     {"id": "pilar_2", "id_name": "Komunikasi", "en_name": "Communication"}]}}
    >>> pillar_gaps(G, taxonomy=tax)[["taxonomy_id", "name_en", "verification"]].values.tolist()
    [['pilar_1', 'Commitment', 'verified']]
    """
    return _property_gaps(G, taxonomy, "pillars", "pillar", "pillar", only_gaps)


def family_function_gaps(
    G: nx.MultiDiGraph, *, taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH, only_gaps: bool = True
) -> pd.DataFrame:
    """The eight family functions that no intervention serves (its ``family_function``).

    >>> G = nx.MultiDiGraph()
    >>> tax = {"eight_family_functions": {"verified": True, "items": [
    ...     {"id": "fungsi_ekonomi", "id_name": "Fungsi ekonomi", "en_name": "Economic"}]}}
    >>> family_function_gaps(G, taxonomy=tax)["taxonomy_id"].tolist()
    ['fungsi_ekonomi']
    """
    return _property_gaps(
        G, taxonomy, "eight_family_functions", "family_function", "family_function", only_gaps
    )


def _groups_by_taxonomy_id(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for key, data in sorted(G.nodes(data=True)):
        if data.get("label") == "TargetGroup" and data.get("taxonomy_id"):
            groups.setdefault(str(data["taxonomy_id"]), []).append(key)
    return groups


def _interventions_targeting(G: nx.MultiDiGraph, group_keys: Iterable[str]) -> list[str]:
    found = {
        str(G.nodes[u].get("id"))
        for g in group_keys
        for u, _, k in G.in_edges(g, keys=True)
        if k == "TARGETS" and G.nodes[u].get("label") == "Intervention"
    }
    return sorted(found)


def target_group_gaps(
    G: nx.MultiDiGraph, *, taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH, only_gaps: bool = True
) -> pd.DataFrame:
    """The strategy's target groups that no intervention ``TARGETS``.

    A graph ``TargetGroup`` stands for a taxonomy group through its ``taxonomy_id``; a
    programme's ``TARGETS`` does not count (it says whom the programme addresses, not
    that any activity reached them). Extra columns: ``graph_groups`` (the TargetGroup
    keys that carry the taxonomy id; empty when the graph has no such group at all) and
    ``in_perpres``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("TargetGroup:bumil", label="TargetGroup", id="bumil", taxonomy_id="ibu_hamil")
    >>> tax = {"target_groups": {"verified": True, "items": [
    ...     {"id": "ibu_hamil", "id_name": "Ibu hamil", "en_name": "Pregnant women"}]}}
    >>> target_group_gaps(G, taxonomy=tax)[["taxonomy_id", "graph_groups"]].values.tolist()
    [['ibu_hamil', ['TargetGroup:bumil']]]
    """
    section, items = _section(load_taxonomy(taxonomy), "target_groups")
    groups = _groups_by_taxonomy_id(G)
    rows = []
    for item in items:
        keys = groups.get(str(item.get("id")), [])
        row = _taxonomy_row("target_group", item, section, _interventions_targeting(G, keys))
        rows.append({**row, "graph_groups": keys, "in_perpres": item.get("in_perpres")})
    return _frame(rows, only_gaps, [*TAXONOMY_COLUMNS, "graph_groups", "in_perpres"])


def intervention_type_gaps(
    G: nx.MultiDiGraph,
    *,
    taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH,
    by_target_group: bool = False,
    only_gaps: bool = True,
) -> pd.DataFrame:
    """Specific and sensitive intervention types with no intervention of that kind.

    The taxonomy's ``spesifik`` / ``sensitif`` match ``intervention_kind`` ``specific`` /
    ``sensitive`` (``KIND_OF_TYPE``). With ``by_target_group=True`` there is one row per
    type and taxonomy target group (``target_group``, ``target_group_name_id``,
    ``target_group_name_en``), counting the interventions of that kind that target the
    group: for instance a group reached by sensitive work but by no specific service.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Intervention:a", label="Intervention", id="a", intervention_kind="sensitive")
    >>> tax = {"intervention_types": [
    ...     {"id": "spesifik", "id_name": "Intervensi Spesifik", "en_name": "Specific"},
    ...     {"id": "sensitif", "id_name": "Intervensi Sensitif", "en_name": "Sensitive",
    ...      "verified": True}]}
    >>> intervention_type_gaps(G, taxonomy=tax)[["taxonomy_id", "verification"]].values.tolist()
    [['spesifik', 'not_verified']]
    """
    tax = load_taxonomy(taxonomy)
    section, items = _section(tax, "intervention_types")
    kinds = {str(i["id"]): i.get("intervention_kind") for i in _interventions(G)}
    if not by_target_group:
        rows = [
            _taxonomy_row("intervention_type", item, section, _of_kind(kinds, item, sorted(kinds)))
            for item in items
        ]
        return _frame(rows, only_gaps, TAXONOMY_COLUMNS)
    return _type_by_group_rows(G, tax, section, items, kinds, only_gaps)


def _of_kind(kinds: Mapping[str, Any], item: Mapping[str, Any], ids: Iterable[str]) -> list[str]:
    kind = KIND_OF_TYPE.get(str(item.get("id")), item.get("id"))
    return [i for i in ids if kinds.get(i) == kind]


def _type_by_group_rows(
    G: nx.MultiDiGraph,
    tax: Mapping[str, Any],
    section: Mapping[str, Any],
    items: Sequence[Mapping[str, Any]],
    kinds: Mapping[str, Any],
    only_gaps: bool,
) -> pd.DataFrame:
    _, groups = _section(tax, "target_groups")
    by_id = _groups_by_taxonomy_id(G)
    rows = []
    for item, group in itertools.product(items, groups):
        targeting = _interventions_targeting(G, by_id.get(str(group.get("id")), []))
        row = _taxonomy_row("intervention_type", item, section, _of_kind(kinds, item, targeting))
        rows.append(
            {
                **row,
                "target_group": group.get("id"),
                "target_group_name_id": group.get("id_name"),
                "target_group_name_en": group.get("en_name"),
            }
        )
    columns = [*TAXONOMY_COLUMNS, "target_group", "target_group_name_id", "target_group_name_en"]
    return _frame(rows, only_gaps, columns)


# -- mandated actors -------------------------------------------------------------------------
def _item(
    group: str,
    item_id: str,
    name_id: str,
    name_en: str,
    verification: str,
    maps_to: str | None = None,
) -> dict[str, Any]:
    return {
        "group": group,
        "taxonomy_id": item_id,
        "name_id": name_id,
        "name_en": name_en,
        "verification": verification,
        "maps_to": maps_to,
    }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def _gloss(text: str) -> str:
    """An English gloss given in parentheses ("Bidan (midwife)"), else the text itself."""
    found = re.search(r"\(([a-z][a-z \-]*)\)", text)
    return found.group(1) if found else text


def mandated_actor_items(taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH) -> list[dict[str, Any]]:
    """The bodies and roles a village is expected to have, as listed by the taxonomy.

    Groups: ``governance_actors`` (TPPS, TPK, Dashat, BAAS, Rembuk Stunting, ...; an item
    that lists ``members`` is expanded instead), ``tpps_desa_members`` and ``tpk_members``
    (one item per member), ``pokja_sections`` (``kampung_kb_pokja.sections_seksi``, with
    the family function each serves in ``maps_to``).

    >>> tax = {"governance_actors": {"verified": "partly", "items": [
    ...     {"id": "tpk", "id_name": "Tim Pendamping Keluarga (TPK)", "en_name": "Family team",
    ...      "members": ["Bidan (midwife)"], "verified": True}]}}
    >>> [(i["group"], i["name_id"], i["name_en"]) for i in mandated_actor_items(tax)]
    [('governance_actors', 'Tim Pendamping Keluarga (TPK)', 'Family team'), ('tpk_members', 'Bidan (midwife)', 'midwife')]
    """
    tax = load_taxonomy(taxonomy)
    section, actors = _section(tax, "governance_actors")
    items = []
    for actor in actors:
        verification = verification_of(actor, section)
        if actor.get("id_name") and actor.get("id") != "tpps_desa_members":
            items.append(
                _item(
                    "governance_actors",
                    str(actor.get("id")),
                    actor["id_name"],
                    actor.get("en_name") or actor["id_name"],
                    verification,
                )
            )
        group = (
            "tpps_desa_members"
            if actor.get("id") == "tpps_desa_members"
            else (f"{actor.get('id')}_members")
        )
        for member in actor.get("members") or []:
            items.append(_item(group, _slug(member), member, _gloss(member), verification))
    pokja = tax.get("kampung_kb_pokja") or {}
    for seksi in pokja.get("sections_seksi") or []:
        items.append(
            _item(
                "pokja_sections",
                _slug(seksi.get("id_name", "")),
                seksi.get("id_name"),
                seksi.get("en_name"),
                verification_of(seksi, pokja),
                seksi.get("maps_to"),
            )
        )
    return items


_GLOSS_OR_QUALIFIER = re.compile(r"^[a-z][a-z .\-/]*$")


def _parenthetical_terms(inner: str) -> list[str]:
    """Terms from a parenthesis: an acronym or name ("TPPS", "Dashat") or a comma list.

    Lower-case glosses and qualifiers ("midwife", "desa/kabupaten") give no term: they
    would match every node with "desa" in its name.
    """
    if "," in inner:
        return [part.strip() for part in inner.split(",") if part.strip()]
    if _GLOSS_OR_QUALIFIER.match(inner.strip()):
        return []
    return [inner.strip()]


def _expand_slashes(text: str) -> list[str]:
    """``"Seksi Sosialisasi/Pendidikan"`` -> ``["Seksi Sosialisasi", "Seksi Pendidikan"]``."""
    words = [w.split("/") for w in text.split()]
    return [" ".join(combo) for combo in itertools.product(*words)]


def match_terms(name: str) -> list[str]:
    """The phrases an expected body or role is recognised by in the graph.

    Parenthesised acronyms and lists become terms of their own; the rest is split at
    `` / `` into alternatives, and a word with a slash inside (``Bapak/Bunda``) gives one
    alternative per variant.

    >>> match_terms("Bapak/Bunda Asuh Anak Stunting (BAAS)")
    ['BAAS', 'Bapak Asuh Anak Stunting', 'Bunda Asuh Anak Stunting']
    >>> match_terms("Rembuk Stunting (desa/kabupaten)")
    ['Rembuk Stunting']
    >>> match_terms("Penyuluh KB / PLKB")
    ['Penyuluh KB', 'PLKB']
    """
    terms: list[str] = []
    for inner in re.findall(r"\(([^)]*)\)", name):
        terms += _parenthetical_terms(inner)
    base = re.sub(r"\([^)]*\)", " ", name)
    for part in re.split(r"\s+/\s+", base):
        terms += _expand_slashes(" ".join(part.split()))
    return [t for t in dict.fromkeys(terms) if _words(t)]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^0-9a-z]+", str(text).casefold()) if w)


def _node_names(data: Mapping[str, Any]) -> list[str]:
    names = [data.get("name"), data.get("name_en"), data.get("id"), *(data.get("aliases") or [])]
    return [str(n) for n in names if n]


def _term_matches(term_words: frozenset[str], name_words: frozenset[str]) -> bool:
    """All words of the term are in the name; or a name of two words or more lies wholly
    inside the term (the graph's "bapak asuh" for the taxonomy's "Bapak Asuh Anak Stunting")."""
    return term_words <= name_words or (len(name_words) >= 2 and name_words <= term_words)


NameIndex = list[tuple[str, list[frozenset[str]]]]


def _name_index(G: nx.MultiDiGraph) -> NameIndex:
    """The words of every name of every Actor and Program, split once for all items."""
    return [
        (key, [_words(name) for name in _node_names(data)])
        for key, data in G.nodes(data=True)
        if data.get("label") in ("Actor", "Program")
    ]


def _matches(index: NameIndex, terms: Sequence[str]) -> tuple[list[str], list[str]]:
    nodes, used = set(), set()
    for term in terms:
        term_words = _words(term)
        for key, names in index:
            if any(_term_matches(term_words, name) for name in names):
                nodes.add(key)
                used.add(term)
    return sorted(nodes), [t for t in terms if t in used]


def mandated_actor_gaps(
    G: nx.MultiDiGraph, *, taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH, only_gaps: bool = True
) -> pd.DataFrame:
    """Bodies and roles the village structures mandate that no Actor or Program stands for.

    Matching, so that a user can check it: each expected item gives its match terms
    (:func:`match_terms` of the Indonesian and the English name, plus the taxonomy id).
    An ``Actor`` or ``Program`` node (Dashat is a programme in the graph) matches when,
    for one term and one of the node's names (``name``, ``name_en``, ``id``, an alias),
    every word of the term occurs in that name, or a name of two words or more lies
    wholly inside the term. Words are compared case-insensitively, split at anything
    that is not a letter or digit. Any level counts: a TPPS of the kecamatan matches TPPS.

    Columns: ``group, taxonomy_id, name_id, name_en, verification, maps_to, present,
    matched_nodes, matched_terms, gap``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Actor:tpk", label="Actor", id="tpk", name="Tim Pendamping Keluarga (TPK)")
    >>> tax = {"kampung_kb_pokja": {"verified": True, "sections_seksi": [
    ...     {"id_name": "Seksi Ekonomi", "en_name": "Economy section"}]},
    ...     "governance_actors": {"verified": True, "items": [
    ...     {"id": "tpk", "id_name": "Tim Pendamping Keluarga (TPK)", "en_name": "TPK"}]}}
    >>> mandated_actor_gaps(G, taxonomy=tax, only_gaps=False)[
    ...     ["name_id", "matched_nodes", "gap"]].values.tolist()
    [['Tim Pendamping Keluarga (TPK)', ['Actor:tpk'], False], ['Seksi Ekonomi', [], True]]
    """
    index = _name_index(G)
    rows = []
    for item in mandated_actor_items(taxonomy):
        terms = [*match_terms(item["name_id"] or ""), *match_terms(item["name_en"] or "")]
        if item["group"] == "governance_actors":
            terms.append(item["taxonomy_id"])
        nodes, used = _matches(index, list(dict.fromkeys(terms)))
        rows.append(
            {
                **item,
                "present": bool(nodes),
                "matched_nodes": nodes,
                "matched_terms": used,
                "gap": not nodes,
            }
        )
    columns = [
        "group",
        "taxonomy_id",
        "name_id",
        "name_en",
        "verification",
        "maps_to",
        "present",
        "matched_nodes",
        "matched_terms",
        "gap",
    ]
    return _frame(rows, only_gaps, columns).astype({"present": bool})


# -- actors on the margins -------------------------------------------------------------------
ACTOR_COLUMNS = [
    "actor",
    "actor_id",
    "name_id",
    "name_en",
    "actor_type",
    "level",
    "sector",
    "sector_name_id",
    "sector_name_en",
]


def _actor_columns(key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    sector = data.get("sector")
    names = SECTOR_NAMES.get(str(sector), (sector, sector))
    return {
        "actor": key,
        "actor_id": data.get("id"),
        "name_id": data.get("name"),
        "name_en": data.get("name_en") or data.get("name"),
        "actor_type": data.get("actor_type"),
        "level": data.get("level"),
        "sector": sector,
        "sector_name_id": names[0],
        "sector_name_en": names[1],
    }


def isolated_actors(G: nx.MultiDiGraph, *, projection: nx.Graph | None = None) -> pd.DataFrame:
    """Actors with no relationship at all, and actors with no collaboration edge.

    ``reason`` is ``no_relationship`` (degree 0 in the full graph) or ``no_collaboration``
    (linked to something, a policy or a place say, but to no other actor in the
    collaboration projection). ``projection`` is the projection to use (default:
    ``collaboration_projection(G)``). Extra columns: ``relationships`` (the actor's
    degree in ``G``), ``reason_id``, ``reason_en``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Actor:a", label="Actor", id="a", name="A", sector="health")
    >>> G.add_node("Actor:b", label="Actor", id="b", name="B", sector="health")
    >>> G.add_node("Place:p", label="Place", id="p", name="P")
    >>> _ = G.add_edge("Actor:b", "Place:p", key="LOCATED_IN", type="LOCATED_IN")
    >>> isolated_actors(G)[["actor", "reason", "relationships"]].values.tolist()
    [['Actor:a', 'no_relationship', 0], ['Actor:b', 'no_collaboration', 1]]
    """
    P = collaboration_projection(G) if projection is None else projection
    texts = {
        "no_relationship": ("tidak punya hubungan apa pun", "no relationship at all"),
        "no_collaboration": (
            "tidak terhubung dengan aktor lain",
            "no collaboration with any actor",
        ),
    }
    rows = []
    for key, data in sorted(G.nodes(data=True)):
        if data.get("label") != "Actor":
            continue
        degree = G.degree(key)
        if degree == 0:
            reason = "no_relationship"
        elif key not in P or P.degree(key) == 0:
            reason = "no_collaboration"
        else:
            continue
        rows.append(
            {
                **_actor_columns(key, data),
                "relationships": int(degree),
                "reason": reason,
                "reason_id": texts[reason][0],
                "reason_en": texts[reason][1],
            }
        )
    columns = [*ACTOR_COLUMNS, "relationships", "reason", "reason_id", "reason_en"]
    return pd.DataFrame(rows, columns=columns)


_SECTOR_LISTS = ("cut_off_sectors", "other_sectors", "sectors_cut_off")
BRIDGE_COLUMNS = [
    *ACTOR_COLUMNS,
    "cut_off_actors",
    "cut_off_names_id",
    "cut_off_names_en",
    *_SECTOR_LISTS,
    *(f"{c}_{lang}" for c in _SECTOR_LISTS for lang in ("id", "en")),
]


def _sector_names(sectors: Sequence[str]) -> tuple[str, str]:
    names = [SECTOR_NAMES.get(s, (s, s)) for s in sectors]
    return ", ".join(n[0] for n in names), ", ".join(n[1] for n in names)


@dataclass
class _Piece:
    """One piece a cut vertex's component falls into without it."""

    size: int
    min_key: str
    sectors: Counter[str]
    nodes: Callable[[], list[str]]  # listed only for the pieces that are reported


@dataclass
class _Search:
    """A depth-first search of one connected component, with what each subtree holds."""

    order: list[str] = field(default_factory=list)  # preorder
    disc: dict[str, int] = field(default_factory=dict)
    low: dict[str, int] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    size: dict[str, int] = field(default_factory=dict)
    min_key: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, Counter[str]] = field(default_factory=dict)

    def subtree(self, node: str) -> list[str]:
        start = self.disc[node]
        return self.order[start : start + self.size[node]]


def _own_sector(P: nx.Graph, node: str) -> Counter[str]:
    sector = P.nodes[node].get("sector")
    return Counter([str(sector)]) if sector else Counter()


def _search(P: nx.Graph, root: str) -> _Search:
    """Iterative DFS (no recursion limit on long chains) with Tarjan's low points."""
    s = _Search(order=[root], disc={root: 0}, low={root: 0})
    parent: dict[str, str | None] = {root: None}
    stack = [(root, iter(P[root]))]
    while stack:
        node, neighbours = stack[-1]
        for other in neighbours:
            if other not in s.disc:
                s.disc[other] = s.low[other] = len(s.order)
                s.order.append(other)
                parent[other] = node
                s.children[node].append(other)
                stack.append((other, iter(P[other])))
                break
            if other != parent[node] and other != node:
                s.low[node] = min(s.low[node], s.disc[other])
        else:
            stack.pop()
            if stack:
                up = stack[-1][0]
                s.low[up] = min(s.low[up], s.low[node])
    for node in reversed(s.order):  # children before parents
        kids = s.children.get(node, [])
        s.size[node] = 1 + sum(s.size[k] for k in kids)
        s.min_key[node] = min([node, *(s.min_key[k] for k in kids)])
        s.sectors[node] = sum((s.sectors[k] for k in kids), _own_sector(P, node))
    return s


def _pieces_at(P: nx.Graph, s: _Search, cut: str) -> list[_Piece]:
    """The pieces without ``cut``, the main piece first: the largest, ties to the one
    holding the smallest key, so the rows name what hangs off the network."""
    root = s.order[0]
    kids = s.children.get(cut, [])
    split = [k for k in kids if s.low[k] >= s.disc[cut]] if cut != root else kids
    pieces = [
        _Piece(s.size[k], s.min_key[k], s.sectors[k], lambda k=k: s.subtree(k)) for k in split
    ]
    if cut != root:  # the part that holds the root: everything else
        kept = [k for k in kids if k not in split]

        def rest() -> list[str]:
            start, end = s.disc[cut], s.disc[cut] + s.size[cut]
            inside = [n for k in kept for n in s.subtree(k)]
            return s.order[:start] + s.order[end:] + inside

        counts = s.sectors[root] - _own_sector(P, cut)
        for piece in pieces:
            counts = counts - piece.sectors
        size = len(s.order) - 1 - sum(p.size for p in pieces)
        pieces.append(_Piece(size, root, counts, rest))
    return sorted(pieces, key=lambda p: (-p.size, p.min_key))


def _cut_pieces(P: nx.Graph) -> Iterator[tuple[str, list[_Piece]]]:
    """Every cut vertex with its pieces, in one linear pass per component."""
    found = []
    for component in nx.connected_components(P):
        s = _search(P, min(component))
        root = s.order[0]
        for node in s.order:
            kids = s.children.get(node, [])
            is_cut = len(kids) >= 2 if node == root else any(s.low[k] >= s.disc[node] for k in kids)
            if is_cut:
                found.append((node, s))
    for node, s in sorted(found, key=lambda item: item[0]):
        yield node, _pieces_at(P, s, node)


def _bridge_row(
    P: nx.Graph, cut: str, piece: list[str], cut_off: list[str], beyond: list[str]
) -> dict[str, Any]:
    only_here = [x for x in cut_off if x not in beyond and x != P.nodes[cut].get("sector")]
    piece = sorted(piece)
    row = {
        **_actor_columns(cut, P.nodes[cut]),
        "cut_off_actors": piece,
        "cut_off_names_id": [P.nodes[n].get("name") for n in piece],
        "cut_off_names_en": [P.nodes[n].get("name_en") or P.nodes[n].get("name") for n in piece],
        "cut_off_sectors": cut_off,
        "other_sectors": beyond,
        "sectors_cut_off": only_here,
    }
    for column in _SECTOR_LISTS:
        row[f"{column}_id"], row[f"{column}_en"] = _sector_names(row[column])
    return row


def sector_bridges(G: nx.MultiDiGraph, *, projection: nx.Graph | None = None) -> pd.DataFrame:
    """Actors that alone tie a group of actors, and their sectors, to the rest of the network.

    For every cut vertex (articulation point) of the collaboration projection, one row per
    piece that falls off when the actor is taken away (every piece but the largest): the
    actors cut off (``cut_off_actors`` and their names), their sectors
    (``cut_off_sectors``), the sectors of the rest of the actor's component without it
    (``other_sectors``) and the sectors that lose every tie to the rest
    (``sectors_cut_off``: present in the piece only, and not the bridge's own sector).
    Each sector list also comes as joined names, ``<column>_id`` and ``<column>_en``.
    A cut that separates actors of one and the same sector as the bridge, with nothing
    else around, is not a bridge between sectors and is left out.

    >>> G = nx.MultiDiGraph()
    >>> for key, sector in [("Actor:h", "health"), ("Actor:k", "governance"),
    ...                     ("Actor:g", "governance"), ("Actor:r", "religion")]:
    ...     G.add_node(key, label="Actor", id=key[6:], name=key[6:], sector=sector)
    >>> for u, v in [("Actor:k", "Actor:h"), ("Actor:k", "Actor:g"), ("Actor:g", "Actor:r")]:
    ...     _ = G.add_edge(u, v, key="COLLABORATES_WITH", type="COLLABORATES_WITH")
    >>> sector_bridges(G)[["actor", "cut_off_actors", "other_sectors", "sectors_cut_off_en"]
    ...                   ].values.tolist()
    [['Actor:g', ['Actor:r'], ['governance', 'health'], 'Religion'], ['Actor:k', ['Actor:h'], ['governance', 'religion'], 'Health']]
    """
    P = collaboration_projection(G) if projection is None else projection
    rows = []
    for cut, pieces in _cut_pieces(P):
        total = sum((p.sectors for p in pieces), Counter())
        own = P.nodes[cut].get("sector")
        for piece in pieces[1:]:
            cut_off = sorted(piece.sectors)
            beyond = sorted(total - piece.sectors)
            if set(cut_off) | set(beyond) <= {own}:
                continue  # all one sector: a cut inside a sector, not between sectors
            rows.append(_bridge_row(P, cut, piece.nodes(), cut_off, beyond))
    return pd.DataFrame(rows, columns=BRIDGE_COLUMNS)


def gap_report(
    G: nx.MultiDiGraph, *, taxonomy: Taxonomy = DEFAULT_TAXONOMY_PATH
) -> dict[str, pd.DataFrame]:
    """Every gap analysis at once, the taxonomy read once and the projection built once."""
    tax = load_taxonomy(taxonomy)
    P = collaboration_projection(G)
    return {
        "pillars": pillar_gaps(G, taxonomy=tax),
        "family_functions": family_function_gaps(G, taxonomy=tax),
        "target_groups": target_group_gaps(G, taxonomy=tax),
        "intervention_types": intervention_type_gaps(G, taxonomy=tax),
        "intervention_types_by_target_group": intervention_type_gaps(
            G, taxonomy=tax, by_target_group=True
        ),
        "mandated_actors": mandated_actor_gaps(G, taxonomy=tax),
        "isolated_actors": isolated_actors(G, projection=P),
        "sector_bridges": sector_bridges(G, projection=P),
    }
