"""Cross-entropy over every item without holding the (positions x items) logits.

A full softmax on a dense log scores every training position against every item: on MovieLens-100K
(``--maxlen 200``, 256 users per batch) up to 35,000 x 1,682 logits, 230 MB that ``F.cross_entropy``
writes, reads back for its log-softmax and keeps for the backward pass. Here the logits are made a block of rows at a
time, so each block stays in cache, and each block's gradients are made at once, while its softmax is at
hand: the loss is a weighted mean, so its gradient needs only a scalar from the backward pass. Same loss
and gradients as ``F.cross_entropy`` (a test checks them); what it saves per epoch is in docs/BENCHMARKS.md,
"Training throughput".
"""

from __future__ import annotations

import torch
from torch import Tensor

#: Rows of logits made at once: 512 x 1,682 floats (3.4 MB) measured fastest on 2 cores; 128 pays per-call costs.
ROWS = 512


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
        grads = (torch.empty_like(hidden), torch.zeros_like(table), torch.zeros_like(bias)) if wants_grad else None
        total = hidden.new_zeros(())
        every_row = torch.arange(min(ROWS, hidden.shape[0]), device=hidden.device)
        for start in range(0, hidden.shape[0], ROWS):
            rows = slice(start, start + ROWS)
            block = hidden[rows]
            at = every_row[: len(block)]
            logits = torch.addmm(bias, block, table.T)  # (rows, N)
            picked = logits[at, targets[rows]]
            top = logits.amax(dim=1, keepdim=True)
            p = logits.sub_(top).exp_()  # in place: the block's softmax, unnormalised
            norm = p.sum(dim=1, keepdim=True)
            total += ((norm.log().squeeze(1) + top.squeeze(1) - picked) * share[rows]).sum()
            if grads is not None:
                # d loss / d logits = share * (softmax - one_hot(target))
                p.mul_(share[rows, None] / norm)
                p[at, targets[rows]] -= share[rows]
                grads[0][rows] = p @ table
                grads[1].addmm_(p.T, block)
                grads[2].add_(p.sum(dim=0))
        if grads is not None:
            ctx.save_for_backward(*grads)
        return total

    @staticmethod
    def backward(ctx, grad: Tensor) -> tuple[Tensor, Tensor, Tensor, None, None]:
        grad_hidden, grad_table, grad_bias = (g * grad for g in ctx.saved_tensors)
        return grad_hidden, grad_table, grad_bias, None, None
