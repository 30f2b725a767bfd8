"""The command line, run as a user runs it: a subprocess with its own workspace."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run_cli(*args, workspace, check=True, extra_env=None):
    env = dict(os.environ, JEJARING_WORKSPACE=str(workspace), JEJARING_BACKEND="memory")
    env.update(extra_env or {})
    proc = subprocess.run(
        [sys.executable, "cli.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.parametrize("command", ["", "load", "stats", "validate", "passages", "settings"])
def test_every_command_has_help(tmp_path, command):
    proc = run_cli(*([command] if command else []), "--help", workspace=tmp_path)
    assert "usage: cli.py" in proc.stdout


def test_validate_json_reports_zero_problems(tmp_path, sources_dir):
    report = json.loads(run_cli("validate", "--format", "json", workspace=tmp_path).stdout)
    assert report["ok"] is True
    assert report["schema_errors"] == [] and report["unresolved_locators"] == []
    assert report["without_evidence"] == []
    assert report["records"]["nodes"] > 100


def test_stats_on_an_empty_workspace_starts_with_the_case_study(tmp_path, sources_dir, dataset):
    stats = json.loads(run_cli("stats", "--format", "json", workspace=tmp_path).stdout)
    assert set(stats) == {"nodes", "relationships"}
    assert stats["nodes"]["Actor"] >= 30 and stats["nodes"]["Intervention"] >= 15
    assert sum(stats["nodes"].values()) == len(dataset.nodes)
    assert (tmp_path / "graph.json").is_file()


def test_load_twice_prints_the_same_counts(tmp_path, sources_dir):
    first = run_cli("load", workspace=tmp_path).stdout
    second = run_cli("load", workspace=tmp_path).stdout
    assert first == second and "loaded" in first


def test_validate_fails_and_names_the_broken_locator(tmp_path, sources_dir):
    data = tmp_path / "data"
    data.mkdir()
    for f in (ROOT / "data" / "case_study").glob("*.yaml"):
        (data / f.name).write_text(f.read_text())
    path = data / "sources.yaml"
    path.write_text(
        path.read_text().replace(
            "{section: Abstrak, paragraph: 1}", "{section: Abstrak, paragraph: 40}"
        )
    )
    proc = run_cli("validate", "--data", str(data), workspace=tmp_path, check=False)
    assert proc.returncode == 1
    assert "sources.yaml" in proc.stdout and "has 1 paragraphs, not 40" in proc.stdout


def test_load_refuses_a_broken_dataset_and_keeps_the_store(tmp_path, sources_dir):
    run_cli("load", workspace=tmp_path)
    before = (tmp_path / "graph.json").read_bytes()
    proc = run_cli(
        "load",
        workspace=tmp_path,
        check=False,
        extra_env={"JEJARING_SOURCES": str(tmp_path / "missing")},
    )
    assert proc.returncode == 1 and "nothing was loaded" in proc.stderr
    assert "source file not found" in proc.stderr
    assert (tmp_path / "graph.json").read_bytes() == before


def test_passages_prints_numbered_paragraphs(tmp_path, sources_dir):
    out = run_cli("passages", "--section", "Simpulan", workspace=tmp_path).stdout
    assert out.startswith("[Simpulan #1] ")
