"""Training throughput: epoch time and positions trained per second, per family and log, before and after.

    python -m benchmarks.training_speed [--before REV] [--epochs 4] [--repeat 1] [--models caser,gru4rec,lstm,sasrec]
                                        [--logs games,movielens] [--profile] [--json OUT]

Each measurement is a fresh process that trains one model for ``--epochs`` epochs (no time budget, no
early stopping) with the settings ``benchmark`` chooses for the log (``models/settings.configure`` of
this working tree, passed to every revision measured, so each computes the same thing) and reports its
epoch times; the figure is the median after the first, validation included (it is part of what a time
budget pays for). With ``--repeat N`` each version is measured N times, alternately, and the median of the
N figures is kept: a shared machine's speed drifts by tens of percent within minutes. Logs: the SASRec
paper's Games data (``--maxlen 50``) and MovieLens-100K (``--maxlen 200``, the dense log). Positions are
the training targets of one epoch (each user's history up to ``maxlen``), the same count for every
version of the code.

``--before REV`` runs the same measurement, in the same run, on the ``recommender`` package of git
revision ``REV`` (extracted with ``git archive`` to a temporary folder), so before and after share the
machine's state. ``--profile`` prints where one SASRec epoch on the dense log goes (torch profiler, the
operators with the most time of their own).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The environment as it was before ``recommender`` was imported here: each revision measured sets its
#: own OpenMP policy, as it would for a user (``recommender/__init__.py``), instead of inheriting this one's.
BASE_ENV = dict(os.environ)
DATASETS = ROOT.parent / "shared" / "datasets"
LOGS = {"games": (DATASETS / "amazon_games.txt", 50), "movielens": (DATASETS / "movielens_100k.txt", 200)}

CHILD = """
import json, sys
from recommender.models import build
from recommender.models.data import leave_one_out, read_sequences
from recommender.models.network import ModelConfig
from recommender.models.settings import LogShape, configure
from recommender.models.trainer import seed_everything, train
data, maxlen, name, epochs, profile = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"
pinned = json.loads(sys.argv[6])  # the settings to train with, the same for every revision measured
sequences = read_sequences(data)
view, _ = leave_one_out(sequences)
extra = {"epochs": epochs, "patience": epochs, "progress": False, "time_budget": None}
setup = configure(name, LogShape.of(view), {**pinned["settings"], "maxlen": maxlen}, {**pinned["training"], **extra})
seed_everything(42)
network = build(name, ModelConfig(n_items=sequences.n_items, **setup.settings))
ends = []
if profile:
    import torch.profiler
    with torch.profiler.profile() as prof:
        train(network, view, setup.training, report=lambda entry: ends.append(entry["seconds"]))
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=12), file=sys.stderr)
else:
    train(network, view, setup.training, report=lambda entry: ends.append(entry["seconds"]))
print(json.dumps([b - a for a, b in zip([0.0, *ends[:-1]], ends)]))
"""


def epoch_times(
    data: Path,
    maxlen: int,
    model: str,
    epochs: int,
    env: dict | None = None,
    code: Path = ROOT,
    profile: bool = False,
    pinned: dict | None = None,
) -> list[float]:
    """Seconds of each epoch of a fresh process training ``model`` on ``data``, with the package under ``code``
    and ``pinned`` settings, by default those this working tree chooses for the log (so every revision
    computes the same thing)."""
    env = {**BASE_ENV, **(env or {}), "PYTHONPATH": str(code)}
    pinned = json.dumps(pinned or chosen(data, maxlen, model))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(maxlen), model, str(epochs), "1" if profile else "0", pinned],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"training {model} on {data.name} failed:\n{out.stderr[-3000:]}")
    if profile:
        print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def chosen(data: Path, maxlen: int, model: str) -> dict:
    """The settings ``benchmark`` trains ``model`` with on ``data``, as this working tree chooses them."""
    from recommender.models.data import leave_one_out, read_sequences
    from recommender.models.settings import LogShape, configure

    view, _ = leave_one_out(read_sequences(data))
    setup = configure(model, LogShape.of(view), {"maxlen": maxlen})
    return {"settings": setup.settings, "training": setup.training.to_json()}


def positions(data: Path, maxlen: int) -> int:
    """Training targets in one epoch: each trainable history's items after its first, up to ``maxlen``."""
    from recommender.models.data import leave_one_out, read_sequences

    view, _ = leave_one_out(read_sequences(data))
    return sum(min(len(h) - 1, maxlen) for h in view.train if len(h) >= 2)


