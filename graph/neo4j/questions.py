"""The Cypher of the named questions (:mod:`graph.questions`), kept as data.

One text per question, or a builder for the two kinds whose query names a schema label or
relationship type (the evidence question's label, the factor questions' relationship type): the
name is checked against the schema's closed sets and quoted by :func:`quote_identifier`; every
value travels as a ``$parameter``. Each text ends in the ORDER BY that the question's ``order``
stands for (:func:`order_clause`), so Neo4j returns the rows in the order the NetworkX answer
sorts them. :meth:`graph.neo4j.store.Neo4jStore.ask` runs them on a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from textwrap import dedent
from typing import Any

from graph.neo4j.cypher import quote_identifier
from graph.questions import Question, get_question, query_values
from graph.schema import check_label

__all__ = ["CYPHER", "cypher_for", "order_clause"]

Params = Mapping[str, Any]

# The actor's neighbours in the collaboration network (graph.collaboration): one row per
# distinct (reason, shared node) from the branches below, counted per partner. The reason codes
# and relationship types travel as fixed parameters of the question.
PARTNERS = dedent("""
    MATCH (a:Actor {id: $actor_id})
    CALL (a) {
      MATCH (a)-[r]-(p:Actor)
      WHERE p <> a AND type(r) IN keys($direct)
      RETURN p, $direct[type(r)] AS reason, null AS via
      UNION
      MATCH (a)-[r1]->(x)<-[r2]-(p:Actor)
      WHERE p <> a AND (x:Intervention OR x:Program) AND type(r1) IN $work AND type(r2) IN $work
      RETURN p, CASE WHEN x:Intervention THEN 'same_intervention' ELSE 'same_programme' END
               AS reason,
             CASE WHEN x:Intervention THEN 'Intervention:' ELSE 'Program:' END + x.id AS via
      UNION
      MATCH (a)-[r1]->(x:Actor)<-[r2]-(p:Actor)
      WHERE p <> a AND type(r1) IN $body AND type(r2) IN $body
      RETURN p, 'same_body' AS reason, 'Actor:' + x.id AS via
      UNION
      MATCH (g:Program)-[:COLLABORATES_WITH]->(a), (p:Actor)-[r]->(g)
      WHERE p <> a AND type(r) IN $runners
      RETURN p, 'programme_partner' AS reason, 'Program:' + g.id AS via
      UNION
      MATCH (a)-[r]->(g:Program)-[:COLLABORATES_WITH]->(p:Actor)
      WHERE p <> a AND type(r) IN $runners
      RETURN p, 'programme_partner' AS reason, 'Program:' + g.id AS via
    }
    WITH a, p, count(*) AS links, collect(DISTINCT reason) AS reasons, collect(DISTINCT via) AS via
    RETURN p.id AS partner_id, p.name AS partner, p.name_en AS partner_en,
           COLLECT { MATCH (a)-[r]->(p) WHERE type(r) IN keys($direct)
                     RETURN DISTINCT type(r) AS t ORDER BY t } AS outgoing,
           COLLECT { MATCH (a)<-[r]-(p) WHERE type(r) IN keys($direct)
                     RETURN DISTINCT type(r) AS t ORDER BY t } AS incoming,
           reasons, via, links
    ORDER BY links DESC, partner_id
""").strip()


TARGET_GROUP_INTERVENTIONS = dedent("""
    MATCH (i:Intervention)-[:TARGETS]->(:TargetGroup {id: $target_group_id})
    RETURN i.id AS intervention_id, i.name AS intervention, i.name_en AS intervention_en,
           i.intervention_kind AS intervention_kind, i.pillar AS pillar,
           COLLECT { MATCH (i)-[:PART_OF]->(g:Program) RETURN g.id AS g ORDER BY g } AS programs,
           COLLECT { MATCH (a:Actor)-[:IMPLEMENTS]->(i) RETURN a.id AS a ORDER BY a } AS implementers
    ORDER BY intervention_id
""").strip()


WHO_FUNDS_WHAT = dedent("""
    MATCH (a:Actor)-[f:FUNDS]->(x)
    RETURN a.id AS funder_id, a.name AS funder, labels(x)[0] AS funded_label, x.id AS funded_id,
           x.name AS funded, f.amount AS amount, f.currency AS currency
    ORDER BY funder_id, funded_label, funded_id
