"""Hybrid item vectors: a learned id vector plus a projection of the item's content.

Content is the text embedding of name and description and the normalised attributes. An item with no
history (cold start) has no trained id vector, so it is represented by its content alone; during training a
share of id vectors is dropped so the content path learns to stand on its own.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor, nn

from recommender.models import randomness
from recommender.models.network import ItemTable


class ContentItems(nn.Module):
    """Item vectors ``id vector * (item has history) + W content`` with ``content`` a fixed buffer."""

    def __init__(self, n_items: int, dim: int, content: Tensor | np.ndarray, id_dropout: float = 0.3) -> None:
        super().__init__()
        content = torch.as_tensor(np.asarray(content), dtype=torch.float32)
        if content.shape[0] != n_items + 1:
            raise ValueError(f"content has {content.shape[0]} rows, expected n_items + 1 = {n_items + 1}")
        self.ids = ItemTable(n_items, dim)
        self.register_buffer("content", content)  # (n_items + 1, F); row 0 is padding
        self.register_buffer("trained", torch.zeros(n_items + 1))
        self.project = nn.Linear(content.shape[1], dim, bias=False)
        self.id_dropout = id_dropout

    def prepare(self, trained_items: Tensor) -> None:
        self.trained.copy_(trained_items.float())
        self.trained[0] = 0

    def forward(self, ids: Tensor) -> Tensor:
        keep = self.trained[ids]  # (...,)
        if self.training and self.id_dropout:
            draw = torch.rand(keep.shape, device=ids.device, generator=randomness.generator())
            keep = keep * (draw >= self.id_dropout)
        vectors = self.ids(ids) * keep.unsqueeze(-1) + self.project(self.content[ids])  # (..., D)
        return vectors * (ids > 0).unsqueeze(-1)
