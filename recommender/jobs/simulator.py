"""Simulated shoppers: personas with hidden needs and an unspoken taste, who chat, react and buy.

Each shopper is built around a real product of the catalog that fits their persona, so every hidden need
can be met. They state one need per turn in words the parser understands, look at the results they have
not seen yet, buy the first that meets every need *and* their taste, like the ones of their taste, dislike
some that are not, and give up after ``max_turns``. Their taste (a brand, a type of laptop) is never said:
only reactions reveal it, which is what in-session learning can use and a text-only finder cannot.

Everything here is simulated; logs made from it are labelled so wherever they are used.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from recommender.catalog import Catalog
from recommender.finder import Finder

LABEL = "simulated shoppers (not real people)"


@dataclass(frozen=True)
class Need:
    """One hidden need: ``attribute op value``, and how the shopper says it."""

    attribute: str
    op: str  # "<=", ">=" or "=="
    value: object
    text: str

    def met(self, table: pd.DataFrame) -> np.ndarray:
        column = table[self.attribute]
        if self.op == "==":
            return (column.astype("string") == str(self.value)).fillna(False).to_numpy(dtype=bool)
        values = column.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            return values <= self.value if self.op == "<=" else values >= self.value


def _rupees(value: float) -> str:
    return f"₹{int(value):,}"


def _budget(price: float) -> Need:
    step = 5000 if price > 20000 else 1000
    bound = math.ceil(price * 1.05 / step) * step
    return Need("price", "<=", bound, f"under {_rupees(bound)}")


def _at_least(attribute: str, value: float, say: str) -> Need:
    return Need(attribute, ">=", value, say.format(value=f"{value:g}"))


def _at_most(attribute: str, value: float, say: str) -> Need:
    return Need(attribute, "<=", value, say.format(value=f"{value:g}"))


@dataclass(frozen=True)
class Persona:
    """A kind of shopper: which products suit them, what they say, and the taste they keep to themselves."""

    name: str
    opener: str  # the first words, naming the kind of product
    fits: Callable[[pd.DataFrame], np.ndarray]
    needs: Callable[[pd.Series], list[Need]]
    taste: str  # attribute whose value they want but never say


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "student on a budget",
        "I need a laptop for college",
        lambda t: (t["category"] == "Laptop").to_numpy() & (t["price"] <= 55000).to_numpy(),
        lambda p: [_budget(p["price"]), _at_least("ram", p["ram"], "at least {value}GB RAM")],
        "brand",
    ),
    Persona(
        "gamer",
        "I want a gaming laptop",
        lambda t: (t["type"] == "Gaming").to_numpy(),
        lambda p: [
            _budget(p["price"]),
            _at_least("refresh_rate", p["refresh_rate"], "{value}Hz display"),
            _at_least("ram", p["ram"], "at least {value}GB RAM"),
        ],
        "brand",
    ),
    Persona(
        "frequent traveller",
        "I need a light laptop for travel",
        lambda t: (t["category"] == "Laptop").to_numpy() & (t["weight"] <= 1.6).to_numpy(),
        lambda p: [
            _at_most("weight", math.ceil(p["weight"] * 10) / 10, "weighs under {value} kg"),
            _budget(p["price"]),
            _at_least("battery_life", math.floor(p["battery_life"]), "battery at least {value} hours"),
        ],
        "type",
    ),
    Persona(
        "creator",
        "I need a laptop for video editing",
        lambda t: (t["category"] == "Laptop").to_numpy() & (t["ram"] >= 16).to_numpy(),
        lambda p: [
            _at_least("ram", p["ram"], "at least {value}GB RAM"),
            _budget(p["price"]),
            _at_least("screen", math.floor(p["screen"]), "screen at least {value} inch"),
        ],
        "brand",
    ),
    Persona(
        "parent buying a first phone",
        "I want a phone for my kid",
        lambda t: (t["category"] == "Phone").to_numpy() & (t["price"] <= 30000).to_numpy(),
        lambda p: [
            _budget(p["price"]),
            _at_least("battery_capacity", p["battery_capacity"], "battery at least {value} mAh"),
        ],
        "brand",
    ),
)


@dataclass
class Shopper:
    """One simulated shopper: persona, the needs they will state, and their taste."""

    persona: Persona
    needs: list[Need]
    taste: Need

    @classmethod
    def sample(cls, catalog: Catalog, rng: np.random.Generator) -> Shopper:
        table = catalog.table
        persona = PERSONAS[int(rng.integers(len(PERSONAS)))]
        pool = np.flatnonzero(persona.fits(table))
        if not len(pool):
            raise ValueError(f"the catalog has no product for a {persona.name}")
        target = table.iloc[int(rng.choice(pool))]
        taste_value = str(target[persona.taste])
        return cls(persona, persona.needs(target), Need(persona.taste, "==", taste_value, ""))

    def satisfied_by(self, table: pd.DataFrame) -> np.ndarray:
        met = self.taste.met(table)
        for need in self.needs:
            met &= need.met(table)
        return met


@dataclass
class Outcome:
    """How one simulated conversation went."""

    persona: str
    success: bool
    turns: int
    events: list[tuple[int, str]] = field(default_factory=list)  # (row, signal) in order


def shop(
    finder: Finder,
    shopper: Shopper,
    rng: np.random.Generator,
    learning: bool = True,
    max_turns: int = 6,
    page: int = 3,
    dislike_rate: float = 0.3,
) -> Outcome:
    """Run one conversation; with ``learning`` off the finder never hears the reactions."""
    table = finder.catalog.table
    good = shopper.satisfied_by(table)
    liked_taste = shopper.taste.met(table)
    conversation = finder.conversation()
    seen: set[int] = set()
    events: list[tuple[int, str]] = []
    for turn in range(1, max_turns + 1):
        # The opener first, then one need per message, then "more" until they give up.
        if turn == 1:
            text = shopper.persona.opener
        elif turn - 2 < len(shopper.needs):
            text = shopper.needs[turn - 2].text
        else:
            text = "show me more"
        answer = conversation.say(text, top=page + len(seen))
        shown = [row for row in answer.ranking.rows if row not in seen][:page]
        seen.update(shown)
        for row in shown:
            if good[row]:
                events.append((row, "purchase"))
                return Outcome(shopper.persona.name, True, turn, events)
            if liked_taste[row]:
                signal = "like"
            elif rng.random() < dislike_rate:
                signal = "dislike"
            else:
                continue
            events.append((row, signal))
            if learning:
                conversation.feedback.add(row, signal)  # re-ranked with the next message
    return Outcome(shopper.persona.name, False, max_turns, events)


def simulate(
    finder: Finder,
    shoppers: int,
    seed: int,
    learning: bool = True,
    max_turns: int = 6,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome]:
    """``shoppers`` conversations; the same seed gives the same shoppers whether learning is on or off."""
    outcomes = []
    for n in range(shoppers):
        rng = np.random.default_rng([seed, n])
        shopper = Shopper.sample(finder.catalog, rng)
        outcomes.append(shop(finder, shopper, rng, learning=learning, max_turns=max_turns))
        if progress:
            progress(n + 1, shoppers)
    return outcomes


def summary(outcomes: list[Outcome]) -> dict:
    """Success rate and turns to success (median and mean over successes)."""
    wins = [o.turns for o in outcomes if o.success]
    return {
        "shoppers": len(outcomes),
        "success_rate": round(len(wins) / len(outcomes), 4) if outcomes else 0.0,
        "median_turns_to_success": float(np.median(wins)) if wins else None,
        "mean_turns_to_success": round(float(np.mean(wins)), 3) if wins else None,
    }