""").strip()


# A total is only meaningful within one currency, and only over amounts the sources state: a
# funder whose amounts are all unknown gets no total (null), not zero.
FUNDING_PER_FUNDER = dedent("""
    MATCH (a:Actor)-[f:FUNDS]->()
    WITH a, f.currency AS currency, count(f) AS funded, count(f.amount) AS amounts_known,
         sum(f.amount) AS summed
    RETURN a.id AS funder_id, a.name AS funder, currency, funded, amounts_known,
           CASE WHEN amounts_known = 0 THEN null ELSE summed END AS total
    ORDER BY funder_id, currency
""").strip()


def _factor_cypher(rel_type: str, role: str, effect: str) -> str:
    """Cypher for the factors of ``$factor_kind`` and what they ``rel_type`` (ENABLES, HINDERS)."""
    rel = quote_identifier(rel_type)
    return dedent(f"""
        MATCH (f:Factor {{factor_kind: $factor_kind}})-[:{rel}]->(x)
        RETURN f.id AS {role}_id, f.name AS {role}, f.name_en AS {role}_en, f.dimension AS dimension,
               labels(x)[0] AS {effect}_label, x.id AS {effect}_id, x.name AS {effect}
        ORDER BY {role}_id, {effect}_label, {effect}_id
    """).strip()


PROGRAM_INTERVENTIONS = dedent("""
    MATCH (g:Program)-[:PART_OF*0..]->(top:Program {id: $program_id})
    WHERE $include_sub_programs OR g = top
    WITH DISTINCT g
    MATCH (i:Intervention)-[:PART_OF]->(g)
    RETURN g.id AS program_id, i.id AS intervention_id, i.name AS intervention,
           i.name_en AS intervention_en, i.intervention_kind AS intervention_kind,
           i.pillar AS pillar, i.quantity AS quantity, i.unit AS unit, i.frequency AS frequency,
           coalesce(i.innovation, false) AS innovation
    ORDER BY program_id, intervention_kind, intervention_id
""").strip()


WHO_IMPLEMENTS_WHAT = dedent("""
    MATCH (a:Actor)-[:IMPLEMENTS]->(x)
    RETURN a.id AS actor_id, a.name AS actor, a.level AS level, labels(x)[0] AS implemented_label,
           x.id AS implemented_id, x.name AS implemented, x.intervention_kind AS intervention_kind
    ORDER BY actor_id, implemented_label, implemented_id
""").strip()


# Levels sort from the top of government down (the schema's order), not alphabetically; the
# rank is computed from the $levels list because Cypher has no index-of without APOC.
ACTORS_BY_LEVEL_AND_SECTOR = dedent("""
    MATCH (a:Actor)
    WITH a.level AS level, a.sector AS sector, count(*) AS actors
    WITH level, sector, actors,
         [k IN range(0, size($levels) - 1) WHERE $levels[k] = level][0] AS level_rank
    RETURN level, sector, actors,
           COLLECT { MATCH (b:Actor) WHERE b.level = level AND b.sector = sector
                     RETURN b.id AS b ORDER BY b } AS actor_ids
    ORDER BY level_rank, level, sector
""").strip()


TARGET_GROUPS_WITHOUT_INTERVENTION = dedent("""
    MATCH (t:TargetGroup)
    WHERE NOT EXISTS { (:Intervention)-[:TARGETS]->(t) }
    RETURN t.id AS target_group_id, t.name AS target_group, t.name_en AS target_group_en,
           COLLECT { MATCH (g:Program)-[:TARGETS]->(t) RETURN g.id AS g ORDER BY g } AS programs
    ORDER BY target_group_id
""").strip()


# Instruments come first in the order so that each instrument's figures stay one run: survey and
# weighing-record values are never interleaved into one apparent series.
INDICATOR_SERIES = dedent("""
    MATCH (o:Observation)-[:OBSERVED_FOR]->(:Indicator {id: $indicator_id}),
          (o)-[:OBSERVED_IN]->(:Place {id: $place_id})
    RETURN o.instrument AS instrument, coalesce(toString(o.date), toString(o.year)) AS period,
           o.value AS value, o.value_text AS value_text, o.unit AS unit, o.source AS source,
           coalesce(o.target, false) AS target, o.ambiguity IS NOT NULL AS ambiguous,
           o.id AS observation_id
    ORDER BY instrument, period, observation_id
