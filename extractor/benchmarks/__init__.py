"""Benchmarks: ``pipeline`` (``extractor bench``: per-stage throughput and memory as baseline
ratios) and ``scale`` (batch worker scaling on a generated corpus)."""
