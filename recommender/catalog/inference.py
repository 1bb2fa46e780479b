"""Schema inference: decide each column's role and unit from its header and its cells, and build the
typed attribute table (numbers in one unit per column, booleans, categories, text).

The header says what a column is meant to be (via ``knowledge/concepts.json``); the cells must agree.
A column nobody taught the finder about still becomes a generic numeric, boolean, categorical or text
attribute. Every doubt that matters to a person becomes a warning naming the column and the fix.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from recommender import knowledge
from recommender.catalog.cells import Cells, key_value_pairs, to_bool, to_money, to_quantity
from recommender.catalog.composites import extractors
from recommender.catalog.schema import ColumnSpec, Overrides, Schema

_INDEX_HEADER = re.compile(r"^(unnamed(:? ?\d+)?|index|level_\d+|row|row ?(id|no|num|number)|#|s\.? ?no\.?)$", re.I)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.I)
_BRACKETED = re.compile(r"[(\[]\s*([^()\[\]]{1,12}?)\s*[)\]]\s*$")
_LIST_REPR = re.compile(r"""^\[\s*(['"])(.*)\1\s*\]$""")

#: Header roles kept even when every row holds the same value (a one-brand shop still has a brand).
_KEEP_CONSTANT = frozenset({"name", "brand", "category", "price"})
#: Share of non-empty cells that must parse before a column is read as numbers, money, etc.
MIN_SHARE = 0.6
#: The earliest year a column of years may hold (cars, wines, cameras: hardly any older is on sale).
EARLIEST_YEAR = 1900
#: Rows read to decide whether a column's values begin the product names (the brand).
BRAND_SAMPLE_ROWS = 2_000
#: A composite splitter is applied when it understands this share of a column named for it.
MIN_COMPOSITE_SHARE_NAMED = 0.3
#: A key of a column of spec lists becomes an attribute when this share of products lists it (at most
#: this many keys, the most listed first).
MIN_LISTED_SHARE, MAX_LISTED_KEYS = 0.2, 30


@dataclass
class _Column:
    """One attribute being decided: its spec and its typed values (one per row)."""

    spec: ColumnSpec
    values: np.ndarray | pd.Series
    score: float = 0.0  # for choosing among competing name/price columns
    derived: list[_Column] = field(default_factory=list)


def match_concept(header: str) -> knowledge.Concept | None:
    """The header concept for ``header``: an exact phrase wins, then the longest contained phrase."""
    words = knowledge.header_words(header)
    best: tuple[int, knowledge.Concept] | None = None
    for concept in knowledge.concepts():
        if words in concept.exact:
            return concept
        for phrase in concept.contains:
            if knowledge.contains_phrase(words, phrase) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), concept)
    return best[1] if best else None


def header_unit(header: str, concept: knowledge.Concept | None = None) -> tuple[str | None, str | None]:
    """(unit, currency) named in a header: ``'Weight (kg)'`` -> ('kg', None), ``'Price_euros'`` -> (None, 'EUR').

    A word of the ``concept``'s own phrase is no unit: 'pixels' in 'Effective pixels' names megapixels.
    """
    unit = currency = None
    # 'Power (W)', 'Mass [g]': one letter is a unit there, not a word; but 'Zoom wide (W)' is no wattage
    bracket = _BRACKETED.search(header)
    table = knowledge.units()
    if bracket and (symbol := table.aliases.get(bracket.group(1).lower())):
        named = concept or match_concept(header[: bracket.start()])
        usual = table.units.get(named.unit) if named and named.unit else None
        agrees = usual is not None and usual.dimension == table.units[symbol].dimension
        # a letter alone is a unit where the header's concept is measured so ('Power (W)'), or where it is
        # no initial of the header's words ('(W)' of 'Zoom wide (W)', 'Width (W)' is the side, not watts)
        initials = {w[0] for w in knowledge.header_words(header[: bracket.start()])}
        letter = len(bracket.group(1)) == 1
        if agrees or (usual is None and not (letter and bracket.group(1).lower() in initials)):
            unit = symbol
    phrase_words = {w for p in (concept.exact + concept.contains if concept else ()) for w in p}
    for word in knowledge.header_words(header):
        if word in phrase_words and concept and concept.unit:
            continue
        currency = currency or knowledge.currencies().aliases.get(word)
        unit = unit or knowledge.units().header_aliases.get(word)
    return unit, currency


def _examples(cells: Cells, results: list[object], limit: int = 3) -> str:
    counts = cells.counts()
    bad = sorted((i for i, r in enumerate(results) if r is None), key=lambda i: -counts[i])[:limit]
    return ", ".join(repr(cells.uniques[i][:40]) for i in bad)


def _tidy_label(text: str) -> str:
    m = _LIST_REPR.match(text)  # "['Thin and Light']" as exported from a Python list
    return m.group(2) if m else text


class _Inferrer:
    def __init__(self, raw: pd.DataFrame, overrides: Overrides, source: str | None = None) -> None:
        self.raw = raw
        self.overrides = overrides
        self.source = source
        self.warnings: list[str] = []
        self.rows = len(raw)

    # ---- one column -------------------------------------------------------------------------------
    def column(self, name: str) -> _Column:
        cells = Cells.of(self.raw[name]).with_decimal_point().without_digit_spaces()
        forced = self.overrides.columns.get(name, {})
        concept = _taught_concept(forced.get("concept")) or match_concept(name)
        role = forced.get("role")
        if role:
            return self._as_role(name, cells, role, concept, forced.get("unit"))
        if cells.present == 0:
            self.warnings.append(f"column {name!r} is empty in all {self.rows} rows; it is ignored.")
            return self._ignored(name)
        measured = cells.without_absent()  # 'No old price' is a missing price, not a text
        numbers = measured.parse(to_quantity)
        index_header = bool(_INDEX_HEADER.match(name))
        if (index_header or concept is None or concept.role == "id") and self._is_sequence(
            measured, numbers, named=index_header
        ):
            return (
                self._as_role(name, cells, "id", concept, None)
                if concept and concept.role == "id"
                else self._ignored(name)
            )
        role_hint = concept.role if concept else None
        if len(cells.uniques) == 1 and cells.present >= 3 and role_hint not in _KEEP_CONSTANT:
            return self._ignored(name)  # the same value everywhere tells products apart in no way
        if role_hint == "id" and len(cells.uniques) >= 0.8 * cells.present:
            return self._as_role(name, cells, "id", concept, None)
        # money marks (₹, $, Rs.) make a price even under an unknown header, but not in a name or description
        if role_hint == "price" or (role_hint is None and self._money_marked(measured) >= MIN_SHARE):
            column = self._as_role(name, cells, "price", concept, forced.get("unit"), quiet=role_hint != "price")
            if column.spec.role == "price":
                return column
        if cells.share([_URL.match(u) for u in cells.uniques]) >= 0.8:
            return self._as_role(name, cells, "url", concept, None)
        bools = cells.parse(to_bool)
        if len(cells.uniques) <= 2 and all(b is not None for b in bools):
            return self._as_role(name, cells, "boolean", concept, None)
        if measured.present and measured.share(numbers) >= MIN_SHARE:
            if concept is None and _holds_years(numbers):
                concept = _taught_concept("year")  # 'Vintage', 'Baujahr': a header nobody listed, values that are years
            return self._as_role(name, cells, "numeric", concept, forced.get("unit"))
        if role_hint in ("name", "brand", "category", "description"):
            return self._as_role(name, cells, role_hint, concept, None)
        return self._as_text(name, cells, concept)

    def _as_role(
        self,
        name: str,
        cells: Cells,
        role: str,
        concept: knowledge.Concept | None,
        unit: str | None,
        quiet: bool = False,
    ) -> _Column:
        concept_name = concept.concept if concept else None
        if role == "ignored":
            return self._ignored(name)
        if role == "price":
            forced = self.overrides.columns.get(name, {}).get("role") == "price"
            return self._price(name, cells.without_absent(), concept_name, quiet, currency=unit, forced=forced)
        if role == "numeric":
            return self._numeric(name, cells.without_absent(), concept, unit)
        if role == "boolean":
            results = cells.parse(to_bool)
            values = pd.array(cells.labels(results), dtype="boolean")
            return _Column(ColumnSpec(name, "boolean", None, cells.share(results), concept=concept_name), values)
        if role == "url":
            share = cells.share([u if _URL.match(u) else None for u in cells.uniques])
            return _Column(ColumnSpec(name, "url", None, share, concept=concept_name), self._strings(cells))
        if role in ("categorical", "brand", "category"):
            labels = cells.labels(_one_spelling(cells, [_tidy_label(u) for u in cells.uniques]))
            column = _Column(ColumnSpec(name, role, None, 1.0, concept=concept_name), pd.Categorical(labels))
        else:
            column = _Column(ColumnSpec(name, role, None, 1.0, concept=concept_name), self._strings(cells))
        listed = self._key_values(name, cells) if role in ("categorical", "text") else []
        if listed:  # the list itself is text to match by meaning, not a value to filter on
            column = _Column(ColumnSpec(name, "text", None, 1.0, concept=concept_name), self._strings(cells))
            column.derived = listed
        elif role in ("categorical", "text") or (concept and concept.extractor):
            column.derived = self._composite(name, cells, concept)
        column.score = self._name_score(cells) if role in ("name", "text") else 0.0
        return column

    def _as_text(self, name: str, cells: Cells, concept: knowledge.Concept | None) -> _Column:
        """Strings: long prose is a description, few distinct values a categorical, else text."""
        counts = cells.counts()
        lengths = np.array([len(u) for u in cells.uniques])
        mean_length = float((lengths * counts).sum() / max(cells.present, 1))
        distinct = len(cells.uniques)
        if mean_length >= 60 and distinct >= 0.3 * cells.present:
            role = "description"
        elif distinct <= max(30, 0.3 * cells.present) and mean_length < 60:
            role = "categorical"
        else:
            role = "text"
        return self._as_role(name, cells, role, concept, None)

    def _ignored(self, name: str) -> _Column:
        return _Column(ColumnSpec(name, "ignored", None, 0.0), np.empty(0))

    @staticmethod
    def _strings(cells: Cells) -> pd.Series:
        return pd.Series(cells.labels(list(cells.uniques)), dtype="string")

    @staticmethod
    def _is_sequence(cells: Cells, numbers: list[tuple[float, str | None] | None], named: bool = False) -> bool:
        """A row index: distinct whole numbers in file order. Under an index header ('index', 'Unnamed: 0')
        gaps are allowed (rows were filtered); under any other header it must count 0, 1, 2... or 1, 2, 3..."""
        if cells.present != len(cells.codes) or len(cells.uniques) != cells.present or cells.present < 2:
            return False
        values = cells.floats([n[0] if n and n[1] is None else None for n in numbers])
        if np.isnan(values).any() or not np.array_equal(values, np.round(values)):
            return False
        if named:
            return bool((np.diff(values) > 0).all())
        start = values[0]
        return bool(start in (0, 1) and np.array_equal(values, np.arange(start, start + len(values))))

    @staticmethod
    def _money_marked(cells: Cells) -> float:
        return cells.share([m if m and m[1] else None for m in cells.parse(to_money)])

    @staticmethod
    def _name_score(cells: Cells) -> float:
        """How much a text column looks like product names: many distinct, short-ish values."""
        if not cells.present:
            return 0.0
        mean_length = float(np.mean([len(u) for u in cells.uniques]))
        distinct = len(cells.uniques) / cells.present
        return distinct * (1.0 if 3 <= mean_length <= 90 else 0.2)

    # ---- numbers ----------------------------------------------------------------------------------
    def _numeric(self, name: str, cells: Cells, concept: knowledge.Concept | None, forced_unit: str | None) -> _Column:
        table = knowledge.units()
        results = cells.parse(to_quantity)
        written: Counter[str] = Counter()
        counts = cells.counts()
        for r, n in zip(results, counts, strict=True):
            if r and r[1]:
                written[table.units[r[1]].dimension] += int(n)
        named_unit, _ = header_unit(name, concept)
        if written:
            dimension = written.most_common(1)[0][0]
            majority = Counter(
                r[1] for r in results if r and r[1] and table.units[r[1]].dimension == dimension
            ).most_common(1)[0][0]
            unit = table.canonical[dimension] or majority
            if forced_unit:
                if forced_unit in table.units and table.units[forced_unit].dimension == dimension:
                    unit = forced_unit
                else:
                    self.warnings.append(
                        f"unit override {forced_unit!r} for column {name!r} does not fit its cells, which are "
                        f"{dimension} ({majority}); kept {unit}."
                    )
            values = [
                None
                if r is None
                else r[0]
                if r[1] is None  # a bare number in a column of quantities is in the column's unit
                else round(table.convert(r[0], r[1], unit), 9)
                if table.units[r[1]].dimension == dimension
                else None
                for r in results
            ]
        else:
            values = [r[0] if r else None for r in results]
            unit = forced_unit or named_unit or self._implied_unit(name, concept, cells.floats(values))
        share = cells.share(values)
        if share < 0.999:
            self.warnings.append(
                f"column {name!r}: {1 - share:.0%} of its non-empty cells are not numbers in {unit or 'one unit'} "
                f"(e.g. {_examples(cells, values)}); they count as missing."
            )
        floats = cells.floats(values)
        spec = ColumnSpec(name, "numeric", unit, share, concept=self._resolved(concept, floats, unit))
        return _Column(spec, floats)

    @staticmethod
    def _resolved(concept: knowledge.Concept | None, values: np.ndarray, unit: str | None) -> str | None:
        """The concept of an ambiguous header settled by its values: 'Memory' of 8 GB is RAM."""
        if concept is None or not concept.resolves:
            return concept.concept if concept else None
        present = values[np.isfinite(values)]
        median = float(np.median(present)) if len(present) else 0.0
        if unit and concept.unit and unit != concept.unit:
            median = knowledge.units().convert(median, unit, concept.unit)
        for target, low, high in concept.resolves:
            if median >= low and (high is None or median < high):
                return target
        return concept.concept

    def _implied_unit(self, name: str, concept: knowledge.Concept | None, values: np.ndarray) -> str | None:
        """The unit of plain numbers under a header that names none: the kind of catalog's usual unit for
        the concept (grams for cameras), else the one their size makes plausible, else the concept's."""
        if concept is None:
            return None
        default = concept.unit
        domain = knowledge.domains().of_headers(list(self.raw.columns))
        present = values[~np.isnan(values) & (values > 0)]
        typical = float(np.percentile(present, 90)) if len(present) else None  # a few heavy ones decide
        unit, reason = default, ""
        if domain and concept.concept in domain.units:
            unit, reason = domain.units[concept.concept], f"the usual unit of {concept.concept} in {domain.domain}"
        elif typical is not None:
            for candidate, low, high in knowledge.domains().magnitudes.get(concept.concept, ()):
                if low <= typical < high:
                    unit, reason = candidate, f"values up to {typical:g} are implausible in {default}"
        if unit != default and default is not None:
            span = f" (values {present.min():g}–{present.max():g})" if len(present) else ""
            self.warnings.append(
                f"read {name!r} as {unit}{span}: the header names no unit and {unit} is {reason}. "
                "Set the unit in the schema review if that is wrong."
                if reason.startswith("the usual")
                else f"read {name!r} as {unit}{span}: the header names no unit and {reason}. "
                "Set the unit in the schema review if that is wrong."
            )
        return unit

    def _price(
        self,
        name: str,
        cells: Cells,
        concept: str | None,
        quiet: bool,
        currency: str | None = None,
        forced: bool = False,
    ) -> _Column:
        results = cells.parse(to_money)
        share = cells.share(results)
        if share < MIN_SHARE and not forced:
            if not quiet:
                self.warnings.append(
                    f"column {name!r} is named like a price but only {share:.0%} of its cells are amounts "
                    f"(e.g. {_examples(cells, results)}); it is read as text. Fix those cells, or choose the "
                    "price column in the schema review."
                )
            column = self._as_text(name, cells, None)
            column.spec = replace(column.spec, concept=concept)
            return column
        marked: Counter[str] = Counter()
        for r, n in zip(results, cells.counts(), strict=True):
            if r and r[1]:
                marked[r[1]] += int(n)
        _, named_currency = header_unit(name)
        table = knowledge.currencies()
        written = marked.most_common(1)[0][0] if marked else None
        if written and named_currency and table.share_a_name(written, named_currency):
            written = named_currency  # '$12.99' under 'Price (CAD)': Canadian dollars
        currency = self.overrides.currency or currency or written or named_currency
        values = [
            None
            if r is None
            else table.convert(r[0], r[1], currency)
            if (r[1] and currency and r[1] != currency)
            else r[0]
            for r in results
        ]
        if share < 0.999:
            self.warnings.append(
                f"column {name!r}: {1 - share:.0%} of its non-empty prices are unreadable "
                f"(e.g. {_examples(cells, results)}); those products have no price."
            )
        column = _Column(ColumnSpec(name, "price", currency, share, concept=concept or "price"), cells.floats(values))
        # what the shopper pays beats an unnamed amount, which beats a list price (MRP, old price)
        column.score = {"price": 2.0, "list_price": 0.5}.get(concept or "", 1.0)
        return column

    # ---- composite cells --------------------------------------------------------------------------
    def _composite(self, name: str, cells: Cells, concept: knowledge.Concept | None) -> list[_Column]:
        candidates = [extractors()[concept.extractor]] if concept and concept.extractor else []
        if not candidates and cells.uniques and np.mean([len(u) for u in cells.uniques]) < 60:
            candidates = list(extractors().values())
        for extractor in candidates:
            parsed = cells.parse(extractor.parse)
            share = cells.share(parsed)
            needed = MIN_COMPOSITE_SHARE_NAMED if concept and concept.extractor == extractor.name else 0.9
            if share < needed:
                continue
            derived = []
            for part in extractor.parts:
                per_value = [p.get(part.name) if p else None for p in parsed]
                if part.role == "numeric":
                    values: np.ndarray | pd.Series | pd.Categorical = cells.floats(per_value)
                    informative = bool((values > 0).any())  # NaN compares False
                elif part.role == "boolean":
                    values = pd.array(cells.labels(per_value), dtype="boolean")
                    informative = bool(values.any())  # a flag no cell ever sets says nothing
                else:
                    values = pd.Categorical(cells.labels(per_value))
                    informative = bool(pd.notna(values).any())
                if not informative:
                    continue
                part_share = cells.share(per_value)
                spec = ColumnSpec(
                    part.name,
                    part.role,
                    part.unit,
                    part_share,
                    derived_from=name,
                    concept=part.name,
                    levels=part.levels,
                )
                derived.append(_Column(spec, values))
            return derived
        return []

    def _key_values(self, name: str, cells: Cells) -> list[_Column]:
        """A column of spec lists ('RAM: 8 GB | Storage: 256 GB') becomes one attribute per key that at
        least a fifth of the products list, each read as if it were a column of the file."""
        sample = cells.uniques[:200]  # a look first: a column of a million descriptions is not parsed twice
        if not sample or sum(key_value_pairs(u) is not None for u in sample) < 0.8 * len(sample):
            return []
        parsed = cells.parse(key_value_pairs)
        if cells.share(parsed) < 0.8:
            return []
        counts: Counter[str] = Counter()
        spelling: dict[str, Counter[str]] = {}
        for pairs, n in zip(parsed, cells.counts(), strict=True):
            for key in pairs or {}:
                counts[key.lower()] += int(n)
                spelling.setdefault(key.lower(), Counter())[key] += int(n)
        keys = [k for k, n in counts.most_common(MAX_LISTED_KEYS) if n >= MIN_LISTED_SHARE * cells.present]
        names = [spelling[k].most_common(1)[0][0] for k in keys]
        lowered = [{k.lower(): v for k, v in pairs.items()} if pairs else {} for pairs in parsed]
        values = {
            label: cells.labels([pairs.get(key) for pairs in lowered]) for key, label in zip(keys, names, strict=True)
        }
        inner = _Inferrer(pd.DataFrame(values, dtype=object), Overrides(), self.source)
        derived = []
        for label in names:
            column = inner.column(label)
            if column.spec.role in ("ignored", "id", "url"):
                continue
            role = "numeric" if column.spec.role == "price" else column.spec.role  # the file's price is elsewhere
            for part in (column, *column.derived):
                part.spec = replace(part.spec, role=role if part is column else part.spec.role, derived_from=name)
                derived.append(part)
        if derived:
            self.warnings.append(
                f"column {name!r} lists specs as 'key: value' pairs; read as {len(names)} attributes: "
                + ", ".join(names)
                + "."
            )
        return derived

    # ---- the whole table --------------------------------------------------------------------------
    def run(self) -> tuple[Schema, pd.DataFrame]:
        unknown = set(self.overrides.columns) - set(self.raw.columns)
        for column in sorted(unknown):
            self.warnings.append(f"override for column {column!r} ignored: the catalog has no such column.")
        columns = [self.column(name) for name in self.raw.columns]
        price_column, currency, alternates = self._choose_price(columns)
        name_column = self._choose_single(columns, "name", fallback_from="text")
        for role in ("brand", "category"):
            self._choose_single(columns, role)
        if name_column and not any(c.spec.role == "brand" for c in columns):
            names = next(c for c in columns if c.spec.name == name_column)
            if not self._brand_column_in_names(columns, names):
                self._brand_from_names(names)
        self._check_ids(columns)
        if name_column is None:
            self.warnings.append(
                "no column looks like a product name; products are labelled from their brand and "
                "specs. Choose a name column in the schema review if there is one."
            )
        if price_column is None:
            self.warnings.append(
                "no price column found: ranking works on specs only and budgets cannot be "
                "checked. Choose the price column in the schema review if there is one."
            )
        specs, typed = [], {}
        taken = set(self.raw.columns)
        for column in columns:
            specs.append(column.spec)
            if column.spec.role != "ignored":
                typed[column.spec.name] = column.values
            for part in column.derived:
                label = part.spec.name
                if label in taken:
                    if label in self.raw.columns:
                        continue  # the file's own column of that name is authoritative
                    label = f"{column.spec.name}_{label}"
                taken.add(label)
                specs.append(replace(part.spec, name=label))
                typed[label] = part.values
        schema = Schema(tuple(specs), price_column, currency, name_column, alternates, tuple(self.warnings))
        return schema, pd.DataFrame(typed, index=pd.RangeIndex(self.rows))

    def _choose_price(self, columns: list[_Column]) -> tuple[str | None, str | None, dict[str, str]]:
        prices = [c for c in columns if c.spec.role == "price"]
        if not prices:
            return None, None, {}
        home = knowledge.currencies().home
        forced = [c for c in prices if self.overrides.columns.get(c.spec.name, {}).get("role") == "price"]
        main = max(forced or prices, key=lambda c: (c.score, c.spec.unit == home, c.spec.parsed))
        table = knowledge.currencies()
        if main.spec.unit and any(main.spec.unit in group for group in table.shared.values()):
            # 'kr. 1.299,00' is SEK by default; a file called heaters_dkk.csv says which krone it is
            told, evidence = self._currency_evidence([c for c in columns if c is not main])
            if told and told != main.spec.unit and table.share_a_name(told, main.spec.unit):
                main.spec = replace(main.spec, unit=told)
                self.warnings.append(f"price column {main.spec.name!r} is read as {told}: {evidence}.")
        if main.spec.unit is None:
            currency, evidence = self._currency_evidence(columns)
            if currency is None:
                currency, evidence = home, "nothing in the file names a currency, so it was assumed"
            main.spec = replace(main.spec, unit=currency)
            main.values = np.asarray(main.values, dtype=float)
            self.warnings.append(
                f"price column {main.spec.name!r} does not say its currency; read as {currency}: {evidence}. "
                "Set the currency in the schema review if that is wrong."
            )
        alternates = {}
        for column in prices:
            if column is not main:
                unit = column.spec.unit or main.spec.unit
                column.spec = replace(column.spec, role="numeric", unit=unit)
                if unit != main.spec.unit and column.spec.concept != "list_price":
                    alternates[unit] = column.spec.name
        for column in [main, *(c for c in prices if c.spec.name in alternates.values())]:
            self._unpriced(column)
        return main.spec.name, main.spec.unit, alternates

    def _unpriced(self, column: _Column) -> None:
        """A price of zero or less is no price a shopper can pay: it becomes missing, so that no budget
        counts the product as within it (the file's own text stays in the raw table)."""
        values = np.asarray(column.values, dtype=float)
        bad = values <= 0  # NaN compares False
        if not bad.any():
            return
        sample = ", ".join(repr(str(t)[:40]) for t in pd.unique(self.raw[column.spec.name][bad])[:3])
        self.warnings.append(
            f"column {column.spec.name!r}: {int(bad.sum())} product(s) have a price of zero or less (e.g. {sample}); "
            "they count as having no price, so no budget includes them. Fix those cells if the products are for sale."
        )
        column.values = np.where(bad, np.nan, values)

    def _currency_evidence(self, columns: list[_Column]) -> tuple[str | None, str]:
        """The currency of unmarked prices from the rest of the file: another price column's marks, the
        file's name, then the country of the shop's web addresses."""
        marked = [c for c in columns if c.spec.role == "price" and c.spec.unit]
        if marked:
            return marked[0].spec.unit, f"the column {marked[0].spec.name!r} is marked {marked[0].spec.unit}"
        table = knowledge.currencies()
        for word in knowledge.header_words(Path(self.source).stem if self.source else ""):
            if len(word) >= 3 and word in table.aliases:
                return table.aliases[word], f"the file name {self.source!r} says {word!r}"
        countries: Counter[str] = Counter()
        for column in columns:
            if column.spec.role == "url":
                for url in pd.Series(column.values).dropna().head(500):
                    code = _url_country(str(url))
                    if code in table.countries:
                        countries[table.countries[code]] += 1
        if countries:
            currency, n = countries.most_common(1)[0]
            return currency, f"{n} of the shop's web addresses are in a {currency} country"
        return None, ""

    def _choose_single(self, columns: list[_Column], role: str, fallback_from: str | None = None) -> str | None:
        """Keep one column in ``role`` (the best scored); demote the others."""
        holders = [c for c in columns if c.spec.role == role]
        if not holders and fallback_from:
            holders = [c for c in columns if c.spec.role == fallback_from and c.score >= 0.3]
        if not holders:
            return None
        forced = [c for c in holders if self.overrides.columns.get(c.spec.name, {}).get("role") == role]
        best = forced[0] if forced else max(holders, key=lambda c: c.score)
        best.spec = replace(best.spec, role=role)
        for column in holders:
            if column is not best and column.spec.role == role:
                column.spec = replace(column.spec, role="text" if role == "name" else "categorical")
        return best.spec.name

    def _brand_column_in_names(self, columns: list[_Column], names: _Column) -> bool:
        """A column under a header nobody listed ('Producer', 'Maker', 'Hersteller') whose value begins
        almost every name ('Penfolds' of 'Penfolds Barossa Shiraz 2018') is the brand: it becomes the brand
        attribute, and no brand is derived from the names' first words."""
        every = max(1, self.rows // BRAND_SAMPLE_ROWS)  # evenly spread rows: a million names need not all be read
        lowered = pd.Series(names.values, dtype="string")[::every].str.lower()
        best: tuple[float, _Column] | None = None
        for column in columns:
            if column.spec.role != "categorical" or column.spec.name in self.overrides.columns:
                continue
            values = pd.Series(column.values, dtype="string")[::every].str.lower()
            present = values.notna() & lowered.notna()
            if present.sum() < 2 or values[present].nunique() < 2:
                continue
            starts = [n == v or n.startswith(v + " ") for n, v in zip(lowered[present], values[present], strict=True)]
            share = sum(starts) / len(starts)
            if share >= 0.8 and (best is None or share > best[0]):
                best = (share, column)
        if best is None:
            return False
        best[1].spec = replace(best[1].spec, role="brand", concept="brand")
        return True

    def _brand_from_names(self, names: _Column) -> None:
        """Many shops start every name with the brand ("DELL 15", "HP Victus"): when the first words of the
        names form a small recurring vocabulary, they become a derived ``brand`` attribute."""
        first = pd.Series(names.values, dtype="string").str.split().str[0]
        counts = first.value_counts()
        recurring = counts[counts >= 2]
        if len(counts) > max(40, 0.1 * len(first)) or recurring.sum() < 0.7 * first.notna().sum():
            return
        # "DELL" and "Dell" are one brand; all-caps words longer than an acronym read better capitalised
        spelled = {w: (w.capitalize() if w.isupper() and len(w) > 3 else w) for w in counts.index}
        values = pd.Categorical(first.map(spelled))
        share = float(first.isin(recurring.index).sum() / max(first.notna().sum(), 1))
        spec = ColumnSpec("brand", "brand", None, share, derived_from=names.spec.name, concept="brand")
        names.derived.append(_Column(spec, values))

    def _check_ids(self, columns: list[_Column]) -> None:
        for column in columns:
            if column.spec.role != "id":
                continue
            values = pd.Series(column.values)
            duplicated = values[values.duplicated(keep=False) & values.notna()]
            if len(duplicated):
                sample = ", ".join(repr(v) for v in duplicated.unique()[:3])
                self.warnings.append(
                    f"id column {column.spec.name!r} has {duplicated.nunique()} duplicated value(s) (e.g. {sample}); "
                    "all rows are kept and products are told apart by their row."
                )


_URL_COUNTRY = re.compile(
    r"^(?:https?://)?[^/]*?\.(?:co\.|com\.)?([a-z]{2})(?=[/:]|$)|^(?:https?://)?[^/]+/([a-z]{2})(?:[-_][a-z]{2})?/"
)


def _holds_years(numbers: list[tuple[float, str | None] | None]) -> bool:
    """Whole numbers without a unit, several of them, all between 1900 and next year: a year column."""
    values = [n[0] for n in numbers if n is not None]
    if len(values) < 2 or any(n[1] is not None for n in numbers if n is not None):
        return False
    latest = datetime.date.today().year + 1
    return all(v == int(v) and EARLIEST_YEAR <= v <= latest for v in values)


def _taught_concept(name: str | None) -> knowledge.Concept | None:
    """The header concept a shop said a column stands for; a shopper concept with no header entry
    (``gpu_memory``) becomes a plain numeric one."""
    if name is None:
        return None
    for concept in knowledge.concepts():
        if concept.concept == name:
            return concept
    return knowledge.Concept(name, "numeric", None, None, (), ())


def _url_country(url: str) -> str | None:
    """The country code of a web address: 'amazon.in' -> 'in', 'ikea.com/sa/en/' -> 'sa'."""
    m = _URL_COUNTRY.match(url.lower())
    return (m.group(1) or m.group(2)) if m else None


def _one_spelling(cells: Cells, labels: list[str]) -> list[str]:
    """Labels that differ only in case or spacing ('15.6 Inch', '15.6 inch') become the commonest one."""
    counts = cells.counts()
    best: dict[str, tuple[int, str]] = {}
    for label, n in zip(labels, counts, strict=True):
        key = " ".join(str(label).casefold().split())
        if key not in best or n > best[key][0]:
            best[key] = (int(n), label)
    return [best[" ".join(str(label).casefold().split())][1] for label in labels]


def infer_schema(
    raw: pd.DataFrame, overrides: Overrides | None = None, source: str | None = None
) -> tuple[Schema, pd.DataFrame]:
    """Infer the schema of a raw table and build its typed attribute table.

    Parameters
    ----------
    raw
        The table as read (see :func:`recommender.catalog.reader.read_table`).
    overrides
        A person's corrections (role, unit per column; the price currency); they always win.
    source
        The file's name, a clue to the currency of unmarked prices (``cameras_usd.csv``).

    Returns
    -------
    (schema, table)
        ``table`` has one column per attribute that is not ignored, named as in the schema, one row per
        product in file order: floats in the schema's unit, nullable booleans, categoricals or strings.
    """
    return _Inferrer(raw, overrides or Overrides(), source).run()
