"""Data-parallel training under ``torchrun``: gloo on CPU, NCCL on GPU; rank 0 evaluates and saves.

Outside torchrun (no ``WORLD_SIZE`` in the environment) everything here is a no-op for a single process.
"""

from __future__ import annotations

import atexit
import os

import torch
import torch.distributed as dist

# Collectives need tensors where the backend lives: CPU for gloo, the GPU for NCCL.
_device = torch.device("cpu")


def start(device: torch.device) -> tuple[int, int]:
    """Join the process group torchrun describes; returns ``(rank, world_size)``."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        return 0, 1
    global _device
    _device = device
    if not dist.is_initialized():
        dist.init_process_group(backend="nccl" if device.type == "cuda" else "gloo")
        # A group left alive at exit lets gloo's threads outlive the interpreter: the process then dies
        # with SIGABRT ("terminate called without an active exception") after its work is done.
        atexit.register(finish)
    return dist.get_rank(), dist.get_world_size()


def active() -> bool:
    return dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1


def is_main() -> bool:
    """True in a single process, and on rank 0 of a group (the one that evaluates and saves)."""
    return not active() or dist.get_rank() == 0


def any_rank(flag: bool) -> bool:
    """True on every rank when it is true on any: keeps stop decisions identical everywhere."""
    if not active():
        return flag
    value = torch.tensor([1.0 if flag else 0.0], device=_device)
    dist.all_reduce(value, op=dist.ReduceOp.MAX)
    return bool(value.item())


def from_main(flag: bool) -> bool:
    """Rank 0's decision, on every rank."""
    if not active():
        return flag
    value = torch.tensor([1.0 if flag else 0.0], device=_device)
    dist.broadcast(value, src=0)
    return bool(value.item())


def main_value(value: float) -> float:
    """Rank 0's number on every rank (so a time-driven learning rate stays identical everywhere)."""
    if not active():
        return value
    tensor = torch.tensor([float(value)], device=_device)
    dist.broadcast(tensor, src=0)
    return float(tensor.item())


def finish() -> None:
    """Leave the process group (registered to run at exit by :func:`start`)."""
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()
