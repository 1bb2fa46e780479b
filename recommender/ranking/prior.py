"""The popularity prior: each product's rating, trusted as far as its number of reviews allows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from recommender.catalog import Catalog


def popularity_prior(catalog: Catalog) -> np.ndarray:
    """Each product's rating in [0, 1], shrunk towards the catalog mean when it has few reviews (a
    Bayesian average with the median review count as the prior's weight); zeros without ratings."""
    rating = _first(catalog, "rating")
    if rating is None:
        return np.zeros(len(catalog))
    values = rating.to_numpy(dtype=float, na_value=np.nan)
    top = np.nanmax(values) if np.isfinite(values).any() else 0
    if top <= 0:
        return np.zeros(len(catalog))
    scale = 5.0 if top <= 5 else 10.0 if top <= 10 else 100.0
    normalized = np.clip(values / scale, 0, 1)
    mean = float(np.nanmean(normalized))
    reviews = _first(catalog, "review_count")
    if reviews is None:
        return np.nan_to_num(normalized, nan=mean)
    counts = np.nan_to_num(reviews.to_numpy(dtype=float, na_value=np.nan), nan=0.0)
    prior_weight = max(float(np.median(counts)), 1.0)
    shrunk = (counts * np.nan_to_num(normalized, nan=mean) + prior_weight * mean) / (counts + prior_weight)
    return shrunk


def _first(catalog: Catalog, concept: str) -> pd.Series | None:
    """The first numeric attribute of ``concept``, or None."""
    for spec in catalog.schema.attributes:
        if spec.concept == concept and spec.role == "numeric":
            return catalog.table[spec.name]
    return None
