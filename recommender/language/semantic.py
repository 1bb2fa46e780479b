"""Matching words by meaning when the lexicon has no entry: "long-lasting battery for trips" is close to
the soft needs "good battery" and "for travel" even though no phrase of the lexicon appears in it.

The parser calls this only for a turn the lexicon understood nothing of, so ordinary turns stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender import embeddings, knowledge
from recommender.catalog import Catalog

#: Cosine similarity a phrase needs to count as meaning a soft need or a catalog value.
MIN_SIMILARITY = 0.55
#: Categorical columns with at most this many values are offered as meanings ("Business", "Gaming").
MAX_VALUES = 30


@dataclass(frozen=True)
class Meaning:
    """What a phrase was understood as: a soft need (``need``) or a catalog value (``attribute``, ``value``)."""

    phrase: str
    score: float
    need: dict | None = None
    attribute: str | None = None
    value: str | None = None


class SemanticMatcher:
    """Soft needs and a catalog's category-like values, embedded once; :meth:`match` finds the nearest."""

    def __init__(self, catalog: Catalog) -> None:
        needs = knowledge.language()["soft_needs"]
        self._labels: list[tuple[str, dict | None, str | None, str | None]] = [
            (phrase, need, None, None) for need in needs for phrase in need["phrases"]
        ]
        for spec in catalog.schema.with_role("category", "categorical"):
            if spec.derived_from:
                continue
            values = catalog.table[spec.name].dropna().astype(str).unique()
            if 1 < len(values) <= MAX_VALUES:
                self._labels += [(value, None, spec.name, value) for value in values]
        self._vectors: np.ndarray | None = None  # embedded on the first turn that needs meaning

    @property
    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = embeddings.embed([label for label, *_ in self._labels])
        return self._vectors

    def match(self, text: str) -> Meaning | None:
        """The closest soft need or value to ``text``, if it is close enough."""
        if not text.strip():
            return None
        vector = embeddings.embed_query(text)
        scores = self.vectors @ vector
        best = int(np.argmax(scores))
        if scores[best] < MIN_SIMILARITY:
            return None
        phrase, need, attribute, value = self._labels[best]
        return Meaning(phrase, float(scores[best]), need, attribute, value)
