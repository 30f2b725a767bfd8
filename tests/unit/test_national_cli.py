"""Smoke test of the national-scale commands, run as a user runs them (small sizes)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.unit.test_cli import run_cli

WILAYAH = ROOT.parent / "shared" / "data" / "banten_kemendagri_wilayah_2025.csv"
CROSSWALK = ROOT.parent / "shared" / "data" / "banten_bps2018_to_kemendagri_crosswalk.csv"


def test_synth_writes_json_lines_and_loads_the_same_records(tmp_path):
    out = tmp_path / "sintetis.jsonl"
    proc = run_cli("synth", "--villages", "6", "--seed", "3", "--out", str(out), workspace=tmp_path)
    assert "wrote" in proc.stdout and "synth:" in proc.stderr  # progress bar on stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["synthetic"] is True for r in records)
    nodes = sum(1 for r in records if "label" in r)
    proc = run_cli("synth", "--villages", "6", "--seed", "3", workspace=tmp_path)
    assert f"loaded {nodes} synthetic nodes" in proc.stdout
    stats = json.loads(run_cli("stats", "--format", "json", workspace=tmp_path).stdout)
    assert sum(stats["nodes"].values()) == nodes
    assert sum(stats["relationships"].values()) == len(records) - nodes


@pytest.mark.skipif(not WILAYAH.is_file(), reason="reference data not found")
def test_import_places_reports_and_loads(tmp_path):
    proc = run_cli(
        "import-places",
        str(WILAYAH),
        "--crosswalk",
        str(CROSSWALK),
        "--format",
        "json",
        workspace=tmp_path,
    )
    report = json.loads(proc.stdout)
    assert report["rows"] == 1716 and report["problems"] == []
    assert report["places"]["desa"] == 1238 and report["part_of"] == 1715
    bad = tmp_path / "rusak.csv"
    bad.write_text(
        "kode,kode_nodot,nama,level,level_name,jenis,parent_kode\n36,36,Banten,7,,,\n",
        encoding="utf-8",
    )
    proc = run_cli("import-places", str(bad), workspace=tmp_path, check=False)
    assert proc.returncode == 1
    assert "rusak.csv, row 2, field 'level'" in proc.stdout
