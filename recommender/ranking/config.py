"""The one place where the ranking's blend and its knobs are set."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RankingConfig:
    """Weights of the score parts (each part is in [0, 1], so the score is in [0, sum of weights]), the
    diversity and relaxation settings, and the factors and thresholds that blend and explain them."""

    attribute: float = 0.55  # how well the product meets the stated needs, by degree
    semantic: float = 0.20  # similarity of the product's text to the shopper's words
    preference: float = 0.15  # learned preference from what shoppers did (0 until a model is trained)
    popularity: float = 0.10  # rating, shrunk towards the mean when there are few reviews
    feedback: float = 0.30  # likeness to products liked in this conversation minus to ones disliked
    diversity: float = 0.3  # MMR trade-off: 0 ranks by score alone, 1 by novelty alone
    pool: int = 60  # how many top candidates diversity may reorder
    proposals: int = 3  # relaxations offered when nothing meets every need
    relax_to: int = 3  # a relaxation proposes the bound that lets about this many products in
    anchor_pull: float = 0.5  # "like the second one": share of the semantic part that is likeness to it
    text_likeness: float = 0.5  # likeness of two products: share by text (the rest by attributes)
    diversity_text_likeness: float = 0.5  # diversity: how much alike by text two different model lines count
    reason_min_likeness: float = 0.2  # a result's "similar to the one you liked" needs at least this pull
    why_not_gap: float = 0.005  # "why not #1" names a part only when it trails by at least this much
    blend_note_change: float = 0.01  # the blend note names a weight only when feedback moved it this much
    map_points: int = 300  # how many candidates a ranking keeps for the price-vs-value map

    @property
    def weights(self) -> dict[str, float]:
        return {
            "attribute": self.attribute,
            "semantic": self.semantic,
            "preference": self.preference,
            "popularity": self.popularity,
            "feedback": self.feedback,
        }
