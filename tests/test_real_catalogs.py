"""Schema inference on the three real catalogs in ../shared, column by column (skipped without it)."""

import pytest

from recommender.catalog import load_catalog
from tests.conftest import shared_file


def roles(catalog):
    return {c.name: (c.role, c.unit, c.derived_from) for c in catalog.schema.columns}


def test_kaggle_laptops_eur():
    catalog = load_catalog(shared_file("catalogs/laptop_price_kaggle_eur.csv"))
    got = roles(catalog)
    assert len(catalog) == 1303
    assert catalog.schema.price_column == "Price_euros" and catalog.schema.currency == "EUR"
    assert catalog.schema.name_column == "Product"
    expected = {
        "laptop_ID": ("id", None, None),
        "Company": ("brand", None, None),
        "Product": ("name", None, None),
        "TypeName": ("category", None, None),
        "Inches": ("numeric", "inch", None),
        "Ram": ("numeric", "GB", None),
        "Weight": ("numeric", "kg", None),
        "Price_euros": ("price", "EUR", None),
        "OpSys": ("categorical", None, None),
        "ssd": ("numeric", "GB", "Memory"),
        "hdd": ("numeric", "GB", "Memory"),
        "flash_storage": ("numeric", "GB", "Memory"),
        "cpu_tier": ("categorical", None, "Cpu"),
        "cpu_clock": ("numeric", "GHz", "Cpu"),
        "cpu_generation": ("numeric", None, "Cpu"),
        "gpu_class": ("categorical", None, "Gpu"),
        "resolution_width": ("numeric", "px", "ScreenResolution"),
        "resolution_height": ("numeric", "px", "ScreenResolution"),
        "panel": ("categorical", None, "ScreenResolution"),
        "touchscreen": ("boolean", None, "ScreenResolution"),
    }
    for column, want in expected.items():
        assert got[column] == want, column
    table = catalog.table
    row = catalog.raw.index[catalog.raw["Memory"] == "128GB SSD +  1TB HDD"][0]
    assert (table.at[row, "ssd"], table.at[row, "hdd"]) == (128, 1024)
    assert table.at[0, "Weight"] == pytest.approx(1.37) and table.at[0, "Price_euros"] == pytest.approx(1339.69)
    assert table.at[2, "cpu_tier"] == "Core i5" and table.at[2, "cpu_clock"] == 2.5
    for column in ("Ram", "Weight", "Price_euros", "ssd", "hdd", "Inches"):
        assert catalog.schema.column(column).parsed > 0.99, column


def test_flipkart_laptops_inr():
    catalog = load_catalog(shared_file("catalogs/laptops_flipkart2025_inr.csv"))
    got = roles(catalog)
    assert catalog.schema.price_column == "Price" and catalog.schema.currency == "INR"
    assert got["Name"][0] == "name" and got["URL"][0] == "url" and got["Description"][0] == "description"
    assert got["RAM"] == ("numeric", "GB", None)
    assert got["ssd"] == ("numeric", "GB", "Storage") and got["cpu_tier"] == ("categorical", None, "Processor")
    assert got["Rating"][0] == "numeric"
    assert got["brand"] == ("brand", None, "Name")  # no brand column: the names' first words are brands
    assert catalog.table.at[0, "brand"] == "Dell" and catalog.table.at[1, "brand"] == "Chuwi"
    assert catalog.table.at[0, "RAM"] == 16 and catalog.table.at[0, "ssd"] == 512
    assert catalog.table.at[2, "cpu_generation"] == 13  # "Intel Core i5 13th Gen"
    # the cells never say rupees: the warning says where the currency came from (the file name)
    assert any("read as INR" in w and "file name" in w for w in catalog.warnings)


