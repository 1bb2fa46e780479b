"""Preference models: sequence recommenders in PyTorch behind one contract (see ``network.py``).

Each model name maps to its network class, its family, and the SASRec paper's Games figures for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from recommender.models.bpr import BPR
from recommender.models.caser import Caser
from recommender.models.hybrid import ContentItems
from recommender.models.network import ModelConfig, SequenceRecommender
from recommender.models.popularity import Popularity
from recommender.models.recurrent import GRU4Rec, LSTMRec
from recommender.models.sasrec import SASRec


@dataclass(frozen=True)
class ModelSpec:
    network: type[SequenceRecommender]
    family: str
    paper: str | None  # the row of the SASRec paper's Table III this model is compared with
    paper_hr: float | None
    paper_ndcg: float | None
    settings: dict = field(default_factory=dict)  # ModelConfig fields chosen for this model
    training: dict = field(default_factory=dict)  # TrainConfig fields chosen for this model


#: The dataset the paper figures above are for: the SASRec paper's Games log (kang205/SASRec ``Video.txt``),
#: known by its content. Beside any other log the figures mean nothing, and are not shown.
PAPER_DATASET = {
    "name": "Amazon Games (Kang & McAuley, ICDM 2018, Table III)",
    "sha256": "b7376fe24430743f411dc7f567285657b2adb3f74361cc7ba0aee94f3024b651",
}

#: Settings chosen on the validation split of the Games data (see docs/BENCHMARKS.md): dropout 0.5 as in
#: the paper for sparse data; 1,024 sampled negatives; a cosine learning-rate decay over the budget.
_SEQUENCE = {"dropout": 0.5, "negatives": 1024}
_TRAINING = {"lr": 0.004, "batch_size": 256}

MODELS: dict[str, ModelSpec] = {
    "popularity": ModelSpec(Popularity, "baseline", "PopRec", 0.4724, 0.2779),
    "bpr": ModelSpec(BPR, "baseline", "BPR", 0.4853, 0.2875, {"dropout": 0.0}, _TRAINING),
    "caser": ModelSpec(Caser, "CNN", "Caser", 0.5282, 0.3214, _SEQUENCE, _TRAINING),
    "gru4rec": ModelSpec(GRU4Rec, "RNN", "GRU4Rec+", 0.6599, 0.4759, {**_SEQUENCE, "dropout": 0.3}, _TRAINING),
    "lstm": ModelSpec(LSTMRec, "LSTM", "GRU4Rec+", 0.6599, 0.4759, {**_SEQUENCE, "dropout": 0.3}, _TRAINING),
    # Chosen on validation (docs/BENCHMARKS.md): a fifth of history items swapped at random (SSE), dropout 0.6,
    # lr 0.006, targets weighted 0.9 per step before the end of their history; patience 20 lets the cosine
    # schedule anneal (at 8, early stopping cut SASRec off at 398 of 600 s).
    "sasrec": ModelSpec(
        SASRec,
        "self-attention",
        "SASRec",
        0.7410,
        0.5360,
        {**_SEQUENCE, "dropout": 0.6, "item_swap": 0.2, "recency": 0.9},
        {**_TRAINING, "lr": 0.006, "patience": 20},
    ),
    "hybrid": ModelSpec(SASRec, "hybrid (self-attention + content)", None, None, None, _SEQUENCE, _TRAINING),
}


def build(name: str, config: ModelConfig, content: np.ndarray | None = None) -> SequenceRecommender:
    """A fresh network for model ``name``; ``hybrid`` needs item ``content`` with ``n_items + 1`` rows."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose from {', '.join(MODELS)}")
    if name == "hybrid":
        if content is None:
            raise ValueError("the hybrid model needs item content (a catalog); none was given")
        # No per-item bias: a product with no history would only ever be pushed down as a negative.
        config = replace(config, content_dim=int(np.asarray(content).shape[1]), item_bias=False)
        items = ContentItems(config.n_items, config.dim, content, config.id_dropout)
        return SASRec(config, items=items)
    return MODELS[name].network(config)
