"""A synthetic national programme network: generated, not observed, data for scale work.

Contract (what other modules may rely on)
-----------------------------------------
``generate(villages, seed, places=None)`` returns a :class:`SyntheticNetwork`. It is cheap
to create (it only lays out the administrative hierarchy) and yields records lazily:

* ``net.nodes()`` - node records, ``net.relationships()`` - relationship records, in the
  exact format of ``GraphStore.upsert_nodes`` / ``upsert_relationships`` / ``apply``
  (``graph.store.split_node`` / ``split_relationship``): a node is a dict with ``label``,
  ``id`` and the label's properties; a relationship has ``type``, ``start`` and ``end``
  (``"Label:id"``) and its properties. Every record passes ``graph.schema.validate_node`` /
  ``validate_relationship`` without ``extra_ok``. Each call starts a fresh, identical pass.
* ``nodes, rels = net`` also works (the two iterators above).
* ``net.units()`` - the same records grouped in small units ``(nodes, relationships)`` in
  dependency order: every relationship ends at nodes of its own unit or of an earlier one,
  so a loader can write unit after unit with bounded memory (see :func:`load`).
* ``net.villages`` - how many villages the network has (the places file may hold fewer than
  asked); ``net.notes`` - what the caller should know (such as that cap).

Everything is reproducible from ``seed``: the same arguments give identical records in the
same order; another seed gives other names, quantities, trends and links. Nothing depends on
the order of iteration: each village draws from its own generator seeded by ``seed`` and its
code.

Modules: ``catalogue`` (ids and wording), ``places`` (the hierarchy, made up or from a file),
``records`` (the record builder), ``actors`` (the nation, provinces, kabupaten, kecamatan),
``village`` (one village, step by step), ``network`` (:class:`SyntheticNetwork`,
:func:`generate`) and ``loading`` (:func:`load`).

Everything is marked as synthetic: ``synthetic: true`` on every node and relationship; every
name ends with "(sintetis)" and every English name with "(synthetic)"; every id starts with
``sintetis_``; every record's evidence is one locator into the Source node
``sintetis_jejaring`` (itself synthetic), whose note repeats that the data is generated.

Places. ``place_level`` is one of ``graph.schema.PLACE_LEVELS``: one ``country``
(``sintetis_wil_indonesia``), then ``province``, ``kabupaten``/``kota``, ``kecamatan`` and
``desa``/``kelurahan``; every place is ``PART_OF`` its parent, up to the country. Place ids
are ``sintetis_wil_<kemendagri_code>``. With ``places`` (a Kemendagri code file, see
``loaders.places``) the real codes and names of the file are used (a sample of whole
kabupaten chosen with the seed); without it the hierarchy is made up and its codes begin
with ``X`` (``X01.02.03.2004``), which no real code does.

Actors (``LOCATED_IN`` their place; ``actor_type``, ``sector``, ``level`` from the schema):

* per village: village head, BPD, TPPS desa, Pokja Kampung KB with 3-8 of its eight
  sections (``MEMBER_OF`` the Pokja), TPK and its members (midwife, PKK and KB cadres,
  ``MEMBER_OF`` the TPK), 1-4 Posyandu (level ``dusun_rw``) with their cadres, sometimes a
  religious leader;
* per kecamatan: camat, KUA, Puskesmas, PLKB, TPPS kecamatan;
* per kabupaten/kota: Dinas Kesehatan, DP3A, Baznas, Kodim, Bappeda, TPPS kabupaten;
* per province: TPPS provinsi, BKKBN provincial office, Dinas Kesehatan provinsi, Baznas
  provinsi; nationally: BKKBN, Kemenkes, Bappenas, Setwapres (TPPS pusat), Kemendes PDTT,
  Kemenag.

Programmes and interventions: a national Kampung KB programme (``sintetis_program_kampung_kb``)
and one Kampung KB per village (``PART_OF`` it, ``LOCATED_IN`` the village, led by the village
head, coordinated by the Pokja); per village 4-9 interventions drawn by kind (specific /
sensitive / convergence) from a catalogue built on the taxonomy's target groups, pillars and
family functions, each with a plausible quantity and unit, ``PART_OF`` the village's Kampung
KB, ``LOCATED_IN`` the village, ``TARGETS`` target groups, ``IMPLEMENTS`` by a village or
kecamatan actor, ``FUNDS`` (with ``amount`` and ``currency`` IDR) for money, sometimes
``CONTRIBUTES_TO`` the stunting indicator (``claim: reported_by_informants``).

Observations: stunting prevalence (indicator ``sintetis_prevalensi_stunting``) per village
from village weighing records (``instrument: e-PPGBM``) for 2-4 consecutive years between
2021 and 2024 with a mostly falling trend, and per kabupaten and province from surveys
(SSGI 2021, 2022, 2024; SKI 2023). ``OBSERVED_FOR`` the indicator, ``OBSERVED_IN`` the place.

Collaboration follows administrative proximity: within a village (``COLLABORATES_WITH``,
``LEADS``, ``COORDINATES``, ``MEMBER_OF``, ``SUPPORTS``), between a village and its own
kecamatan bodies (Puskesmas supports the Posyandu, PLKB the Pokja, KUA works with the
religious leader), between kecamatan and its kabupaten (TPPS chain, Dinas Kesehatan supports
the Puskesmas), up to province and nation; and, with probability 0.35, between the heads of
two neighbouring villages of one kecamatan. No (type, start, end) occurs twice.
"""

from __future__ import annotations

from loaders.synth.catalogue import SOURCE_ID
from loaders.synth.loading import LOAD_BATCH_SIZE, LoadResult, load
from loaders.synth.network import SyntheticNetwork, generate

__all__ = [
    "LOAD_BATCH_SIZE",
    "LoadResult",
    "SOURCE_ID",
    "SyntheticNetwork",
    "generate",
    "load",
]
