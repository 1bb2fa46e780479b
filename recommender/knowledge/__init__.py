"""Domain knowledge as data: units, currencies, header vocabulary, kinds of catalog and hardware scales.

The tables live in JSON files beside this module so that teaching the finder a new unit, currency,
header word or CPU family is a data change, not a code change. Each loader reads its file once.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).parent


def _load(name: str) -> dict[str, Any]:
    return json.loads((_HERE / name).read_text(encoding="utf-8"))


@cache
def fingerprint() -> str:
    """A digest of every knowledge file: what schema inference read, so a table cached before a unit,
    currency or concept was added is rebuilt rather than reused."""
    digest = hashlib.sha256()
    for path in sorted(_HERE.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Unit:
    """A unit symbol, its dimension and its factor to the dimension's base."""

    symbol: str
    dimension: str
    factor: float


@dataclass(frozen=True)
class UnitTable:
    units: dict[str, Unit]
    aliases: dict[str, str]  # lower-case alias -> unit symbol
    header_aliases: dict[str, str]
    canonical: dict[str, str | None]  # dimension -> canonical unit symbol or None
    word_aliases: frozenset[str]  # aliases that are also ordinary words or brands ('hp', 'in')
    summed: frozenset[str] = frozenset()  # dimensions whose '2 x 12 W' is a total of 24 W

    def convert(self, value: float, source: str, target: str) -> float:
        """Convert ``value`` from unit ``source`` to unit ``target`` of the same dimension."""
        a, b = self.units[source], self.units[target]
        if a.dimension != b.dimension:
            raise ValueError(f"cannot convert {source!r} ({a.dimension}) to {target!r} ({b.dimension})")
        return value * a.factor / b.factor


@cache
def units() -> UnitTable:
    """The unit table from ``units.json``."""
    data = _load("units.json")
    table: dict[str, Unit] = {}
    aliases: dict[str, str] = {}
    for symbol, spec in data["units"].items():
        table[symbol] = Unit(symbol, spec["dimension"], float(spec["factor"]))
        aliases[symbol.lower()] = symbol
        for alias in spec["aliases"]:
            aliases[alias.lower()] = symbol
    excluded = set(data["header_excluded_aliases"])
    header_aliases = {a: s for a, s in aliases.items() if a not in excluded and len(a) > 1}
    canonical = {dim: spec["canonical"] for dim, spec in data["dimensions"].items()}
    summed = frozenset(dim for dim, spec in data["dimensions"].items() if spec.get("summed"))
    return UnitTable(table, aliases, header_aliases, canonical, frozenset(data["word_aliases"]), summed)


@dataclass(frozen=True)
class CurrencyTable:
    home: str
    inr_per_unit: dict[str, float]
    symbols: dict[str, str]  # code -> display symbol
    aliases: dict[str, str]  # lower-case alias -> ISO code
    multipliers: dict[str, float]
    rates_as_of: str
    countries: dict[str, str]  # country code of a web address -> ISO code
    shared: dict[str, tuple[str, ...]]  # a name several currencies share ('$', 'kr') -> those currencies

    def resolve(self, name: str, shop: str | None = None) -> str | None:
        """The currency a name means in a shop priced in ``shop``: its own dollar for '$' where it has one."""
        name = name.lower()
        if shop is not None and shop in self.shared.get(name, ()):
            return shop
        return self.aliases.get(name)

    def share_a_name(self, first: str, second: str) -> bool:
        """Whether two currencies are written alike ('$' for USD and AUD): a header may then tell them apart."""
        return any(first in group and second in group for group in self.shared.values())

    def convert(self, amount: float, source: str, target: str) -> float:
        """Convert ``amount`` between ISO currency codes with the reference rates."""
        return amount * self.inr_per_unit[source] / self.inr_per_unit[target]


