"""Cross-entropy over every item without holding the (positions x items) logits.

A full softmax on a dense log scores every training position against every item: on MovieLens-100K
(``--maxlen 200``, 256 users per batch) up to 35,000 x 1,682 logits, 230 MB that ``F.cross_entropy``
writes, reads back for its log-softmax and keeps for the backward pass. Here the logits are made a block
of rows at a time into one reused buffer, so each block stays in cache, and each block's gradients are
made at once, while its softmax is at hand: the loss is a weighted mean, so its gradient needs only a
scalar from the backward pass. The bias rides along as one more column of the item table (against a
column of ones in the hidden states), so one matrix product makes a block's logits and one makes the
table's and the bias's gradients. Same loss and gradients as ``F.cross_entropy`` (a test checks them);
what it saves per epoch is in docs/BENCHMARKS.md, "Training throughput".
"""

from __future__ import annotations

import torch
from torch import Tensor

#: Rows of logits made at once: 1,024 x 1,682 floats (6.9 MB) measured fastest on 2 cores; 256 pays per-call costs.
ROWS = 1024


def cross_entropy_all(hidden: Tensor, table: Tensor, bias: Tensor, targets: Tensor, weights: Tensor) -> Tensor:
    """Weighted mean cross-entropy of ``softmax(hidden @ table.T + bias)`` at ``targets``.

    ``hidden`` ``(T, D)``, ``table`` ``(N, D)``, ``bias`` ``(N,)``, ``targets`` ``(T,)`` in ``0..N-1``,
    ``weights`` ``(T,)`` -> a scalar, as ``(F.cross_entropy(logits, targets, reduction="none") * weights).sum()
    / weights.sum()``.
    """
    return _CrossEntropyAll.apply(hidden, table, bias, targets, weights)


class _CrossEntropyAll(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden: Tensor, table: Tensor, bias: Tensor, targets: Tensor, weights: Tensor) -> Tensor:
        share = weights / weights.sum()  # each row's part of the mean
        wants_grad = any(ctx.needs_input_grad[:3])
        ones = hidden.new_ones(hidden.shape[0], 1)
        hidden_1, table_1 = torch.cat([hidden, ones], dim=1), torch.cat([table, bias[:, None]], dim=1)
        if wants_grad:
            grad_hidden, grad_table_1 = torch.empty_like(hidden), torch.zeros_like(table_1)
        total = hidden.new_zeros(())
        height = min(ROWS, hidden.shape[0])
        buffer, every_row = hidden.new_empty(height, table.shape[0]), torch.arange(height, device=hidden.device)
        for start in range(0, hidden.shape[0], ROWS):
            rows = slice(start, start + ROWS)
            block, wanted = hidden_1[rows], targets[rows]
            at = every_row[: len(block)]
            logits = torch.mm(block, table_1.T, out=buffer[: len(block)])  # (rows, N), bias included
            picked = logits[at, wanted]
            top = logits.amax(dim=1, keepdim=True)
            p = logits.sub_(top).exp_()  # in place: the block's softmax, unnormalised
            norm = p.sum(dim=1, keepdim=True)
            total += ((norm.log().squeeze(1) + top.squeeze(1) - picked) * share[rows]).sum()
            if wants_grad:
                # d loss / d logits = share * (softmax - one_hot(target))
                p.mul_(share[rows, None] / norm)
                p[at, wanted] -= share[rows]
                torch.mm(p, table, out=grad_hidden[rows])
                grad_table_1.addmm_(p.T, block)  # its last column is the bias's gradient
        if wants_grad:
            ctx.save_for_backward(grad_hidden, grad_table_1[:, :-1], grad_table_1[:, -1])
        return total

    @staticmethod
    def backward(ctx, grad: Tensor) -> tuple[Tensor, Tensor, Tensor, None, None]:
        grad_hidden, grad_table, grad_bias = (g * grad for g in ctx.saved_tensors)
        return grad_hidden, grad_table, grad_bias, None, None
