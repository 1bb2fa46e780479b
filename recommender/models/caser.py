"""Caser (Tang & Wang, WSDM 2018): horizontal and vertical convolutions over the last L items.

Every position gets its own window of the L items ending there, so one pass trains all positions. The
paper's user embedding is left out: a shopper here is a session, known only by what it did.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from recommender.models.dropout import Dropout
from recommender.models.network import ModelConfig, SequenceRecommender


class Caser(SequenceRecommender):
    def __init__(self, config: ModelConfig, items: nn.Module | None = None) -> None:
        super().__init__(config, items)
        w, d = config.window, config.dim
        self.horizontal = nn.ModuleList(nn.Conv2d(1, config.horizontal, (h, d)) for h in range(1, w + 1))
        self.vertical = nn.Conv2d(1, config.vertical, (w, 1))
        self.drop = Dropout(config.dropout)
        self.project = nn.Linear(config.horizontal * w + config.vertical * d, d)

    def encode(self, seqs: Tensor) -> Tensor:
        b, length = seqs.shape
        w, d = self.config.window, self.config.dim
        windows = F.pad(seqs, (w - 1, 0)).unfold(1, w, 1)  # (B, L, W)
        x = self.items(windows).reshape(b * length, 1, w, d)  # (BL, 1, W, D)
        pooled = [F.relu(conv(x)).squeeze(3).amax(dim=2) for conv in self.horizontal]  # W x (BL, nh)
        vertical = self.vertical(x).reshape(b * length, -1)  # (BL, nv * D)
        z = self.drop(torch.cat([*pooled, vertical], dim=1))
        return F.relu(self.project(z)).reshape(b, length, d)  # (B, L, D)
