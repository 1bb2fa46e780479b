"""Dropout with a cheap random mask on the CPU.

``torch.nn.Dropout`` draws one Bernoulli sample per element, which on a CPU took a quarter of a SASRec
training step. Here one 64-bit draw gives eight random bytes, and an element is kept when its byte clears
a threshold: ten times faster, the same expectation, and ``p`` rounded to a multiple of 1/256. On a GPU
torch's own kernel is already fast and is used.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from recommender.models import randomness

_LOW, _HIGH = -(2**63), 2**63 - 1  # the whole int64 range, so every byte of a draw is uniform


def keep_mask(shape: torch.Size | tuple[int, ...], p: float, device: torch.device | str = "cpu") -> Tensor:
    """A boolean mask of ``shape``: each element True with probability ``1 - p`` (p rounded to 1/256)."""
    count = math.prod(shape)
    words = torch.empty((count + 7) // 8, dtype=torch.int64, device=device)
    words.random_(_LOW, _HIGH, generator=randomness.generator())
    threshold = round(p * 256)
    return words.view(torch.uint8)[:count].view(shape) >= threshold


class Dropout(nn.Module):
    """Drop-in for ``nn.Dropout(p)`` whose random mask is cheap on the CPU."""

    def __init__(self, p: float) -> None:
        super().__init__()
        if not p >= 0 or round(p * 256) >= 256:
            raise ValueError(f"dropout must be at least 0 and below 0.998, got {p}")
        self.p = p
        self.dropped = round(p * 256) / 256  # the share actually dropped on the CPU

    def forward(self, x: Tensor) -> Tensor:
        if not self.training or self.dropped == 0:
            return x
        if x.device.type != "cpu":
            return F.dropout(x, self.p, training=True)
        scale = keep_mask(x.shape, self.p, x.device).to(x.dtype).mul_(1 / (1 - self.dropped))
        return x * scale

    def extra_repr(self) -> str:
        return f"p={self.p}"