def test_smartphones_inr():
    catalog = load_catalog(shared_file("catalogs/smartphones_smartprix_clean_inr.csv"))
    got = roles(catalog)
    assert catalog.schema.price_column == "price" and catalog.schema.currency == "INR"
    assert got["brand_name"][0] == "brand" and got["model"][0] == "name"
    expected_units = {
        "ram_capacity": "GB",
        "internal_memory": "GB",
        "battery_capacity": "mAh",
        "screen_size": "inch",
        "refresh_rate": "Hz",
        "processor_speed": "GHz",
        "fast_charging": "W",
        "primary_camera_rear": "MP",
    }
    for column, unit in expected_units.items():
        assert got[column] == ("numeric", unit, None), column
    for column in ("has_5g", "has_nfc", "has_ir_blaster", "fast_charging_available"):
        assert got[column][0] == "boolean", column
    assert got["num_front_cameras"][0] == "numeric"  # 1, 2 and "Missing": a count, not a yes/no
    assert got["resolution_width"] == ("numeric", "px", "resolution")
    assert catalog.table.at[0, "ram_capacity"] == 12 and catalog.table.at[0, "price"] == 54999


def test_cameras_usd_units_implied_by_headers_and_magnitudes():
    catalog = load_catalog(shared_file("catalogs/cameras_usd.csv"))
    got = roles(catalog)
    assert catalog.schema.price_column == "Price" and catalog.schema.currency == "USD"
    assert catalog.schema.name_column == "Model" and got["brand"] == ("brand", None, "Model")
    assert got["Weight (inc. batteries)"] == ("numeric", "g", None)  # 100-1,860: grams, not kilograms
    assert got["Storage included"] == ("numeric", "MB", None)
    assert got["Effective pixels"] == ("numeric", "MP", None)  # megapixels, though the header says pixels
    assert got["Max resolution"] == ("numeric", "px", None) and got["Zoom tele (T)"] == ("numeric", "mm", None)
    assert catalog.schema.column("Release date").concept == "year"
    warned = " ".join(catalog.warnings)
    assert "'Weight (inc. batteries)' as g" in warned and "read as USD" in warned


def test_used_cars_unit_strings_become_numbers():
    catalog = load_catalog(shared_file("catalogs/used_cars_cardekho_inr.csv"))
    got = roles(catalog)
    assert catalog.schema.price_column == "selling_price" and catalog.schema.currency == "INR"
    expected = {
        "Mileage": ("numeric", "kmpl", None),
        "Engine": ("numeric", "cc", None),
        "Max_power": ("numeric", "bhp", None),
        "Torque/Rpm": ("numeric", "Nm", None),
        "KM_driven": ("numeric", "km", None),
        "Fuel": ("categorical", None, None),
        "Owner": ("categorical", None, None),
    }
    assert {k: got[k] for k in expected} == expected
    table = catalog.table
    assert table.at[0, "Mileage"] == 23.4 and table.at[0, "Engine"] == 1248 and table.at[0, "Torque/Rpm"] == 190
    # '22.4 kgm at 1750-2750rpm' is converted to newton metres, not read as 22.4
    kgm = catalog.raw["Torque/Rpm"].str.startswith("22.4 kgm", na=False).idxmax()
    assert abs(table.at[kgm, "Torque/Rpm"] - 22.4 * 9.80665) < 0.01


def test_ikea_furniture_decimal_commas_list_price_and_riyals():
    catalog = load_catalog(shared_file("catalogs/furniture_ikea_sar.csv"))
    got = roles(catalog)
    assert catalog.schema.price_column == "price" and catalog.schema.currency == "SAR"
    assert catalog.table.at[0, "price"] == 265.0  # '265,0'
    assert got["old_price"] == ("numeric", "SAR", None)  # the list price is a reference, never the budget
    assert catalog.schema.column("old_price").concept == "list_price"
    assert got["X1"][0] == "ignored" and got["item_id"][0] == "id"
    assert got["depth"] == ("numeric", "cm", None) and got["width"] == ("numeric", "cm", None)
    assert got["sellable_online"][0] == "boolean" and got["other_colors"][0] == "boolean"
    assert catalog.table["old_price"].isna().sum() > 2000  # 'No old price' is missing, not text
