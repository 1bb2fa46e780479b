"""BPR matrix factorisation (Rendle et al., 2009) with the user folded in from their history.

A shopper of this product is a session, not a stored user, so the user factor is the mean of learned
"context" vectors of the items in their history (as in FISM); the pairwise BPR loss trains both tables.
Order is ignored: the mean at position t covers every item up to t.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from recommender.models.network import ModelConfig, SequenceRecommender


class BPR(SequenceRecommender):
    loss_kind = "bpr"

    def __init__(self, config: ModelConfig, items: nn.Module | None = None) -> None:
        super().__init__(config, items)
        self.context = nn.Embedding(config.n_items + 1, config.dim, padding_idx=0)
        nn.init.normal_(self.context.weight, std=config.dim**-0.5)
        with torch.no_grad():
            self.context.weight[0].zero_()

    def encode(self, seqs: Tensor) -> Tensor:
        summed = self.context(seqs).cumsum(dim=1)  # (B, L, D)
        count = (seqs > 0).cumsum(dim=1).clamp(min=1).unsqueeze(-1)  # (B, L, 1)
        return summed / count  # (B, L, D)
