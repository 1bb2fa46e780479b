"""Training on a shared CPU: epoch time alone and beside one CPU-bound process, in one run.

    python -m benchmarks.shared_cpu [--data ../shared/datasets/movielens_100k.txt] [--maxlen 200]
                                    [--epochs 4] [--models sasrec] [--json OUT]

Each measurement is a fresh process that trains a model for ``--epochs`` epochs with the settings
``benchmark`` chooses for the log (no time budget, no early stopping; ``training_speed.epoch_times``) and
reports the median epoch time after the first. Two neighbours: a Python busy loop (one core), and a torch
process multiplying matrices on every core, as a catalog being embedded in the app is; each runs under
the same OpenMP policy as the trainer and counts the work it gets done, so the table also says what share
of its work alone the neighbour keeps beside training. Idle OpenMP threads are measured five ways
(``POLICIES``): spinning forever (``OMP_WAIT_POLICY=ACTIVE``), torch's default (about 3 ms of spinning),
spinning about 200 or 20 microseconds before sleeping, and sleeping at once (``PASSIVE``, what
``recommender`` sets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from benchmarks.training_speed import BASE_ENV, epoch_times

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")
#: Neighbours: each repeats its work and writes how many times it has done it, and in what time, to argv[1].
HOGS = {
    "busy loop": "work = lambda: sum(range(2000))",
    "torch matmuls": "import torch\na = torch.randn(384, 384)\nwork = lambda: a @ a",
}
COUNTER = """
import sys, time
out, done, start, written = sys.argv[1], 0, time.perf_counter(), 0.0
while True:
    work()
    done += 1
    if time.perf_counter() - written > 0.2:
        written = time.perf_counter()
        with open(out + ".part", "w") as f:
            f.write(f"{done} {written - start}")
        __import__("os").replace(out + ".part", out)
"""
#: Idle OpenMP threads' policies (GNU OpenMP, which torch's Linux wheels use); {} is what ``recommender`` sets.
POLICIES = {
    "spin (OMP_WAIT_POLICY=ACTIVE)": {"OMP_WAIT_POLICY": "ACTIVE"},
    "torch's default (GOMP_SPINCOUNT=300000)": {"GOMP_SPINCOUNT": "300000"},
    "spin 200 µs, then sleep (GOMP_SPINCOUNT=20000)": {"GOMP_SPINCOUNT": "20000"},
    "spin 20 µs, then sleep (GOMP_SPINCOUNT=2000)": {"GOMP_SPINCOUNT": "2000"},
    "sleep (OMP_WAIT_POLICY=PASSIVE, recommender's)": {},
}


def epoch_seconds(
    data: Path, maxlen: int, model: str, epochs: int, policy: dict, hog: str | None
) -> tuple[float, float]:
    """Median epoch time (after the first) of a fresh training process, beside ``hog`` if given, and the
    share of its work alone that ``hog`` got done meanwhile (1.0 without one)."""
    env = {**BASE_ENV, **policy}
    if hog is None:
        return statistics.median(epoch_times(data, maxlen, model, epochs, env=env)[1:]), 1.0
    with tempfile.TemporaryDirectory() as tmp:
        counter = Path(tmp) / "done"
        neighbour = subprocess.Popen([sys.executable, "-c", HOGS[hog] + COUNTER, str(counter)], env=env)
        try:
            alone, _ = _rate(counter, lambda: time.sleep(4))
            beside, times = _rate(counter, lambda: epoch_times(data, maxlen, model, epochs, env=env))
        finally:
            neighbour.kill()
            neighbour.wait()
    return statistics.median(times[1:]), beside / alone


def _rate(counter: Path, during: Callable[[], T]) -> tuple[float, T]:
    """The neighbour's work per second while ``during()`` runs, and what ``during`` returned."""
    while not counter.exists():
        time.sleep(0.1)
    time.sleep(0.5)
    done, at = map(float, counter.read_text().split())
    result = during()
    done_after, at_after = map(float, counter.read_text().split())
    return (done_after - done) / (at_after - at), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "movielens_100k.txt")
    parser.add_argument("--maxlen", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--models", default="sasrec", help="comma-separated models that train in epochs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    trained = ("bpr", "caser", "gru4rec", "lstm", "sasrec")
    if not set(args.models.split(",")) <= set(trained):
        parser.error(f"--models takes a comma-separated list of {', '.join(trained)}; got {args.models!r}")
    if not args.data.is_file():
        parser.error(f"{args.data} not found: give a log of 'user item' lines with --data")
    out: dict = {"data": args.data.name, "maxlen": args.maxlen, "results": {}}
    for model in args.models.split(","):
        rows = out["results"][model] = {}
        for name, policy in POLICIES.items():
            quiet, _ = epoch_seconds(args.data, args.maxlen, model, args.epochs, policy, hog=None)
            rows[name] = {"env": policy, "quiet_s": round(quiet, 2)}
            line = f"{model} {name}: epoch {quiet:.2f} s alone"
            for hog in HOGS:
                shared, kept = epoch_seconds(args.data, args.maxlen, model, args.epochs, policy, hog=hog)
                rows[name][hog] = {
                    "epoch_s": round(shared, 2),
                    "ratio": round(shared / quiet, 2),
                    "neighbour_kept": round(kept, 2),
                }
                line += f", {shared:.2f} s beside {hog} ({shared / quiet:.1f}x; it kept {kept:.0%} of its work)"
            print(line, flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
