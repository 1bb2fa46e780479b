"""The built-in catalog as the finder reads it: roles, units, and the classic near-miss situation."""

import pytest

from recommender.catalog import BUILTIN_CATALOG, load_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(BUILTIN_CATALOG)


def test_schema_of_the_builtin_catalog(catalog):
    schema = catalog.schema
    assert (schema.price_column, schema.currency, schema.name_column) == ("price", "INR", "name")
    assert not any("assumed" in w for w in catalog.warnings)  # the ₹ sign says rupees
    expected = {
        "product_id": ("id", None),
        "brand": ("brand", None),
        "category": ("category", None),
        "description": ("description", None),
        "ram": ("numeric", "GB"),
        "weight": ("numeric", "kg"),
        "screen": ("numeric", "inch"),
        "refresh_rate": ("numeric", "Hz"),
        "battery_capacity": ("numeric", "mAh"),
        "battery_life": ("numeric", "hours"),
        "camera": ("numeric", "MP"),
        "has_5g": ("boolean", None),
        "touchscreen": ("boolean", None),
        "ssd": ("numeric", "GB"),
        "hdd": ("numeric", "GB"),
        "cpu_tier": ("categorical", None),
        "gpu_class": ("categorical", None),
        "rating": ("numeric", None),
    }
    for column, want in expected.items():
        spec = schema.column(column)
        assert (spec.role, spec.unit) == want, column
    for spec in schema.columns:
        if spec.derived_from is None and spec.role != "ignored":
            assert spec.parsed == 1.0, spec.name  # every cell of our own catalog is understood


def test_counts_and_units(catalog):
    table = catalog.table
    laptops, phones = table[table["category"] == "Laptop"], table[table["category"] == "Phone"]
    assert len(laptops) >= 800 and len(phones) >= 400
    assert phones["weight"].max() < 0.4  # phones are written in grams and read in kg
    assert laptops["weight"].min() > 0.8
    assert phones["storage_total"].notna().all() and laptops["ssd"].notna().all()


def test_classic_query_has_only_near_misses(catalog):
    """'RAM 8GB, HDD 1TB, i5 at Rs. 40000': nothing fits every need; a few products come close."""
    t = catalog.table
    specs = (t["cpu_tier"] == "Core i5") & (t["ram"] >= 8) & (t["hdd"] >= 1024)
    assert not (specs & (t["price"] <= 40_000)).any()
    assert (specs & t["price"].between(40_001, 50_000)).sum() >= 3
    misses = (t["cpu_tier"] == "Core i5").astype(int) + (t["ram"] >= 8).astype(int) + (t["hdd"] >= 1024).astype(int)
    assert ((misses == 2) & (t["price"] <= 40_000) & (t["category"] == "Laptop")).sum() >= 2


def test_prices_follow_the_specs(catalog):
    laptops = catalog.table[catalog.table["category"] == "Laptop"]
    by_tier = laptops.groupby("cpu_tier", observed=True)["price"].median()
    assert by_tier["Core i3"] < by_tier["Core i5"] < by_tier["Core i7"] < by_tier["Core i9"]
    by_ram = laptops.groupby("ram")["price"].median()
    assert by_ram[8] < by_ram[16] < by_ram[32]
