"""``python -m recommender benchmark``: train each model on a ``user item`` file and evaluate it as in the SASRec paper.

Every model trains on the same :class:`TrainingView` and chooses its epoch on validation; the test items
are read once, after all models have trained, and every model is scored against the same test negatives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch

from recommender.models import MODELS, PAPER_DATASET, build, distributed
from recommender.models.data import leave_one_out, read_sequences, test_inputs
from recommender.models.evaluation import evaluate, sample_negatives
from recommender.models.network import ModelConfig
from recommender.models.search import successive_halving
from recommender.models.settings import LogShape, configure
from recommender.models.trainer import pick_device, seed_everything, train

#: Seed offset for the test negatives (validation uses another, see trainer.py).
TEST_SEED_OFFSET = 2
#: With ``search``, the share of a model's time budget spent choosing its settings; the rest trains the winner.
SEARCH_SHARE = 0.5

PROTOCOL = {
    "name": "SASRec leave-one-out (Kang & McAuley, ICDM 2018)",
    "split": "per user: last item test, second-to-last validation, the rest training; test input includes validation",
    "negatives": 100,
    "negative_sampling": "uniform over items the user never interacted with, with replacement, seeded",
    "metrics": ["HR@10", "NDCG@10"],
    "full_ranking": "the test item against every item, minus those already in the user's input",
    "ties": "count against the target",
    "model_selection": "validation NDCG@10 only; the test split is read once, after training",
}


def resolve_models(names: str) -> list[str]:
    """``all`` or a comma-separated list -> model names, checked against the registry."""
    wanted = [n.strip().lower() for n in names.split(",") if n.strip()]
    if wanted == ["all"]:
        return [n for n in MODELS if n != "hybrid"]  # the hybrid needs item content, which a user-item file lacks
    unknown = [n for n in wanted if n not in MODELS]
    if unknown or not wanted:
        raise ValueError(
            f"unknown model(s) {', '.join(map(repr, unknown)) or repr(names)}; choose from all, {', '.join(MODELS)}"
        )
    if "hybrid" in wanted:
        raise ValueError("the hybrid model needs item content, which a 'user item' file does not have")
    return wanted


def run(
    data: str | Path,
    models: Sequence[str],
    maxlen: int = 50,
    time_budget: float | None = None,
    seed: int = 42,
    progress: bool = True,
    log: Callable[[str], None] = print,
    search: bool = False,
) -> dict:
    """Train and evaluate ``models`` on ``data``; returns the benchmark JSON (GUIDE.md section 3).

    With ``search``, each sequence network first chooses among a few variations of its settings on
    validation (``models/search.py``), spending ``SEARCH_SHARE`` of its time budget, and trains the winner
    with the rest.
    """
    data = Path(data)
    sequences = read_sequences(data)
    view, test = leave_one_out(sequences)
    trained, results = {}, {}
    shape = LogShape.of(view)  # what the settings are chosen from: never a test item
    for name in models:
        setup = configure(
            name, shape, {"maxlen": maxlen}, {"time_budget": time_budget, "seed": seed, "progress": progress}
        )
        reasons, tried = list(setup.reasons), None
        if search and "negatives" in setup.settings:  # the sequence networks
            log(f"choosing {name}'s settings on validation (successive halving)")
            share = time_budget * SEARCH_SHARE if time_budget else None
            tried = successive_halving(name, view, sequences.n_items, setup, share, seed)
            reasons.append(tried.reason())
            left = max(time_budget - tried.seconds, 1.0) if time_budget else None
            setup = configure(
                name,
                shape,
                {"maxlen": maxlen, **tried.winner.settings},
                {"time_budget": left, "seed": seed, "progress": progress, **tried.winner.training},
            )
        settings, training = setup.settings, setup.training
        for reason in reasons:
            log(f"  {name}: {reason}")
        seed_everything(seed)  # initial weights too, so a run repeats exactly
        network = build(name, ModelConfig(n_items=sequences.n_items, **settings))
        log(f"training {name} ({sum(p.numel() for p in network.parameters()):,} parameters)")
        result = train(network, view, training, report=lambda e: log(_epoch_line(e)))
        log(
            f"  {result.epochs} epochs, {result.train_seconds:.0f} s, best validation NDCG@10 "
            f"{result.valid.get('NDCG@10', 0):.4f} at epoch {result.best_epoch} ({result.stopped_because})"
        )
        trained[name] = network
        results[name] = {
            "family": MODELS[name].family,
            "train_seconds": round(result.train_seconds, 1),
            "epochs": result.epochs,
            "best_epoch": result.best_epoch,
            "stopped_because": result.stopped_because,
            "valid_NDCG@10": result.valid.get("NDCG@10"),
            "parameters": sum(p.numel() for p in network.parameters()),
            "settings": settings,
            "training": training.to_json(),
            "chosen_because": reasons,
            **({"search": tried.to_json()} if tried else {}),
        }
    if not distributed.is_main():
        return {}  # under torchrun, rank 0 evaluates and reports
    # The test split is read here, once, after every model has been chosen on validation.
    inputs = test_inputs(view)
    everything = [np.append(h, t) if t else h for h, t in zip(inputs, test.test, strict=True)]
    users, negatives = sample_negatives(
        everything, test.users, sequences.n_items, PROTOCOL["negatives"], seed + TEST_SEED_OFFSET
    )
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    published = digest == PAPER_DATASET["sha256"]
    for name, network in trained.items():
        scores = evaluate(network, inputs, test.test, users, negatives, full=True)
        spec = MODELS[name]
        paper = {"row": spec.paper, "HR@10": spec.paper_hr, "NDCG@10": spec.paper_ndcg} if spec.paper else None
        results[name] = {
            **{k: round(v, 4) for k, v in scores.items()},
            **results[name],
            "paper": paper if published else None,
        }
    return {
        "protocol": {**PROTOCOL, "maxlen": maxlen, "time_budget_s": time_budget, "seed": seed},
        "reference": PAPER_DATASET["name"] if published else None,
        "dataset": {
            "file": data.name,
            "sha256": digest,
            **sequences.describe(),
            "evaluated_users": len(users),
            "shape": shape.to_json(),
        },
        "machine": {"device": str(pick_device("auto")), "threads": torch.get_num_threads()},
        "results": results,
    }


def _epoch_line(entry: dict) -> str:
    return (
        f"  epoch {entry['epoch']}: loss {entry['loss']:.3f}, validation NDCG@10 {entry.get('NDCG@10', 0):.4f} "
        f"HR@10 {entry.get('HR@10', 0):.4f}, {entry['seconds']:.0f} s"
    )


def table(report: dict) -> str:
    """The results as a fixed-width text table: full-ranking figures first (sampled metrics can order
    models differently, Krichene & Rendle 2020), then sampled, then the paper's figures where the dataset
    is the paper's own."""
    published = report.get("reference") is not None
    head = f"{'model':<11}{'family':<22}{'full HR':>9}{'full NDCG':>10}{'HR@10':>7}{'NDCG@10':>9}"
    head += f"{'paper HR':>10}{'paper NDCG':>11}" if published else ""
    head += f"{'seconds':>9}{'epochs':>8}"
    lines = [head, "-" * len(head)]
    for name, r in report["results"].items():
        line = f"{name:<11}{r['family'][:21]:<22}{r['full_HR@10']:>9.4f}{r['full_NDCG@10']:>10.4f}"
        line += f"{r['HR@10']:>7.4f}{r['NDCG@10']:>9.4f}"
        if published:
            paper = r.get("paper") or {}
            line += f"{paper.get('HR@10') or '-':>10}{paper.get('NDCG@10') or '-':>11}"
        lines.append(line + f"{r['train_seconds']:>9.0f}{r['epochs']:>8}")
    for name, r in report["results"].items():
        lines += [f"{name} settings: {reason}" for reason in r.get("chosen_because", [])]
    lines.append(
        f"paper figures: {report['reference']}"
        if published
        else f"no published reference for this dataset (the paper's figures are for {PAPER_DATASET['name']})"
    )
    return "\n".join(lines)
