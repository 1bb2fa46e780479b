"""Ordering with diversity: maximal marginal relevance."""

from __future__ import annotations

import numpy as np


def mmr(relevance: np.ndarray, likeness: np.ndarray, k: int, diversity: float) -> list[int]:
    """Maximal marginal relevance: each pick trades relevance against likeness to the picks so far
    (``diversity`` 0 ranks by relevance alone, 1 by novelty alone). Returns positions in ``relevance``."""
    if len(relevance) == 0 or k <= 0:
        return []
    spread = relevance.max() - relevance.min()
    relevance = (relevance - relevance.min()) / spread if spread > 0 else np.ones(len(relevance))
    lam = 1 - diversity
    chosen = [0]
    while len(chosen) < min(k, len(relevance)):
        gain = lam * relevance - (1 - lam) * likeness[:, chosen].max(axis=1)
        gain[chosen] = -np.inf
        chosen.append(int(np.argmax(gain)))
    return chosen
