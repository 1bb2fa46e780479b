"""The generator of data/products.csv: deterministic, the committed file is current, every row complete.

What the finder makes of the catalog (units, the classic situation, prices) is in test_builtin_catalog.py.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SCRIPT = DATA / "generate_catalog.py"
CATALOG = DATA / "products.csv"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_catalog", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def price(row: dict[str, str]) -> int:
    """``₹1,24,990`` -> 124990."""
    assert re.fullmatch(r"₹\d{1,2}(,\d\d)*,\d{3}|₹\d{1,3}", row["price"]), row["price"]
    return int(row["price"].removeprefix("₹").replace(",", ""))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CATALOG.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_regenerating_gives_the_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "products.csv"
    load_generator().generate(out)
    stale = "data/products.csv is stale: run python data/generate_catalog.py"
    assert out.read_bytes() == CATALOG.read_bytes(), stale


def test_file_format() -> None:
    raw = CATALOG.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw
    header = raw.decode("utf-8").split("\n", 1)[0]
    assert header == (
        "product_id,name,brand,category,type,description,price,cpu,ram,storage,gpu,screen,resolution,"
        "refresh_rate,weight,battery_life,battery_capacity,os,camera,has_5g,touchscreen,rating,"
        "review_count,release_year"
    )


def test_ids_and_required_cells(rows: list[dict[str, str]]) -> None:
    assert {row["category"] for row in rows} == {"Laptop", "Phone"}
    ids = [row["product_id"] for row in rows]
    assert len(set(ids)) == len(ids)
    for row in rows:
        for column in ("name", "brand", "category", "description", "price"):
            assert row[column], (row["product_id"], column)
        price(row)
