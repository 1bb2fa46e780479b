"""A catalog's own words: which attribute carries each concept and unit, and every categorical value a
shopper might name (with synonyms, first-word prefixes and typo-tolerant lookup).

Built once per catalog from its schema and typed table, so the parser works on catalogs nobody here has
seen: it only needs the schema's roles, units and concepts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from recommender import knowledge
from recommender.catalog import Catalog
from recommender.catalog.composites import parse_cpu

#: Columns with more distinct values than this are names or models, not a vocabulary.
MAX_VALUES = 400
#: How close a misspelt word must be to a catalog word (difflib ratio) to count as that word.
FUZZY_CUTOFF = 0.82


def normalize(text: str) -> str:
    """Lower case, ``-``/``_``/``/`` as spaces, single spaces: ``'Mid-range'`` -> ``'mid range'``."""
    return " ".join(re.sub(r"[-_/]+", " ", text.lower()).split())


@dataclass(frozen=True)
class ValueHit:
    """A catalog value a phrase names: the attribute, the values (several for a prefix like 'windows')."""

    attribute: str
    values: tuple[str, ...]
    priority: int


class Vocabulary:
    """The words of one catalog. See the module docstring."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.schema = catalog.schema
        self.table = catalog.table
        self.language = knowledge.language()
        self._stopwords = frozenset(self.language["stopwords"])
        # per-catalog memo of lookups; a catalog's vocabulary is small and never changes
        self._value_cache: dict[str, list[ValueHit]] = {}
        self._fuzzy_cache: dict[str, str | None] = {}

    # ---- attributes ---------------------------------------------------------------------------------
    @cached_property
    def _by_concept(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for spec in self.schema.attributes:
            for key in {spec.concept, spec.name}:
                if key:
                    out.setdefault(key, []).append(spec.name)
        return out

    def attribute(self, concept: str) -> str | None:
        """The catalog attribute for a concept ('ram' -> 'Ram'); None when the catalog has none."""
        found = self.attributes(concept)
        return found[0] if found else None

    def attributes(self, concept: str) -> list[str]:
        """Every attribute that can carry ``concept``, best first (fast charging: the yes/no flag and the
        wattage; storage: total, SSD, HDD)."""
        if concept == "price":
            return [self.schema.price_column] if self.schema.price_column else []
        if concept in ("brand", "category"):
            return [s.name for s in self.schema.with_role(concept)][:1]
        out = []
        for child in self.language["concept_children"].get(concept, [concept]):
            for name in self._by_concept.get(child, []):
                spec = self.schema.column(name)
                usable = spec.role in ("numeric", "price", "boolean") or spec.levels or concept in ("os", "gpu_class")
                if usable and name not in out:
                    out.append(name)
        return out

    def unit(self, attribute: str) -> str | None:
        return self.schema.column(attribute).unit

    def numeric(self, attribute: str) -> bool:
        return self.schema.column(attribute).role in ("numeric", "price")

    def quantity_attribute(self, value: float, unit: str, concept: str | None) -> str | None:
        """The attribute a quantity in ``unit`` belongs to: the named concept's when it fits, else by
        the unit's dimension and size (knowledge/language.json ``unit_concepts``)."""
        table = knowledge.units()
        dimension = table.units[unit].dimension
        if concept:
            fitting = [a for a in self.attributes(concept) if self._fits(a, dimension)]
            if fitting:
                return fitting[0]
        for candidate, low, high in self.language["unit_concepts"].get(dimension, []):
            value_in_base = table.convert(value, unit, table.canonical[dimension] or unit)
            if value_in_base < low or (high is not None and value_in_base >= high):
                continue
            fitting = [a for a in self.attributes(candidate) if self._fits(a, dimension)]
            if fitting:
                return fitting[0]
        return None

    def _fits(self, attribute: str, dimension: str) -> bool:
        """Whether values in ``dimension`` can be compared with ``attribute`` (a plain number fits any)."""
        spec = self.schema.column(attribute)
        if spec.role not in ("numeric", "price"):
            return False
        table = knowledge.units()
        return spec.unit is None or (spec.unit in table.units and table.units[spec.unit].dimension == dimension)

    def convert(self, value: float, unit: str, attribute: str) -> float:
        """``value`` in ``unit`` expressed in the attribute's unit; a star rating is rescaled to a catalog
        that rates out of 100."""
        target = self.unit(attribute)
        if target and target != unit:
            return knowledge.units().convert(value, unit, target)
        if unit == "stars" and target is None and float(self.table[attribute].max()) > 10:
            return value * 20  # 4.5 stars on a 0-100 scale
        return value

    @cached_property
    def booleans(self) -> dict[str, str]:
        """Boolean need ('touchscreen', '5g') -> the catalog's boolean attribute for it."""
        out = {}
        for need, spec in self.language["booleans"].items():
            if need.startswith("_"):
                continue
            for column in self.schema.with_role("boolean"):
                words = set(knowledge.header_words(column.name))
                if words & set(spec["header"]):
                    out[need] = column.name
                    break
        return out

    # ---- categorical values -------------------------------------------------------------------------
    @cached_property
    def _values(self) -> tuple[dict[str, list[ValueHit]], dict[str, list[ValueHit]]]:
        exact: dict[str, list[ValueHit]] = {}
        first: dict[str, dict[str, list[str]]] = {}
        stop = set(self.language["stopwords"])
        composite_sources = {s.derived_from for s in self.schema.columns if s.derived_from}
        for priority, spec in enumerate(self._categorical_specs()):
            if spec.name in composite_sources:
                continue  # "Intel Core i5 7200U 2.5GHz" is matched through its parts, not whole
            values = [v for v in pd.unique(self.table[spec.name].dropna().astype(str)) if v]
            if len(values) > MAX_VALUES:
                continue
            for value in values:
                key = normalize(value)
                exact.setdefault(key, []).append(ValueHit(spec.name, (value,), priority))
                words = key.split()
                if len(words) > 1 and len(words[0]) >= 3 and words[0] not in stop and not words[0].isdigit():
                    first.setdefault(words[0], {}).setdefault(spec.name, []).append(value)
        prefixes = {
            word: [ValueHit(a, tuple(sorted(v)), self._priority(a)) for a, v in by_attr.items()]
            for word, by_attr in first.items()
        }
        return exact, prefixes

    def _categorical_specs(self) -> list:
        order = {"brand": 0, "category": 1, "categorical": 2}
        specs = [s for s in self.schema.attributes if s.role in order and s.name != self.schema.name_column]
        # an ordinal attribute (cpu_tier) answers for a value before a plain label of it (cpu_family)
        return sorted(specs, key=lambda s: (order[s.role], s.derived_from is not None, s.levels is None))

    def _priority(self, attribute: str) -> int:
        names = [s.name for s in self._categorical_specs()]
        return names.index(attribute) if attribute in names else len(names)

    @cached_property
    def _fuzzy_words(self) -> list[str]:
        exact, prefixes = self._values
        words = {k for k in exact if " " not in k and len(k) >= 4 and not k.isdigit()} | set(prefixes)
        return sorted(words)

    def values(self, phrase: str) -> list[ValueHit]:
        """Catalog values that ``phrase`` names exactly, through a synonym, or as a first-word prefix;
        best attribute first."""
        key = normalize(phrase)
        if key not in self._value_cache:
            self._value_cache[key] = self._lookup(key)
        return self._value_cache[key]

    def _lookup(self, key: str) -> list[ValueHit]:
        exact, prefixes = self._values
        hits = list(exact.get(key, []))
        if not hits:
            for candidate in self.language["synonyms"].get(key, []):
                found = exact.get(normalize(candidate), []) or prefixes.get(normalize(candidate), [])
                if found:
                    hits = list(found)
                    break
        if not hits:
            hits = list(prefixes.get(key, []))
        return sorted(hits, key=lambda h: h.priority)

    def fuzzy(self, word: str) -> str | None:
        """The catalog word a misspelt ``word`` most likely means ('lenvo' -> 'lenovo'), or None."""
        if len(word) < 4 or word in self._stopwords:
            return None
        if word not in self._fuzzy_cache:
            match = difflib.get_close_matches(word, self._fuzzy_words, n=1, cutoff=FUZZY_CUTOFF)
            self._fuzzy_cache[word] = match[0] if match else None
        return self._fuzzy_cache[word]

    # ---- ordinal scales -----------------------------------------------------------------------------
    def cpu_level(self, tier: str) -> float | None:
        """The cross-brand CPU level of a tier name ('Core i5' -> 3), from the hardware knowledge."""
        parsed = parse_cpu(tier)
        return None if parsed is None or parsed["cpu_level"] is None else float(parsed["cpu_level"])
