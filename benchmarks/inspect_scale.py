"""Time ``inspect`` (read + infer schema + report) on generated catalogs of 10k, 100k and 1M rows.

Each size is built by resampling the built-in catalog's rows with a fixed seed and giving every row its
own name and price, so distinct values grow with the size as in a real large catalog. Every run happens
in a fresh process, which reports its wall time and peak resident memory; we quote the median of the
repeats.

    python -m benchmarks.inspect_scale [--sizes 10000 100000 1000000] [--repeats 3] [--source FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.catalog.report import inspect_report

OUT = Path(__file__).parent / "out"


def build(source: Path, rows: int, seed: int = 7, unique_names: bool = True) -> Path:
    """A catalog of ``rows`` rows resampled from ``source`` with prices moved by up to ±10% (cached in
    benchmarks/out). With ``unique_names`` every row gets its own name, so distinct values grow with size."""
    path = OUT / f"{source.stem}_{rows}_seed{seed}{'_named' if unique_names else ''}.csv"
    if path.exists():
        return path
    catalog = load_catalog(source)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(catalog.raw), rows)
    frame = catalog.raw.iloc[picks].reset_index(drop=True)
    if unique_names and catalog.schema.name_column:
        frame[catalog.schema.name_column] = frame[catalog.schema.name_column] + pd.Series(
            [f" v{i}" for i in range(rows)]
        )
    if catalog.schema.price_column:
        prices = catalog.prices[picks] * rng.uniform(0.9, 1.1, rows)
        frame[catalog.schema.price_column] = [f"₹{p:,.0f}" if p == p else "" for p in prices]
    OUT.mkdir(exist_ok=True)
    frame.to_csv(path, index=False)
    return path


def measure_once(path: Path) -> dict[str, float]:
    """Run in the child process: load + infer + report, no cache."""
    start = time.perf_counter()
    catalog = load_catalog(path)
    report = inspect_report(catalog)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "rows": report["rows"], "columns": len(report["columns"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--source", type=Path, default=BUILTIN_CATALOG)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_once(args.one)))
        return
    print(f"{'rows':>10} {'file MB':>8} {'median s':>9} {'rows/s':>10} {'peak MB':>8}")
    for size in args.sizes:
        path = build(args.source, size)
        runs = []
        for _ in range(args.repeats):
            child = subprocess.run(
                [sys.executable, "-m", "benchmarks.inspect_scale", "--one", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(child.stdout))
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = statistics.median(r["peak_mb"] for r in runs)
        megabytes = path.stat().st_size / 2**20
        print(f"{size:>10,} {megabytes:>8.0f} {seconds:>9.2f} {size / seconds:>10,.0f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
