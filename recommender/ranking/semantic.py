"""Semantic similarity between the shopper's words and each product's text.

Each product is described by its name, brand, category, description and salient specs. Identical
texts are embedded once (variants of one model often share a text), in batches with a progress
callback, and the vectors are cached on disk as float16 per catalog content hash, so a catalog is
embedded once per machine. Words the shopper negated ("not gaming") are subtracted, so they push
look-alikes down instead of pulling them up.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from recommender import embeddings
from recommender.catalog import Catalog, CatalogStore

#: Bump when the product text recipe changes, so cached vectors are rebuilt.
TEXT_VERSION = "1"
#: Characters of product text embedded: enough for name, specs and the start of the description; the
#: embedding time grows with length (about 25 s for the built-in catalog at 400 on 2 cores).
MAX_TEXT = 400


def product_texts(catalog: Catalog) -> pd.Series:
    """One text per product: name, brand, category and spec columns, then the description (cut first when
    the text is long), ' | '-joined."""
    schema = catalog.schema
    parts = [catalog.labels.astype("string")]
    for roles in (("brand", "category", "categorical"), ("description",)):
        for spec in schema.columns:
            if spec.role in roles and spec.derived_from is None and spec.name != schema.name_column:
                parts.append(catalog.table[spec.name].astype("string"))
    texts = parts[0].fillna("")
    for part in parts[1:]:
        texts = texts + " | " + part.fillna("")
    return texts.str.slice(0, MAX_TEXT)


class CatalogVectors:
    """Embeddings of a catalog's distinct product texts plus, per row, which text it has."""

    def __init__(
        self,
        catalog: Catalog,
        store: CatalogStore | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        texts = product_texts(catalog)
        codes, uniques = pd.factorize(texts)
        self.row_text = codes.astype(np.int64)  # row -> index into self.vectors
        recipe = f"{TEXT_VERSION}|all-MiniLM-L6-v2|" + "\n".join(uniques)
        key = hashlib.sha256(recipe.encode()).hexdigest()[:16]  # the texts themselves: a change re-embeds
        path = _cache_path(store, catalog.content_hash, key)
        self.vectors = _load(path, len(uniques))
        self.cache_hit = self.vectors is not None
        if self.vectors is None:
            self.vectors = embeddings.embed(list(uniques), progress=progress).astype(np.float16)
            _save(path, self.vectors)
        self._float = self.vectors.astype(np.float32)

    def similarity(self, text: str, avoid: str = "") -> np.ndarray:
        """Cosine similarity of every product to ``text`` minus its similarity to ``avoid``, in [0, 1]."""
        if not text.strip() and not avoid.strip():
            return np.zeros(len(self.row_text))
        scores = np.zeros(len(self.vectors), dtype=np.float32)
        if text.strip():
            scores += self._float @ embeddings.embed_query(text)
        if avoid.strip():
            scores -= np.maximum(self._float @ embeddings.embed_query(avoid), 0)
        return np.clip(scores, 0, 1)[self.row_text]

    def similar_to(self, row: int) -> np.ndarray:
        """Cosine similarity of every product to product ``row``, in [0, 1]."""
        scores = self._float @ self._float[self.row_text[row]]
        return np.clip(scores, 0, 1)[self.row_text]

    def item_similarity(self, rows: np.ndarray) -> np.ndarray:
        """Cosine similarity matrix between products ``rows`` (for diversity)."""
        vectors = self._float[self.row_text[rows]]
        return vectors @ vectors.T


def _cache_path(store: CatalogStore | None, content_hash: str, key: str) -> Path | None:
    return None if store is None else store.root / content_hash / f"vectors-{key}.npy"


def _load(path: Path | None, expected: int) -> np.ndarray | None:
    if path is None or not path.is_file():
        return None
    try:
        vectors = np.load(path, allow_pickle=False)  # plain arrays only: never unpickle a file
    except (OSError, ValueError):
        return None
    return vectors if vectors.shape == (expected, embeddings.DIMENSION) else None


def _save(path: Path | None, vectors: np.ndarray) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.npy")
    np.save(tmp, vectors, allow_pickle=False)
    os.replace(tmp, path)
