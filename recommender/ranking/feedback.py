"""In-session learning: what the shopper did to shown products changes the next ranking.

Three effects, each visible in the explanation:

- look-alikes: products like one the shopper liked move up, products like one they disliked move down
  (the ``feedback`` score part, in [-1, 1]; likeness by text and by attributes);
- the learned preference model reads the positive signals in order as the session's history;
- the blend adapts: a small logistic model over the score parts of the products the shopper reacted to,
  pulled towards the default weights so a few clicks nudge rather than overturn them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from recommender.signals import SIGNALS

#: How strongly each signal says "more like this" (negative: "less like this").
SIGNAL_WEIGHT = {"click": 0.3, "like": 1.0, "shortlist": 0.8, "purchase": 1.0, "dislike": -1.0}
#: Blend adaptation: learning rate, steps, and the pull back towards the default weights.
ADAPT_RATE, ADAPT_STEPS, ADAPT_PULL = 0.5, 50, 1.0
#: Score scale inside the logistic model: score parts differ by tenths, so they need stretching.
ADAPT_SCALE = 10.0


@dataclass
class Feedback:
    """The shopper's signals in this conversation, in order."""

    events: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: int, signal: str) -> None:
        if signal not in SIGNALS:
            raise ValueError(f"unknown signal {signal!r}; use one of {', '.join(SIGNALS)}")
        self.events.append((int(row), signal))

    @property
    def weights(self) -> dict[int, float]:
        """Each product's latest signal weight (a dislike after a like wins, and the other way round)."""
        out: dict[int, float] = {}
        for row, signal in self.events:
            weight, before = SIGNAL_WEIGHT[signal], out.get(row)
            out[row] = weight if weight < 0 or before is None or before < 0 else max(before, weight)
        return out

    @property
    def history(self) -> list[int]:
        """Positive signals in order, repeats collapsed: the session history a preference model reads."""
        rows: list[int] = []
        for row, signal in self.events:
            if SIGNAL_WEIGHT[signal] > 0 and (not rows or rows[-1] != row):
                rows.append(row)
        return rows

    def __bool__(self) -> bool:
        return bool(self.events)


@dataclass(frozen=True)
class LookAlike:
    """The ``feedback`` part and, per product, the reacted-to product it most resembles."""

    scores: np.ndarray  # (n,) in [-1, 1]
    because: np.ndarray  # (n,) row of the closest liked (if pulled up) or disliked (if pushed down) product


def look_alikes(feedback: Feedback, likeness: Callable[[int], np.ndarray], n: int) -> LookAlike:
    """Pull towards liked products and away from disliked ones, by ``likeness(row)`` in [0, 1]."""
    pull = np.zeros(n)
    push = np.zeros(n)
    pull_from = np.full(n, -1)
    push_from = np.full(n, -1)
    for row, weight in feedback.weights.items():
        similar = weight * _relative(likeness(row), row) if weight > 0 else -weight * _relative(likeness(row), row)
        target, source = (pull, pull_from) if weight > 0 else (push, push_from)
        better = similar > target
        target[better] = similar[better]
        source[better] = row
    scores = pull - push
    because = np.where(scores >= 0, pull_from, push_from)
    return LookAlike(scores, because)


def _relative(similarity: np.ndarray, row: int) -> np.ndarray:
    """Similarity above the typical product's, scaled so the closest other product is 1 and the item itself 1."""
    others = np.delete(similarity, row)
    typical = np.median(others) if len(others) else 0.0
    top = others.max() if len(others) else 1.0
    scaled = np.clip((similarity - typical) / (top - typical), 0, 1) if top > typical else np.zeros_like(similarity)
    scaled[row] = 1.0
    return scaled


def adapt_weights(defaults: dict[str, float], examples: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    """Blend weights fitted to the shopper's reactions (parts of a product -> 1 liked, 0 disliked).

    Logistic regression on the weighted score with an L2 pull towards ``defaults``; weights stay
    non-negative and keep their total, so scores stay comparable between turns.
    """
    names = list(defaults)
    if not examples:
        return dict(defaults)
    x = np.array([[parts.get(k, 0.0) for k in names] for parts, _ in examples])  # (E, P)
    y = np.array([label for _, label in examples])  # (E,)
    w0 = np.array([defaults[k] for k in names])
    w, bias = w0.copy(), -float(np.median(x @ w0)) * ADAPT_SCALE
    for _ in range(ADAPT_STEPS):
        p = 1 / (1 + np.exp(-(ADAPT_SCALE * (x @ w) + bias)))  # (E,)
        error = p - y
        w -= ADAPT_RATE * (ADAPT_SCALE * (x.T @ error) / len(y) + ADAPT_PULL * (w - w0))
        bias -= ADAPT_RATE * float(error.mean())
        w = np.clip(w, 0, None)
    total = w.sum()
    w = w * (w0.sum() / total) if total > 0 else w0
    return {k: float(v) for k, v in zip(names, w, strict=True)}
