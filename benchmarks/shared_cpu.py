"""Training on a shared CPU: epoch time alone and beside one CPU-bound process, in one run.

    python -m benchmarks.shared_cpu [--data ../shared/datasets/movielens_100k.txt] [--maxlen 200]
                                    [--epochs 4] [--json OUT]

Each measurement is a fresh process that trains SASRec for ``--epochs`` epochs with the settings
``benchmark`` chooses for the log (no time budget, no early stopping; ``training_speed.epoch_times``) and
reports the median epoch time after the first. Two neighbours: a Python busy loop (one
core), and a torch process multiplying matrices on every core, as a catalog being embedded in the app
is; each runs under the same OpenMP policy as the trainer. Idle OpenMP threads are measured four ways
(``POLICIES``): spinning forever (``OMP_WAIT_POLICY=ACTIVE``), torch's default (about 3 ms of spinning),
spinning about 20 microseconds before sleeping, and sleeping at once (``PASSIVE``, what ``recommender`` sets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.training_speed import BASE_ENV, epoch_times

ROOT = Path(__file__).resolve().parents[1]
HOGS = {
    "busy loop": "while True: pass",
    "torch matmuls": "import torch\na = torch.randn(384, 384)\nwhile True: a @ a",
}
#: Idle OpenMP threads' policies (GNU OpenMP, which torch's Linux wheels use); {} is what ``recommender`` sets.
POLICIES = {
    "spin (OMP_WAIT_POLICY=ACTIVE)": {"OMP_WAIT_POLICY": "ACTIVE"},
    "torch's default (GOMP_SPINCOUNT=300000)": {"GOMP_SPINCOUNT": "300000"},
    "spin 20 µs, then sleep (GOMP_SPINCOUNT=2000)": {"GOMP_SPINCOUNT": "2000"},
    "sleep (OMP_WAIT_POLICY=PASSIVE, recommender's)": {},
}


def epoch_seconds(data: Path, maxlen: int, epochs: int, policy: dict, hog: str | None) -> float:
    """Median epoch time (after the first) of a fresh training process, beside ``hog`` if given."""
    env = {**BASE_ENV, **policy}
    neighbour = subprocess.Popen([sys.executable, "-c", HOGS[hog]], env=env) if hog else None
    try:
        return statistics.median(epoch_times(data, maxlen, "sasrec", epochs, env=env)[1:])
    finally:
        if neighbour is not None:
            neighbour.kill()
            neighbour.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "movielens_100k.txt")
    parser.add_argument("--maxlen", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    out: dict = {"data": args.data.name, "maxlen": args.maxlen, "model": "sasrec"}
    for name, policy in POLICIES.items():
        quiet = epoch_seconds(args.data, args.maxlen, args.epochs, policy, hog=None)
        out[name] = {"env": policy, "quiet_s": round(quiet, 2)}
        line = f"{name}: epoch {quiet:.2f} s alone"
        for hog in HOGS:
            shared = epoch_seconds(args.data, args.maxlen, args.epochs, policy, hog=hog)
            out[name][hog] = {"epoch_s": round(shared, 2), "ratio": round(shared / quiet, 2)}
            line += f", {shared:.2f} s beside {hog} ({shared / quiet:.1f}x)"
        print(line, flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
