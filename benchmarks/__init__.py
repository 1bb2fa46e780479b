"""Benchmarks: speed and memory figures, reported in docs/BENCHMARKS.md with the command that made them."""
