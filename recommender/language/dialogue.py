"""The conversation's state: every turn's needs merged, later turns winning, with undo and critiques.

A :class:`Dialogue` turns each shopper message into a :class:`~recommender.language.constraints.ParsedTurn`
(via the :class:`Parser`) and merges it: a new brand replaces the old one ("show me ASUS instead"),
exclusions accumulate ("not HP", then "no Acer"), a new upper bound replaces the old upper bound,
"forget the budget" drops it, "undo" restores the state before the last turn. Critiques ("cheaper",
"like the second one but lighter") become bounds just past what was shown.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from recommender import knowledge
from recommender.catalog import Catalog
from recommender.formatting import amount
from recommender.language.constraints import Clarification, Constraint, ParsedTurn, Sort
from recommender.language.parser import Parser

#: With more candidates than this, the dialogue can suggest the most informative next question.
QUESTION_THRESHOLD = 30


@dataclass
class DialogueState:
    """Everything the shopper has asked for so far."""

    constraints: list[Constraint] = field(default_factory=list)
    sorts: list[Sort] = field(default_factory=list)
    soft_text: str = ""
    avoid_text: str = ""
    anchor_row: int | None = None  # "like the second one": the catalog row to stay similar to
    clarification: Clarification | None = None
    notes: list[str] = field(default_factory=list)
    turn: int = 0
    text: str = ""  # the last message as written

    def to_json(self) -> dict:
        return {
            "turn": self.turn,
            "constraints": [c.to_json() for c in self.constraints],
            "sorts": [s.to_json() for s in self.sorts],
            "soft_text": self.soft_text,
            "avoid_text": self.avoid_text,
            "anchor_row": self.anchor_row,
            "clarification": self.clarification.to_json() if self.clarification else None,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Reading:
    """One message as the dialogue read it: the state after it, how many products meet every hard need, and
    the question worth asking next."""

    text: str
    state: DialogueState
    matches: int
    question: Clarification | None

    def to_json(self) -> dict:
        return {
            "text": self.text,
            **self.state.to_json(),
            "matches": self.matches,
            "question": self.question.to_json() if self.question else None,
        }


class Dialogue:
    """One shopper's conversation with one catalog."""

    def __init__(self, catalog: Catalog, parser: Parser | None = None) -> None:
        self.catalog = catalog
        self.parser = parser or Parser(catalog)
        self.state = DialogueState()
        self._history: list[DialogueState] = []

    # ---- turns --------------------------------------------------------------------------------------
    def say(self, text: str, shown: Sequence[int] = ()) -> DialogueState:
        """Merge one shopper message. ``shown`` are the catalog rows shown after the previous turn, in
        order, so critiques and "the second one" refer to what the shopper saw."""
        parsed = self.parser.parse(text, turn=self.state.turn + 1)
        return self.apply(parsed, shown)

    def read(self, text: str) -> Reading:
        """Merge one shopper message (as :meth:`say`, nothing shown) and count what matches after it."""
        state = self.say(text)
        question = self.next_question()
        return Reading(text, state, int(self.matches().sum()), question)

    def apply(self, parsed: ParsedTurn, shown: Sequence[int] = ()) -> DialogueState:
        """Merge an already parsed turn (see :meth:`say`)."""
        if parsed.undo and not parsed.constraints:
            previous = self._history.pop() if self._history else DialogueState()
            self.state = replace(previous, turn=parsed.turn, notes=["Undid the last change."])
            return self.state
        self._history.append(copy.deepcopy(self.state))
        state = DialogueState() if parsed.reset else copy.deepcopy(self.state)
        state.turn, state.notes, state.clarification = parsed.turn, list(parsed.notes), parsed.clarification
        state.text = parsed.text
        if parsed.removals:
            state.constraints = [c for c in state.constraints if c.attribute not in parsed.removals]
            state.sorts = [s for s in state.sorts if s.attribute not in parsed.removals]
        for constraint in parsed.constraints:
            state.constraints = _merge(state.constraints, constraint, parsed.extend)
        if parsed.sorts:
            state.sorts = list(parsed.sorts)
        if parsed.anchor is not None:
            position = parsed.anchor
            if shown and -len(shown) <= (position - 1 if position > 0 else position) < len(shown):
                state.anchor_row = int(shown[position - 1 if position > 0 else position])
            else:
                state.notes.append(f"There is no result {position} on screen to compare with.")
        for attribute, direction, much in parsed.critiques:
            bound = self._critique(state, attribute, direction, much, shown, parsed)
            if bound is not None:
                state.constraints = _merge(state.constraints, bound, False)
        state.clarification = state.clarification or self._storage_question(state, parsed)
        state.soft_text = " ".join(t for t in (state.soft_text, parsed.soft_text) if t).strip()
        state.avoid_text = " ".join(t for t in (state.avoid_text, parsed.avoid_text) if t).strip()
        self.state = state
        return state

    def remove(self, index: int) -> DialogueState:
        """Drop one constraint (the shopper removed its chip)."""
        return self.relax((index,), None)

    def relax(self, indices: Sequence[int], bound: float | None) -> DialogueState:
        """Move one constraint's bound to ``bound``, or drop the constraints at ``indices`` (bound None)."""
        self._history.append(copy.deepcopy(self.state))
        kept = []
        for i, c in enumerate(self.state.constraints):
            if i not in indices:
                kept.append(c)
            elif bound is not None:
                kept.append(replace(c, value=bound, tolerance=0.0, source=f"{c.source} (relaxed)"))
        self.state = replace(self.state, constraints=kept, clarification=None)  # earlier turns keep theirs
        return self.state

    def _storage_question(self, state: DialogueState, parsed: ParsedTurn) -> Clarification | None:
        """'1TB storage' where the candidates have both SSDs and HDDs: total storage is used, and we ask."""
        vocab = self.parser.vocab
        total, ssd, hdd = vocab.attribute("storage"), vocab.attribute("ssd"), vocab.attribute("hdd")
        asked = [c for c in parsed.constraints if c.attribute == total and c.hard and c.kind == "lower"]
        if not asked or not (ssd and hdd and total not in (ssd, hdd)):
            return None
        table, mask = self.catalog.table, self.matches(state)
        counts = tuple(
            int((mask & (table[a].to_numpy(dtype=float, na_value=0) >= asked[0].value)).sum())
            for a in (total, ssd, hdd)
        )
        if not (counts[1] and counts[2]):
            return None  # only one kind of drive among the candidates: nothing to ask
        size = f"{asked[0].value:g} {asked[0].unit or ''}".strip()
        return Clarification(
            f"Should the {size} be any storage, or an SSD or a hard disk (HDD)?",
            ("any storage", "SSD", "HDD"),
            asked[0].source,
            counts,
        )

    # ---- critiques ----------------------------------------------------------------------------------
    def _critique(
        self, state: DialogueState, attribute: str, direction: str, much: bool, shown: Sequence[int], parsed: ParsedTurn
    ) -> Constraint | None:
        """A bound just past the shown results: 'cheaper' -> below the cheapest shown, by a stated step."""
        table = self.catalog.table
        if parsed.anchor is not None and state.anchor_row is not None:
            rows, reference_word = [state.anchor_row], "that one"
        elif shown:
            rows, reference_word = list(shown), "what was shown"
        else:
            rows, reference_word = list(np.flatnonzero(self.matches(state))), "the current matches"
        values = pd.to_numeric(table[attribute].iloc[rows], errors="coerce").dropna()
        if values.empty:
            state.notes.append(f"Nothing to compare {attribute.replace('_', ' ')} with yet.")
            return None
        concept = (
            "price" if attribute == self.catalog.schema.price_column else self.catalog.schema.column(attribute).concept
        )
        steps = knowledge.language()["critique_steps"]
        fraction = steps.get(concept or "_", steps["_"])[1 if much else 0]
        if reference_word == "the current matches":
            reference = float(values.median())
        else:
            reference = float(values.min() if direction == "<" else values.max())
        if direction == "<":
            op, value = ("<", reference) if fraction == 0 else ("<=", reference * (1 - fraction))
        else:
            op, value = (">", reference) if fraction == 0 else (">=", reference * (1 + fraction))
        value = round(value, 2)
        source = " ".join(w for w in parsed.text.split() if w)[:60]
        unit = self.catalog.schema.column(attribute).unit
        step = f", {fraction:.0%} past {reference_word}" if fraction else f", past {reference_word}"
        note = f"{'below' if direction == '<' else 'above'} {amount(reference, unit)}{step}"
        return Constraint(attribute, op, value, unit=unit, source=source, turn=parsed.turn, note=note)

    # ---- what still matches -------------------------------------------------------------------------
    def matches(self, state: DialogueState | None = None) -> np.ndarray:
        """Rows meeting every hard constraint of the state."""
        state = state or self.state
        mask = np.ones(len(self.catalog), dtype=bool)
        for constraint in state.constraints:
            if constraint.hard:
                mask &= constraint.mask(self.catalog.table)
        return mask

    def next_question(self) -> Clarification | None:
        """With many candidates left, the question whose answer splits them best (highest entropy),
        with the count behind each option."""
        mask = self.matches()
        if mask.sum() <= QUESTION_THRESHOLD:
            return None
        asked = {c.attribute for c in self.state.constraints}
        best: tuple[float, Clarification] | None = None
        for spec in self.catalog.schema.attributes:
            if spec.name in asked or spec.role not in ("brand", "category", "categorical", "numeric", "price"):
                continue
            if spec.role == "numeric" and spec.unit is None:
                continue
            numeric = spec.role in ("numeric", "price")
            options, counts = _options(self.catalog.table.loc[mask, spec.name], numeric, spec.unit)
            if len(options) < 2:
                continue
            shares = np.asarray(counts, dtype=float) / sum(counts)
            entropy = float(-(shares * np.log2(shares)).sum())
            if best is None or entropy > best[0]:
                label = "budget" if spec.role == "price" else spec.name.replace("_", " ")
                question = f"{int(mask.sum())} products match. Which {label} do you prefer?"
                best = (entropy, Clarification(question, tuple(options), spec.name, tuple(counts)))
        return best[1] if best else None


