"""Item content as numbers: standardised attributes, and text vectors beside them.

Shared by in-session feedback (which products look alike) and the hybrid preference model (what a product
with no history is like).
"""

from __future__ import annotations

import numpy as np

from recommender.catalog import Catalog

#: Standardised values beyond this many deviations are outliers; clipping keeps one odd product from
#: dominating every distance.
CLIP = 3.0


def attribute_matrix(catalog: Catalog) -> np.ndarray:
    """Numeric, boolean and price columns, each centred on its median and scaled by its spread: ``(n, k)``.

    Missing values sit at the centre (0), so they neither attract nor repel.
    """
    columns = []
    for spec in catalog.schema.columns:
        if spec.role not in ("numeric", "boolean", "price") or spec.name not in catalog.table:
            continue
        values = catalog.table[spec.name].to_numpy(dtype=float, na_value=np.nan)
        present = values[np.isfinite(values)]
        if len(present) < 2:
            continue
        low, mid, high = np.percentile(present, [10, 50, 90])
        spread = (high - low) / 2 or np.std(present)
        if not spread:
            continue
        columns.append(np.clip(np.nan_to_num((values - mid) / spread, nan=0.0), -CLIP, CLIP))
    if not columns:
        return np.zeros((len(catalog), 0), dtype=np.float32)
    return np.vstack(columns).T.astype(np.float32)


def content_features(catalog: Catalog, text_vectors: np.ndarray) -> np.ndarray:
    """Per product: its text vector (unit length) then its attributes scaled to a comparable norm."""
    attributes = attribute_matrix(catalog)
    if attributes.shape[1]:
        attributes = attributes / np.sqrt(attributes.shape[1])
    return np.hstack([text_vectors.astype(np.float32), attributes]).astype(np.float32)
