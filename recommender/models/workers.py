"""Training steps split over worker threads, each on one intra-op thread.

Idle OpenMP threads sleep (``recommender/__init__.py``), so that training shares a CPU fairly; but then
each of the hundreds of operations in a step that the cores share wakes a sleeping thread, and on a
virtual machine a wake-up costs tens to hundreds of microseconds: SASRec's training pass on MovieLens-100K
took 1.12 s with sleeping threads against 0.89 s with spinning ones. Here each core's worker thread trains its own
part of the batch (every n-th history) with operations that no other thread joins, so nothing waits for a
sleeping thread, and the parts' gradients are summed in a fixed order: the step's loss and gradient are
the whole batch's, and a seed gives the same weights however the threads are scheduled.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import torch
from torch import Tensor, nn

from recommender.models import randomness

T = TypeVar("T")
R = TypeVar("R")


def worker_count(device: torch.device) -> int:
    """Worker threads for training on ``device``: one per intra-op thread on the CPU.

    None where idle OpenMP threads spin forever (``OMP_WAIT_POLICY=ACTIVE``, a user's choice): there every
    shared operation is fast, and the caller's idle thread would spin beside the workers (SASRec on
    MovieLens-100K: 2.1 s an epoch with workers, against 1.1 s without).
    """
    if device.type != "cpu" or os.environ.get("OMP_WAIT_POLICY", "").upper() == "ACTIVE":
        return 1
    return torch.get_num_threads()


class StepWorkers:
    """Runs a training step's forward and backward passes: split over ``count`` worker threads, or at once."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.pool = ThreadPoolExecutor(count, initializer=torch.set_num_threads, initargs=(1,)) if count > 1 else None

    def backward(self, model: nn.Module, net: nn.Module, seqs: Tensor, targets: Tensor) -> float:
        """Fill the gradients of ``model``'s parameters with the loss of ``net(seqs, targets)``; returns the loss.

        ``net`` is ``model`` or its distributed wrapper, whose backward pass must run whole.
        """
        parts = min(self.count, len(seqs))
        if self.pool is None or parts < 2 or net is not model:
            loss = net(seqs, targets)
            loss.backward()
            return float(loss.item())
        total = model.target_weight(targets)
        params = [p for p in model.parameters() if p.requires_grad]
        # Seeds are drawn here, in order, so each part draws the same numbers whichever thread runs it.
        seeds = torch.randint(0, 2**62, (parts,)).tolist()
        jobs = [
            self.pool.submit(_part, model, params, seqs[k::parts], targets[k::parts], total, seed)
            for k, seed in enumerate(seeds)
        ]
        results = [job.result() for job in jobs]  # in part order: the sum below is the same every time
        for p, grads in zip(params, zip(*(grads for _, grads in results), strict=True), strict=True):
            present = [g for g in grads if g is not None]
            if present:
                p.grad = sum(present[1:], present[0])
        return float(sum(loss for loss, _ in results))

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``fn`` over ``items``, on the worker threads when there are some; the results in order."""
        if self.pool is None:
            return [fn(item) for item in items]
        return list(self.pool.map(fn, items))

    def __enter__(self) -> StepWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def _part(
    model: nn.Module, params: list[Tensor], seqs: Tensor, targets: Tensor, total: Tensor, seed: int
) -> tuple[float, tuple[Tensor | None, ...]]:
    """One part's share of the batch loss (its weighted mean times its share of the weight) and its gradients."""
    weight = model.target_weight(targets)
    if not weight > 0:  # no targets in this part: it adds nothing
        return 0.0, (None,) * len(params)
    with randomness.drawing_from(torch.Generator(device=seqs.device).manual_seed(seed)):
        loss = model(seqs, targets) * (weight / total)
        grads = torch.autograd.grad(loss, params, allow_unused=True)
    return float(loss.item()), grads
