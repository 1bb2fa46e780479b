"""How well each product meets each need, by degree, for the whole catalog at once (numpy, no row loop).

One number per (constraint, product): the *degree* in [0, 1]. 1 means satisfied; below 1 it falls
smoothly with the size of the miss, so a laptop ₹2,000 over a soft budget loses a little and one
₹20,000 over loses a lot; 12 GB when 16 GB was wanted is closer than 4 GB; ordinal scales count steps.
The *miss cost* of a hard need is ``-ln(degree)`` (capped), which ranks near misses by how little they
miss, and :func:`violation` says the miss in words with its magnitude.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from recommender.catalog import Catalog
from recommender.formatting import amount, attribute_label
from recommender.language.constraints import Constraint

#: Cost of a miss that cannot be measured (a wrong brand, an unknown value): about three "steps".
MAX_COST = 3.0
#: Degree lost per step on an ordinal scale (one CPU class short: 0.6).
STEP_PENALTY = 0.4
#: Ordinal categoricals compared through a numeric companion (Core i3 vs Core i5 -> CPU class 2 vs 3).
ORDINAL_COMPANIONS = {"cpu_tier": "cpu_level"}


def degree(constraint: Constraint, catalog: Catalog) -> np.ndarray:
    """Satisfaction in [0, 1] of ``constraint`` for every product (NaN-safe: unknown values score 0)."""
    table = catalog.table
    column = table[constraint.attribute]
    op, value = constraint.op, constraint.value
    satisfied = constraint.mask(table).astype(float)
    if op in ("!=", "not_in") or pd.api.types.is_bool_dtype(column):
        return satisfied
    if op in ("==", "in") and not _is_number(value):
        return np.maximum(satisfied, _ordinal_closeness(constraint, catalog))
    numbers = column.to_numpy(dtype=float, na_value=np.nan)
    spec = catalog.schema.column(constraint.attribute)
    ordinal = constraint.attribute in ORDINAL_COMPANIONS.values() or spec.concept == "cpu_level"
    scale = _scale(constraint)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if op in ("<=", "<"):
            out = _above(numbers, value, scale, ordinal)
        elif op in (">=", ">"):
            out = _below(numbers, value, ordinal)
        elif op == "between":
            out = np.minimum(_above(numbers, value[1], scale, ordinal), _below(numbers, value[0], ordinal))
        else:  # "around" and a numeric "=="
            band = abs(value) * max(constraint.tolerance, 0.1)
            out = np.clip(1 - np.abs(numbers - value) / (3 * band if band else 1.0), 0, 1)
    out = np.where(satisfied > 0, 1.0, np.minimum(out, 0.999))  # a strict miss ("< 40000" at 40000) is still a miss
    return np.nan_to_num(out, nan=0.0)


def miss_cost(degrees: np.ndarray) -> np.ndarray:
    """How badly a hard need is missed: 0 when met, ``-ln(degree)`` up to :data:`MAX_COST`."""
    with np.errstate(divide="ignore"):
        return np.minimum(-np.log(np.maximum(degrees, math.exp(-MAX_COST))), MAX_COST) * (degrees < 1)


def _scale(constraint: Constraint) -> float:
    """How far over an upper bound costs one unit of miss: the budget's tolerance, at least 10%."""
    bound = constraint.value[1] if constraint.op == "between" else constraint.value
    return max(abs(float(bound)) * max(constraint.tolerance, 0.1), 1e-9)


def _above(numbers: np.ndarray, bound: float, scale: float, ordinal: bool) -> np.ndarray:
    if ordinal:
        return np.clip(1 - STEP_PENALTY * (numbers - bound), 0, 1)
    return np.where(numbers <= bound, 1.0, np.exp(-(numbers - bound) / scale))


