"""The product finder app. Thin by design: it draws widgets and keeps session state; everything else
lives in ``recommender/`` (which never imports streamlit).

This first page shows the active catalog and how the finder understood it; the chat comes next.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from recommender.catalog import BUILTIN_CATALOG, Catalog, CatalogStore, load_catalog
from recommender.catalog.report import inspect_report
from recommender.errors import CatalogError

st.set_page_config(page_title="Product finder", page_icon="🛒", layout="wide")


@st.cache_resource(show_spinner="Reading the catalog…")
def builtin_catalog() -> Catalog:
    return load_catalog(BUILTIN_CATALOG, store=CatalogStore())


def product_table(catalog: Catalog, limit: int = 200) -> pd.DataFrame:
    """The first products as plain text cells (st.dataframe never renders HTML)."""
    view = pd.DataFrame({"product": catalog.labels.head(limit)})
    if catalog.prices is not None:
        view["price"] = catalog.prices[:limit]
    for spec in catalog.schema.with_role("brand", "category"):
        view[spec.name] = catalog.table[spec.name].head(limit).astype("string")
    return view


st.title("Product finder")
try:
    catalog = builtin_catalog()
except CatalogError as exc:
    st.error(f"The built-in catalog could not be read: {exc}")
    st.stop()

report = inspect_report(catalog)
st.caption(f"Active catalog: **{catalog.name}** · {len(catalog):,} products · prices in {catalog.schema.currency}")
left, right = st.columns([3, 2])
with left:
    st.subheader("Products")
    st.dataframe(product_table(catalog), hide_index=True, width="stretch")
with right:
    st.subheader("How the finder reads this catalog")
    schema_view = pd.DataFrame(report["columns"])[["name", "role", "unit", "parsed", "derived_from"]]
    st.dataframe(schema_view, hide_index=True, width="stretch")
    for warning in report["warnings"]:
        st.warning(warning)
