"""Role and unit inference on small tables with known answers, overrides and the content-hash cache."""

import numpy as np
import pandas as pd
import pytest

from recommender.catalog import Overrides, infer_schema, load_catalog


def infer(columns: dict[str, list], overrides=None):
    raw = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})
    return infer_schema(raw, overrides)


def role_of(schema, name):
    return schema.column(name).role


def measured(schema, table, name):
    """A column's unit and its values in that unit."""
    return schema.column(name).unit, table[name].tolist()


def test_row_indexes_and_constant_columns_are_ignored():
    schema, table = infer(
        {
            "Unnamed: 0": ["0", "1", "2", "3"],
            "name": ["Alpha One", "Beta Two", "Gamma Three", "Delta Four"],
            "store": ["Main St", "Main St", "Main St", "Main St"],
            "price": ["₹100", "₹200", "₹300", "₹400"],
        }
    )
    assert role_of(schema, "Unnamed: 0") == "ignored" and role_of(schema, "store") == "ignored"
    assert "Unnamed: 0" not in table and "store" not in table


def test_two_prices_pick_rupees_and_keep_dollars_as_alternate():
    schema, table = infer(
        {
            "name": ["A", "B", "C"],
            "price_usd": ["$500", "$600", "$700"],
            "price_inr": ["₹42,000", "₹50,400", "₹58,800"],
        }
    )
    assert schema.price_column == "price_inr" and schema.currency == "INR"
    assert schema.alternate_prices == {"USD": "price_usd"}
    assert schema.column("price_usd").unit == "USD" and table["price_usd"].tolist() == [500, 600, 700]


def test_units_are_converted_to_one_unit_per_column():
    schema, table = infer(
        {
            "name": ["A", "B", "C", "D"],
            "storage_size": ["512 GB", "1TB", "2 TB", "256GB"],
            "weight": ["1.5 kg", "1500 g", "3.3 lbs", "2kg"],
            "screen": ['15.6"', "14 inch", "13.3 in", "16"],
        }
    )
    assert schema.column("storage_size").unit == "GB" and table["storage_size"].tolist() == [512, 1024, 2048, 256]
    assert schema.column("weight").unit == "kg"
    assert table["weight"].round(2).tolist() == [1.5, 1.5, 1.5, 2.0]
    assert schema.column("screen").unit == "inch" and table["screen"].tolist() == [15.6, 14, 13.3, 16]


def test_unknown_columns_still_work_generically():
    schema, table = infer(
        {
            "name": ["A", "B", "C", "D", "E"],
            "sparkle_factor": ["3", "7", "1", "9", "4"],
            "colourway": ["red", "blue", "red", "green", "blue"],
            "eco_certified": ["Yes", "No", "No", "Yes", "No"],
        }
    )
    assert role_of(schema, "sparkle_factor") == "numeric" and table["sparkle_factor"].sum() == 24
    assert role_of(schema, "colourway") == "categorical"
    assert role_of(schema, "eco_certified") == "boolean" and table["eco_certified"].tolist() == [
        True,
        False,
        False,
        True,
        False,
    ]


def test_a_column_that_is_95_percent_junk_is_not_trusted_and_is_reported():
    prices = ["#@!junk" + str(i) for i in range(95)] + ["₹1,000"] * 5
    schema, _ = infer({"name": [f"Item {i}" for i in range(100)], "price": prices})
    assert schema.price_column is None and role_of(schema, "price") != "price"
    assert any("'price'" in w and "5%" in w for w in schema.warnings)
    assert any("no price column" in w for w in schema.warnings)


def test_some_junk_in_a_numeric_column_counts_as_missing_with_a_warning():
    ram = ["8 GB"] * 18 + ["lots", "??!"]
    schema, table = infer({"name": [f"Item {i}" for i in range(20)], "ram": ram})
    assert schema.column("ram").unit == "GB" and schema.column("ram").parsed == pytest.approx(18 / 20)
    assert np.isnan(table["ram"].iloc[-2])
    assert any("'ram'" in w and "'lots'" in w for w in schema.warnings)