def _below(numbers: np.ndarray, bound: float, ordinal: bool) -> np.ndarray:
    if ordinal:
        return np.clip(1 - STEP_PENALTY * (bound - numbers), 0, 1)
    if bound <= 0:
        return np.where(numbers >= bound, 1.0, 0.0)
    return np.where(numbers >= bound, 1.0, np.clip(numbers / bound, 0, 1) ** 2)


def _ordinal_closeness(constraint: Constraint, catalog: Catalog) -> np.ndarray:
    """For an ordinal categorical need ('Core i5'), how close each product's tier is, in steps."""
    companion = ORDINAL_COMPANIONS.get(constraint.attribute)
    table = catalog.table
    if companion is None or companion not in table:
        return np.zeros(len(table))
    levels = table.loc[table[constraint.attribute].isin(constraint.values), companion].dropna()
    if levels.empty:
        return np.zeros(len(table))
    wanted = float(levels.median())
    offered = table[companion].to_numpy(dtype=float, na_value=np.nan)
    # another family at the same class (Ryzen 5 for Core i5) is close but not the same
    closeness = np.clip(1 - STEP_PENALTY * np.abs(offered - wanted), 0, 1) * 0.9
    return np.nan_to_num(closeness, nan=0.0)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# ---- words ------------------------------------------------------------------------------------------
def label(attribute: str, catalog: Catalog) -> str:
    """A short name for an attribute in explanations ('RAM')."""
    return attribute_label(attribute, catalog.schema)


def wanted(constraint: Constraint) -> str:
    """The need in words: 'at most ₹40,000', 'at least 16 GB', 'Core i5', 'not HP'."""
    value, unit, op = constraint.value, constraint.unit, constraint.op
    if op in ("==", "in", "!=", "not_in"):
        several = isinstance(value, (list, tuple))  # names as written; one value in its unit
        shown = " or ".join(map(str, value)) if several else _plain(value, unit)
        return shown if op in ("==", "in") else f"not {shown}"
    if op == "between":
        return f"{amount(value[0], unit)} to {amount(value[1], unit)}"
    words = {"<=": "at most", "<": "under", ">=": "at least", ">": "over", "around": "around"}[op]
    return f"{words} {amount(value, unit)}"


def _plain(value: object, unit: str | None) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return amount(value, unit) if _is_number(value) else str(value)


def offered(constraint: Constraint, catalog: Catalog, row: int) -> str:
    """What product ``row`` has for the constrained attribute, in words ('8 GB', 'Core i3', 'unknown')."""
    value = catalog.table[constraint.attribute].iloc[row]
    if pd.isna(value):
        return "unknown"
    return _plain(value.item() if hasattr(value, "item") else value, constraint.unit)


def violation(constraint: Constraint, catalog: Catalog, row: int) -> str:
    """A missed need in plain words with its magnitude: '₹6,790 over budget', '8 GB RAM, wanted 16'."""
    name = label(constraint.attribute, catalog)
    value = catalog.table[constraint.attribute].iloc[row]
    if pd.isna(value):
        return f"{name} not listed"
    if isinstance(value, (bool, np.bool_)):
        return f"{'has' if value else 'no'} {name}" + ("" if not value else f", wanted without {name}")
    if not _is_number(value if not hasattr(value, "item") else value.item()):
        if constraint.op in ("!=", "not_in"):
            return f"{name} is {value}, which you excluded"
        return f"{name} is {value}, wanted {wanted(constraint)}"
    number, unit, op = float(value), constraint.unit, constraint.op
    bound = constraint.value[1] if op == "between" and number > constraint.value[1] else constraint.value
    bound = constraint.value[0] if op == "between" and number < constraint.value[0] else bound
    if name == "price" and op in ("<=", "<", "between") and number > float(bound):
        return f"{amount(number - float(bound), unit)} over budget"
    if constraint.attribute == "cpu_level" or constraint.attribute in ORDINAL_COMPANIONS.values():
        return f"{name} {number:g}, wanted {wanted(constraint)}"
    return f"{amount(number, unit)} {name}, wanted {wanted(constraint).removeprefix('at least ')}"
