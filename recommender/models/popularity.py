"""Popularity baseline: every shopper gets the items most often interacted with in training."""

from __future__ import annotations

import torch
from torch import Tensor

from recommender.models.network import ModelConfig, SequenceRecommender


class Popularity(SequenceRecommender):
    """Scores are log interaction counts; nothing to train beyond counting."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__(config, items=torch.nn.Identity())
        self.bias = None  # the counts are the whole model
        self.register_buffer("counts", torch.zeros(config.n_items + 1))

    def prepare(self, train: list, n_items: int) -> None:
        counts = torch.zeros(n_items + 1)
        for history in train:
            counts.index_add_(0, torch.as_tensor(history), torch.ones(len(history)))
        self.counts.copy_(counts)

    @torch.no_grad()
    def score(self, seqs: Tensor, candidates: Tensor) -> Tensor:
        return torch.log1p(self.counts[candidates])  # (B, C)

    @torch.no_grad()
    def score_all(self, seqs: Tensor) -> Tensor:
        return torch.log1p(self.counts).expand(len(seqs), -1)  # (B, n_items + 1)
