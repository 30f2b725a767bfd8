"""The overview's numbers: counts and indicator series come out exactly as the store holds them."""

from __future__ import annotations

import pandas as pd
import pytest

from graph.memory_store import MemoryStore
from queries.overview import (
    NATIONAL_TARGET_2024,
    SERIES_COLUMNS,
    default_indicator,
    default_places,
    focus_place,
    indicator_series,
    indicators_with_observations,
    instrument_kind,
    key_counts,
    place_chain,
    target_lines,
)

EVIDENCE = [{"source": "mongpok_case_study", "section": "Abstrak", "paragraph": 1}]


def _place(pid: str, name: str, level: str, name_en: str | None = None) -> dict:
    node = {"label": "Place", "id": pid, "name": name, "place_level": level, "evidence": EVIDENCE}
    return node | ({"name_en": name_en} if name_en else {})


def _obs(oid: str, value: float, *, instrument: str, source: str, **period) -> dict:
    return {
        "label": "Observation",
        "id": oid,
        "name": oid,
        "value": value,
        "unit": "percent",
        "instrument": instrument,
        "source": source,
        "evidence": EVIDENCE,
        **period,
    }


def _links(oid: str, place: str, indicator: str = "stunting_prevalence") -> list[dict]:
    return [
        {
            "type": "OBSERVED_FOR",
            "start": f"Observation:{oid}",
            "end": f"Indicator:{indicator}",
            "evidence": EVIDENCE,
        },
        {
            "type": "OBSERVED_IN",
            "start": f"Observation:{oid}",
            "end": f"Place:{place}",
            "evidence": EVIDENCE,
        },
    ]


@pytest.fixture
def store() -> MemoryStore:
    """A village inside a kabupaten inside a country, weighing records and a survey."""
    s = MemoryStore(None)
    s.upsert_nodes(
        [
            {
                "label": "Indicator",
                "id": "stunting_prevalence",
                "name": "Prevalensi stunting",
                "name_en": "Stunting prevalence",
                "unit": "percent",
                "evidence": EVIDENCE,
            },
            {
                "label": "Indicator",
                "id": "krs_families",
                "name": "Keluarga berisiko stunting",
                "unit": "families",
                "evidence": EVIDENCE,
            },
            _place("desa_mongpok", "Desa Mongpok", "desa", "Mongpok village"),
            _place("kab_serang", "Kabupaten Serang", "kabupaten", "Serang Regency"),
            _place("indonesia", "Indonesia", "country"),
            _place("kota_cilegon", "Kota Cilegon", "kota"),
            _obs(
                "m2022", 17.1, instrument="e-PPGBM", source="E-PPBGM Kecamatan Cikeusal", year=2022
            ),
            _obs(
                "m2023",
                15.4,
                instrument="e-PPGBM",
                source="E-PPBGM Kecamatan Cikeusal",
                date="2023-02",
            ),
            _obs("s2021", 27.2, instrument="SSGI", source="Kemenkes RI 2021", year=2021),
            _obs("c2021", 20.6, instrument="SSGI", source="Kemenkes RI 2021", year=2021),
            _obs(
                "t2024",
                14,
                instrument="RPJMN 2020-2024",
                source="Bappenas 2020",
                year=2024,
                target=True,
            ),
        ]
    )
    s.upsert_relationships(
        _links("m2022", "desa_mongpok")
        + _links("m2023", "desa_mongpok")
        + _links("s2021", "kab_serang")
        + _links("c2021", "kota_cilegon")
        + _links("t2024", "indonesia")
        + [
            {
                "type": "PART_OF",
                "start": "Place:desa_mongpok",
                "end": "Place:kab_serang",
                "evidence": EVIDENCE,
            },
            {
                "type": "PART_OF",
                "start": "Place:kab_serang",
                "end": "Place:indonesia",
                "evidence": EVIDENCE,
            },
        ]
    )
    return s


def test_series_values_are_exactly_those_in_the_store(store):
    series = indicator_series(store, "stunting_prevalence")
    assert list(series.columns) == SERIES_COLUMNS
    by_id = series.set_index("observation")
    assert by_id.loc["m2022", "value"] == 17.1
    assert by_id.loc["m2023", "value"] == 15.4
    assert by_id.loc["s2021", "value"] == 27.2
    assert by_id.loc["t2024", "value"] == 14
    assert by_id.loc["m2022", "source"] == "E-PPBGM Kecamatan Cikeusal"
    assert by_id.loc["s2021", "instrument"] == "SSGI"
    assert by_id.loc["m2022", "place_name"] == "Desa Mongpok"
    assert by_id.loc["m2022", "place_name_en"] == "Mongpok village"
    assert len(series) == 5


