"""SASRec (Kang & McAuley, ICDM 2018): causal self-attention over the history, learned positions,
item embeddings shared between input and output.

Since the paper: pre-LayerNorm blocks; a sampled softmax over many negatives (see ``network.py``) instead of
one negative per position, which trains much faster on a CPU; and, as set in the registry, history items
swapped at random in training (SSE, ``ModelConfig.item_swap``), which regularises it on sparse logs; and
the targets near the end of a history weighted up in the loss (``ModelConfig.recency``): a recommendation
always predicts the item after a whole history, and those targets are the training examples most like it.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from recommender.models.dropout import Dropout
from recommender.models.network import ModelConfig, SequenceRecommender


class Block(nn.Module):
    """Pre-norm causal self-attention and a position-wise feed-forward layer, each with a residual."""

    def __init__(self, dim: int, heads: int, dropout: float) -> None:
        super().__init__()
        if dim % heads:
            raise ValueError(f"dim {dim} must be a multiple of heads {heads}")
        self.heads = heads
        self.attention_norm = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.ffn_norm = nn.LayerNorm(dim)
        self.ffn = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), Dropout(dropout), nn.Linear(dim, dim))
        self.drop = Dropout(dropout)

    def forward(self, x: Tensor, allowed: Tensor, last_only: bool = False) -> Tensor:
        """``x`` ``(B, L, D)`` -> ``(B, L, D)``; with ``last_only``, the last position's output alone, ``(B, 1, D)``
        (the keys are every position's, the queries the last one's: all that scoring a history needs)."""
        b, length, dim = x.shape
        q, k, v = self.qkv(self.attention_norm(x)).split(dim, dim=-1)  # 3 x (B, L, D)
        if last_only:
            x, q, allowed = x[:, -1:], q[:, -1:], allowed[..., -1:, :]
        q = q.view(b, q.shape[1], self.heads, dim // self.heads).transpose(1, 2)  # (B, H, Lq, d)
        k, v = (t.view(b, length, self.heads, dim // self.heads).transpose(1, 2) for t in (k, v))  # (B, H, L, d)
        # no dropout on the attention weights: its random masks cost a fifth of a CPU step for little gain
        attended = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)  # (B, H, Lq, d)
        x = x + self.drop(self.out(attended.transpose(1, 2).reshape(b, x.shape[1], dim)))
        return x + self.drop(self.ffn(self.ffn_norm(x)))


class SASRec(SequenceRecommender):
    def __init__(self, config: ModelConfig, items: nn.Module | None = None) -> None:
        super().__init__(config, items)
        self.positions = nn.Embedding(config.maxlen, config.dim)
        self.drop = Dropout(config.dropout)
        self.blocks = nn.ModuleList(Block(config.dim, config.heads, config.dropout) for _ in range(config.blocks))
        self.norm = nn.LayerNorm(config.dim)

    def encode(self, seqs: Tensor) -> Tensor:
        x, present, allowed = self._inputs(seqs)
        for block in self.blocks:
            x = block(x, allowed) * present.unsqueeze(-1)
        return self.norm(x)  # (B, L, D)

    @torch.no_grad()
    def last_state(self, seqs: Tensor) -> Tensor:
        """``encode(seqs)[:, -1]``, with the last block run for the last position only (validation and
        recommendations score whole histories: a sixth less work at two blocks)."""
        x, present, allowed = self._inputs(seqs)
        for block in self.blocks[:-1]:
            x = block(x, allowed) * present.unsqueeze(-1)
        if len(self.blocks):
            x = self.blocks[-1](x, allowed, last_only=True) * present[:, -1:].unsqueeze(-1)
        return self.norm(x[:, -1])  # (B, D)

    def _inputs(self, seqs: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        """The first block's input ``(B, L, D)``, which positions hold items ``(B, L)``, and the additive
        attention mask ``(B, 1, L, L)``."""
        seqs = seqs[:, -self.config.maxlen :]
        _b, length = seqs.shape
        present = seqs > 0  # (B, L)
        # The last item always sits at the last position, however much padding a batch was trimmed by.
        where = torch.arange(self.config.maxlen - length, self.config.maxlen, device=seqs.device)
        x = self.items(seqs) * self.config.dim**0.5 + self.positions(where)  # (B, L, D)
        x = self.drop(x) * present.unsqueeze(-1)
        causal = torch.ones(length, length, dtype=torch.bool, device=seqs.device).tril()  # (L, L)
        # Keys are real items up to the query; a padding query sees itself, so no row is empty.
        allowed = causal & (present[:, None, :] | torch.eye(length, dtype=torch.bool, device=seqs.device))
        # Additive, made once: SDPA would turn a boolean mask into this in every block, forward and backward.
        allowed = torch.zeros(allowed.shape, dtype=x.dtype, device=x.device).masked_fill_(~allowed, float("-inf"))
        return x, present, allowed.unsqueeze(1)
