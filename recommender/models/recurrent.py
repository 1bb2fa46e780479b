"""Recurrent recommenders: GRU4Rec (Hidasi et al., ICLR 2016) and its LSTM variant.

One module for both: they differ only in the recurrent cell. Trained, like GRU4Rec+ (Hidasi &
Karatzoglou, 2018), with a softmax over many sampled negatives rather than one per position.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from recommender.models.dropout import Dropout
from recommender.models.network import ModelConfig, SequenceRecommender
from recommender.models.threads import on_one_thread


class Recurrent(SequenceRecommender):
    cell: type[nn.RNNBase] = nn.GRU

    def __init__(self, config: ModelConfig, items: nn.Module | None = None) -> None:
        super().__init__(config, items)
        self.drop = Dropout(config.dropout)
        self.rnn = self.cell(config.dim, config.dim, batch_first=True)
        self.norm = nn.LayerNorm(config.dim)

    def encode(self, seqs: Tensor) -> Tensor:
        _b, length = seqs.shape
        lengths = (seqs > 0).sum(dim=1).clamp(min=1)  # (B,)
        # Histories are left-padded; the cell must not step through the padding before a history (it would
        # change the state with its biases), so rotate each row to start at its first item. The padding then
        # comes after the history, where it changes only outputs that are zeroed. Not packed: a packed
        # sequence's backward fills a gradient the size of the whole batch at every step (GRU: 200 ms a
        # batch of 64 histories of up to 200 items, against 60 ms unpacked).
        steps = torch.arange(length, device=seqs.device)[None, :]
        shift = (steps + (length - lengths)[:, None]) % length  # (B, L)
        right = seqs.gather(1, shift)  # (B, L), items first
        # The cell's steps are too small to share between threads (models/threads.py).
        out = on_one_thread(lambda x: self.rnn(x)[0], self.drop(self.items(right)))  # (B, L, D)
        out = out * (steps < lengths[:, None]).unsqueeze(-1)
        back = (steps - (length - lengths)[:, None]) % length
        out = out.gather(1, back.unsqueeze(-1).expand(-1, -1, out.shape[-1]))  # (B, L, D), left-padded again
        return self.norm(self.drop(out))


class GRU4Rec(Recurrent):
    cell = nn.GRU


class LSTMRec(Recurrent):
    cell = nn.LSTM
