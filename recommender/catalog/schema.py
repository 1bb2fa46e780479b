"""What a catalog's columns mean: one :class:`ColumnSpec` per attribute, gathered in a :class:`Schema`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from recommender import knowledge

Role = Literal[
    "id",
    "name",
    "price",
    "description",
    "brand",
    "category",
    "numeric",
    "boolean",
    "categorical",
    "text",
    "url",
    "ignored",
]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]

#: Roles whose typed values are numbers (NaN where missing).
NUMERIC_ROLES = frozenset({"price", "numeric"})


@dataclass(frozen=True)
class ColumnSpec:
    """One attribute of the catalog.

    ``name`` is the header for a file column, or a derived name (``ssd``) for an attribute split out of
    ``derived_from``. ``unit`` is the unit of the typed values (``GB``), or the ISO currency of a price.
    ``parsed`` is the share of non-empty cells understood. ``levels`` orders an ordinal categorical.
    """

    name: str
    role: Role
    unit: str | None = None
    parsed: float = 1.0
    derived_from: str | None = None
    concept: str | None = None
    levels: tuple[str, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["parsed"] = round(self.parsed, 4)
        out["levels"] = list(self.levels) if self.levels else None
        return out


@dataclass(frozen=True)
class Schema:
    """All attributes of a catalog plus the catalog-level facts the rest of the finder needs."""

    columns: tuple[ColumnSpec, ...]
    price_column: str | None = None
    currency: str | None = None
    name_column: str | None = None
    #: Other price columns by currency, e.g. {"USD": "price_usd"}, for shoppers who think in that currency.
    alternate_prices: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def column(self, name: str) -> ColumnSpec:
        """The spec of attribute ``name``; KeyError naming the known attributes otherwise."""
        for spec in self.columns:
            if spec.name == name:
                return spec
        raise KeyError(f"no attribute {name!r}; known: {', '.join(s.name for s in self.columns)}")

    def with_role(self, *roles: str) -> list[ColumnSpec]:
        """Attributes having any of ``roles``, in catalog order."""
        return [s for s in self.columns if s.role in roles]

    @property
    def attributes(self) -> list[ColumnSpec]:
        """Every attribute that is not ignored."""
        return [s for s in self.columns if s.role != "ignored"]

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": [c.to_json() for c in self.columns],
            "price_column": self.price_column,
            "currency": self.currency,
            "name_column": self.name_column,
            "alternate_prices": dict(self.alternate_prices),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Schema:
        columns = tuple(
            ColumnSpec(**{**c, "levels": tuple(c["levels"]) if c.get("levels") else None}) for c in data["columns"]
        )
        return cls(
            columns=columns,
            price_column=data["price_column"],
            currency=data["currency"],
            name_column=data["name_column"],
            alternate_prices=dict(data.get("alternate_prices", {})),
            warnings=tuple(data.get("warnings", ())),
        )


@dataclass(frozen=True)
class Overrides:
    """A person's corrections to the inferred schema, remembered with the catalog.

    ``columns`` maps a header to any of ``role``, ``unit``, ``concept`` (what the column stands for: ram,
    storage, weight, ...) and ``words`` (comma-separated words shoppers use for it); ``currency`` sets the
    price currency.
    """

    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    currency: str | None = None

    def __post_init__(self) -> None:
        units, currencies = knowledge.units(), knowledge.currencies()
        for column, change in self.columns.items():
            unknown = set(change) - {"role", "unit", "concept", "words"}
            if unknown:
                raise ValueError(
                    f"override for {column!r} has unknown keys {sorted(unknown)}; use role, unit, concept or words"
                )
            if "concept" in change:
                concept = change["concept"].strip().lower().replace(" ", "_")
                known = knowledge.concept_names()
                if concept not in known:
                    raise ValueError(
                        f"override concept {change['concept']!r} for {column!r} is not known; use one of "
                        f"{', '.join(sorted(known))}"
                    )
                change["concept"] = concept
            if "words" in change:
                words = [w.strip() for w in str(change["words"]).split(",") if w.strip()]
                if not words or any(len(w) > 60 for w in words):
                    raise ValueError(
                        f"override words for {column!r} must be a comma-separated list of short phrases, "
                        f"got {change['words']!r}"
                    )
                change["words"] = ", ".join(words)
            if "role" in change and change["role"] not in ROLES:
                raise ValueError(f"override role {change['role']!r} for {column!r} is not one of {', '.join(ROLES)}")
            if "unit" in change:
                written = change["unit"].strip().lower()
                unit = units.aliases.get(written) or currencies.aliases.get(written)
                if unit is None:
                    known = ", ".join(sorted(units.units) + sorted(currencies.inr_per_unit))
                    raise ValueError(
                        f"override unit {change['unit']!r} for {column!r} is not known; use one of {known}"
                    )
                change["unit"] = unit
        if self.currency is not None:
            code = currencies.aliases.get(self.currency.strip().lower())
            if code is None:
                known = ", ".join(sorted(currencies.inr_per_unit))
                raise ValueError(f"currency {self.currency!r} is not known; use one of {known}")
            object.__setattr__(self, "currency", code)

    def merged(self, other: Overrides) -> Overrides:
        """These overrides with ``other``'s on top."""
        columns = {k: dict(v) for k, v in self.columns.items()}
        for name, change in other.columns.items():
            columns.setdefault(name, {}).update(change)
        return replace(self, columns=columns, currency=other.currency or self.currency)

    def to_json(self) -> str:
        return json.dumps({"columns": self.columns, "currency": self.currency}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Overrides:
        data = json.loads(text)
        return cls(columns=data.get("columns", {}), currency=data.get("currency"))

    def __bool__(self) -> bool:
        return bool(self.columns or self.currency)
