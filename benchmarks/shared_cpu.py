"""Training on a shared CPU: epoch time alone and beside one CPU-bound process, in one run.

    python -m benchmarks.shared_cpu [--data ../shared/datasets/movielens_100k.txt] [--maxlen 200]
                                    [--epochs 4] [--json OUT]

Each measurement is a fresh process that trains SASRec for ``--epochs`` epochs (no time budget, no early
stopping) and reports the median epoch time after the first. Two neighbours: a Python busy loop (one
core), and a torch process multiplying matrices on every core, as a catalog being embedded in the app
is; each runs under the same OpenMP policy as the trainer. Idle OpenMP threads are measured both ways:
spinning (``OMP_WAIT_POLICY=ACTIVE``, torch's behaviour before) and sleeping (``PASSIVE``, what
``recommender`` sets).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, sys, time
from recommender.models import MODELS, build
from recommender.models.data import leave_one_out, read_sequences
from recommender.models.network import ModelConfig
from recommender.models.trainer import TrainConfig, seed_everything, train
data, maxlen, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sequences = read_sequences(data)
view, _ = leave_one_out(sequences)
seed_everything(42)
network = build("sasrec", ModelConfig(n_items=sequences.n_items, **{**MODELS["sasrec"].settings, "maxlen": maxlen}))
config = TrainConfig(**{**MODELS["sasrec"].training, "epochs": epochs, "patience": epochs, "progress": False})
ends = []
train(network, view, config, report=lambda entry: ends.append(entry["seconds"]))
print(json.dumps([b - a for a, b in zip([0.0, *ends[:-1]], ends)]))
"""


HOGS = {
    "busy loop": "while True: pass",
    "torch matmuls": "import torch\na = torch.randn(384, 384)\nwhile True: a @ a",
}


def epoch_seconds(data: Path, maxlen: int, epochs: int, policy: str, hog: str | None) -> float:
    """Median epoch time (after the first) of a fresh training process, beside ``hog`` if given."""
    env = {**os.environ, "OMP_WAIT_POLICY": policy}
    neighbour = subprocess.Popen([sys.executable, "-c", HOGS[hog]], env=env) if hog else None
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(data), str(maxlen), str(epochs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        if neighbour is not None:
            neighbour.kill()
            neighbour.wait()
    return statistics.median(json.loads(out.stdout.strip().splitlines()[-1])[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "movielens_100k.txt")
    parser.add_argument("--maxlen", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    out: dict = {"data": args.data.name, "maxlen": args.maxlen, "model": "sasrec"}
    for policy in ("ACTIVE", "PASSIVE"):
        quiet = epoch_seconds(args.data, args.maxlen, args.epochs, policy, hog=None)
        out[policy] = {"quiet_s": round(quiet, 2)}
        line = f"OMP_WAIT_POLICY={policy}: epoch {quiet:.2f} s alone"
        for hog in HOGS:
            shared = epoch_seconds(args.data, args.maxlen, args.epochs, policy, hog=hog)
            out[policy][hog] = {"epoch_s": round(shared, 2), "ratio": round(shared / quiet, 2)}
            line += f", {shared:.2f} s beside {hog} ({shared / quiet:.1f}x)"
        print(line)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
