"""Where training's random draws come from: the calling thread's generator, else torch's default one.

A training step split over worker threads (``models/workers.py``) gives each part its own seeded
generator, so dropout masks, item swaps and sampled negatives are the same whichever thread draws them
first: training stays reproducible from its seed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import torch

_local = threading.local()


def generator() -> torch.Generator | None:
    """This thread's generator inside :func:`drawing_from`; ``None`` (torch's default generator) elsewhere."""
    return getattr(_local, "generator", None)


@contextmanager
def drawing_from(source: torch.Generator) -> Iterator[None]:
    """Random draws of this thread inside the block come from ``source``."""
    before = generator()
    _local.generator = source
    try:
        yield
    finally:
        _local.generator = before
