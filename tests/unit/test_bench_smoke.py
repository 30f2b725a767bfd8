"""The benchmarks still run: the centrality benchmark at smoke-test size, as `make bench` would,
writing its section of a results page.

Timings are not asserted here (the machines are noisy); the benchmark prints its ratios.
"""

import json
import os
import platform
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.timeout(300)
def test_centrality_benchmark_runs_quick(tmp_path):
    page = tmp_path / "results.md"
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "--page", str(page), "centrality"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "=== benchmark centrality (quick) ===" in proc.stdout
    result = json.loads((ROOT / "bench" / "results" / "centrality-quick.json").read_text())
    assert result
    text = page.read_text(encoding="utf-8")
    section = text[text.index("<!-- bench:centrality:quick -->") :]
    section = section[: section.index("<!-- /bench:centrality:quick -->")]
    assert "`bench/run.py --quick centrality`" in section and "ran to its end" in section
    assert f"{os.cpu_count()} cores" in section and f"Python {platform.python_version()}" in section
    # every sampled size's speed-up over the exact run, as the benchmark returned it
    for row in result["sampling"]["sampled"]:
        assert f"| sampling › sampled › k={row['k']} › speedup_vs_exact |" in section
    assert "sampled against exact betweenness" in section  # what it printed
    assert "<!-- bench:scale:full -->" in text  # the other benchmarks keep their place
