"""The benchmark results page: what `bench/run.py` writes for each benchmark it runs, and
that the benchmarks stay outside the app's interface code."""

from __future__ import annotations

import ast
import sys
import types

import pytest

from bench import results_page
from bench import run as bench_run
from tests.conftest import ROOT


def _fake_benchmark(name: str, body) -> str:
    module = types.ModuleType(f"tests_fake_bench_{name}")
    module.run = body
    sys.modules[module.__name__] = module
    return module.__name__


@pytest.fixture
def fake_benchmarks(monkeypatch):
    def load(quick: bool = False) -> dict:
        print(f"loaded 20,000 nodes ({'quick' if quick else 'full'})")
        return {
            "load": {"seconds": 1.5, "ratio": 21.25, "target": 20, "verdict": "PASS"},
            "apptest": [{"page": "network", "ratio": 15.2}, {"page": "overview", "ratio": 7.8}],
            "pass": {"warm_view": False},
        }

    def broken(quick: bool = False) -> dict:
        print("reading the graph ...")
        raise RuntimeError("the server went away")

    names = {"load": _fake_benchmark("load", load), "broken": _fake_benchmark("broken", broken)}
    monkeypatch.setattr(bench_run, "BENCHMARKS", names)
    yield
    for module in names.values():
        sys.modules.pop(module, None)


def _section(text: str, name: str, mode: str) -> str:
    start = text.index(f"<!-- bench:{name}:{mode} -->")
    return text[start : text.index(f"<!-- /bench:{name}:{mode} -->", start)]


def test_a_run_writes_date_machine_command_ratios_and_output(fake_benchmarks, tmp_path, capsys):
    page = tmp_path / "results.md"
    assert bench_run.run_all(["load"], quick=True, page=page) == []
    assert "loaded 20,000 nodes (quick)" in capsys.readouterr().out  # still printed as it runs
    section = _section(page.read_text(encoding="utf-8"), "load", "quick")
    assert "`bench/run.py --quick load` on 20" in section and "ran to its end" in section
    facts = results_page.machine_facts()
    assert f"{facts['cores']} cores" in section and f"Python {facts['python']}" in section
    assert "| load › ratio | 21.25 |" in section
    assert "| load › target | 20 |" in section and "| load › verdict | PASS |" in section
    assert "| apptest › page=network › ratio | 15.2 |" in section
    assert "| apptest › page=overview › ratio | 7.8 |" in section
    assert "| pass › warm_view | FAIL |" in section
    assert "| load › seconds |" not in section  # timings stay in the printed output
    assert "loaded 20,000 nodes (quick)" in section


def test_a_run_replaces_its_own_section_and_keeps_the_others(fake_benchmarks, tmp_path):
    page = tmp_path / "results.md"
    bench_run.run_all(["load"], quick=False, page=page)
    bench_run.run_all(["load"], quick=True, page=page)
    first = page.read_text(encoding="utf-8")
    assert "loaded 20,000 nodes (full)" in _section(first, "load", "full")
    assert "Not run at this size yet: `bench/run.py broken`" in _section(first, "broken", "full")
    bench_run.run_all(["load"], quick=True, page=page)
    again = page.read_text(encoding="utf-8")
    assert again.count("<!-- bench:load:quick -->") == 1
    assert _section(again, "load", "full") == _section(first, "load", "full")
    names = [line for line in again.splitlines() if line.startswith("## ")]
    assert names == [
        "## load (full size)",
        "## load (quick size)",
        "## broken (full size)",
        "## broken (quick size)",
    ]


def test_a_benchmark_that_breaks_off_is_reported_and_the_next_one_runs(fake_benchmarks, tmp_path):
    page = tmp_path / "results.md"
    assert bench_run.run_all(["broken", "load"], quick=True, page=page) == ["broken"]
    text = page.read_text(encoding="utf-8")
    section = _section(text, "broken", "quick")
    assert "broke off: RuntimeError: the server went away" in section
    assert "reading the graph ..." in section
    assert "ran to its end" in _section(text, "load", "quick")


def test_sections_of_other_benchmarks_survive_a_page_written_elsewhere():
    runs = [
        results_page.Run("load", True, results_page.now(), results_page.machine_facts(), 2.0, {})
    ]
    old = results_page.page(["load", "gone"], "", runs)
    kept = results_page.page(["load"], old, [])  # "gone" is no longer a known benchmark
    assert _section(kept, "load", "quick") == _section(old, "load", "quick")
    assert "<!-- bench:gone:full -->" in kept


def test_the_benchmarks_import_nothing_of_the_interface():
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] not in ("ui", "app"), (path.name, module)
