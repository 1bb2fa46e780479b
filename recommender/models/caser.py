"""Caser (Tang & Wang, WSDM 2018): horizontal and vertical convolutions over the last L items.

Every position gets its own window of the L items ending there, so one pass trains all positions. The
paper's user embedding is left out: a shopper here is a session, known only by what it did.

The convolutions are computed along the whole history at once, as matrix products: neighbouring
positions' windows share all but one item, so a filter of height h is applied once per start in the
history and each window takes the max over the starts inside it, instead of once per start per window
(five times the work at L = 5, and ``conv2d``'s backward on the CPU took half of an epoch). The layers
and their weights are the paper's ``Conv2d``s, and the result is theirs (a test compares them).
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
        x = self.items(F.pad(seqs, (w - 1, 0)))  # (B, L + W - 1, D): position t's window is rows t .. t + W - 1
        pooled = []
        for h, conv in enumerate(self.horizontal, start=1):
            starts = length + w - h  # where a filter of height h fits in the padded history
            pieces = x.unfold(1, h, 1).reshape(b * starts, d * h)  # rows s .. s + h - 1, flattened [d, j]
            kernel = conv.weight.squeeze(1).transpose(1, 2).reshape(-1, d * h)  # (nh, D * h), [f, d, j]
            at_start = F.relu(torch.addmm(conv.bias, pieces, kernel.T)).reshape(b, starts, -1)  # (B, starts, nh)
            pooled.append(at_start.unfold(1, w - h + 1, 1).amax(dim=-1).reshape(b * length, -1))  # max in each window
        windows = x.unfold(1, w, 1)  # (B, L, D, W)
        weights = self.vertical.weight.reshape(-1, w)  # (nv, W)
        vertical = torch.einsum("bldw,vw->blvd", windows, weights) + self.vertical.bias[:, None]  # (B, L, nv, D)
        z = self.drop(torch.cat([*pooled, vertical.reshape(b * length, -1)], dim=1))
        return F.relu(self.project(z)).reshape(b, length, d)  # (B, L, D)
