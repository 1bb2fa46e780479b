"""Metamorphic tests: the same products written differently must be understood the same way.

The built-in catalog is rewritten the way other shops write theirs (columns renamed to other common
names, reordered, RAM in MB instead of GB, prices in US dollars). For the same shopper turns, each
rewrite must give the same needs (same attribute under its new name, same bound once units and
currencies are converted) and the same top 5. Matching by meaning is off, so the comparison is exact.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from recommender import knowledge
from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.finder import Finder

TURNS = [
    "laptop with 16GB RAM under ₹80,000",
    "8GB RAM, 512GB SSD, i5, under Rs. 60000",
    "lenovo or hp with at least 8 gb ram",
    "phone with 8GB RAM under ₹25,000 with 5g",
    "cheapest laptop with 16 gb memory and a 15.6 inch screen",
    "gaming laptop lighter than 2.5 kg between ₹70,000 and ₹1,20,000",
]

RENAMES = {"ram": "Memory", "price": "Selling Price", "brand": "Manufacturer", "screen": "Display Size"}


def _original() -> pd.DataFrame:
    return pd.read_csv(BUILTIN_CATALOG, dtype=str, keep_default_na=False)


def _gb(cell: str) -> str:
    value, unit = cell.split()
    return f"{float(value) * {'GB': 1024, 'TB': 1024 * 1024}[unit]:g}"


def _rupees_to_dollars(cell: str) -> str:
    rupees = float(cell.replace("₹", "").replace(",", ""))
    return f"{knowledge.currencies().convert(rupees, 'INR', 'USD'):.2f}"


REWRITES = {
    "renamed": (lambda t: t.rename(columns=RENAMES), RENAMES),
    "reordered": (lambda t: t[list(reversed(t.columns))], {}),
    "RAM in MB": (lambda t: t.assign(ram=t["ram"].map(_gb)).rename(columns={"ram": "RAM (MB)"}), {"ram": "RAM (MB)"}),
    "prices in USD": (
        lambda t: t.assign(price=t["price"].map(_rupees_to_dollars)).rename(columns={"price": "Price (USD)"}),
        {"price": "Price (USD)"},
    ),
}


def _finder(path: Path) -> Finder:
    return Finder(load_catalog(path), semantic=False, learned=False)


def _needs(finder: Finder, turn) -> set[tuple]:
    """Each need as (attribute, op, value in the dimension's base unit or in rupees, hard)."""
    units, currencies = knowledge.units(), knowledge.currencies()
    out = set()
    for c in turn.state.constraints:
        values = c.value if isinstance(c.value, tuple) else (c.value,)
        if c.unit in currencies.inr_per_unit:
            values = tuple(round(currencies.convert(v, c.unit, "INR"), -1) for v in values)
        elif c.unit in units.units:
            base = units.units[c.unit]
            values = tuple(round(v * base.factor, 6) for v in values)
        out.add((c.attribute, c.op, values, c.hard))
    return out


@pytest.fixture(scope="module")
def original() -> Finder:
    return _finder(BUILTIN_CATALOG)


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_a_rewritten_catalog_is_understood_the_same(rewrite, original, tmp_path):
    transform, renames = REWRITES[rewrite]
    path = tmp_path / "shop.csv"
    transform(_original()).to_csv(path, index=False)
    other = _finder(path)
    back = {new: old for old, new in renames.items()}
    for text in TURNS:
        expected = original.conversation().say(text)
        got = other.conversation().say(text)
        renamed = {(back.get(a, a), op, v, hard) for a, op, v, hard in _needs(other, got)}
        assert renamed == _needs(original, expected), text
        assert got.ranking.rows[:5] == expected.ranking.rows[:5], text
