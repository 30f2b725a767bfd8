"""The layering contract: data flows one way, and each layer imports only those below it.

graph <- loaders, graph <- queries <- drawing <- exports <- ui, Streamlit only in ui/ and
app.py, benchmarks never import the pages. The contracts themselves are in ``.importlinter``
at the top of the repository (import-linter's format), so ``lint-imports`` run by hand gives
the same verdict as this test.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".importlinter"


def _lint(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on ``config`` with ``cwd`` first on the import path."""
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(config)!r}, no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _contracts() -> dict[str, configparser.SectionProxy]:
    parser = configparser.ConfigParser()
    parser.read(CONFIG)
    return {s: parser[s] for s in parser.sections() if s.startswith("importlinter:contract:")}


def test_the_project_keeps_every_layering_contract():
    result = _lint(CONFIG, ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout
    assert f"{len(_contracts())} kept, 0 broken" in result.stdout


def test_the_contract_names_every_package_of_the_product():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()}
    product = packages - {"tests", "neo4j_local"}
    layers = _contracts()["importlinter:contract:layers"]["layers"]
    named = {part.strip() for line in layers.split("\n") for part in line.split("|")} - {""}
    assert product - {"bench"} == named, "a package of the product is outside the layers"


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("graph/breach.py", "import queries.centrality", "graph is not allowed to import queries"),
        ("loaders/breach.py", "import drawing.view", "loaders is not allowed to import drawing"),
        (
            "queries/breach.py",
            "import loaders.bootstrap",
            "queries is not allowed to import loaders",
        ),
        ("exports/breach.py", "import ui.state", "exports is not allowed to import ui"),
        ("drawing/breach.py", "import streamlit", "drawing is not allowed to import streamlit"),
        ("bench/breach.py", "import ui.state", "bench is not allowed to import ui"),
        ("ui/breach.py", "import neo4j", "ui is not allowed to import neo4j"),
    ],
)
def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path, module, line, broken):
    """The same contract on a copy of the project with one forbidden import added fails."""
    copy = tmp_path / "project"
    for package in ("graph", "loaders", "queries", "drawing", "exports", "ui", "bench"):
        source = ROOT / package
        for path in source.rglob("*.py"):
            target = copy / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for single in ("settings.py",):
        (copy / single).write_text((ROOT / single).read_text(encoding="utf-8"), encoding="utf-8")
    (copy / module).write_text(textwrap.dedent(line) + "\n", encoding="utf-8")
    result = _lint(CONFIG, copy)
    assert result.returncode != 0
    assert broken in result.stdout
