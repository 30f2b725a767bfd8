"""Jejaring's benchmarks: `bench/run.py` runs them all (`make bench`); results go to bench/results/."""
