"""The app starts on the built-in catalog and shows it, without errors (driven by streamlit's AppTest)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from recommender.catalog import BUILTIN_CATALOG, load_catalog

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def test_app_shows_the_active_catalog():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Product finder"
    rows = len(load_catalog(BUILTIN_CATALOG))
    assert "products.csv" in at.caption[0].value and f"{rows:,} products" in at.caption[0].value
    products = at.dataframe[0].value
    assert len(products) == 200 and {"product", "price", "brand", "category"} <= set(products.columns)
