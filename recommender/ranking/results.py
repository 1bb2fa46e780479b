"""What a ranking answers: each result with its checks and score parts, and the answer to one turn."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from recommender.ranking.relaxation import Relaxation


@dataclass(frozen=True)
class Check:
    """One need against one product: what was wanted, what it offers, whether it is met."""

    need: str
    wanted: str
    offered: str
    satisfied: bool
    degree: float
    hard: bool

    @property
    def line(self) -> str:
        """The need and what the product has, where that tells more: 'RAM ≥ 8 GB: 16 GB', 'category = Laptop'."""
        return self.need if self.offered.casefold() == self.wanted.casefold() else f"{self.need}: {self.offered}"


@dataclass
class RankedItem:
    """One result with everything needed to explain it."""

    row: int
    name: str
    price: float | None
    score: float
    matches_all: bool
    contributions: dict[str, float]
    checks: list[Check]
    violations: list[str]
    miss_cost: float
    rank: int = 0  # 1-based
    previous_rank: int | None = None  # rank after the previous turn, None if it was not shown
    reasons: list[str] = field(default_factory=list)  # why it moved, in words ("similar to the one you liked")

    @property
    def rank_change(self) -> int | None:
        """Places moved up since the previous turn (negative: down), None for a new result."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    def to_json(self) -> dict:
        return {**asdict(self), "rank_change": self.rank_change}


@dataclass
class Ranking:
    """The answer to one turn."""

    items: list[RankedItem]
    matches: int  # products meeting every hard need
    relaxed: bool  # some results miss a need (near misses)
    proposals: list[Relaxation]
    message: str
    notes: list[str] = field(default_factory=list)
    timing_ms: dict[str, float] = field(default_factory=dict)
    #: The best other candidates as (row, price, score), for a price-vs-value map (at most
    #: ``RankingConfig.map_points``).
    candidates: list[tuple[int, float, float]] = field(default_factory=list)
    #: While the catalog's vectors are still prepared: what this answer could not use yet, in words.
    preparing: str | None = None

    @property
    def rows(self) -> list[int]:
        return [item.row for item in self.items]
