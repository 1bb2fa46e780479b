"""When nothing meets every need: the smallest changes that would let products in, with their counts.

"raise the budget to ₹46,790 → 3 matches", "accept HDD 512 GB instead of 1 TB → 7 matches", "accept any brand → 12
matches": each proposal relaxes one hard need, keeping all the others.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from recommender.catalog import Catalog
from recommender.formatting import amount
from recommender.language.constraints import Constraint
from recommender.ranking.scoring import label


@dataclass(frozen=True)
class Relaxation:
    """One proposal: the words, how many products it lets in, and the need it changes."""

    text: str
    matches: int
    constraints: tuple[int, ...]  # indices among the state's constraints that it changes
    change: float  # relative size of the change (0.1 = 10%); 1 for each need dropped
    bound: float | None = None  # the new bound of a relaxed number; None drops the need(s)

    def to_json(self) -> dict:
        return asdict(self)


def relaxations(
    catalog: Catalog, constraints: list[Constraint], masks: list[np.ndarray], limit: int, relax_to: int
) -> list[Relaxation]:
    """Proposals for relaxing one hard need at a time, smallest change first."""
    hard = [i for i, c in enumerate(constraints) if c.hard]
    everything = np.ones(len(catalog), dtype=bool)
    found = []
    for i in hard:
        others = everything.copy()
        for j in hard:
            if j != i:
                others &= masks[j]
        if not others.any():
            continue
        proposal = _relax(catalog, constraints[i], others, relax_to)
        if proposal is not None:
            text, count, change, bound = proposal
            found.append(Relaxation(text, count, (i,), change, bound))
    if not found and len(hard) > 1:
        found = _drop_several(catalog, constraints, masks, hard)
    return sorted(found, key=lambda r: (r.change, -r.matches))[:limit]


def _drop_several(catalog: Catalog, constraints: list[Constraint], masks: list[np.ndarray], hard: list[int]) -> list:
    """No single change helps: drop needs greedily, each time the one whose loss lets most products in."""
    kept, dropped = list(hard), []
    while kept:

        def count_without(i: int) -> int:
            mask = np.ones(len(catalog), dtype=bool)
            for j in kept:
                if j != i:
                    mask &= masks[j]
            return int(mask.sum())

        best = max(kept, key=count_without)
        matches = count_without(best)
        kept.remove(best)
        dropped.append(best)
        if matches:
            words = " and ".join(f"drop the {label(constraints[i].attribute, catalog)} need" for i in dropped)
            return [Relaxation(words, matches, tuple(dropped), float(len(dropped)))]
    return []


def _relax(
    catalog: Catalog, constraint: Constraint, others: np.ndarray, relax_to: int
) -> tuple[str, int, float, float | None] | None:
    """(words, matches, relative change, new bound or None to drop) for relaxing one need."""
    name = label(constraint.attribute, catalog)
    values = catalog.table[constraint.attribute]
    numeric = constraint.op in ("<=", "<", ">=", ">") and isinstance(constraint.value, (int, float))
    if not numeric:
        return f"accept any {name}", int(others.sum()), 1.0, None
    offered = np.sort(values[others].dropna().to_numpy(dtype=float))
    if offered.size == 0:
        return None
    upper = constraint.op in ("<=", "<")
    nth = min(relax_to, offered.size) - 1
    bound = float(offered[nth] if upper else offered[::-1][nth])
    within = values.to_numpy(dtype=float, na_value=np.nan)
    count = int((others & (within <= bound if upper else within >= bound)).sum())
    change = abs(bound - constraint.value) / max(abs(constraint.value), 1e-9)
    if name == "price":
        text = f"raise the budget to {amount(bound, constraint.unit)}"
    elif upper:
        text = f"allow {name} up to {amount(bound, constraint.unit)}"
    else:
        text = f"accept {name} {amount(bound, constraint.unit)} instead of {amount(constraint.value, constraint.unit)}"
    return text, count, change, bound
