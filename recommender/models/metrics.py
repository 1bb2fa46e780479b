"""Ranking metrics of the SASRec protocol: hit rate and NDCG at a cut-off, from the target's rank."""

from __future__ import annotations

import numpy as np


def target_ranks(scores: np.ndarray) -> np.ndarray:
    """0-based rank of column 0 (the target) among each row's candidates: ``(U, C) -> (U,)``.

    Ties count against the target, so a model that scores everything alike gets no credit for it.
    """
    return (scores[:, 1:] >= scores[:, :1]).sum(axis=1)


def hit_rate(ranks: np.ndarray, k: int = 10) -> float:
    """Share of users whose target is in the top ``k``."""
    return float(np.mean(ranks < k)) if len(ranks) else 0.0


def ndcg(ranks: np.ndarray, k: int = 10) -> float:
    """Mean NDCG@k with one relevant item: ``1 / log2(rank + 2)`` when it is in the top ``k``, else 0."""
    if not len(ranks):
        return 0.0
    gains = np.where(ranks < k, 1.0 / np.log2(np.asarray(ranks, dtype=np.float64) + 2.0), 0.0)
    return float(gains.mean())
