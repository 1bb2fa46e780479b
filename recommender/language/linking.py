"""Schema linking: which of the catalog's columns a mention in the shopper's words is about.

A mention is a quantity ("4GB", "50000 km", "20"), perhaps with a word near it that names a column
("graphics card", "mileage", "driven"). Every numeric column is a candidate, scored by

- whether the quantity's unit can be compared with the column's (a hard gate: km never binds to GB);
- how well the nearby word names the column: its header words, its concept's shopper words
  (``knowledge/language.json`` ``attribute_words``) and what the shop taught for it;
- how plausible the number is among the column's own values (16 GB is a RAM-sized number, 1 TB is not);
- the concept prior for a bare unit (``unit_concepts``: a small data size is RAM), used to break ties;

and a column already bound earlier in the same turn is taken only when nothing else fits. The concept
vocabulary is a prior, not a gate: a phone catalog whose RAM column is called ``Memory`` still gets
"8GB RAM", because "memory" is one of the words shoppers use for RAM and 8 GB is a plausible value.
Profiles are built once per catalog; linking a mention is a few dictionary look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender import knowledge
from recommender.catalog import Catalog
from recommender.language.vocabulary import Vocabulary

#: Weights of the parts of a candidate's score; words outweigh plausibility, which outweighs the prior.
WORD_WEIGHT, PLAUSIBLE_WEIGHT, PRIOR_WEIGHT = 4.0, 2.0, 1.0
#: A number this many times beyond a column's observed range is implausible there.
PLAUSIBLE_FACTOR = 2.0
#: ... and this many times beyond it, absurd: the number is about something else.
ABSURD_FACTOR = 10.0


@dataclass(frozen=True)
class ColumnProfile:
    """What a numeric column looks like to a shopper: its words, its unit and the span of its values."""

    attribute: str
    unit: str | None
    dimension: str | None
    words: frozenset[str]
    low: float
    high: float


class Linker:
    """Binds quantities to numeric columns of one catalog. See the module docstring."""

    def __init__(self, catalog: Catalog, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary
        self.units = knowledge.units()
        self.language = knowledge.language()
        numeric = [
            self._profile(catalog, spec) for spec in catalog.schema.attributes if spec.role in ("numeric", "price")
        ]
        #: (lowest, highest) non-zero value of every numeric attribute and the price, computed once
        self.spans = {p.attribute: (p.low, p.high) for p in numeric}
        self.profiles = [p for p in numeric if p.attribute != catalog.schema.price_column]

    def _profile(self, catalog: Catalog, spec) -> ColumnProfile:
        values = catalog.table[spec.name].to_numpy(dtype=float, na_value=np.nan)
        present = values[np.isfinite(values) & (values != 0)]
        low, high = (float(np.min(present)), float(np.max(present))) if len(present) else (np.nan, np.nan)
        unit = spec.unit if spec.unit in self.units.units else None
        dimension = self.units.units[unit].dimension if unit else None
        return ColumnProfile(spec.name, unit, dimension, self.vocab.column_words(spec.name), low, high)

    def attribute_for(
        self, value: float, unit: str | None, concept: str | None, taken: set[str] = frozenset()
    ) -> str | None:
        """The column a quantity of ``value`` ``unit`` (None: a plain number) is about, or None.

        ``concept`` is the key of the word near the mention (a language concept such as ``ram``, or a
        column key from :meth:`Vocabulary.mention_words`); ``taken`` the columns this turn already bound.
        """
        dimension = self.units.units[unit].dimension if unit else None
        candidates = [p for p in self.profiles if self._comparable(p, dimension)]
        if not candidates:
            return None
        best = self._best(candidates, value, unit, concept, taken)
        comparable = {p.attribute for p in candidates}
        named = {a for a in self.vocab.attributes(concept) if a in comparable} if concept else set()
        if best is None and named and named <= set(taken):
            # the word names a column this turn already bound: a second bound on it ('peak height of at least
            # 180 cm' after '190cm tall'), not a reason to pick some other column of the same unit
            return self._best(candidates, value, unit, concept, frozenset())
        if best is None and concept and unit and not self._measures(concept, dimension):
            # the word names the part, not the measure ("a 120Hz display", "a 5000mAh phone")
            best = self._best(candidates, value, unit, None, taken)
        return best

    def _best(
        self, candidates: list[ColumnProfile], value: float, unit: str | None, concept: str | None, taken: set[str]
    ) -> str | None:
        named = self.vocab.attributes(concept) if concept else []
        words = self.vocab.words_of(concept) if concept else frozenset()
        prior = self._prior(value, unit)
        fits = {p.attribute: self._plausibility(p, value, unit) for p in candidates}
        if named and all(fits.get(a, "absurd") == "absurd" for a in named):
            return None  # '500' next to 'megapixels' is no megapixel count: the number is about something else
        best: tuple[float, str] | None = None
        for profile in candidates:
            score = 0.0
            if profile.attribute in named:  # best first: 'storage' is the total before the SSD
                score += 2 * WORD_WEIGHT + 0.1 * (1 - named.index(profile.attribute) / len(named))
            elif words & profile.words:
                score += WORD_WEIGHT
            elif profile.unit is None and unit:
                continue  # a column of plain numbers takes a quantity with a unit only when a word names it
            fit = fits[profile.attribute]
            if fit == "absurd" and not concept:
                continue  # no word names it and nothing comes near: '65 km' of a hike is no tent's height
            score += PLAUSIBLE_WEIGHT if fit == "plausible" else -2 * WORD_WEIGHT if fit == "absurd" else 0.0
            score += PRIOR_WEIGHT * prior.get(profile.attribute, 0.0)
            if profile.attribute in taken:
                score -= 3 * WORD_WEIGHT
            if concept and score < WORD_WEIGHT:
                continue  # a word named something, and this column is not it
            if unit is None and not concept:
                continue  # a plain number with no word names no column
            if best is None or score > best[0]:
                best = (score, profile.attribute)
        return best[1] if best else None

    def _measures(self, concept: str, dimension: str | None) -> bool:
        """Whether ``concept`` is itself measured in ``dimension`` ('graphics card' in GB is its memory)."""
        listed = [c for c, _, _ in self.language["unit_concepts"].get(dimension or "", [])]
        return any(c == concept or c.startswith(concept + "_") for c in listed)

    def _comparable(self, profile: ColumnProfile, dimension: str | None) -> bool:
        if dimension is None or profile.unit is None:
            return True  # a plain number is in the column's unit; a plain column takes what a word names
        return profile.dimension == dimension

    def _plausibility(self, profile: ColumnProfile, value: float, unit: str | None) -> str:
        """'plausible' within a factor 2 of the column's values, 'absurd' beyond a factor 10, else 'unusual'
        (500 megapixels is absurd for a camera: a '500' next to 'megapixels' is some other need)."""
        if not np.isfinite(profile.low):
            return "unusual"
        if unit and profile.unit and unit != profile.unit:
            value = self.units.convert(value, unit, profile.unit)
        if profile.low / PLAUSIBLE_FACTOR <= value <= profile.high * PLAUSIBLE_FACTOR:
            return "plausible"
        if value > profile.high * ABSURD_FACTOR or value < profile.low / ABSURD_FACTOR:
            return "absurd"
        return "unusual"

    def _prior(self, value: float, unit: str | None) -> dict[str, float]:
        """Columns the concept table expects for a bare unit, first listed scoring highest."""
        if unit is None:
            return {}
        dimension = self.units.units[unit].dimension
        base = self.units.canonical.get(dimension) or unit
        in_base = self.units.convert(value, unit, base) if base in self.units.units else value
        prior: dict[str, float] = {}
        rules = self.language["unit_concepts"].get(dimension, [])
        for rank, (concept, low, high) in enumerate(rules):
            if in_base < low or (high is not None and in_base >= high):
                continue
            found = self.vocab.attributes(concept)
            for i, attribute in enumerate(found):
                prior.setdefault(attribute, 1.0 - (rank + i / len(found)) / (len(rules) + 1))
        return prior