def test_no_name_column_labels_products_by_brand_and_key_specs(tmp_path):
    path = tmp_path / "specs.csv"
    rows = [
        "brand,category,price,RAM (GB),storage,processor,colour",
        "HP,Laptop,₹40000,8,1TB HDD,Core i5,silver",
        "Dell,Laptop,₹52000,16,512GB SSD,Core i7,black",
        "HP,Laptop,₹40000,8,1TB HDD,Core i5,silver",
    ]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    catalog = load_catalog(path)
    assert catalog.schema.name_column is None
    # the processor, RAM and storage name a laptop before its colour; the price and the one category do not;
    # a bare number gets its unit; a row number only where two products read the same
    assert catalog.labels.tolist() == [
        "HP · Core i5 · 8 GB · 1TB HDD #1",
        "Dell · Core i7 · 16 GB · 512GB SSD",
        "HP · Core i5 · 8 GB · 1TB HDD #3",
    ]
    assert any("no column looks like a product name" in w for w in catalog.warnings)


def test_no_name_column_and_no_specs_still_labels_every_product():
    catalog = load_catalog(b"price,colour\n100,\n200,red\n300,\n", name="t.csv")
    assert catalog.labels.tolist() == ["Product #1", "red", "Product #3"]


def test_names_get_their_brand_in_front():
    raw = "brand,name,price\nApple,MacBook Air,₹99000\nDell,Dell XPS 13,₹120000\n"
    catalog = load_catalog(raw.encode(), name="t.csv")
    assert catalog.labels.tolist() == ["Apple MacBook Air", "Dell XPS 13"]


def test_duplicate_ids_are_kept_and_reported():
    schema, table = infer({"sku": ["A1", "A2", "A2", "A4", "A5"], "name": ["a", "b", "c", "d", "e"]})
    assert role_of(schema, "sku") == "id" and len(table) == 5
    assert any("duplicated" in w and "'A2'" in w for w in schema.warnings)


def test_a_catalog_with_one_row():
    catalog = load_catalog(b"name,price,ram,storage\nSolo Book,Rs. 40000,8GB,128GB SSD + 1TB HDD\n", name="one.csv")
    assert len(catalog) == 1 and catalog.schema.price_column == "price"
    assert catalog.table.at[0, "price"] == 40000 and catalog.table.at[0, "ram"] == 8
    assert (catalog.table.at[0, "ssd"], catalog.table.at[0, "hdd"]) == (128, 1024)


def test_overrides_change_roles_units_and_currency():
    columns = {"name": ["A", "B", "C"], "cost": ["100", "200", "300"], "mass": ["1", "2", "3"], "code": ["7", "8", "9"]}
    overrides = Overrides(columns={"mass": {"unit": "lb"}, "code": {"role": "categorical"}}, currency="USD")
    schema, _ = infer(columns, overrides)
    assert schema.price_column == "cost" and schema.currency == "USD"
    assert schema.column("mass").unit == "lb" and role_of(schema, "code") == "categorical"


def test_bad_override_is_refused_with_the_known_roles():
    with pytest.raises(ValueError, match="not one of"):
        Overrides(columns={"x": {"role": "price tag"}})
    with pytest.raises(ValueError, match=r"'furlong' .* not known"):
        Overrides(columns={"x": {"unit": "furlong"}})
    with pytest.raises(ValueError, match="'XYZ' is not known"):
        Overrides(currency="XYZ")


def test_unit_override_converts_and_a_misfit_is_reported():
    columns = {"name": ["A", "B", "C"], "weight": ["1.2 kg", "1.4 kg", "1300 g"]}
    schema, table = infer(columns, Overrides(columns={"weight": {"unit": "grams"}}))
    assert schema.column("weight").unit == "g" and table["weight"].tolist() == [1200, 1400, 1300]
    schema, table = infer(columns, Overrides(columns={"weight": {"unit": "GB"}}))
    assert schema.column("weight").unit == "kg" and table["weight"].tolist() == [1.2, 1.4, 1.3]
    assert any("'GB'" in w and "does not fit" in w for w in schema.warnings)


