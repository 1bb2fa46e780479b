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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from recommender.catalog import Catalog, CatalogStore
from recommender.events.interactions import write_interactions_csv
from recommender.finder import Finder

LABEL = "simulated shoppers (not real people)"
#: The simulated clock of a log: the first event one second after this (November 2023), then one second per
#: event, sessions one after another.
LOG_START = 1_700_000_000


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


def compare_learning(
    catalog: Catalog,
    shoppers: int,
    seeds: Sequence[int],
    *,
    store: CatalogStore | None = None,
    max_turns: int = 6,
    report: Callable[[dict], None] | None = None,
) -> dict:
    """The same shoppers of each seed with learning on, with in-session feedback only (when the catalog has a
    learned preference model) and with learning off. ``report`` hears each run's summary row as it ends."""
    learned = Finder(catalog, store=store)
    plain = Finder(catalog, store=store, learned=False) if learned.model is not None else learned
    conditions = [("learning on", learned, True)]
    if learned.model is not None:
        conditions.append(("feedback only (no learned preference)", plain, True))
    conditions.append(("learning off", plain, False))
    runs = []
    for seed in seeds:
        for name, finder, learning in conditions:
            outcomes = simulate(finder, shoppers, seed, learning=learning, max_turns=max_turns)
            runs.append({"seed": seed, "condition": name, **summary(outcomes)})
            if report:
                report(runs[-1])
    return {"label": LABEL, "model": learned.model.record_.get("trained_on") if learned.model else None, "runs": runs}


def events(
    finder: Finder, shoppers: int, seeds: Sequence[int], max_turns: int = 6
) -> Iterator[tuple[str, int, int, str]]:
    """Every event of each seed's shoppers as ``(user_id, item_id, timestamp, event)``, on the simulated clock;
    shopper ``n`` of seed ``s`` is user ``sim-s-n``."""
    clock = LOG_START
    for seed in seeds:
        for n, outcome in enumerate(simulate(finder, shoppers, seed, max_turns=max_turns)):
            for row, signal in outcome.events:
                clock += 1
                yield f"sim-{seed}-{n}", row, clock, signal


def write_log(finder: Finder, path: str | Path, shoppers: int, seeds: Sequence[int], max_turns: int = 6) -> int:
    """Write each seed's shoppers' events as an interaction CSV (what ``train --events`` reads); returns the
    events written. The file is simulated and must be labelled so wherever it is used (:data:`LABEL`)."""
    return write_interactions_csv(events(finder, shoppers, seeds, max_turns), path)
