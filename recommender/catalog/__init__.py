"""Catalogs: reading product files of any shape and understanding their columns and units."""

from recommender.catalog.catalog import BUILTIN_CATALOG, Catalog, CatalogStore, content_hash, load_catalog
from recommender.catalog.inference import infer_schema
from recommender.catalog.reader import MAX_ROWS, read_table
from recommender.catalog.schema import ROLES, ColumnSpec, Overrides, Schema

__all__ = [
    "BUILTIN_CATALOG",
    "MAX_ROWS",
    "ROLES",
    "Catalog",
    "CatalogStore",
    "ColumnSpec",
    "Overrides",
    "Schema",
    "content_hash",
    "infer_schema",
    "load_catalog",
    "read_table",
]
