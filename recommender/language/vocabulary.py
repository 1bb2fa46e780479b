"""A catalog's own words: which attribute carries each concept and unit, and every categorical value a
shopper might name (with synonyms, first-word prefixes and typo-tolerant lookup).

Built once per catalog from its schema and typed table, so the parser works on catalogs nobody here has
seen: it only needs the schema's roles, units and concepts.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from recommender import knowledge
from recommender.catalog import Catalog
from recommender.catalog.composites import parse_cpu
from recommender.language.numbers import number_word_runs

#: Columns with more distinct values than this are names or models, not a vocabulary.
MAX_VALUES = 400
#: Values longer than this many words are prose, whose inner words name nothing.
MAX_VALUE_WORDS = 5
#: How close a misspelt word must be to a catalog word (difflib ratio) to count as that word.
FUZZY_CUTOFF = 0.82


def fold(text: str) -> str:
    """Lower case without accents, one character for one: ``'BESTÅ'`` -> ``'besta'``, ``'Ehlén'`` -> ``'ehlen'``."""
    return "".join(_fold_char(ch) for ch in text)


@functools.cache
def _fold_char(ch: str) -> str:
    lower = ch.lower()[:1] or ch
    base = unicodedata.normalize("NFKD", lower)[:1]
    return base if base.isascii() and base.isalnum() else lower


def normalize(text: str) -> str:
    """Folded case, ``-``/``_``/``/`` as spaces, no full stop after an abbreviation, single spaces, one
    spelling per word: ``'Mid-range'`` -> ``'mid range'``, ``'Colours'`` -> ``'colors'``, ``'Dr. Martens'``
    -> ``'dr martens'``."""
    spellings = _spellings()
    spaced = _ABBREVIATION_STOP.sub("", re.sub(r"[-_/]+", " ", fold(text)))
    return " ".join(spellings.get(w, w) for w in spaced.split())


#: Concepts whose categorical columns a shopper names by the concept's word ('forget the colour', 'any os').
_NAMED_CATEGORIES = frozenset({"os", "gpu_class", "color"})
#: A full stop that ends an abbreviation inside a name ('Dr. Martens', 'St. Dupont'), which shoppers leave out.
_ABBREVIATION_STOP = re.compile(r"(?<=[a-z])\.(?=\s)")


@functools.cache
def _spellings() -> dict[str, str]:
    return {k: v for k, v in knowledge.language()["spellings"].items() if not k.startswith("_")}


def singular(word: str) -> str:
    """An English noun's singular, for matching 'sofa' to 'Sofas & armchairs': rules, not a dictionary."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ens", "ics")) or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*%")


def _conjunct_heads(key: str) -> list[str]:
    """The first word of each thing a value lists after its first, past a share: 'sofas & armchairs' ->
    ['armchairs'], '60% cotton, 40% polyester' -> ['cotton', 'polyester'],
    'sideboards, buffets & console tables' -> ['buffets', 'console']; a compound ('e bike') lists nothing."""
    parts = [p.split() for p in re.split(r"\s*(?:&|,|\band\b|\+)\s*", key) if p.strip()]
    heads = []
    for i, words in enumerate(parts):
        bare = list(itertools.dropwhile(lambda w: bool(_SHARE.fullmatch(w)), words))
        if bare and (i > 0 or len(bare) < len(words)):  # '60% cotton, 40% polyester': cotton and polyester
            heads.append(bare[0])
    return heads


def singular_phrase(key: str) -> str:
    return " ".join(singular(w) for w in key.split())