def checkout(rev: str, into: Path) -> Path:
    """The ``recommender`` package of git revision ``rev``, extracted under ``into``."""
    archive = subprocess.run(["git", "archive", rev, "recommender"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", help="git revision to measure beside the working tree")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1, help="measurements per version, alternating")
    parser.add_argument("--models", default="caser,gru4rec,lstm,sasrec")
    parser.add_argument("--logs", default="games,movielens")
    parser.add_argument("--profile", action="store_true", help="print where a SASRec epoch on the dense log goes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    trained = ("bpr", "caser", "gru4rec", "lstm", "sasrec")  # the models that train in epochs
    if not set(args.models.split(",")) <= set(trained):
        parser.error(f"--models takes a comma-separated list of {', '.join(trained)}; got {args.models!r}")
    unknown = sorted(set(args.logs.split(",")) - set(LOGS))
    if unknown:
        parser.error(f"unknown log(s) {', '.join(unknown)}; choose from {', '.join(LOGS)}")
    missing = [str(LOGS[log][0]) for log in args.logs.split(",") if not LOGS[log][0].is_file()]
    if missing:
        parser.error(f"{', '.join(missing)} not found: this benchmark reads the logs in ../shared/datasets")
    with tempfile.TemporaryDirectory() as tmp:
        codes = {"after": ROOT}
        if args.before:
            try:
                codes = {"before": checkout(args.before, Path(tmp)), **codes}
            except subprocess.CalledProcessError as exc:
                parser.error(f"cannot read revision {args.before!r} with git archive: {exc.stderr.decode().strip()}")
        if args.profile:
            data, maxlen = LOGS["movielens"]
            for label, code in codes.items():
                print(f"profile of 2 SASRec epochs on {data.name}, {label}:", file=sys.stderr)
                epoch_times(data, maxlen, "sasrec", 2, code=code, profile=True)
        out: dict = {"epochs": args.epochs, "repeat": args.repeat, "before": args.before, "results": {}}
        for log in args.logs.split(","):
            data, maxlen = LOGS[log]
            count = positions(data, maxlen)
            for model in args.models.split(","):
                row = {"log": data.name, "maxlen": maxlen, "model": model, "positions": count}
                pinned = chosen(data, maxlen, model)  # read once: the same settings for every run below
                runs: dict[str, list[float]] = {label: [] for label in codes}
                for _ in range(args.repeat):
                    for label, code in codes.items():
                        seconds = epoch_times(data, maxlen, model, args.epochs, code=code, pinned=pinned)[1:]
                        runs[label].append(statistics.median(seconds))
                for label, figures in runs.items():
                    seconds = statistics.median(figures)
                    row[label] = {
                        "epoch_s": round(seconds, 2),
                        "positions_per_s": round(count / seconds),
                        "runs_s": [round(f, 2) for f in figures],
                    }
                line = f"{log:<10}{model:<9}" + "".join(
                    f"  {label}: {row[label]['epoch_s']:6.2f} s/epoch {row[label]['positions_per_s']:>8,} positions/s"
                    for label in codes
                )
                if "before" in row:
                    row["speedup"] = round(row["before"]["epoch_s"] / row["after"]["epoch_s"], 2)
                    line += f"  {row['speedup']:.2f}x"
                print(line, flush=True)
                out["results"][f"{log}/{model}"] = row
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