""").strip()


# Table names are matched without regard to case ("tabel 2" finds "Tabel 2"); printed total rows
# ("Jumlah") sort last, as the source prints them.
OBSERVATIONS_OF_TABLE = dedent("""
    MATCH (o:Observation)
    WHERE toLower(o.table) = toLower($table)
    RETURN o.table AS table, o.row AS row, o.column AS column, o.value AS value,
           o.value_text AS value_text, o.unit AS unit, o.instrument AS instrument,
           coalesce(o.printed_total, false) AS printed_total,
           head(COLLECT { MATCH (o)-[:OBSERVED_IN]->(q:Place) RETURN q.id AS q ORDER BY q })
             AS place_id,
           o.id AS observation_id
    ORDER BY printed_total, row, column, observation_id
""").strip()


# Which source a claim comes from is in its evidence locators (JSON text on Neo4j), or in a
# CITES link; the locators are decoded in the shared finishing step, identically for both stores.
CLAIMS_OF_SOURCE = dedent("""
    MATCH (c:Claim)
    RETURN c.id AS claim_id, c.name AS claim, c.claim_kind AS claim_kind, c.asserted AS asserted,
           c.basis AS basis,
           COLLECT { MATCH (c)-[:CONCERNS]->(x) RETURN labels(x)[0] + ':' + x.id AS k ORDER BY k }
             AS concerns,
           EXISTS { (c)-[:CITES]->(:Source {id: $source_id}) } AS cites,
           c.evidence AS evidence
    ORDER BY claim_id
""").strip()


POLICIES_MANDATING = dedent("""
    MATCH (s)-[:MANDATED_BY]->(p:Policy)
    WHERE s.id = $subject_id
    RETURN labels(s)[0] AS subject_label, s.id AS subject_id, p.id AS policy_id, p.name AS policy,
           p.policy_kind AS policy_kind, p.number AS number, p.year AS year,
           COLLECT { MATCH (a:Actor)-[:ISSUED]->(p) RETURN a.id AS a ORDER BY a } AS issued_by
    ORDER BY subject_label, year, policy_id
""").strip()


PLACE_HIERARCHY = dedent("""
    MATCH path = (:Place {id: $place_id})-[:PART_OF*0..]->(up:Place)
    WITH up, min(length(path)) AS depth
    RETURN depth, up.id AS place_id, up.name AS place, up.place_level AS place_level,
           up.kemendagri_code AS kemendagri_code, up.bps_code AS bps_code
    ORDER BY depth, place_id
""").strip()


PLACES_WITHIN = dedent("""
    MATCH path = (down:Place)-[:PART_OF*1..]->(:Place {id: $place_id})
    WITH down, min(length(path)) AS depth
    RETURN depth, down.id AS place_id, down.name AS place, down.place_level AS place_level,
           down.kemendagri_code AS kemendagri_code, down.bps_code AS bps_code
    ORDER BY depth, kemendagri_code, place_id
""").strip()


INTERVENTIONS_BY_KIND = dedent("""
    MATCH (i:Intervention)
    WITH i.intervention_kind AS intervention_kind, count(*) AS interventions,
         sum(CASE WHEN i.innovation = true THEN 1 ELSE 0 END) AS innovations
    RETURN intervention_kind, interventions, innovations,
           COLLECT { MATCH (j:Intervention) WHERE j.intervention_kind = intervention_kind
                     RETURN j.id AS j ORDER BY j } AS intervention_ids
    ORDER BY interventions DESC, intervention_kind
""").strip()


LOCAL_INNOVATIONS = dedent("""
    MATCH (i:Intervention)
    WHERE i.innovation = true
    RETURN i.id AS intervention_id, i.name AS intervention, i.name_en AS intervention_en,
           i.intervention_kind AS intervention_kind, i.family_function AS family_function,
           i.quantity AS quantity, i.unit AS unit,
           COLLECT { MATCH (a:Actor)-[:IMPLEMENTS|LEADS]->(i) RETURN DISTINCT a.id AS a ORDER BY a }
             AS carried_by,
           COLLECT { MATCH (a:Actor)-[:FUNDS|SUPPORTS]->(i) RETURN DISTINCT a.id AS a ORDER BY a }
             AS backed_by,
           COLLECT { MATCH (i)-[:TARGETS]->(t:TargetGroup) RETURN t.id AS t ORDER BY t }
             AS target_groups
    ORDER BY intervention_id