@dataclass(frozen=True)
class ValueHit:
    """A catalog value a phrase names: the attribute, the values (several for a prefix like 'windows').
    ``partial`` when the phrase is only a word of the value ('first' of 'First Owner')."""

    attribute: str
    values: tuple[str, ...]
    priority: int
    partial: bool = False


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
        secondary = set(self.language["secondary_words"]["words"])
        for spec in self.schema.attributes:
            for key in {spec.concept, spec.name}:
                if key:
                    out.setdefault(key, []).append(spec.name)
        # the rear camera before the selfie one, 'Max resolution' before 'Low resolution'
        lesser = {s.name for s in self.schema.attributes if secondary & set(knowledge.header_words(s.name))}
        return {key: sorted(names, key=lambda n: n in lesser) for key, names in out.items()}

    def attribute(self, concept: str) -> str | None:
        """The catalog attribute for a concept ('ram' -> 'Ram'); None when the catalog has none."""
        found = self.attributes(concept)
        return found[0] if found else None

    def attributes(self, concept: str) -> list[str]:
        """Every attribute that can carry ``concept``, best first (fast charging: the yes/no flag and the
        wattage; storage: total, SSD, HDD)."""
        if concept.startswith("@"):
            return [concept[1:]]  # a column named by its own header words
        if concept == "price":
            return [self.schema.price_column] if self.schema.price_column else []
        if concept in ("brand", "category"):
            return [s.name for s in self.schema.with_role(concept)][:1]
        out = []
        for child in self.language["concept_children"].get(concept, [concept]):
            for name in self._by_concept.get(child, []):
                spec = self.schema.column(name)
                usable = spec.role in ("numeric", "price", "boolean") or spec.levels or concept in _NAMED_CATEGORIES
                if usable and name not in out:
                    out.append(name)
        return out

    def unit(self, attribute: str) -> str | None:
        return self.schema.column(attribute).unit

    def numeric(self, attribute: str) -> bool:
        return self.schema.column(attribute).role in ("numeric", "price")

    def convert(self, value: float, unit: str, attribute: str) -> float:
        """``value`` in ``unit`` expressed in the attribute's unit; a star rating is rescaled to a catalog
        that rates out of 100."""
        target = self.unit(attribute)
        if target and target != unit:
            return knowledge.units().convert(value, unit, target)
        if unit == "stars" and target is None and float(self.table[attribute].max()) > 10:
            return value * 20  # 4.5 stars on a 0-100 scale
        return value

    # ---- words that name columns -------------------------------------------------------------------
    def column_words(self, attribute: str) -> frozenset[str]:
        """Words that name a column: its header's distinctive words (singular), its concept's shopper
        words and those of the concept it refines (``gpu`` for ``gpu_memory``)."""
        spec = self.schema.column(attribute)
        generic = self._generic_header_words
        words = {singular(w) for w in normalize(" ".join(knowledge.header_words(attribute))).split()}
        words = {w for w in words if w not in generic and not w.isdigit()}
        concepts = [spec.concept] if spec.concept else []
        if spec.concept and "_" in spec.concept:
            concepts.append(spec.concept.split("_")[0])
        for concept in concepts:
            words |= self.words_of(concept)
        return frozenset(words | set(self.taught_words(attribute)))

    def taught_words(self, attribute: str) -> list[str]:
        """Words the shop said shoppers use for a column (schema review, ``inspect --words``)."""
        spec = self.schema.column(attribute)
        taught = self.catalog.overrides.columns.get(spec.derived_from or spec.name, {}).get("words", "")
        return [singular_phrase(normalize(w)) for w in taught.split(",") if w.strip()]

    def words_of(self, key: str) -> frozenset[str]:
        """The words behind a mention key: a column's words, or a concept's shopper phrases (singular)."""
        if key.startswith("@"):
            return self.column_words(key[1:])
        phrases = (singular_phrase(normalize(p)) for p in self.language["attribute_words"].get(key, []))
        return frozenset(p for p in phrases if p not in self._generic_header_words)

    @cached_property
    def mention_words(self) -> dict[str, list[str]]:
        """Phrases that name an attribute, by mention key: every shopper concept of language.json, then
        one key per column (``@Mileage``) with its header as a phrase and its distinctive header words."""
        out = {concept: list(words) for concept, words in self.language["attribute_words"].items()}
        taken = {normalize(w) for words in out.values() for w in words}
        generic, units = self._generic_header_words, knowledge.units().aliases
        for spec in self.schema.attributes:
            if spec.role not in ("numeric", "boolean", "categorical", "brand", "category"):
                continue
            if spec.name in (self.schema.price_column, self.schema.name_column) or spec.derived_from:
                continue
            words = [w for w in normalize(" ".join(knowledge.header_words(spec.name))).split() if not w.isdigit()]
            phrases = {" ".join(words)} if len(words) > 1 else set()
            phrases |= {w for w in words if len(w) >= 3 and w not in generic and w not in units}
            phrases |= {singular(p) for p in phrases} | {p + "s" for p in phrases if " " not in p}
            fresh = sorted(p for p in phrases if p and p not in taken)
            taught = self.taught_words(spec.name)  # what the shop taught names its column before anything else
            if fresh or taught:
                out["@" + spec.name] = sorted(set(fresh) | set(taught))
        return out

    @cached_property
    def quality_adjectives(self) -> dict[str, str]:
        """Adjectives that a numeric column's '-ness' header names ('Firmness' -> 'firm', 'Thickness' ->
        'thick'), so 'most firm' and 'thickest' sort by it: adjective -> attribute."""
        out: dict[str, str] = {}
        for spec in self.schema.attributes:
            if spec.role == "numeric":
                for word in normalize(" ".join(knowledge.header_words(spec.name))).split():
                    if word.endswith("ness") and len(word) >= 7:
                        out.setdefault(word[: -len("ness")], spec.name)
        return out

    @cached_property
    def _generic_header_words(self) -> frozenset[str]:
        return frozenset(self.language["generic_header_words"]) | self._stopwords

    @cached_property
    def booleans(self) -> dict[str, str]:
        """Boolean need ('touchscreen', '5g', or a column key '@sellable_online') -> the catalog's boolean
        attribute for it."""
        out = {}
        for need, spec in self.language["booleans"].items():
            if need.startswith("_"):
                continue
            for column in self.schema.with_role("boolean"):
                words = set(knowledge.header_words(column.name))
                if words & set(spec["header"]):
                    out[need] = column.name
                    break
        known = set(out.values())
        out.update({"@" + c.name: c.name for c in self.schema.with_role("boolean") if c.name not in known})
        return out

    def boolean_phrases(self) -> dict[str, str]:
        """Phrases that switch on a boolean column no shopper concept knows, by its header: the header's
        distinctive words together ('other colors') and alone when they name nothing else ('online')."""
        out: dict[str, str] = {}
        exact, prefixes = self._values
        for need, column in self.booleans.items():
            if not need.startswith("@"):
                continue
            others = {normalize(w) for key, words in self.mention_words.items() if key != need for w in words}
            words = [w for w in normalize(" ".join(knowledge.header_words(column))).split() if not w.isdigit()]
            distinctive = [w for w in words if w not in self._generic_header_words and len(w) >= 3]
            if len(words) > 1:
                out[" ".join(words)] = need
            if len(distinctive) > 1:
                out[" ".join(distinctive)] = need
            for word in distinctive:
                if word not in others and word not in exact and word not in prefixes:
                    out.setdefault(word, need)
        return out

    # ---- categorical values -------------------------------------------------------------------------
    @cached_property
    def _scales(self) -> dict[str, tuple[list[str], dict]]:
        """Categorical attributes whose values all lie on one scale of ``ordinal_values`` (clothing sizes, bed
        sizes): their values from the lowest rank up, and that scale."""
        scales = [
            (scale, {normalize(v): i for i, spellings in enumerate(scale["ranks"]) for v in spellings})
            for scale in self.language["ordinal_values"]["scales"]
        ]
        out: dict[str, tuple[list[str], dict]] = {}
        for spec in self._categorical_specs():
            values = [v for v in pd.unique(self.table[spec.name].dropna().astype(str)) if v]
            if len(values) < 2:
                continue
            for scale, rank in scales:
                if all(normalize(v) in rank for v in values):
                    out[spec.name] = (sorted(values, key=lambda v: rank[normalize(v)]), scale)
                    break
        return out

    @cached_property
    def orders(self) -> dict[str, list[str]]:
        """Ordered categorical attributes (see ``_scales``) with their values from the lowest rank up."""
        return {attribute: values for attribute, (values, _) in self._scales.items()}

    def _scale_words(self) -> dict[str, list[ValueHit]]:
        """'medium' for M, 'extra large' for XL: the shopper words of an ordered attribute's values."""
        out: dict[str, list[ValueHit]] = {}
        for attribute, (values, scale) in self._scales.items():
            words = {normalize(k): v for k, v in scale["words"].items()}
            for value in values:
                hit = ValueHit(attribute, (value,), self._priority(attribute))
                for word in words.get(normalize(value), []):
                    out.setdefault(normalize(word), []).append(hit)
        return out

    @cached_property
    def _values(self) -> tuple[dict[str, list[ValueHit]], dict[str, list[ValueHit]]]:
        exact: dict[str, list[ValueHit]] = {}
        first: dict[str, dict[str, list[str]]] = {}
        inner: dict[str, dict[str, list[str]]] = {}
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
                singular_key = singular_phrase(key)
                if singular_key != key:
                    exact.setdefault(singular_key, []).append(ValueHit(spec.name, (value,), priority))
                words = singular_key.split()
                if len(words) > 1 and len(words[0]) >= 2 and words[0] not in stop and not words[0].isdigit():
                    first.setdefault(words[0], {}).setdefault(spec.name, []).append(value)
                for word in _conjunct_heads(singular_key) if len(words) <= MAX_VALUE_WORDS else ():
                    # 'armchair' names 'Sofas & armchairs' too; but 'bike' is no 'E-Bike'
                    if len(word) >= 3 and word not in stop and word.isalpha():
                        inner.setdefault(word, {}).setdefault(spec.name, []).append(value)
        for word, by_attr in inner.items():
            if word not in first and word not in exact:
                first[word] = by_attr
        brands = {s.name for s in self.schema.with_role("brand")}
        for word in list(first):
            for attribute in brands & set(first[word]):
                if len(set(first[word][attribute])) > 1:  # 'skin' of 'SKIN INC' and 'SKIN LAUNDRY': a word, no brand
                    del first[word][attribute]
            if not first[word]:
                del first[word]
        prefixes = {
            word: [ValueHit(a, tuple(sorted(set(v))), self._priority(a), partial=True) for a, v in by_attr.items()]
            for word, by_attr in first.items()
        }
        for word, hits in self._scale_words().items():
            exact.setdefault(word, hits)
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
        hits = list(exact.get(key, []) or exact.get(singular_phrase(key), []))
        if not hits:
            for candidate in self.language["synonyms"].get(key, []):
                found = exact.get(normalize(candidate), []) or prefixes.get(normalize(candidate), [])
                if found:
                    hits = list(found)
                    break
        if not hits:
            hits = list(prefixes.get(key, []) or prefixes.get(singular_phrase(key), []))
        return sorted(hits, key=lambda h: h.priority)

    def fuzzy(self, word: str) -> str | None:
        """The catalog word a misspelt ``word`` most likely means ('lenvo' -> 'lenovo'), or None."""
        if len(word) < 4 or word in self._stopwords:
            return None
        if word not in self._fuzzy_cache:
            match = difflib.get_close_matches(word, self._fuzzy_words, n=1, cutoff=FUZZY_CUTOFF)
            self._fuzzy_cache[word] = match[0] if match else None
        return self._fuzzy_cache[word]

    @cached_property
    def spoken_number_values(self) -> frozenset[str]:
        """Number words inside the catalog's values ('nine' of 'Nine West'), which stay words in a turn."""
        exact, _ = self._values
        return frozenset(said.lower() for key in exact for _, _, _, said in number_word_runs(key))

    @cached_property
    def name_numbers(self) -> frozenset[str]:
        """'word number' pairs in product names ('coolpix 2000'), so a number there is a model, not a year."""
        column = self.schema.name_column
        if column is None:
            return frozenset()
        names = pd.unique(self.table[column].dropna().astype(str))[:200_000]
        pairs = set()
        for name in names:
            words = normalize(name).split()
            pairs.update(f"{a} {b}" for a, b in itertools.pairwise(words) if b.isdigit())
        return frozenset(pairs)

    # ---- ordinal scales -----------------------------------------------------------------------------
    def cpu_level(self, tier: str) -> float | None:
        """The cross-brand CPU level of a tier name ('Core i5' -> 3), from the hardware knowledge."""
        parsed = parse_cpu(tier)
        return None if parsed is None or parsed["cpu_level"] is None else float(parsed["cpu_level"])