def test_overrides_are_remembered_by_content_and_caches_never_mix(store):
    first = b"name,amount\nA,10\nB,20\nC,30\n"
    second = b"name,amount\nA,11\nB,21\nC,31\n"
    catalog = load_catalog(
        first, name="a.csv", store=store, overrides=Overrides(columns={"amount": {"role": "numeric"}})
    )
    assert catalog.schema.price_column is None
    again = load_catalog(first, name="renamed.csv", store=store)  # same bytes, no override given: remembered
    assert again.schema.column("amount").role == "numeric" and again.content_hash == catalog.content_hash
    other = load_catalog(second, name="b.csv", store=store)  # other bytes: its own inference and cache
    assert other.schema.price_column == "amount" and other.content_hash != catalog.content_hash
    assert other.table["amount"].tolist() == [11, 21, 31]


def test_cached_parse_equals_a_fresh_parse(store, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,price,ram,storage\nA,₹100,8 GB,512 GB SSD\nB,₹200,16 GB,1 TB HDD\n", "utf-8")
    fresh = load_catalog(path, store=store)
    cached = load_catalog(path, store=store)
    assert cached.schema == fresh.schema
    pd.testing.assert_frame_equal(cached.table, fresh.table, check_dtype=False, check_categorical=False)


def test_a_table_cached_before_the_knowledge_files_changed_is_inferred_again(store, tmp_path, monkeypatch):
    """A shop that upgrades gets the new units and currencies on its old uploads, not yesterday's schema."""
    from recommender import knowledge

    path = tmp_path / "wines.csv"
    path.write_text("name,bottle,price\nA,75 cl,10\nB,150 cl,20\nC,37.5 cl,30\n", "utf-8")
    load_catalog(path, store=store)
    calls = []
    monkeypatch.setattr("recommender.catalog.catalog.infer_schema", lambda *a: calls.append(a) or infer_schema(*a))
    load_catalog(path, store=store)
    assert not calls  # same knowledge: the cached table
    monkeypatch.setattr(knowledge, "fingerprint", lambda: "changed")
    load_catalog(path, store=store)
    assert len(calls) == 1  # a unit or currency added since: inferred afresh


def test_shops_abroad_currencies_units_and_yes_no_in_their_words():
    schema, table = infer(
        {
            "Tool": ["Bosch Drill 18V", "Makita Saw 36V", "Ryobi Drill 12V"],
            "Voltage": ["18 V", "36 V", "12 V"],
            "Battery": ["4,0 Ah", "5,0 Ah", "2,0 Ah"],
            "Warranty": ["2 years", "3 years", "24 months"],
            "Bottle": ["75 cl", "150 cl", "37,5 cl"],
            "Cena": ["1 607,00 zł", "459,00 zł", "2 099,00 zł"],
            "In stock": ["✓", "✗", "✓"],
            "Refillable": ["Ja", "Nej", "Ja"],
        }
    )
    assert schema.price_column == "Cena" and schema.currency == "PLN"
    assert table["Cena"].tolist() == [1607, 459, 2099]  # spaces between thousands, decimal commas
    assert measured(schema, table, "Voltage") == ("V", [18, 36, 12])
    assert measured(schema, table, "Battery") == ("Ah", [4, 5, 2])
    assert measured(schema, table, "Warranty") == ("years", [2, 3, 2])
    assert measured(schema, table, "Bottle") == ("cl", [75, 150, 37.5])
    assert table["In stock"].tolist() == [True, False, True] and table["Refillable"].tolist() == [True, False, True]


def test_a_currency_named_in_the_price_header_is_that_currency():
    for header, code in (("Price CHF", "CHF"), ("Pris (SEK)", "SEK"), ("Preis in CZK", "CZK")):
        schema, _ = infer({"name": ["A", "B", "C"], header: ["12,50", "30,00", "99,90"]})
        assert (schema.price_column, schema.currency) == (header, code)


def test_a_currency_sign_several_currencies_share_is_the_one_the_header_or_file_name_says():
    schema, _ = infer({"name": ["A", "B", "C"], "Price (CAD)": ["$12.99", "$30.00", "$99.90"]})
    assert schema.currency == "CAD"  # '$' under a header that says Canadian dollars
    danish = b"Model;Pris\nA;kr. 1.299,00\nB;kr. 3.996,00\nC;kr. 449,00\n"
    assert load_catalog(danish, name="heaters_dkk.csv").schema.currency == "DKK"
    assert load_catalog(danish, name="heaters.csv").schema.currency == "SEK"  # 'kr' alone: the first krona
    schema, _ = infer({"name": ["A", "B", "C"], "Price": ["$12.99", "$30.00", "$99.90"]})
    assert schema.currency == "USD"


def test_a_column_of_years_under_any_header_is_the_year():
    schema, _ = infer({"name": ["A", "B", "C", "D"], "Vintage": ["2015", "2019", "2011", "2015"]})
    assert schema.column("Vintage").concept == "year"
    schema, _ = infer({"name": ["A", "B", "C", "D"], "Stock": ["2015", "19", "2011", "3"]})
    assert schema.column("Stock").concept is None  # not all of them years


def test_a_column_whose_values_begin_the_names_is_the_brand():
    schema, table = infer(
        {
            "name": ["Penfolds Grange 2018", "Cloudy Bay Sauvignon Blanc", "Penfolds Bin 389", "Torres Sangre"],
            "Producer": ["Penfolds", "Cloudy Bay", "Penfolds", "Torres"],
            "Region": ["Barossa", "Marlborough", "Barossa", "Penedès"],
        }
    )
    assert schema.column("Producer").role == "brand" and "brand" not in table  # no brand from first words
    assert schema.column("Region").role == "categorical"


def test_units_joined_by_a_hyphen_and_a_column_kept_in_its_own_time_unit():
    schema, table = infer(
        {
            "name": ["A", "B", "C"],
            "Warranty": ["25-year", "10-year", "15-year"],
            "Trial": ["100 nights", "365 nights", "120 nights"],
            "Battery life": ["10 hours", "600 minutes", "12 h"],
        }
    )
    assert measured(schema, table, "Warranty") == ("years", [25, 10, 15])
    assert measured(schema, table, "Trial") == ("nights", [100, 365, 120])  # not hours
    assert measured(schema, table, "Battery life") == ("hours", [10, 10, 12])


def test_a_column_of_spec_lists_becomes_one_attribute_per_key():
    schema, table = infer(
        {
            "Product": ["Phone A", "Phone B", "Phone C", "Phone D"],
            "Key specs": [
                "RAM: 8 GB | Storage: 256 GB | Screen: 6.1 in",
                "RAM: 12 GB | Storage: 512 GB | Screen: 6.7 in | NFC: Yes",
                "RAM: 6 GB; Storage: 128 GB; Screen: 6.4 in",
                "RAM: 8 GB Storage: 128 GB Screen: 6.1 in",  # line breaks, folded into spaces
            ],
        }
    )
    assert measured(schema, table, "RAM") == ("GB", [8, 12, 6, 8])
    assert measured(schema, table, "Storage") == ("GB", [256, 512, 128, 128])
    assert measured(schema, table, "Screen") == ("inch", [6.1, 6.7, 6.4, 6.1])
    assert schema.column("NFC").role == "boolean" and schema.column("RAM").derived_from == "Key specs"
    assert schema.column("Key specs").role == "text"  # still matched by meaning
    one_colon = infer({"Product": ["A", "B", "C"], "About": ["Great phone: fast", "Note: light", "Tip: cheap"]})[0]
    assert [s.name for s in one_colon.columns] == ["Product", "About"]


def test_a_unit_in_brackets_and_headers_in_other_languages():
    schema, _ = infer(
        {
            "Artikel": ["Staubsauger X1", "Staubsauger X2", "Staubsauger X3"],
            "Marke": ["Bosch", "Miele", "Bosch"],
            "Leistung (W)": ["750", "890", "650"],
            "Gewicht": ["5,2 kg", "6,1 kg", "4,8 kg"],
            "Farbe": ["Rot", "Grau", "Schwarz"],
            "Zoom wide (W)": ["28", "24", "35"],  # W for wide, not watts
        }
    )
    assert schema.name_column == "Artikel" and role_of(schema, "Marke") == "brand"
    assert schema.column("Leistung (W)").unit == "W" and schema.column("Gewicht").concept == "weight"
    assert schema.column("Farbe").concept == "color" and schema.column("Zoom wide (W)").unit != "W"
