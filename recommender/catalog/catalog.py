"""The :class:`Catalog`: a product table as read, its typed attributes and its schema, identified by a
content hash; and the :class:`CatalogStore` that remembers overrides and caches parsed tables per hash."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from recommender import knowledge
from recommender.catalog.inference import infer_schema
from recommender.catalog.reader import read_source, read_table
from recommender.catalog.schema import ColumnSpec, Overrides, Schema
from recommender.home import default_home

#: The catalog the app runs on out of the box (built by data/generate_catalog.py).
BUILTIN_CATALOG = Path(__file__).resolve().parents[2] / "data" / "products.csv"
#: Bump when inference code changes, so tables cached by an older version are rebuilt, never reused (a
#: change to the knowledge files is caught by their fingerprint).
PARSER_VERSION = "10"


@dataclass(frozen=True)
class Catalog:
    """A loaded catalog. ``raw`` is the file as read; ``table`` holds one typed column per attribute
    of ``schema`` (same row order: row ``i`` is data row ``i`` of the file)."""

    name: str
    content_hash: str
    raw: pd.DataFrame
    table: pd.DataFrame
    schema: Schema
    overrides: Overrides
    read_warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.table)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Everything a person should know about how the file was read, reader's and inference's."""
        return self.read_warnings + self.schema.warnings

    @cached_property
    def labels(self) -> pd.Series:
        """A display name per product: the name column (with the brand in front when it is missing from
        the name), or brand, category and row number when the catalog has no name column."""
        brand = self._text_of(self.schema.with_role("brand"))
        if self.schema.name_column:
            names = self.table[self.schema.name_column].astype("string")
            if brand is not None:
                starts = [
                    b is pd.NA or n is pd.NA or str(n).lower().startswith(str(b).lower())
                    for n, b in zip(names, brand, strict=True)
                ]
                names = names.where(starts, brand + " " + names)
            fallback = self._fallback_labels(brand)
            return names.fillna(fallback)
        return self._fallback_labels(brand)

    @property
    def prices(self) -> np.ndarray | None:
        """Prices in ``schema.currency`` (NaN where missing), or None without a price column."""
        column = self.schema.price_column
        return None if column is None else self.table[column].to_numpy(dtype=float)

    def _text_of(self, specs: list) -> pd.Series | None:
        return self.table[specs[0].name].astype("string") if specs else None

    def _fallback_labels(self, brand: pd.Series | None) -> pd.Series:
        """Brand, category (when there are several) and key specs as the shop wrote them: 'HP · Core i5 ·
        8GB · 1TB HDD'; a row number only where two products would read the same."""
        parts = [] if brand is None else [brand]
        category = self._text_of(self.schema.with_role("category"))
        if category is not None and category.nunique() > 1:
            parts.append(category)
        parts += [self._spec_text(spec) for spec in self._label_specs()]
        labels = pd.Series("", index=self.table.index, dtype="string")
        for part in parts:
            part = part.str.strip().str.slice(0, _LABEL_PART_CHARS).replace("", pd.NA)
            labels = labels.where(part.isna(), labels.where(labels == "", labels + " · ") + part.fillna(""))
        labels = labels.replace("", "Product")
        repeated = labels.duplicated(keep=False)
        rows = pd.Series([f" #{i + 1}" for i in range(len(labels))], index=labels.index, dtype="string")
        return labels.where(~repeated, labels + rows)

    def _label_specs(self) -> list[ColumnSpec]:
        """Up to three file columns that tell products apart: concepts that name a product first
        (knowledge/language.json), then categorical columns and numbers with a unit, in file order."""
        candidates = [
            s
            for s in self.schema.columns
            if s.derived_from is None and s.name in self.raw.columns and s.role in ("categorical", "numeric")
        ]
        order = knowledge.language()["label_specs"]["concepts"]
        known = sorted((s for s in candidates if s.concept in order), key=lambda s: order.index(s.concept))
        others = [s for s in candidates if s.concept not in order and (s.role == "categorical" or s.unit)]
        currencies = knowledge.currencies().inr_per_unit
        return [s for s in known + others if s.unit not in currencies][:_LABEL_SPECS]

    def _spec_text(self, spec: ColumnSpec) -> pd.Series:
        """A spec's cells as the file has them; a bare number gets its unit ('8 GB') or its header's name."""
        text = self.raw[spec.name].astype("string").str.strip()
        bare = text.str.fullmatch(r"[\d.,]+").fillna(False)
        named = text + " " + spec.unit if spec.unit else spec.name + " " + text
        return text.where(~bare, named)


