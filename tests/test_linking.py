"""Understanding catalogs nobody here has seen (issue 18): each test is one class of misreading, on a
small catalog written the way some shop writes its own, with the reading a shopper would expect."""

from __future__ import annotations

import pandas as pd

from recommender.catalog import load_catalog
from recommender.finder import Finder
from recommender.language.dialogue import Dialogue


def _catalog(tmp_path, rows: list[dict], name: str = "shop.csv"):
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return load_catalog(path)


def _needs(catalog, *turns) -> set[tuple]:
    dialogue = Dialogue(catalog)
    for text in turns:
        state = dialogue.say(text)
    return {(c.attribute, c.op, c.value) for c in state.constraints}


def _phones(n: int = 12) -> list[dict]:
    return [
        {
            "Model": f"Phone {i}",
            "Memory": f"{[4, 6, 8, 12][i % 4]} GB",
            "Storage": f"{[64, 128, 256][i % 3]} GB",
            "Price (INR)": 10000 + 2500 * i,
            "Price (AED)": round((10000 + 2500 * i) / 22.87, 2),
            "Weight": 150 + 5 * i,
        }
        for i in range(n)
    ]


def test_ram_named_memory_and_storage_by_its_own_word(tmp_path):
    catalog = _catalog(tmp_path, _phones())
    assert catalog.schema.column("Memory").concept == "ram"  # 4-12 GB beside a Storage column
    needs = _needs(catalog, "8GB RAM and 256GB storage")
    assert ("Memory", ">=", 8.0) in needs and ("Storage", ">=", 256.0) in needs


def test_prices_in_several_currencies_are_alternates_and_a_budget_uses_its_own(tmp_path):
    catalog = _catalog(tmp_path, _phones())
    assert catalog.schema.price_column == "Price (INR)" and catalog.schema.currency == "INR"
    assert catalog.schema.alternate_prices == {"AED": "Price (AED)"}
    assert ("Price (AED)", "<=", 1000.0) in _needs(catalog, "under 1000 dirhams")


def test_weights_without_a_unit_are_grams_when_kilograms_would_be_absurd(tmp_path):
    catalog = _catalog(tmp_path, _phones())
    assert catalog.schema.column("Weight").unit == "g"
    assert any("'Weight' as g" in w for w in catalog.warnings)
    assert ("Weight", "<=", 200.0) in _needs(catalog, "lighter than 200 grams")


def test_a_negation_inside_a_word_negates_nothing(tmp_path):
    rows = [{"name": f"{b} cam {i}", "brand": b, "price": 100 + i} for i, b in enumerate(["Canon", "Nikon"] * 5)]
    catalog = _catalog(tmp_path, rows)
    parsed = Dialogue(catalog).say("canon camera")
    assert {(c.attribute, c.op, c.value) for c in parsed.constraints} == {("brand", "==", "Canon")}
    assert not parsed.avoid_text  # "non" inside "canon" is no "non-"


def test_a_common_word_shared_by_several_brands_is_no_brand(tmp_path):
    brands = ["SKIN INC", "SKIN LAUNDRY", "Glowy"]
    rows = [{"name": f"Serum {i} for dry skin", "brand": brands[i % 3], "price": 20 + i} for i in range(12)]
    catalog = _catalog(tmp_path, rows)
    assert not any(a == "brand" for a, _, _ in _needs(catalog, "a serum for dry skin"))
    assert ("brand", "==", "SKIN INC") in _needs(catalog, "skin inc serum")


def test_zero_one_columns_are_needs_named_by_their_header(tmp_path):
    rows = [{"name": f"Cream {i}", "price": 10 + i, "Oily": i % 2, "Dry": (i + 1) % 2} for i in range(10)]
    catalog = _catalog(tmp_path, rows)
    assert ("Oily", "==", True) in _needs(catalog, "something for oily skin")


def test_one_value_in_two_spellings_is_one_option(tmp_path):
    finishes = ["Space Grey", "space grey", "Silver", "Space Grey"]
    rows = [{"name": f"Laptop {i}", "price": 500 + i, "Finish": finishes[i % 4]} for i in range(12)]
    catalog = _catalog(tmp_path, rows)
    assert sorted(catalog.table["Finish"].dropna().unique()) == ["Silver", "Space Grey"]


def test_a_row_index_with_gaps_is_no_spec(tmp_path):
    rows = [{"index": i * 3 + 7, "name": f"Item {i}", "price": 10 + i} for i in range(10)]
    catalog = _catalog(tmp_path, rows)
    assert catalog.schema.column("index").role == "ignored"


def test_repeated_listings_are_shown_once(tmp_path):
    rows = [{"name": f"Car {i % 4}", "year": 2015 + i % 4, "price": 300000 + 1000 * (i % 4)} for i in range(12)]
    catalog = _catalog(tmp_path, rows)
    turn = Finder(catalog, semantic=False, learned=False).conversation().say("cars from 2015 onwards")
    assert len(turn.ranking.rows) == 4 and len(set(catalog.labels[turn.ranking.rows])) == 4


def test_a_soft_need_is_judged_among_the_products_asked_for(tmp_path):
    rows = [
        {"name": f"{kind} {i}", "category": kind, "price": 100 + i, "weight": w}
        for i, (kind, w) in enumerate([("Laptop", 1.2), ("Laptop", 2.1), ("Phone", 0.16), ("Phone", 0.21)] * 3)
    ]
    catalog = _catalog(tmp_path, rows)
    (compact,) = [c for c in Dialogue(catalog).say("compact phone").constraints if c.attribute == "weight"]
    assert not compact.hard and compact.value < 0.21  # the lighter phones, not the laptops' 1.5 kg


def test_weeks_of_battery_are_hours(tmp_path):
    rows = [{"name": f"Watch {i}", "price": 50 + i, "Battery Life (hours)": 24 * (i + 1)} for i in range(10)]
    catalog = _catalog(tmp_path, rows)
    assert ("Battery Life (hours)", ">=", 336.0) in _needs(catalog, "2 weeks of battery life")


def test_around_a_budget_is_a_window_not_a_ceiling(tmp_path):
    catalog = _catalog(tmp_path, _phones())
    (budget,) = Dialogue(catalog).say("around 15000").constraints
    assert budget.op == "around" and not budget.hard
