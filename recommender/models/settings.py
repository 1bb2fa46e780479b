"""Training settings chosen from the shape of the log in front of the trainer, never from its test items.

The registry's settings (``MODELS``) were chosen on the validation split of the SASRec paper's Games log:
short histories (9 actions per user), 24k items. A log where users have long histories is another
regime: there the paper trains with dropout 0.2, and stochastic item swaps and recency weighting, which
regularise sparse histories, only slow learning down. On MovieLens-100K (106 actions per user, 1,682
items) these dense settings reach validation NDCG@10 0.403 after 40 epochs where the Games settings
reach 0.324 (docs/BENCHMARKS.md, "Settings from the data"). Long histories also fill a batch of 256 users
with tens of thousands of actions and an epoch with a few optimiser steps, so a batch is sized by the
actions it holds. A catalogue small enough is trained with a full softmax over every item: exact, and no
dearer than sampling most of them.

The shape is read from the :class:`TrainingView` only (training histories and validation items), so the
choice cannot depend on test items. :func:`configure` is where every trainer of a model (the benchmark, a
catalog's preference model, the cold-start comparison) gets its settings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from recommender.models import MODELS
from recommender.models.data import TrainingView
from recommender.models.trainer import TrainConfig

#: Actions per user from which a log counts as dense (Games: 9; MovieLens-100K: 106).
DENSE_ACTIONS_PER_USER = 30
#: Settings of sequence networks on a dense log (SASRec paper, MovieLens-1M: dropout 0.2).
DENSE_SETTINGS = {"dropout": 0.2, "item_swap": 0.0, "recency": 1.0}
DENSE_TRAINING = {"lr": 0.004}
#: Up to this many items, a full softmax replaces sampled negatives.
FULL_SOFTMAX_ITEMS = 5_000
#: About how many actions one optimiser step learns from. 256 Games users hold about 2,100; 256
#: MovieLens-100K users hold 27,000, four steps an epoch, and learning crawls: best validation NDCG@10 in
#: 40 epochs 0.403 with 256 users per batch, 0.459 with 64, at the same cost per epoch.
ACTIONS_PER_BATCH = 8_192


@dataclass(frozen=True)
class LogShape:
    """The figures the settings are chosen from."""

    users: int
    items: int
    actions: int

    @property
    def actions_per_user(self) -> float:
        return self.actions / max(self.users, 1)

    @classmethod
    def of(cls, view: TrainingView) -> LogShape:
        """The shape of what training may see: training histories plus validation items."""
        seen = [h for h in view.train if len(h)] + [view.valid[view.valid > 0]]
        items = len(np.unique(np.concatenate(seen))) if seen else 0  # not n_items: test-only ids count there
        actions = sum(len(h) for h in view.train) + int((view.valid > 0).sum())
        return cls(users=len(view.train), items=items, actions=actions)

    def to_json(self) -> dict:
        return {"users": self.users, "items": self.items, "actions_per_user": round(self.actions_per_user, 1)}


@dataclass(frozen=True)
class Choice:
    """Network settings (``ModelConfig`` fields) and training settings (``TrainConfig`` fields), with why."""

    settings: dict
    training: dict
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"settings": self.settings, "training": self.training, "reasons": self.reasons}


def choose(name: str, shape: LogShape) -> Choice:
    """The settings for model ``name`` on a log of this shape: the registry's, adapted to the regime."""
    spec = MODELS[name]
    settings, training = dict(spec.settings), dict(spec.training)
    sequence = "negatives" in settings  # the networks trained with a softmax over items
    reasons = []
    if sequence and shape.actions_per_user >= DENSE_ACTIONS_PER_USER:
        settings.update(DENSE_SETTINGS)
        training.update(DENSE_TRAINING)
        reasons.append(
            f"dense log ({shape.actions_per_user:.0f} actions per user, at least {DENSE_ACTIONS_PER_USER}): "
            "dropout 0.2, no item swaps, no recency weighting, learning rate 0.004"
        )
    elif sequence:
        reasons.append(
            f"sparse log ({shape.actions_per_user:.0f} actions per user, under {DENSE_ACTIONS_PER_USER}): "
            "the settings chosen on the Games log"
        )
    most = training.get("batch_size", TrainConfig.batch_size)
    batch = batch_size_for(shape, most)
    if sequence and batch < most:
        training["batch_size"] = batch
        reasons.append(
            f"{shape.actions_per_user:.0f} actions per user: {batch} users per batch, "
            f"about {ACTIONS_PER_BATCH:,} actions per optimiser step"
        )
    if sequence and shape.items <= FULL_SOFTMAX_ITEMS:
        settings["negatives"] = 0
        reasons.append(f"{shape.items:,} items, at most {FULL_SOFTMAX_ITEMS:,}: a full softmax over every item")
    return Choice(settings, training, reasons)


def batch_size_for(shape: LogShape, most: int) -> int:
    """Users per batch so that a step holds about ``ACTIONS_PER_BATCH`` actions: a power of two, 16 to ``most``."""
    users = ACTIONS_PER_BATCH / max(shape.actions_per_user, 1.0)
    return int(min(most, max(16, 2 ** round(math.log2(users)))))


@dataclass(frozen=True)
class Setup:
    """What a model trains with: ``ModelConfig`` fields, the ``TrainConfig``, and why the chosen ones were chosen."""

    settings: dict
    training: TrainConfig
    reasons: list[str]


def configure(
    name: str,
    shape: LogShape,
    settings: Mapping[str, Any] | None = None,
    training: Mapping[str, Any] | None = None,
) -> Setup:
    """The settings model ``name`` trains with on a log of this shape: the registry's adapted to the log
    (:func:`choose`), then the caller's on top: ``ModelConfig`` fields in ``settings``, ``TrainConfig``
    fields in ``training`` (a whole ``TrainConfig.to_json()`` takes the place of the training chosen)."""
    choice = choose(name, shape)
    merged = TrainConfig(**{**choice.training, **(training or {})})
    return Setup({**choice.settings, **(settings or {})}, merged, choice.reasons)
