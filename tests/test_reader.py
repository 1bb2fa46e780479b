"""Reading files of every supported kind, and refusing unusable ones with a message that says what to do."""

import json

import pandas as pd
import pytest

from recommender.catalog import load_catalog, read_table
from recommender.catalog import reader as reader_module
from recommender.errors import CatalogError

ROWS = [("Lenovo IdeaPad 3", "₹45,990", "8 GB"), ("HP 15s", "₹38,490", "16 GB"), ("Dell Vostro", "₹52,000", "8 GB")]


def csv_text(delimiter=","):
    lines = [delimiter.join(("name", "price", "ram"))] + [delimiter.join(r) for r in ROWS]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_any_delimiter(tmp_path, delimiter):
    path = tmp_path / "c.csv"
    path.write_text(csv_text(delimiter), encoding="utf-8")
    table, _ = read_table(path)
    assert list(table.columns) == ["name", "price", "ram"] and len(table) == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings(tmp_path, encoding):
    text = "name,price\nCafé Book Pro,€999\nNoël Tab,€499\n"
    path = tmp_path / "c.csv"
    path.write_bytes(text.encode(encoding))
    table, _ = read_table(path)
    assert list(table.columns) == ["name", "price"]
    assert table["name"].tolist() == ["Café Book Pro", "Noël Tab"]


def test_excel_json_parquet_give_the_same_catalog(tmp_path):
    frame = pd.DataFrame(ROWS, columns=["name", "price", "ram"])
    frame.to_excel(tmp_path / "c.xlsx", index=False)
    frame.to_parquet(tmp_path / "c.parquet", index=False)
    (tmp_path / "records.json").write_text(json.dumps(frame.to_dict("records"), ensure_ascii=False), "utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"products": frame.to_dict("records")}), "utf-8")
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")), "utf-8")
    for name in ("c.xlsx", "c.parquet", "records.json", "wrapped.json", "lines.jsonl"):
        catalog = load_catalog(tmp_path / name)
        assert catalog.schema.price_column == "price", name
        assert catalog.table["price"].tolist() == [45990, 38490, 52000], name
        assert catalog.table["ram"].tolist() == [8, 16, 8], name


def test_excel_renamed_to_csv_still_reads(tmp_path):
    pd.DataFrame(ROWS, columns=["name", "price", "ram"]).to_excel(tmp_path / "c.xlsx", index=False)
    (tmp_path / "renamed.csv").write_bytes((tmp_path / "c.xlsx").read_bytes())
    assert len(read_table(tmp_path / "renamed.csv")[0]) == 3


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"name,price,ram\n", "no product rows"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500), "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".xls"),
        (b'[{"name": "a"', "not valid JSON"),
    ],
)
def test_unusable_files_get_a_clear_message(tmp_path, content, phrase):
    path = tmp_path / "catalog.csv"
    path.write_bytes(content)
    with pytest.raises(CatalogError, match=phrase) as info:
        load_catalog(path)
    assert "catalog.csv" in str(info.value)  # the message names the file


def test_json_that_is_not_a_list_of_products(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text('"just a string"', encoding="utf-8")
    with pytest.raises(CatalogError, match="not a list of products"):
        load_catalog(path)


def test_missing_file(tmp_path):
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(tmp_path / "nope.csv")


def test_ragged_rows_lose_nothing(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("name,price\nA,100\nB,200,extra value\nC\n", encoding="utf-8")
    table, warnings = read_table(path)
    assert table["name"].tolist() == ["A", "B", "C"]
    assert table["extra_1"].tolist() == ["", "extra value", ""]
    assert "line(s) 3" in warnings[0] and "extra_1" in warnings[0]


def test_row_limit_is_explained(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_ROWS", 2)
    path = tmp_path / "big.csv"
    path.write_text(csv_text(), encoding="utf-8")
    with pytest.raises(CatalogError, match="limit is 2"):
        read_table(path)


def test_a_cell_of_100k_characters(tmp_path):
    path = tmp_path / "long.csv"
    long_text = "fast laptop " * 8_400
    path.write_text(f"name,price,description\nA,₹100,{long_text}\nB,₹200,short\nC,₹300,short too\n", "utf-8")
    catalog = load_catalog(path)
    assert catalog.raw.at[0, "description"] == long_text  # nothing cut
    assert catalog.schema.price_column == "price"
