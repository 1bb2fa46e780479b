"""Semantic similarity between the shopper's words and each product's text.

Each product is described by its name, brand, category, description and salient specs. Identical
texts are embedded once (variants of one model often share a text) by the catalog's shared, resumable
preparation job (:mod:`recommender.ranking.preparation`), and the vectors are cached on disk as float16
per set of texts, so a catalog is embedded once per machine; the built-in catalog's ship with
the repository. Words the shopper negated ("not gaming") are subtracted, so they push
look-alikes down instead of pulling them up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from recommender import embeddings
from recommender.catalog import Catalog, CatalogStore
from recommender.ranking.preparation import Progress, VectorJob, load_vectors

#: Bump when the product text recipe changes, so cached vectors are rebuilt.
TEXT_VERSION = "1"
#: Characters of product text embedded: enough for name, specs and the start of the description; the
#: embedding time grows with length (docs/BENCHMARKS.md, "Preparation").
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


#: Vectors that ship with the repository (the built-in catalog's), so a fresh start computes none;
#: rebuilt by ``python -m recommender prepare data/products.csv --ship``. Files are named
#: ``<catalog content hash>-<recipe key>.npy`` and found by the key alone: any catalog with the same
#: product texts (the built-in one resampled, or re-saved with other prices) uses them.
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "vectors"


def recipe_key(texts: list[str]) -> str:
    """The identity of a set of product vectors: the text recipe, the model and the texts themselves."""
    recipe = f"{TEXT_VERSION}|all-MiniLM-L6-v2|" + "\n".join(texts)
    return hashlib.sha256(recipe.encode()).hexdigest()[:16]


def shipped_path(catalog: Catalog, key: str) -> Path:
    """Where ``prepare --ship`` writes a catalog's vectors."""
    return SHIPPED / f"{catalog.content_hash}-{key}.npy"


def shipped_vectors(key: str, rows: int) -> np.ndarray | None:
    """Shipped vectors of these texts, whichever catalog they were shipped for, or None."""
    for path in sorted(SHIPPED.glob(f"*-{key}.npy")):
        vectors = load_vectors(path, rows)
        if vectors is not None:
            return vectors
    return None


def vectors_folder(store: CatalogStore | None) -> Path | None:
    """Where prepared vectors are kept: one folder for all catalogs, since a job is named by its texts, so
    a catalog uploaded again with new prices (a new content hash, the same texts) embeds nothing."""
    return None if store is None else store.root / "vectors"


def preparation_status(catalog: Catalog, store: CatalogStore | None) -> Progress:
    """How far the catalog's vectors are prepared, without starting anything (for ``inspect``)."""
    texts = [str(t) for t in pd.unique(product_texts(catalog))]
    key = recipe_key(texts)
    if shipped_vectors(key, len(texts)) is not None:
        return Progress(len(texts), len(texts))
    return VectorJob.shared(texts, key, vectors_folder(store)).status()


class CatalogVectors:
    """Embeddings of a catalog's distinct product texts plus, per row, which text it has.

    With ``wait`` (the command line) missing vectors are computed before the constructor returns; without
    it (the app) they are prepared by the catalog's shared background job and :attr:`ready` turns true
    when they are there, while the finder answers from the structured needs in the meantime.
    """

    def __init__(
        self,
        catalog: Catalog,
        store: CatalogStore | None = None,
        progress: Callable[[int, int], None] | None = None,
        wait: bool = True,
    ) -> None:
        texts = product_texts(catalog)
        codes, uniques = pd.factorize(texts)
        self.row_text = codes.astype(np.int64)  # row -> index into self.vectors
        texts = [str(t) for t in uniques]
        self.key = recipe_key(texts)  # the texts themselves: a change re-embeds
        self.job = VectorJob.shared(texts, self.key, vectors_folder(store))
        self.vectors = shipped_vectors(self.key, len(texts))
        if self.vectors is None:
            self.vectors = self.job.result()
        self.cache_hit = self.vectors is not None
        if self.vectors is None and wait:
            self.vectors = self.job.run(progress)
        elif self.vectors is None:
            self.job.start()
        self._float = None if self.vectors is None else self.vectors.astype(np.float32)

    @property
    def ready(self) -> bool:
        """Whether every product has its vector (a background job may still be preparing them)."""
        if self._float is None:
            self.vectors = self.job.result()
            if self.vectors is not None:
                self._float = self.vectors.astype(np.float32)
        return self._float is not None

    def progress(self) -> Progress:
        """How far the preparation is: done, total, rate, time left."""
        total = len(self.job.texts)
        return Progress(total, total) if self.ready else self.job.status()

    def similarity(self, text: str, avoid: str = "") -> np.ndarray:
        """Cosine similarity of every product to ``text`` minus its similarity to ``avoid``, in [0, 1]."""
        if (not text.strip() and not avoid.strip()) or not self.ready:
            return np.zeros(len(self.row_text))
        scores = np.zeros(len(self._float), dtype=np.float32)
        if text.strip():
            scores += self._float @ embeddings.embed_query(text)
        if avoid.strip():
            scores -= np.maximum(self._float @ embeddings.embed_query(avoid), 0)
        return np.clip(scores, 0, 1)[self.row_text]

    def similar_to(self, row: int) -> np.ndarray:
        """Cosine similarity of every product to product ``row``, in [0, 1]."""
        if not self.ready:
            return np.zeros(len(self.row_text))
        scores = self._float @ self._float[self.row_text[row]]
        return np.clip(scores, 0, 1)[self.row_text]

    def item_similarity(self, rows: np.ndarray) -> np.ndarray:
        """Cosine similarity matrix between products ``rows`` (for diversity)."""
        if not self.ready:
            return np.zeros((len(rows), len(rows)))
        vectors = self._float[self.row_text[rows]]
        return vectors @ vectors.T