@cache
def currencies() -> CurrencyTable:
    """The currency table from ``currencies.json``."""
    data = _load("currencies.json")
    aliases = {a.lower(): code for code, spec in data["currencies"].items() for a in spec["aliases"]}
    return CurrencyTable(
        home=data["home"],
        inr_per_unit={code: float(spec["inr_per_unit"]) for code, spec in data["currencies"].items()},
        symbols={code: spec["symbol"] for code, spec in data["currencies"].items()},
        aliases=aliases,
        multipliers={k: float(v) for k, v in data["multipliers"].items()},
        rates_as_of=data["rates_as_of"],
        countries=dict(data["countries"]),
        shared={
            name.lower(): tuple(group["currencies"])
            for key, group in data["shared_names"].items()
            if not key.startswith("_")
            for name in group["names"]
        },
    )


@dataclass(frozen=True)
class Concept:
    """What a kind of column header means: a role hint, a default unit, a composite splitter."""

    concept: str
    role: str
    unit: str | None
    extractor: str | None
    exact: tuple[tuple[str, ...], ...]
    contains: tuple[tuple[str, ...], ...]
    #: (concept, low, high) of the median value in ``unit``: what an ambiguous header ('Memory') means
    resolves: tuple[tuple[str, float, float | None], ...] = ()


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-z%$€₹£\"]+")


def header_words(header: str) -> tuple[str, ...]:
    """Split a header into lower-case words: ``'Price_euros'`` -> ``('price', 'euros')``."""
    spaced = _CAMEL.sub(" ", str(header))
    return tuple(w for w in _NON_WORD.split(spaced.lower()) if w)


@cache
def concepts() -> tuple[Concept, ...]:
    """Header vocabulary from ``concepts.json``."""
    out = []
    for spec in _load("concepts.json")["concepts"]:
        out.append(
            Concept(
                concept=spec["concept"],
                role=spec["role"],
                unit=spec.get("unit"),
                extractor=spec.get("extractor"),
                exact=tuple(header_words(p) for p in spec["exact"]),
                contains=tuple(header_words(p) for p in spec["contains"]),
                resolves=tuple((c, float(lo), hi) for c, lo, hi in spec.get("resolves", ())),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Domain:
    """A kind of catalog (cameras, vehicles): the header phrases that reveal it and its usual units."""

    domain: str
    cues: tuple[tuple[str, ...], ...]
    units: dict[str, str]  # header concept -> unit of its plain numbers


@dataclass(frozen=True)
class DomainTable:
    domains: tuple[Domain, ...]
    min_cues: int
    magnitudes: dict[str, tuple[tuple[str, float, float], ...]]  # concept -> (unit, low, high) of the median

    def of_headers(self, headers: list[str]) -> Domain | None:
        """The kind of catalog whose cue phrases the headers hold most (at least ``min_cues``), or None."""
        words = [header_words(h) for h in headers]
        best, best_hits = None, self.min_cues - 1
        for domain in self.domains:
            hits = sum(any(contains_phrase(w, cue) for w in words) for cue in domain.cues)
            if hits > best_hits:
                best, best_hits = domain, hits
        return best


def contains_phrase(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` stands in ``words`` as consecutive words."""
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


@cache
def domains() -> DomainTable:
    """Kinds of catalog and their usual units from ``domains.json``."""
    data = _load("domains.json")
    return DomainTable(
        domains=tuple(
            Domain(d["domain"], tuple(header_words(c) for c in d["cues"]), dict(d["units"])) for d in data["domains"]
        ),
        min_cues=int(data["min_cues"]),
        magnitudes={k: tuple((u, float(lo), float(hi)) for u, lo, hi in v) for k, v in data["magnitudes"].items()},
    )


@cache
def concept_names() -> frozenset[str]:
    """Every concept a column can stand for: header concepts and the concepts shoppers name."""
    return frozenset(c.concept for c in concepts()) | frozenset(language()["attribute_words"])


@cache
def hardware() -> dict[str, Any]:
    """CPU tiers, GPU classes, storage kinds and panel types from ``hardware.json``."""
    return _load("hardware.json")


@cache
def language() -> dict[str, Any]:
    """How shoppers talk: comparators, negations, critiques, synonyms, soft needs (``language.json``)."""
    return _load("language.json")
