"""The benchmarks still run: the centrality benchmark at smoke-test size, as `make bench` would.

Timings are not asserted here (the machines are noisy); the benchmark prints its ratios.
"""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.timeout(300)
def test_centrality_benchmark_runs_quick():
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "centrality"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "=== benchmark centrality (quick) ===" in proc.stdout
    result = json.loads((ROOT / "bench" / "results" / "centrality-quick.json").read_text())
    assert result
