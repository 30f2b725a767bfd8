"""The catalogue of named questions, answered from the embedded store on the real case study.

Expected values are read off data/case_study/*.yaml by hand (network.yaml for links,
interventions.yaml, observations.yaml, places.yaml, ...), not recomputed from the graph.
"""

from __future__ import annotations

import json
import re

import networkx as nx
import pandas as pd
import pytest

from graph import questions
from graph.memory_store import MemoryStore
from graph.neo4j import questions as cypher
from graph.questions import BadParameter, Question, UnknownQuestion
from graph.schema import LABELS, LEVELS, REL_TYPES
from loaders.case_study import load_case_study
from queries.collaboration import collaboration_projection
from tests.conftest import DATA
from tests.unit.test_cli import run_cli

NAMES = [q.name for q in questions.QUESTIONS]


@pytest.fixture(scope="module")
def store(sources_dir):
    memory = MemoryStore(None)
    load_case_study(memory, DATA, sources_dir)
    return memory


def ask(store, name, **params):
    return store.ask(name, params)


def records(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    """Rows as plain tuples (pd.NA becomes None) of the chosen columns."""
    sub = frame[list(columns)].astype(object).where(frame[list(columns)].notna(), None)
    return [tuple(r) for r in sub.itertuples(index=False)]


def row_of(frame: pd.DataFrame, column: str, value) -> dict:
    rows = frame[frame[column] == value]
    assert len(rows) == 1, f"{column}={value!r}: {len(rows)} rows"
    return {k: (None if v is pd.NA else v) for k, v in rows.iloc[0].to_dict().items()}


# -- the listing -------------------------------------------------------------------------------


def test_list_questions_has_names_titles_descriptions_and_defaults():
    listing = questions.list_questions()
    assert len(listing) >= 15
    assert len({q["name"] for q in listing}) == len(listing)
    for q in listing:
        assert q["title_id"].strip() and q["title_en"].strip(), q["name"]
        assert q["description_id"].strip() and q["description_en"].strip(), q["name"]
        assert q["title_id"] != q["title_en"] or q["name"] == "local_innovations"
        for key, default in q["params"].items():
            assert default is not None and default != "", (q["name"], key)
            assert isinstance(default, (str, bool, int, float)), (q["name"], key)
        assert q["columns"]
    json.dumps(listing)  # the CLI prints it as JSON


def test_list_questions_names_the_examples_the_brief_asks_for():
    names = set(NAMES)
    assert {
        "partners_of_actor",
        "interventions_for_target_group",
        "who_funds_what",
        "funding_per_funder",
        "barriers_and_what_they_hinder",
        "enablers_and_what_they_enable",
        "interventions_of_program",
        "who_implements_what",
        "actors_by_level_and_sector",
        "target_groups_without_intervention",
        "indicator_series",
        "observations_of_table",
        "claims_of_source",
        "policies_mandating",
        "place_hierarchy",
        "interventions_by_kind",
        "local_innovations",
        "actors_in_place",
        "evidence_of_node",
    } <= names


# -- the Cypher text ---------------------------------------------------------------------------


def test_every_question_has_its_cypher_and_every_cypher_its_question():
    assert sorted(cypher.CYPHER) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_cypher_binds_every_value_as_a_parameter(name):
    question = questions.get_question(name)
    query, values = cypher.cypher_for(name)
    assert set(re.findall(r"\$(\w+)", query)) <= set(values)
    assert set(values) == set(question.params) | set(question.fixed)
    for key, value in question.params.items():
        if isinstance(value, str) and key != "label":  # the label is an identifier, checked
            assert value not in query, (name, key)


@pytest.mark.parametrize("name", NAMES)
def test_cypher_names_only_schema_labels_and_types(name):
    query, _ = cypher.cypher_for(name)
    labels = re.findall(r"\(\w*:`?(\w+)`?", query)
    types = [
        t
        for group in re.findall(r"\[\w*:([`\w|]+)", query)
        for t in group.replace("`", "").split("|")
    ]
    assert set(labels) <= LABELS and set(types) <= REL_TYPES


@pytest.mark.parametrize("name", [n for n in NAMES if n != "evidence_of_node"])
def test_cypher_ends_with_the_order_the_memory_answer_uses(name):
    # evidence_of_node reads one node; its rows (one per locator) are made after the query.
    query, _ = cypher.cypher_for(name)
    assert query.endswith(cypher.order_clause(questions.get_question(name)))


def test_evidence_cypher_quotes_a_checked_label():
    query, values = cypher.cypher_for("evidence_of_node", {"label": "Factor", "node_id": "x"})
    assert query == "MATCH (n:`Factor` {id: $node_id})\nRETURN n.evidence AS evidence"
    assert values == {"label": "Factor", "node_id": "x"}


def test_fixed_values_travel_as_parameters():
    query, values = cypher.cypher_for("barriers_and_what_they_hinder")
    assert "{factor_kind: $factor_kind}" in query and values == {"factor_kind": "barrier"}
    _, values = cypher.cypher_for("actors_by_level_and_sector")
    assert values == {"levels": list(LEVELS)}


# -- parameters --------------------------------------------------------------------------------


def test_string_parameters_are_converted_by_the_type_of_the_default():
    q = questions.get_question("actors_in_place")
    for text, expected in [
        ("true", True),
        ("FALSE", False),
        ("ya", True),
        ("tidak", False),
        ("1", True),
        ("0", False),
    ]:
        assert (
            questions.convert_params(q, {"include_sub_places": text})["include_sub_places"]
            is expected
        )
    made_up = Question(
        "made_up",
        "a",
        "b",
        "c",
        "d",
        ("x",),
        lambda g, p: [],
        (("x", False),),
        params={"n": 3, "share": 0.5},
    )
    assert questions.convert_params(made_up, {"n": " 12 ", "share": "7.63"}) == {
        "n": 12,
        "share": 7.63,
    }
    assert questions.convert_params(made_up, {"share": 2}) == {"n": 3, "share": 2.0}
    with pytest.raises(BadParameter, match=r"'made_up', parameter 'n': 'dua' is not a int"):
        questions.convert_params(made_up, {"n": "dua"})
    with pytest.raises(BadParameter, match="expected a int, got True"):
        questions.convert_params(made_up, {"n": True})


def test_defaults_fill_what_is_not_given():
    values = questions.convert_params(
        questions.get_question("indicator_series"), {"place_id": "kab_serang"}
    )
    assert values == {"indicator_id": "stunting_prevalence", "place_id": "kab_serang"}


def test_an_unknown_parameter_names_the_question_and_its_parameters(store):
    with pytest.raises(BadParameter) as err:
        ask(store, "indicator_series", place="desa_mongpok")
    assert str(err.value) == (
        "question 'indicator_series' has no parameter 'place'; "
        "its parameters: indicator_id, place_id"
    )
    with pytest.raises(BadParameter, match="its parameters: none"):
        ask(store, "who_funds_what", currency="IDR")


def test_a_bad_yes_no_value_and_a_bad_label_are_refused(store):
    with pytest.raises(BadParameter, match="'include_sub_places': 'mungkin' is not a yes/no"):
        ask(store, "actors_in_place", include_sub_places="mungkin")
    with pytest.raises(BadParameter, match="'Person' is not one of: Actor, Claim, .*TargetGroup"):
        ask(store, "evidence_of_node", label="Person")


def test_an_unknown_question_lists_the_known_ones(store):
    with pytest.raises(UnknownQuestion) as err:
        ask(store, "who_pays")
    message = str(err.value)
    assert message.startswith("unknown question 'who_pays'; known questions: ")
    assert all(name in message for name in NAMES)


# -- every question on the case study ----------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_question_answers_without_arguments(store, name):
    frame = store.ask(name)
    assert list(frame.columns) == list(questions.get_question(name).columns)
    assert len(frame) > 0
    assert list(frame.index) == list(range(len(frame)))


def test_partners_of_the_village_head(store):
    # network.yaml: LEADS and COORDINATES the TPPS and SUPPORTS the cadres (direct links);
    # everyone else is a partner through the Kampung KB programme or the home visits.
    frame = ask(store, "partners_of_actor")
    assert records(frame, "partner_id", "outgoing", "incoming", "reasons", "links")[:2] == [
        ("kader_kampung_kb", ["SUPPORTS"], [], ["same_intervention", "supports"], 2),
        ("tpps_desa_mongpok", ["COORDINATES", "LEADS"], [], ["coordinates", "leads"], 2),
    ]
    baznas = frame[frame["partner_id"] == "baznas_kab_serang"].iloc[0]
    assert list(baznas["reasons"]) == ["programme_partner"]
    assert list(baznas["via"]) == ["Program:kampung_kb"]


def test_partners_are_the_neighbours_in_the_collaboration_network(store):
    # one notion of partners: the named question lists exactly the actor's edges in the
    # projection the Centrality page measures, with the same number of reasons per partner
    P = collaboration_projection(store.to_networkx())
    for actor in ("kepala_desa_mongpok", "kader_kampung_kb", "baznas_kab_serang"):
        key = f"Actor:{actor}"
        frame = ask(store, "partners_of_actor", actor_id=actor)
        got = {f"Actor:{r}": n for r, n in zip(frame["partner_id"], frame["links"], strict=True)}
        assert got == {b: P[key][b]["weight"] for b in P[key]}
        assert len(frame) == P.degree(key)


def test_partners_of_the_cadres_in_both_directions(store):
    frame = ask(store, "partners_of_actor", actor_id="kader_kampung_kb")
    direct = frame[
        [bool(o) or bool(i) for o, i in zip(frame["outgoing"], frame["incoming"], strict=True)]
    ]
    assert records(direct.sort_values("partner_id"), "partner_id", "outgoing", "incoming") == [
        ("kepala_desa_mongpok", [], ["SUPPORTS"]),
        ("tokoh_agama_mongpok", ["COLLABORATES_WITH"], []),
        ("tokoh_masyarakat_mongpok", ["COLLABORATES_WITH"], []),
        ("tokoh_pemuda_mongpok", ["COLLABORATES_WITH"], []),
    ]


def test_interventions_reaching_pregnant_women(store):
    frame = ask(store, "interventions_for_target_group")
    assert records(frame, "intervention_id", "programs", "implementers") == [
        ("kunjungan_rumah", ["kampung_kb"], ["kader_kampung_kb", "kepala_desa_mongpok"]),
        ("penyuluhan_posyandu", ["layanan_posyandu"], ["posyandu_mongpok"]),
    ]
    catin = ask(store, "interventions_for_target_group", target_group_id="catin")
    assert records(catin, "intervention_id", "implementers") == [
        ("penyuluhan_catin_remaja_kua", ["kua_cikeusal"])
    ]


def test_baznas_funds_twenty_million_rupiah(store):
    frame = ask(store, "who_funds_what")
    assert records(frame, "funder_id", "funded_id", "amount", "currency") == [
        ("baznas_kab_serang", "dana_baznas", 20_000_000, "IDR"),
        ("baznas_prov_banten", "dana_baznas", None, None),
        ("bkkbn", "kampung_kb", None, None),
        ("bpd_desa_mongpok", "sekolah_gratis", None, None),
    ]
    assert str(frame["amount"].dtype) == "Int64"


def test_funding_totals_leave_unknown_amounts_empty(store):
    frame = ask(store, "funding_per_funder")
    assert row_of(frame, "funder_id", "baznas_kab_serang") == {
        "funder_id": "baznas_kab_serang",
        "funder": "Baznas Kabupaten Serang",
        "currency": "IDR",
        "funded": 1,
        "amounts_known": 1,
        "total": 20_000_000,
    }
    bpd = row_of(frame, "funder_id", "bpd_desa_mongpok")
    assert (bpd["funded"], bpd["amounts_known"], bpd["total"]) == (1, 0, None)


def test_barriers_and_what_they_hinder(store):
    frame = ask(store, "barriers_and_what_they_hinder")
    assert len(frame) == 9 and set(frame["hindered_id"]) == {"kampung_kb", "imunisasi_anak"}
    assert records(
        frame[frame["barrier_id"] == "penolakan_keluarga_sasaran"], "hindered_label", "hindered_id"
    ) == [("Intervention", "imunisasi_anak"), ("Program", "kampung_kb")]


def test_enablers_and_what_they_enable(store):
    frame = ask(store, "enablers_and_what_they_enable")
    assert len(frame) == 18
    assert records(frame[frame["enabler_id"] == "pendekatan_lintas_program"], "enabled_id") == [
        ("kunjungan_rumah",),
        ("penyuluhan_posyandu",),
    ]
    assert set(frame["dimension"]) <= {
        "perubahan_perilaku_kelompok_sasaran",
        "inovasi_kolaborasi",
        "dukungan_pemerintah",
        "dampak_implementasi",
    }


def test_interventions_of_kampung_kb_with_quantities(store):
    frame = ask(store, "interventions_of_program")
    assert len(frame) == 25  # 23 of Kampung KB itself and 2 of Dashat, its sub-programme
    lele = row_of(frame, "intervention_id", "bibit_lele")
    assert (lele["program_id"], lele["quantity"], lele["unit"], lele["innovation"]) == (
        "kampung_kb",
        3000,
        "seed",
        True,
    )
    baznas = row_of(frame, "intervention_id", "dana_baznas")
    assert (baznas["quantity"], baznas["unit"], baznas["intervention_kind"]) == (
        20_000_000,
        "IDR",
        "convergence",
    )
    assert records(frame.head(2), "program_id", "intervention_id") == [
        ("dashat", "dashat_penjualan_makanan"),
        ("dashat", "dashat_pmt"),
    ]
    own = ask(store, "interventions_of_program", include_sub_programs="false")
    assert len(own) == 23 and set(own["program_id"]) == {"kampung_kb"}


def test_who_implements_what(store):
    frame = ask(store, "who_implements_what")
    assert len(frame) == 44
    assert records(frame[frame["actor_id"] == "kodim_0602_serang"], "implemented_id") == [
        ("renovasi_rtlh_kodim",)
    ]
    assert records(
        frame[frame["actor_id"] == "posyandu_mongpok"], "implemented_label", "implemented_id"
    ) == [
        ("Intervention", "dashat_pmt"),
        ("Intervention", "penyuluhan_posyandu"),
        ("Program", "layanan_posyandu"),
    ]


def test_actors_by_level_and_sector_go_from_the_top_down(store):
    frame = ask(store, "actors_by_level_and_sector")
    assert frame["actors"].sum() == 49
    assert records(frame.head(1), "level", "sector", "actors", "actor_ids") == [
        ("global", "health", 1, ["who"])
    ]
    assert records(frame.tail(1), "level", "sector", "actor_ids") == [
        ("dusun_rw", "health", ["posyandu_mongpok"])
    ]
    levels = list(dict.fromkeys(frame["level"]))
    assert levels == [lv for lv in LEVELS if lv in levels]
    desa_kb = frame[(frame["level"] == "desa") & (frame["sector"] == "family_planning")]
    assert desa_kb["actors"].tolist() == [10]


def test_target_groups_no_intervention_reaches(store):
    frame = ask(store, "target_groups_without_intervention")
    assert records(frame, "target_group_id", "programs") == [
        ("baduta", ["dashat", "pendataan_keluarga", "verval_krs"]),
        ("balita", ["pendataan_keluarga", "verval_krs"]),
        ("ibu_menyusui", ["dashat"]),
        ("keluarga_kurang_mampu", ["dashat"]),
        ("pus", ["pendataan_keluarga"]),
        ("pus_hamil", []),
    ]


def test_prevalence_series_of_mongpok_keeps_both_february_figures(store):
    frame = ask(store, "indicator_series")
    assert records(frame, "instrument", "period", "value", "value_text") == [
        ("e-PPGBM", "2020", 55.0, "55%"),
        ("e-PPGBM", "2021", 39.7, "39,70%"),
        ("e-PPGBM", "2022", 17.1, "17,10%"),
        ("e-PPGBM", "2023-02", 15.0, "15%"),
        ("e-PPGBM", "2023-02", 15.4, "15,40%"),
    ]
    assert frame["ambiguous"].tolist() == [False, True, False, True, True]
    serang = ask(store, "indicator_series", place_id="kab_serang")
    assert records(serang, "instrument", "period", "value") == [
        ("SSGI", "2019", 39.43),
        ("SSGI", "2021", 27.2),
        ("SSGI", "2022", 26.4),
    ]


def test_table_2_as_printed_with_its_total_row_last(store):
    frame = ask(store, "observations_of_table")
    assert len(frame) == 72 and set(frame["table"]) == {"Tabel 2"}
    mongpok = row_of(frame, "observation_id", "t2.desa_mongpok.baduta")
    assert (mongpok["row"], mongpok["column"], mongpok["value"], mongpok["place_id"]) == (
        "Mongpok",
        "Bayi Dua Tahun (0-23 Bulan)",
        88,
        "desa_mongpok",
    )
    assert frame["printed_total"].tolist()[-4:] == [True] * 4
    assert records(frame.tail(1), "row", "value", "value_text") == [("Jumlah", 385, "385")]


def test_table_1_is_found_whatever_the_case_and_keeps_the_odd_printed_value(store):
    frame = ask(store, "observations_of_table", table="tabel 1")
    assert len(frame) == 48
    odd = row_of(frame, "observation_id", "t1.kota_serang.ibu_hamil.verval")
    assert (odd["value"], odd["value_text"], odd["instrument"]) == (2794, "2,794", "Verval KRS")


def test_claims_of_the_case_study_and_what_they_concern(store):
    frame = ask(store, "claims_of_source")
    assert len(frame) == 29
    claim = row_of(frame, "claim_id", "rank.desa_mongpok.tabel2_baduta")
    assert claim["concerns"] == [
        "Indicator:krs_target_baduta",
        "Observation:t2.desa_mongpok.baduta",
        "Place:desa_mongpok",
    ]
    assert claim["claim_kind"] == "rank" and claim["basis"] == "measured"
    assert row_of(frame, "claim_id", "rank.kab_serang.banten_stunting_2021")["cited_at"] == [
        "Pendahuluan #14"
    ]
    assert ask(store, "claims_of_source", source_id="ssgi_2022").empty


def test_policies_that_mandate_kampung_kb(store):
    frame = ask(store, "policies_mandating")
    assert records(frame, "policy_id", "year", "issued_by") == [
        ("inpres_3_2022", 2022, ["presiden_ri"]),
        ("sk_kades_mongpok_476_4_2022", 2022, ["kepala_desa_mongpok"]),
        ("sk_camat_cikeusal_463_10_2023", 2023, ["kecamatan_cikeusal"]),
        ("juknis_kampung_kb_bkkbn", None, ["bkkbn"]),  # no year: last, as ORDER BY puts nulls
    ]
    meeting = ask(store, "policies_mandating", subject_id="rapat_perencanaan_pokja")
    assert records(meeting, "subject_label", "policy_id") == [
        ("Intervention", "juknis_kampung_kb_bkkbn")
    ]


def test_place_hierarchy_of_mongpok_with_codes(store):
    frame = ask(store, "place_hierarchy")
    assert records(frame, "depth", "place_id", "kemendagri_code", "bps_code") == [
        (0, "desa_mongpok", "36.04.23.2015", "3604080010"),
        (1, "kec_cikeusal", "36.04.23", "3604080"),
        (2, "kab_serang", "36.04", "3604"),
        (3, "prov_banten", "36", "36"),
        (4, "indonesia", None, None),
    ]


def test_villages_of_cikeusal_in_code_order(store):
    frame = ask(store, "places_within")
    assert len(frame) == 17 and set(frame["place_level"]) == {"desa"}
    assert records(frame.head(2), "place_id", "kemendagri_code", "bps_code") == [
        ("desa_cikeusal", "36.04.23.2001", "3604080006"),
        ("desa_dahu", "36.04.23.2002", "3604080002"),
    ]
    assert row_of(frame, "place_id", "desa_mongpok")["kemendagri_code"] == "36.04.23.2015"


def test_interventions_by_kind(store):
    frame = ask(store, "interventions_by_kind")
    assert records(frame, "intervention_kind", "interventions", "innovations") == [
        ("sensitive", 18, 4),
        ("convergence", 8, 0),
        ("specific", 3, 0),
    ]
    assert row_of(frame, "intervention_kind", "specific")["intervention_ids"] == [
        "dashat_pmt",
        "imunisasi_anak",
        "penyuluhan_posyandu",
    ]


def test_local_innovations(store):
    frame = ask(store, "local_innovations")
    assert frame["intervention_id"].tolist() == [
        "bibit_lele",
        "gerakan_bangun_umkm",
        "penanaman_bibit_pohon",
        "sekolah_gratis",
    ]
    lele = row_of(frame, "intervention_id", "bibit_lele")
    assert (
        lele["quantity"],
        lele["unit"],
        lele["carried_by"],
        lele["backed_by"],
        lele["target_groups"],
    ) == (3000, "seed", ["seksi_pembinaan_lingkungan_ekonomi"], ["kkp"], ["krs"])
    school = row_of(frame, "intervention_id", "sekolah_gratis")
    assert school["carried_by"] == ["seksi_pendidikan_kampung_kb"]  # LEADS and IMPLEMENTS, once
    assert school["backed_by"] == ["bpd_desa_mongpok"]


def test_actors_located_in_a_place_and_below_it(store):
    assert len(ask(store, "actors_in_place")) == 16
    own = ask(store, "actors_in_place", place_id="kab_serang", include_sub_places="false")
    assert own["actor_id"].tolist() == [
        "baznas_kab_serang",
        "dinkes_kab_serang",
        "dp3a_kab_serang",
        "kodim_0602_serang",
        "opd_kab_serang",
        "pemkab_serang",
    ]
    below = ask(store, "actors_in_place", place_id="kab_serang")
    assert len(below) == 6 + 3 + 16
    assert list(dict.fromkeys(below["located_in"])) == [
        "desa_mongpok",
        "kab_serang",
        "kec_cikeusal",
    ]


def test_evidence_of_the_village_head(store):
    frame = ask(store, "evidence_of_node")
    assert records(frame, "position", "section", "paragraph") == [
        (1, "Dampak Implementasi Program", 1),
        (2, "Pendekatan terhadap Perubahan Kelompok Sasaran", 17),
        (3, "Pendekatan terhadap Perubahan Kelompok Sasaran", 21),
        (4, "Dukungan Pemerintah yang Efektif", 3),
        (5, "Simpulan", 1),
    ]
    assert set(frame["source"]) == {"mongpok_case_study"}
    policy = ask(store, "evidence_of_node", label="Policy", node_id="inpres_3_2022")
    assert records(policy, "section", "paragraph") == [("Pendahuluan", 28)]


def test_ambiguous_figures(store):
    frame = ask(store, "ambiguous_observations")
    assert len(frame) == 16
    odd = row_of(frame, "observation_id", "t1.kota_serang.ibu_hamil.verval")
    assert odd["value_text"] == "2,794" and odd["ambiguity"]
    assert records(
        frame[frame["place_id"] == "desa_mongpok"], "indicator_id", "period", "value_text"
    )[-3:] == [
        ("stunting_prevalence", "2021", "39,70%"),
        ("stunting_prevalence", "2023-02", "15%"),
        ("stunting_prevalence", "2023-02", "15,40%"),
    ]


def test_unknown_ids_give_empty_answers_with_the_columns(store):
    frame = ask(store, "partners_of_actor", actor_id="nobody")
    assert frame.empty and list(frame.columns) == list(
        questions.get_question("partners_of_actor").columns
    )
    assert ask(store, "place_hierarchy", place_id="atlantis").empty
    assert ask(store, "evidence_of_node", node_id="nobody").empty


# -- sorting as Cypher does --------------------------------------------------------------------


def test_memory_answers_sort_nulls_as_cypher_order_by_does():
    g = nx.MultiDiGraph()
    for i, year in [("a", 2022), ("b", None), ("c", 2021)]:
        g.add_node(f"Policy:{i}", label="Policy", id=i, name=i, year=year)
        g.add_edge("Program:p", f"Policy:{i}", key="MANDATED_BY", type="MANDATED_BY")
    g.nodes["Program:p"].update(label="Program", id="p", name="P")
    frame = questions.answer_from_graph(g, "policies_mandating", {"subject_id": "p"})
    assert frame["policy_id"].tolist() == ["c", "a", "b"]  # ascending: nulls last
    rows = [{"k": 1}, {"k": None}, {"k": 3}]
    assert [r["k"] for r in questions._sorted(rows, [("k", True)])] == [None, 3, 1]  # DESC: first


# -- the command line --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_workspace(tmp_path_factory, sources_dir):
    """One workspace for the CLI tests: the first command loads the case study, later ones reuse it."""
    return tmp_path_factory.mktemp("catalogue-cli")


def test_cli_lists_the_questions_as_json(cli_workspace):
    listing = json.loads(
        run_cli("query", "--list", "--format", "json", workspace=cli_workspace).stdout
    )
    assert [q["name"] for q in listing] == NAMES
    for q in listing:
        assert {"name", "title_id", "title_en", "params"} <= set(q)
    assert listing[0]["params"] == {"actor_id": "kepala_desa_mongpok"}


def test_cli_answers_a_question_as_json_csv_and_table(cli_workspace):
    rows = json.loads(
        run_cli("query", "who_funds_what", "--format", "json", workspace=cli_workspace).stdout
    )
    assert rows[0] == {
        "funder_id": "baznas_kab_serang",
        "funder": "Baznas Kabupaten Serang",
        "funded_label": "Intervention",
        "funded_id": "dana_baznas",
        "funded": "Bantuan dana Baznas untuk percepatan penurunan stunting",
        "amount": 20000000,
        "currency": "IDR",
    }
    csv = run_cli(
        "query",
        "actors_in_place",
        "--param",
        "place_id=kab_serang",
        "--param",
        "include_sub_places=false",
        "--format",
        "csv",
        workspace=cli_workspace,
    ).stdout
    lines = csv.splitlines()
    assert lines[0] == "located_in,actor_id,actor,actor_en,actor_type,sector,level"
    assert len(lines) == 1 + 6 and lines[1].startswith("kab_serang,baznas_kab_serang,")
    table = run_cli("query", "place_hierarchy", "--format", "table", workspace=cli_workspace).stdout
    assert (
        "36.04.23.2015" in table
        and "3604080010" in table
        and table.splitlines()[0].split()[0] == "depth"
    )


def test_cli_names_a_bad_parameter_and_an_unknown_question(cli_workspace):
    bad = run_cli(
        "query",
        "indicator_series",
        "--param",
        "place=desa_mongpok",
        workspace=cli_workspace,
        check=False,
    )
    assert bad.returncode == 1
    assert "no parameter 'place'" in bad.stderr and "indicator_id, place_id" in bad.stderr
    unknown = run_cli("query", "who_pays", workspace=cli_workspace, check=False)
    assert unknown.returncode == 1 and "who_funds_what" in unknown.stderr


def test_cli_an_unknown_actor_is_an_error_with_the_names_it_may_mean(cli_workspace):
    typed = run_cli(
        "query",
        "partners_of_actor",
        "--param",
        "actor_id=Kepala Desa Mongpok",
        workspace=cli_workspace,
        check=False,
    )
    assert typed.returncode == 1 and typed.stdout == ""
    assert "no Actor has the id 'Kepala Desa Mongpok'" in typed.stderr
    assert "actor_id=kepala_desa_mongpok" in typed.stderr  # the name typed, found
    known = run_cli(
        "query",
        "partners_of_actor",
        "--param",
        "actor_id=kepala_desa_mongpok",
        "--format",
        "json",
        workspace=cli_workspace,
    )
    assert len(json.loads(known.stdout)) > 2