def _options(values: pd.Series, numeric: bool, unit: str | None, limit: int = 4) -> tuple[list[str], list[int]]:
    """Up to ``limit`` answers with their counts: the commonest values, or quartile bands of numbers."""
    values = values.dropna()
    if values.empty:
        return [], []
    if not numeric:
        counts = values.astype(str).value_counts().head(limit)
        return list(counts.index), [int(n) for n in counts]
    edges = np.unique(np.quantile(values.to_numpy(dtype=float), [0, 0.25, 0.5, 0.75, 1.0]))
    if len(edges) < 3:
        return [], []
    labels, counts = [], []
    for low, high in itertools.pairwise(edges):
        inside = values[(values >= low) & ((values < high) | (high == edges[-1]))]
        if len(inside):  # tied values can leave a band empty: never offer an answer no product has
            labels.append(f"{amount(low, unit)} – {amount(high, unit)}")
            counts.append(len(inside))
    return labels, counts


#: A numeric bound replaces the bound of the same side and any range; a range replaces every bound.
_REPLACED_BY = {"upper": ("upper", "range"), "lower": ("lower", "range"), "range": ("upper", "lower", "range")}


def _merge(constraints: list[Constraint], new: Constraint, extend: bool) -> list[Constraint]:
    """The constraints after adding ``new``: the need it answers again is replaced, not duplicated."""
    kept: list[Constraint] = []
    for old in constraints:
        if old.attribute != new.attribute:
            kept.append(old)
            continue
        if old.hard and not new.hard:
            return constraints  # a soft guess never overrides what the shopper said outright
        if new.kind == "include":
            if old.kind == "include":
                if extend:
                    new = replace(new, op="in", value=tuple(dict.fromkeys(old.values + new.values)))
                continue
            if old.kind == "exclude":
                continue  # "not HP" then "show me ASUS": the exclusion says nothing more
        elif new.kind == "exclude":
            if old.kind == "exclude":
                merged = tuple(dict.fromkeys(old.values + new.values))
                new = replace(
                    new, op="not_in" if len(merged) > 1 else "!=", value=merged if len(merged) > 1 else merged[0]
                )
                continue
            if old.kind == "include":
                left = tuple(v for v in old.values if v not in new.values)
                if left:
                    kept.append(
                        replace(old, op="==" if len(left) == 1 else "in", value=left[0] if len(left) == 1 else left)
                    )
                continue
        elif old.kind in _REPLACED_BY.get(new.kind, ()):
            continue
        kept.append(old)
    kept.append(new)
    return kept