def test_periods_keep_the_printed_precision_and_sort_in_time(store):
    series = indicator_series(store, "stunting_prevalence", place_ids=["desa_mongpok"])
    village = series[~series["target"]]
    assert village["period"].tolist() == ["2022", "2023-02"]
    assert village["period_start"].tolist() == [
        pd.Timestamp("2022-01-01"),
        pd.Timestamp("2023-02-01"),
    ]
    assert village["year"].tolist() == [2022, 2023]


def test_place_filter_keeps_targets(store):
    series = indicator_series(store, "stunting_prevalence", place_ids=["kab_serang"])
    assert set(series["observation"]) == {"s2021", "t2024"}
    assert series.set_index("observation").loc["t2024", "target"]


def test_survey_and_weighing_records_are_different_series(store):
    series = indicator_series(store, "stunting_prevalence")
    kinds = dict(zip(series["observation"], series["instrument_kind"], strict=True))
    assert kinds == {
        "m2022": "records",
        "m2023": "records",
        "s2021": "survey",
        "c2021": "survey",
        "t2024": "target",
    }
    # a series is one place and one instrument: never two instruments in one group
    measured = series[~series["target"]]
    assert (measured.groupby(["place", "instrument"])["instrument_kind"].nunique() == 1).all()


def test_unknown_indicator_gives_an_empty_frame_with_the_columns(store):
    series = indicator_series(store, "no_such_indicator")
    assert series.empty
    assert list(series.columns) == SERIES_COLUMNS


def test_indicators_with_observations_and_default(store):
    indicators = indicators_with_observations(store)
    assert indicators["indicator"].tolist() == ["stunting_prevalence"]
    assert indicators.loc[0, "observations"] == 5
    assert default_indicator(indicators) == "stunting_prevalence"
    assert default_indicator(indicators.iloc[0:0]) is None


def test_default_places_follow_the_village_chain(store):
    series = indicator_series(store, "stunting_prevalence")
    assert focus_place(series) == "desa_mongpok"
    chain = place_chain(store, "desa_mongpok")
    assert chain == ["desa_mongpok", "kab_serang", "indonesia"]
    # Indonesia has only a target here, so it is not drawn as a line; Kota Cilegon is not in the chain
    assert default_places(series, chain) == ["desa_mongpok", "kab_serang"]


def test_target_lines_come_from_the_store_for_the_places_shown(store):
    series = indicator_series(store, "stunting_prevalence")
    targets = target_lines(series, "stunting_prevalence", places={"desa_mongpok", "indonesia"})
    assert targets[["place", "value", "period", "source"]].values.tolist() == [
        ["indonesia", 14, "2024", "Bappenas 2020"]
    ]
    assert target_lines(series, "stunting_prevalence", places={"kota_cilegon"}).empty


def test_national_target_is_the_fallback_for_stunting_prevalence_only():
    empty = indicator_series(MemoryStore(None), "stunting_prevalence")
    fallback = target_lines(empty, "stunting_prevalence", "Prevalensi stunting")
    assert fallback["value"].tolist() == [NATIONAL_TARGET_2024["value"]] == [14.0]
    assert target_lines(empty, "krs_families", "Keluarga berisiko stunting").empty


@pytest.mark.parametrize(
    ("instrument", "kind"),
    [
        ("SSGI 2022", "survey"),
        ("SKI 2023", "survey"),
        ("e-PPGBM", "records"),
        ("E-PPBGM Kecamatan Cikeusal", "records"),
        ("PK21", "census"),
        ("Verval KRS", "census"),
        ("not stated", "other"),
        (None, "other"),
    ],
)
def test_instrument_kind(instrument, kind):
    assert instrument_kind(instrument) == kind


def test_key_counts(store):
    counts = key_counts(store)
    nodes = counts[counts["kind"] == "node"].set_index("name")["count"].to_dict()
    assert nodes == {"Indicator": 2, "Observation": 5, "Place": 4}
    rels = counts[counts["kind"] == "relationship"].set_index("name")["count"].to_dict()
    assert rels == {"OBSERVED_FOR": 5, "OBSERVED_IN": 5, "PART_OF": 2}
