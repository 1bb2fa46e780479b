"""Intra-op threads chosen per piece of work: what is too small to share runs on one thread.

A recurrent cell steps through a history one small product at a time (a batch of 64 states times a
64 x 192 matrix, 200 times), forward and backward. Shared by two threads, each of those products wakes a
sleeping thread (idle OpenMP threads sleep, see ``recommender/__init__.py``) for a few microseconds of work:
a GRU over 64 histories of 200 items took 120 ms forward and backward on 2 threads and 51 ms on one
(docs/BENCHMARKS.md, "Training throughput"). The rest of a step (the softmax over every item, attention,
the layers over all positions at once) is large enough to share and keeps every thread.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor
from torch.autograd import Function, Variable


def on_one_thread(fn: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    """``fn(x)``, with its forward pass and, in training, its backward pass on one intra-op thread.

    What ``fn`` computes is unchanged; only how many threads share each of its operations.
    """
    threads = torch.get_num_threads()
    if threads == 1 or x.device.type != "cpu":
        return fn(x)
    marked = x.requires_grad and torch.is_grad_enabled()
    if marked:
        x = _ThreadsInBackward.apply(x, threads, None)  # the backward reaches x after fn's backward is done
    torch.set_num_threads(1)
    try:
        out = fn(x)
    finally:
        torch.set_num_threads(threads)
    # The backward reaches out just before fn's backward. Whatever the backward pass skips (a gradient asked
    # for fn's weights alone never reaches x), the threads come back when it ends.
    return _ThreadsInBackward.apply(out, 1, threads) if marked else out


class _ThreadsInBackward(Function):
    """Identity whose backward sets the intra-op threads to ``threads``, and with ``at_end`` queues setting
    them to ``at_end`` when the backward pass ends."""

    @staticmethod
    def forward(ctx, x: Tensor, threads: int, at_end: int | None) -> Tensor:
        ctx.threads, ctx.at_end = threads, at_end
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad: Tensor) -> tuple[Tensor, None, None]:
        torch.set_num_threads(ctx.threads)
        if ctx.at_end is not None:
            at_end = ctx.at_end
            Variable._execution_engine.queue_callback(lambda: torch.set_num_threads(at_end))
        return grad, None, None