_LABEL_SPECS = 3  # key specs in a label built without a name column
_LABEL_PART_CHARS = 30  # each part of such a label at most this long


class CatalogStore:
    """Per-catalog memory on disk, keyed by content hash: schema overrides and parsed tables.

    Two catalogs never share an entry because the key is the SHA-256 of the file's bytes; a parsed
    table is also keyed by the overrides and the parser version it was built with.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else default_home() / "catalogs"

    def _folder(self, content_hash: str) -> Path:
        return self.root / content_hash

    def overrides(self, content_hash: str) -> Overrides:
        """Overrides remembered for this catalog (none yet: empty)."""
        path = self._folder(content_hash) / "overrides.json"
        try:
            return Overrides.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Overrides()
        except (ValueError, TypeError, AttributeError):
            return Overrides()  # a damaged file must not lock the catalog; the next save replaces it

    def save_overrides(self, content_hash: str, overrides: Overrides) -> None:
        _write_atomic(self._folder(content_hash) / "overrides.json", overrides.to_json().encode())

    def load_parsed(self, content_hash: str, key: str) -> tuple[Schema, pd.DataFrame] | None:
        folder = self._folder(content_hash)
        try:
            schema = Schema.from_json(json.loads((folder / f"schema-{key}.json").read_text(encoding="utf-8")))
            table = pd.read_parquet(folder / f"table-{key}.parquet")
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged cache: parse again
        return schema, table

    def save_parsed(self, content_hash: str, key: str, schema: Schema, table: pd.DataFrame) -> None:
        folder = self._folder(content_hash)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".table-{key}.{os.getpid()}.parquet"
        table.to_parquet(tmp, index=False)
        os.replace(tmp, folder / f"table-{key}.parquet")
        _write_atomic(folder / f"schema-{key}.json", json.dumps(schema.to_json()).encode())


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def content_hash(data: bytes) -> str:
    """The identity of a catalog: SHA-256 of its bytes (first 20 hex digits)."""
    return hashlib.sha256(data).hexdigest()[:20]


def load_catalog(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    overrides: Overrides | None = None,
    store: CatalogStore | None = None,
) -> Catalog:
    """Load a catalog file, infer its schema and build its typed attribute table.

    Parameters
    ----------
    source
        A path, or the file's bytes (then give ``name``, e.g. the uploaded file's name).
    overrides
        Corrections to the inferred schema. With a ``store`` they are remembered for this catalog and
        applied on every later load of the same content.
    store
        Where overrides and parsed tables are kept; None keeps nothing on disk.

    Raises
    ------
    CatalogError
        When the file cannot be used; the message names the problem and the fix.
    """
    data, label = read_source(source, name)
    digest = content_hash(data)
    remembered = store.overrides(digest) if store else Overrides()
    effective = remembered.merged(overrides) if overrides else remembered
    if store and overrides:
        store.save_overrides(digest, effective)
    raw, read_warnings = read_table(data, label)
    recipe = f"{PARSER_VERSION}|{knowledge.fingerprint()}|{effective.to_json()}"
    key = hashlib.sha256(recipe.encode()).hexdigest()[:16]
    cached = store.load_parsed(digest, key) if store else None
    if cached is None:
        schema, table = infer_schema(raw, effective, label)
        if store:
            store.save_parsed(digest, key, schema, table)
    else:
        schema, table = cached
    return Catalog(label, digest, raw, table, schema, effective, tuple(read_warnings))
