"""Cold start: how well a model scores products nobody interacted with in training.

A share of the items is held out of training entirely; each user whose history reaches one of them is
asked, at that point, to rank it against sampled negatives (the training's ``eval_negatives``, 100). An
id-only model has nothing learned for such an item; the hybrid still has its content.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from recommender.models import build
from recommender.models.data import Sequences, holdout_last, pad_left
from recommender.models.evaluation import sample_negatives
from recommender.models.metrics import hit_rate, ndcg, target_ranks
from recommender.models.network import ModelConfig
from recommender.models.settings import LogShape, configure
from recommender.models.trainer import TrainConfig, seed_everything, train

#: Seed offset of the cold items' negatives: its own draw, beside validation's (trainer.VALID_SEED_OFFSET) and
#: the benchmark's test (benchmark.TEST_SEED_OFFSET).
COLD_SEED_OFFSET = 3


def cold_start(
    sequences: Sequences,
    content: np.ndarray,
    training: TrainConfig | None = None,
    models: Sequence[str] = ("sasrec", "hybrid"),
    fraction: float = 0.1,
    seed: int = 42,
) -> dict:
    """Hold out ``fraction`` of the items, train each model without them, rank them when they come up.

    Each model trains as :class:`~recommender.models.preference.PreferenceModel` does: with ``training`` when
    given, else its registered training, and its settings chosen for the log's shape.
    """
    if not 0 < fraction < 1:
        raise ValueError(f"the cold-start fraction must be between 0 and 1, got {fraction}")
    rng = np.random.default_rng(seed)
    present = np.unique(np.concatenate(sequences.items))
    cold = rng.choice(present, size=max(1, round(fraction * len(present))), replace=False)
    is_cold = np.zeros(sequences.n_items + 1, dtype=bool)
    is_cold[cold] = True
    warm = [items[~is_cold[items]] for items in sequences.items]
    inputs, targets, owners = [], [], []
    for user, items in enumerate(sequences.items):
        for t in range(1, len(items)):
            history = items[:t][~is_cold[items[:t]]]
            if is_cold[items[t]] and len(history):
                inputs.append(history)
                targets.append(int(items[t]))
                owners.append(user)
                break  # one question per user keeps users equally weighted
    if not targets:
        raise ValueError("no history reaches a held-out item after a known one; use more data or a larger fraction")
    users = np.arange(len(targets))
    exclude = [sequences.items[u] for u in owners]
    asked = (training or TrainConfig()).eval_negatives
    users, negatives = sample_negatives(exclude, users, sequences.n_items, asked, seed + COLD_SEED_OFFSET)
    candidates = np.concatenate([np.asarray(targets)[users, None], negatives], axis=1)
    view = holdout_last(Sequences(sequences.users, warm, sequences.item_ids))
    shape = LogShape.of(view)
    results = {}
    for name in models:
        setup = configure(name, shape, training=training.to_json() if training else None)
        seed_everything(setup.training.seed)
        config = ModelConfig(n_items=sequences.n_items, **setup.settings)
        network = build(name, config, content if name == "hybrid" else None)
        outcome = train(network, view, setup.training)
        network.eval().cpu()
        seqs = torch.as_tensor(pad_left([inputs[u] for u in users], network.config.maxlen))
        scores = network.score(seqs, torch.as_tensor(candidates)).numpy()
        ranks = target_ranks(scores)
        results[name] = {"HR@10": round(hit_rate(ranks), 4), "NDCG@10": round(ndcg(ranks), 4), "epochs": outcome.epochs}
    return {"held_out_items": len(cold), "questions": len(users), "results": results}
