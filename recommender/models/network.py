"""The contract every preference network shares, its item tables and its training loss.

A network encodes a history into one vector per position (causally: position t sees items up to t); an
item's score is the dot product of that vector with the item's vector. Training ``forward`` returns the
loss; inference is the separate no-grad ``score``/``score_all``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from recommender.models import randomness
from recommender.models.softmax import cross_entropy_all


@dataclass
class ModelConfig:
    """Sizes of a network; each model reads the fields it uses."""

    n_items: int
    dim: int = 64
    maxlen: int = 50
    dropout: float = 0.2
    negatives: int = 256  # shared uniform negatives per batch for the sampled softmax; 0: a full softmax
    loss: str = "softmax"  # "softmax" (sampled, or full with negatives=0), or "gbce" (gSASRec) over the negatives
    blocks: int = 2  # SASRec
    heads: int = 1  # SASRec
    window: int = 5  # Caser: the last L items
    horizontal: int = 16  # Caser: filters per height
    vertical: int = 4  # Caser
    content_dim: int = 0  # hybrid: width of the item content features
    id_dropout: float = 0.3  # hybrid: share of id vectors dropped in training, so content learns alone
    item_bias: bool = True  # a learned per-item offset: how wanted an item is whatever came before
    item_swap: float = 0.0  # training only: chance that a history item is swapped for a random item (SSE)
    recency: float = 1.0  # training only: a target k steps before the end of its history weighs recency**k

    def to_json(self) -> dict:
        return asdict(self)


class ItemTable(nn.Module):
    """One learned vector per item id; id 0 (padding) is the zero vector."""

    def __init__(self, n_items: int, dim: int) -> None:
        super().__init__()
        self.embedding = nn.Embedding(n_items + 1, dim, padding_idx=0)
        nn.init.normal_(self.embedding.weight, std=dim**-0.5)
        with torch.no_grad():
            self.embedding.weight[0].zero_()

    def forward(self, ids: Tensor) -> Tensor:
        return self.embedding(ids)

    def prepare(self, trained_items: Tensor) -> None:
        """Called with the ids seen in training; a plain table needs nothing."""


class SequenceRecommender(nn.Module):
    """Base of every preference network: subclasses implement :meth:`encode`."""

    #: "softmax": sampled softmax over shared negatives; "bpr": pairwise loss with one negative per position.
    loss_kind = "softmax"

    def __init__(self, config: ModelConfig, items: nn.Module | None = None) -> None:
        super().__init__()
        self.config = config
        self.items = items if items is not None else ItemTable(config.n_items, config.dim)
        # Popularity is most of what separates a bought item from a random one; a bias learns it at once
        # instead of spending embedding dimensions on it.
        self.bias = nn.Embedding(config.n_items + 1, 1) if config.item_bias else None
        if self.bias is not None:
            nn.init.zeros_(self.bias.weight)

    def offset(self, ids: Tensor) -> Tensor:
        """The per-item bias, shaped like ``ids`` (zeros without one)."""
        if self.bias is None:
            return torch.zeros(ids.shape, device=ids.device)
        return self.bias(ids).squeeze(-1)

    def encode(self, seqs: Tensor) -> Tensor:
        """History ids ``(B, L)``, left-padded with 0 -> one vector per position ``(B, L, D)``."""
        raise NotImplementedError

    def prepare(self, train: list, n_items: int) -> None:
        """Look at the training histories once before training (counts, which items have history)."""
        seen = torch.zeros(n_items + 1, dtype=torch.bool)
        for history in train:
            seen[torch.as_tensor(history)] = True
        if hasattr(self.items, "prepare"):
            self.items.prepare(seen)

    def forward(self, seqs: Tensor, targets: Tensor) -> Tensor:
        """Training loss for predicting ``targets[b, t]`` (0 = no target) after ``seqs[b, :t+1]``."""
        hidden = self.encode(self.perturb(seqs))  # (B, L, D)
        mask = targets > 0
        h = hidden[mask]  # (T, D)
        t = targets[mask]  # (T,)
        weights = self.recency_weights(targets)[mask].to(h.dtype)  # (T,)
        n = self.config.n_items
        if self.loss_kind != "bpr" and self.config.negatives <= 0:  # a full softmax over every item
            every = torch.arange(1, n + 1, device=t.device)
            return cross_entropy_all(h, self.items(every), self.offset(every), t - 1, weights)
        positive = (h * self.items(t)).sum(-1) + self.offset(t)  # (T,)
        if self.loss_kind == "bpr":
            negatives = torch.randint(1, n + 1, t.shape, device=t.device, generator=randomness.generator())  # (T,)
            negative = (h * self.items(negatives)).sum(-1) + self.offset(negatives)  # (T,)
            return _weighted_mean(-F.logsigmoid(positive - negative), weights)
        draw = randomness.generator()
        negatives = torch.randint(1, n + 1, (self.config.negatives,), device=t.device, generator=draw)  # (N,)
        # A negative equal to the target (1 in n_items per draw) is left in: masking it costs more time
        # than the rare collision costs accuracy.
        logits = h @ self.items(negatives).T + self.offset(negatives)[None, :]  # (T, N)
        if self.config.loss == "gbce":
            return _weighted_mean(_gbce(positive, logits, n), weights)
        # Cross-entropy with the target as class 0, without copying it in front of the (T, N) logits.
        return _weighted_mean(torch.logaddexp(positive, torch.logsumexp(logits, dim=1)) - positive, weights)

    def target_weight(self, targets: Tensor) -> Tensor:
        """The total weight of the targets in ``targets`` (float64): the training loss is their weighted mean."""
        return (self.recency_weights(targets).double() * (targets > 0)).sum()

    def recency_weights(self, targets: Tensor) -> Tensor:
        """Each target's weight in the loss, ``(B, L)``: ``recency**k`` for the target k steps before the end."""
        steps = torch.arange(targets.shape[1] - 1, -1, -1, device=targets.device, dtype=torch.float32)
        return (self.config.recency**steps).expand(targets.shape)

    def perturb(self, seqs: Tensor) -> Tensor:
        """In training, swap each history item for a uniformly random item with chance ``item_swap``.

        Stochastic shared embeddings (SSE-SE, Wu et al., NeurIPS 2019): on sparse logs it stops a model from
        leaning on any one item of a history, and costs nothing at inference.
        """
        chance = self.config.item_swap
        if not (self.training and chance > 0):
            return seqs
        draw = randomness.generator()
        swap = (torch.rand(seqs.shape, device=seqs.device, generator=draw) < chance) & (seqs > 0)
        others = torch.randint(1, self.config.n_items + 1, seqs.shape, device=seqs.device, generator=draw)
        return torch.where(swap, others, seqs)

    @torch.no_grad()
    def last_state(self, seqs: Tensor) -> Tensor:
        """The vector after each whole history: ``(B, L) -> (B, D)``."""
        return self.encode(seqs)[:, -1]

    @torch.no_grad()
    def score(self, seqs: Tensor, candidates: Tensor) -> Tensor:
        """Scores of candidate ids ``(B, C)`` after each history ``(B, L)`` -> ``(B, C)``."""
        state = self.last_state(seqs)  # (B, D)
        return torch.einsum("bd,bcd->bc", state, self.items(candidates)) + self.offset(candidates)

    @torch.no_grad()
    def score_all(self, seqs: Tensor) -> Tensor:
        """Scores of every item id (column 0 is padding) after each history: ``(B, n_items + 1)``."""
        ids = torch.arange(self.config.n_items + 1, device=seqs.device)
        return self.last_state(seqs) @ self.items(ids).T + self.offset(ids)[None, :]


def _gbce(positive: Tensor, negative: Tensor, n_items: int, calibration: float = 0.75) -> Tensor:
    """gSASRec's generalised binary cross-entropy (Petrov & Macdonald, RecSys 2023), per target: the
    positive's log-sigmoid raised to ``beta``, which undoes the overconfidence that sampling few of many
    negatives teaches; ``calibration`` 0.75 as in the paper. Averaged over the 1 + N logits like their BCE."""
    alpha = negative.shape[1] / max(n_items - 1, 1)
    beta = alpha * (calibration * (1 - 1 / alpha) + 1 / alpha)
    total = -beta * F.logsigmoid(positive) + F.softplus(negative).sum(dim=1)
    return total / (1 + negative.shape[1])


def _weighted_mean(losses: Tensor, weights: Tensor) -> Tensor:
    return (losses * weights).sum() / weights.sum()
