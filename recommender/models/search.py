"""Successive halving over a few settings near the chosen ones, scored on validation only.

The settings :func:`settings.configure` derives from a log's shape are a sound start, not the best on
every log. Here a handful of variations of them (the learning rate halved and doubled, the other dropout)
train side by side on a short budget; the better half on validation NDCG@10 trains again on twice the
budget, and so on until one is left (successive halving: Jamieson & Talwalkar, AISTATS 2016; the inner
loop of Hyperband, Li et al., JMLR 2018). Every rung costs about the same, so losers stop early and the
search keeps within its budget. A trial trains from the start with its rung's budget, so its learning
rate schedule fits that budget.

Trials see the :class:`TrainingView` only (training histories and validation items): the test items
are not among their inputs, so they cannot steer the choice.
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field

from recommender.models import build
from recommender.models.data import TrainingView
from recommender.models.network import ModelConfig
from recommender.models.settings import Setup
from recommender.models.trainer import TrainConfig, seed_everything, train

#: Epochs of a first-rung trial when there is no time budget (each later rung doubles them).
FIRST_EPOCHS = 4


@dataclass(frozen=True)
class Variant:
    """One set of settings tried: ``ModelConfig`` and ``TrainConfig`` fields over the chosen ones."""

    label: str
    settings: dict = field(default_factory=dict)
    training: dict = field(default_factory=dict)


@dataclass
class Search:
    """What the search tried, rung by rung, and what won."""

    winner: Variant
    trials: list[dict]
    seconds: float

    def reason(self) -> str:
        """One line for the printed table: what won, against what."""
        last = [t for t in self.trials if t["rung"] == self.trials[-1]["rung"]]
        others = ", ".join(
            f"{t['variant']} {t['valid_NDCG@10']:.4f}" for t in last if t["variant"] != self.winner.label
        )
        best = next(t for t in last if t["variant"] == self.winner.label)
        return (
            f"search on validation ({len(self.trials)} trials, {self.seconds:.0f} s): {self.winner.label} won "
            f"with NDCG@10 {best['valid_NDCG@10']:.4f}" + (f" against {others}" if others else "")
        )

    def to_json(self) -> dict:
        return {"winner": dataclasses.asdict(self.winner), "seconds": round(self.seconds, 1), "trials": self.trials}


def variants(setup: Setup) -> list[Variant]:
    """The settings tried: the chosen ones first (they win ties), then one change each."""
    lr = setup.training.lr
    out = [Variant("as chosen")] + [Variant(f"learning rate {r:g}", training={"lr": r}) for r in (lr / 2, lr * 2)]
    dropout = setup.settings.get("dropout")
    if dropout is not None:
        other = 0.5 if dropout < 0.35 else 0.2  # the two values the SASRec paper uses (dense / sparse logs)
        out.append(Variant(f"dropout {other:g}", settings={"dropout": other}))
    return out


def successive_halving(
    name: str, view: TrainingView, n_items: int, setup: Setup, budget: float | None, seed: int = 42
) -> Search:
    """Choose among :func:`variants` of ``setup`` for model ``name`` on ``view``'s validation items.

    With ``budget`` (seconds for the whole search) every rung shares it equally; without, a first-rung
    trial trains ``FIRST_EPOCHS`` epochs and each later rung twice as many.
    """
    alive = variants(setup)
    sizes = [len(alive)]  # trials per rung: half of the rung before, rounded up, until one is left
    while sizes[-1] > 2:
        sizes.append(math.ceil(sizes[-1] / 2))
    first_seconds = budget / sum(n * 2**rung for rung, n in enumerate(sizes)) if budget else None
    start, trials = time.perf_counter(), []
    for rung in range(len(sizes)):
        scores = []
        for variant in alive:
            training = {**setup.training.to_json(), **variant.training, "progress": False, "seed": seed}
            if first_seconds:
                training.update(time_budget=first_seconds * 2**rung)
            else:
                epochs = FIRST_EPOCHS * 2**rung
                training.update(time_budget=None, epochs=epochs, patience=epochs)
            seed_everything(seed)
            network = build(name, ModelConfig(n_items=n_items, **{**setup.settings, **variant.settings}))
            result = train(network, view, TrainConfig(**training))
            score = result.valid.get("NDCG@10", 0.0)
            scores.append(score)
            trials.append(
                {
                    "rung": rung,
                    "variant": variant.label,
                    "budget_s": training["time_budget"],
                    "epochs": result.epochs,
                    "valid_NDCG@10": round(score, 4),
                    "seconds": round(result.train_seconds, 1),
                }
            )
        keep = math.ceil(len(alive) / 2) if rung + 1 < len(sizes) else 1
        order = sorted(range(len(alive)), key=lambda i: -scores[i])  # stable: the earlier variant wins a tie
        alive = [alive[i] for i in sorted(order[:keep])]
    return Search(alive[0], trials, time.perf_counter() - start)