""").strip()


ACTORS_IN_PLACE = dedent("""
    MATCH (q:Place)-[:PART_OF*0..]->(top:Place {id: $place_id})
    WHERE $include_sub_places OR q = top
    WITH DISTINCT q
    MATCH (a:Actor)-[:LOCATED_IN]->(q)
    RETURN q.id AS located_in, a.id AS actor_id, a.name AS actor, a.name_en AS actor_en,
           a.actor_type AS actor_type, a.sector AS sector, a.level AS level
    ORDER BY located_in, actor_id
""").strip()


def _evidence_cypher(p: Params) -> str:
    """Cypher for one node's evidence; the label is checked against the schema, then quoted."""
    label = quote_identifier(check_label(p["label"]))
    return f"MATCH (n:{label} {{id: $node_id}})\nRETURN n.evidence AS evidence"


AMBIGUOUS_OBSERVATIONS = dedent("""
    MATCH (o:Observation)
    WHERE o.ambiguity IS NOT NULL
    RETURN head(COLLECT { MATCH (o)-[:OBSERVED_FOR]->(i:Indicator) RETURN i.id AS i ORDER BY i })
             AS indicator_id,
           head(COLLECT { MATCH (o)-[:OBSERVED_IN]->(q:Place) RETURN q.id AS q ORDER BY q })
             AS place_id,
           coalesce(toString(o.date), toString(o.year)) AS period, o.value_text AS value_text,
           o.value AS value, o.instrument AS instrument, o.ambiguity AS ambiguity,
           o.id AS observation_id
    ORDER BY indicator_id, place_id, period, observation_id
""").strip()


# The Cypher of each question, by name: a text, or a builder given the question's values.
CYPHER: dict[str, str | Callable[[Params], str]] = {
    "partners_of_actor": PARTNERS,
    "interventions_for_target_group": TARGET_GROUP_INTERVENTIONS,
    "who_funds_what": WHO_FUNDS_WHAT,
    "funding_per_funder": FUNDING_PER_FUNDER,
    "barriers_and_what_they_hinder": _factor_cypher("HINDERS", "barrier", "hindered"),
    "enablers_and_what_they_enable": _factor_cypher("ENABLES", "enabler", "enabled"),
    "interventions_of_program": PROGRAM_INTERVENTIONS,
    "who_implements_what": WHO_IMPLEMENTS_WHAT,
    "actors_by_level_and_sector": ACTORS_BY_LEVEL_AND_SECTOR,
    "target_groups_without_intervention": TARGET_GROUPS_WITHOUT_INTERVENTION,
    "indicator_series": INDICATOR_SERIES,
    "observations_of_table": OBSERVATIONS_OF_TABLE,
    "claims_of_source": CLAIMS_OF_SOURCE,
    "policies_mandating": POLICIES_MANDATING,
    "place_hierarchy": PLACE_HIERARCHY,
    "places_within": PLACES_WITHIN,
    "interventions_by_kind": INTERVENTIONS_BY_KIND,
    "local_innovations": LOCAL_INNOVATIONS,
    "actors_in_place": ACTORS_IN_PLACE,
    "evidence_of_node": _evidence_cypher,
    "ambiguous_observations": AMBIGUOUS_OBSERVATIONS,
}


def cypher_for(name: str, params: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    """The Cypher text of a question and the values it runs with, ``(query, params)``.

    Raises :class:`graph.questions.UnknownQuestion` or :class:`graph.questions.BadParameter`
    before any text is built.

    >>> query, values = cypher_for("evidence_of_node", {"label": "Policy", "node_id": "inpres_3_2022"})
    >>> query.splitlines()[0], values
    ('MATCH (n:`Policy` {id: $node_id})', {'label': 'Policy', 'node_id': 'inpres_3_2022'})
    """
    question = get_question(name)
    values = query_values(question, params)
    text = CYPHER[name]
    return (text(values) if callable(text) else text), values


def order_clause(question: Question) -> str:
    """The ORDER BY clause that ``question.order`` stands for (its Cypher ends with it).

    >>> order_clause(get_question("partners_of_actor"))
    'ORDER BY links DESC, partner_id'
    """
    keys = ", ".join(f"{c} DESC" if desc else c for c, desc in question.order)
    return f"ORDER BY {keys}"
