"""Constraints are data: what the shopper asked for, on which attribute, from which words.

A :class:`Constraint` can test itself against a catalog's typed table in one vectorised step
(:meth:`Constraint.mask`), so the parser, the dialogue and the ranking share one meaning of "matches".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from recommender.formatting import amount

Op = Literal["<=", ">=", "<", ">", "==", "!=", "in", "not_in", "between", "around"]
#: Operators that bound a number from above or below (a later bound of the same side replaces it).
UPPER, LOWER = frozenset({"<=", "<"}), frozenset({">=", ">"})
SYMBOLS = {
    "<=": "≤",
    ">=": "≥",
    "<": "<",
    ">": ">",
    "==": "=",
    "!=": "≠",
    "in": "∈",
    "not_in": "∉",
    "between": "between",
    "around": "≈",
}


@dataclass(frozen=True)
class Constraint:
    """One need: ``attribute op value`` in the attribute's ``unit``.

    ``hard`` needs filter; soft ones only score. ``tolerance`` is the soft margin (a fraction of the value)
    the ranking may forgive on a budget or an "around". ``source`` is the shopper's words and ``turn`` the
    turn they came from, so the app can show the need as a chip and remove it.
    """

    attribute: str
    op: Op
    value: Any
    unit: str | None = None
    hard: bool = True
    weight: float = 1.0
    source: str = ""
    turn: int = 0
    tolerance: float = 0.0
    note: str | None = None

    def mask(self, table: pd.DataFrame) -> np.ndarray:
        """True for rows that satisfy this constraint (a missing value never satisfies)."""
        column = table[self.attribute]
        op, value = self.op, self.value
        if op in ("in", "not_in", "==", "!="):
            values = list(self.values)
            if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
                hit = np.isin(column.to_numpy(dtype=float, na_value=np.nan), np.asarray(values, dtype=float))
            else:
                hit = column.isin(values).fillna(False).to_numpy(dtype=bool)
            present = column.notna().to_numpy()
            return hit if op in ("in", "==") else (~hit & present)
        numbers = column.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            if op == "<=":
                return numbers <= value
            if op == ">=":
                return numbers >= value
            if op == "<":
                return numbers < value
            if op == ">":
                return numbers > value
            if op == "between":
                return (numbers >= value[0]) & (numbers <= value[1])
            if op == "around":
                band = abs(value) * max(self.tolerance, 0.1)
                return np.abs(numbers - value) <= band
        raise ValueError(f"unknown operator {op!r} in constraint on {self.attribute!r}")

    @property
    def values(self) -> tuple:
        """The value as a tuple of values: ``("HP", "Dell")`` of an ``in``, ``(8.0,)`` of ``>= 8``."""
        return as_values(self.value)

    @property
    def kind(self) -> str:
        """Which side of a need this is: include, exclude, upper, lower or range (both sides)."""
        if self.op in ("!=", "not_in"):
            return "exclude"
        if self.op == "in" or (self.op == "==" and isinstance(self.value, (str, bool))):
            return "include"
        if self.op in UPPER:
            return "upper"
        if self.op in LOWER:
            return "lower"
        return "range"

    def describe(self, label: str | None = None) -> str:
        """Short words for a chip: ``RAM ≥ 8 GB``, ``price ≤ ₹40,000``, ``brand ∉ HP, Acer``."""
        shown = [amount(v, self.unit) if _is_number(v) else str(v) for v in self.values]
        joined = " – ".join(shown) if self.op == "between" else ", ".join(shown)
        return f"{label or self.attribute} {SYMBOLS[self.op]} {joined}"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        if isinstance(self.value, tuple):
            out["value"] = list(self.value)
        return out


def as_values(value: Any) -> tuple:
    """A need's value, one value or several (a list or tuple), as a tuple of values."""
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Sort:
    """An explicit order the shopper asked for ("cheapest" = price ascending)."""

    attribute: str
    order: Literal["asc", "desc"]
    source: str = ""
    turn: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Clarification:
    """One short question when a need is ambiguous, with the options a shopper can pick."""

    question: str
    options: tuple[str, ...]
    source: str = ""
    counts: tuple[int, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["options"] = list(self.options)
        out["counts"] = list(self.counts) if self.counts else None
        return out


@dataclass
class ParsedTurn:
    """What one turn of shopper text says, before it is merged into the dialogue state."""

    text: str
    turn: int
    constraints: list[Constraint] = field(default_factory=list)
    sorts: list[Sort] = field(default_factory=list)
    removals: list[str] = field(default_factory=list)  # attributes whose constraints the shopper dropped
    critiques: list[tuple[str, str, bool]] = field(default_factory=list)  # (attribute, "<"/">", much)
    anchor: int | None = None  # "like the second one": 1-based position among shown results (-1: last)
    reset: bool = False
    undo: bool = False
    extend: bool = False  # "also Dell": new values join the ones already asked for instead of replacing them
    soft_text: str = ""
    avoid_text: str = ""  # words the shopper negated ("not gaming"): must not pull matching items up
    clarification: Clarification | None = None
    notes: list[str] = field(default_factory=list)
