"""Reading files of every supported kind, and refusing unusable ones with a message that says what to do."""

import csv
import io
import json
import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from recommender.catalog import load_catalog, read_table
from recommender.catalog import reader as reader_module
from recommender.catalog.reader import MAX_CELL_CHARS, MAX_COLUMNS, MAX_DEPTH, MAX_HEADER_CHARS
from recommender.errors import CatalogError
from recommender.finder import Finder

ROWS = [("Lenovo IdeaPad 3", "₹45,990", "8 GB"), ("HP 15s", "₹38,490", "16 GB"), ("Dell Vostro", "₹52,000", "8 GB")]


def csv_text(delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([("name", "price", "ram"), *ROWS])
    return out.getvalue()  # '₹45,990' is quoted where the delimiter is a comma


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


def test_a_cell_over_the_limit_is_cut_and_said(tmp_path):
    path = tmp_path / "long.csv"
    long_text = "fast laptop " * 8_400  # 100,800 characters
    path.write_text(f"name,price,description\nA,₹100,{long_text}\nB,₹200,short\nC,₹300,short too\n", "utf-8")
    catalog = load_catalog(path)
    assert catalog.raw.at[0, "description"] == long_text[:MAX_CELL_CHARS]
    assert catalog.raw.at[1, "description"] == "short"
    (warning,) = [w for w in catalog.warnings if "cut" in w]
    assert "100,800 characters" in warning and "'description'" in warning and "row 1" in warning
    assert catalog.schema.price_column == "price"


def test_a_long_header_is_cut_and_said():
    data = ("name,price," + "x" * 5_000 + "\nA,₹1,2\nB,₹2,3\n").encode()
    table, warnings = read_table(data, "wide.csv")
    assert [len(c) for c in table.columns] == [4, 5, MAX_HEADER_CHARS]
    assert "5,000 characters" in warnings[0]


def test_too_many_columns_names_the_limit():
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1))
    with pytest.raises(CatalogError, match=f"{MAX_COLUMNS + 1:,} columns; the limit is {MAX_COLUMNS}"):
        read_table(f"{header}\n{header}\n".encode(), "wide.csv")


def test_one_line_with_too_many_fields_is_named():
    data = ("name,price\nA,1\n" + ",".join(["x"] * (MAX_COLUMNS + 5)) + "\n").encode()
    with pytest.raises(CatalogError, match="line 3 has 505 fields"):
        read_table(data, "ragged.csv")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1000 + "]" * 1000,
        '[{"name": "A", "price": 5, "specs": ' + "[" * 1000 + "]" * 1000 + "}]",
        '[{"name": "A", "price": 5, "specs": ' + '{"a": ' * 30 + "1" + "}" * 30 + "}]",
        '{"name": "A"}\n' + "[" * 5000 + "]" * 5000 + "\n",  # JSON Lines
    ],
)
def test_json_nested_too_deep_names_the_limit(text):
    with pytest.raises(CatalogError, match=f"more than {MAX_DEPTH} levels deep"):
        read_table(text.encode(), "deep.json")


def test_json_nesting_within_the_limit_is_flattened():
    records = [
        {"name": "A", "price": 100, "specs": {"display": {"size": "15.6 inch"}}, "tags": ["5G", "NFC"]},
        {"name": "B", "price": 200, "specs": {"display": {"size": "14 inch"}}, "tags": []},
    ]
    table, warnings = read_table(json.dumps(records).encode(), "nested.json")
    assert table["specs.display.size"].tolist() == ["15.6 inch", "14 inch"]
    assert table["tags"].tolist() == ["5G, NFC", ""]
    assert "'tags' hold lists" in warnings[0]


def test_json_with_a_number_of_thousands_of_digits():
    records = '[{"name": "A", "price": ' + "9" * 5000 + '}, {"name": "B", "price": 100}]'
    catalog = load_catalog(records.encode(), name="huge.json")
    assert len(catalog) == 2


def test_parquet_records_and_lists_become_columns_and_text(tmp_path):
    table = pa.table(
        {
            "name": ["A", "B", "C"],
            "price": [100, 200, 300],
            "display": [
                {"size": 15.6, "panel": "IPS"},
                {"size": 14.0, "panel": "OLED"},
                {"size": 13.3, "panel": "IPS"},
            ],
            "ports": [["USB-C", "HDMI"], ["USB-C"], []],
            "reviews": [[{"stars": 5}], [], [{"stars": 3}, {"stars": 4}]],
        }
    )
    pq.write_table(table, tmp_path / "nested.parquet")
    raw, warnings = read_table(tmp_path / "nested.parquet")
    assert raw["display.size"].tolist() == [15.6, 14.0, 13.3] and raw["display.panel"].tolist()[1] == "OLED"
    assert raw["ports"].tolist() == ["USB-C, HDMI", "USB-C", ""]
    assert json.loads(raw["reviews"][2]) == [{"stars": 3}, {"stars": 4}]
    assert any("'display' hold records" in w for w in warnings)
    assert any("'ports'" in w and "'reviews'" in w for w in warnings)
    catalog = load_catalog(tmp_path / "nested.parquet")
    assert catalog.schema.price_column == "price" and len(catalog) == 3


def test_parquet_nested_too_deep_is_refused(tmp_path):
    kind = pa.int32()
    for _ in range(MAX_DEPTH):
        kind = pa.list_(kind)
    pq.write_table(pa.table({"name": pa.array([None], kind)}), tmp_path / "deep.parquet")
    with pytest.raises(CatalogError, match="levels deep"):
        read_table(tmp_path / "deep.parquet")


def test_a_header_that_ends_inside_an_open_quote():
    table, warnings = read_table(b'name,price,"pri\nA,100,2\nB,200,3\n', "open.csv")
    assert list(table.columns) == ["name", "price", '"pri']
    assert table["name"].tolist() == ["A", "B"]
    assert "line(s) 1 open a quote" in warnings[0]


def test_a_quote_never_closed_keeps_the_rows_after_it():
    table, warnings = read_table(b'name,price,ram\nA,100,"8 GB\nB,200,16 GB\nC,300,4 GB\n', "q.csv")
    assert table["name"].tolist() == ["A", "B", "C"]
    assert table["ram"].tolist() == ['"8 GB', "16 GB", "4 GB"]
    assert "line(s) 2 open a quote" in warnings[0]


def test_a_stray_quote_that_swallows_rows_names_their_lines():
    data = b'name,price,ram\nA,100,8 GB\nB,200,"16 GB\nC,300,4 GB\nD,400,2" GB\nE,500,1 GB\n'
    table, warnings = read_table(data, "stray.csv")
    assert table["name"].tolist() == ["A", "B", "E"]  # the file says so; the warning says where
    assert "lines 3–5" in warnings[0] and "one product" in warnings[0]


def test_a_quoted_cell_over_several_lines_is_no_warning():
    data = b'name,price,description\nA,100,"Light.\nLong battery."\nB,200,Fast\n'
    table, warnings = read_table(data, "multi.csv")
    assert table["description"].tolist() == ["Light.\nLong battery.", "Fast"] and warnings == []


def test_long_rows_are_named_by_their_line_in_the_file():
    data = b'name,price\nA,100\n\nB,"2\n00",x\nC,300\nD,400,y\n'
    table, warnings = read_table(data, "ragged.csv")
    assert table["name"].tolist() == ["A", "B", "C", "D"] and table["extra_1"].tolist() == ["", "x", "", "y"]
    assert "line(s) 4, 7" in warnings[-1]


def test_a_first_row_longer_than_the_header_is_no_index():
    table, warnings = read_table(b"name,price\nA,100,x\nB,200,y\n", "shifted.csv")
    assert table["name"].tolist() == ["A", "B"] and table["extra_1"].tolist() == ["x", "y"]
    assert "line(s) 2, 3" in warnings[0]


def test_lines_in_two_encodings_are_each_read_right():
    data = b"name,price\n" + "Café Book,€999\n".encode() + "Noël Tab,€499\n".encode("cp1252")
    data += "Zoë Pad,€299\n".encode("cp1252") + "Über Go,€199\n".encode()
    table, warnings = read_table(data, "mixed.csv")
    assert table["name"].tolist() == ["Café Book", "Noël Tab", "Zoë Pad", "Über Go"]
    assert "2 line(s) are not UTF-8" in warnings[0] and "line(s) 3, 4" in warnings[0]


def test_a_file_all_in_windows_1252_needs_no_warning():
    assert read_table("name,price\nCafé,€9\n".encode("cp1252"), "c.csv")[1] == []


def test_utf16_with_a_bad_surrogate_reads_with_a_warning():
    data = "name,price\nA,100\n".encode("utf-16") + b"\x00\xd8" + "B,200\n".encode("utf-16-le")
    table, warnings = read_table(data, "u16.csv")
    assert table["price"].tolist() == ["100", "200"] and table["name"][1].endswith("B")
    assert "not valid UTF-16 (line(s) 3)" in warnings[0]


def test_utf16_without_a_byte_order_mark():
    table, _ = read_table("name,price\nCafé,€9\nTé,€3\n".encode("utf-16-le"), "u16.csv")
    assert table["name"].tolist() == ["Café", "Té"]


def uncalculated_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "price", "price with tax"])
    sheet.append(["A", 100, "=B2*1.18"])
    sheet.append(["B", 200, "=B3*1.18"])
    out = io.BytesIO()
    book.save(out)  # openpyxl saves formulas without calculating them
    return out.getvalue()


def test_excel_formulas_without_a_saved_result_are_reported():
    table, warnings = read_table(uncalculated_workbook(), "shop.xlsx")
    assert table["price with tax"].isna().all()
    assert "2 formula cell(s) have no saved result" in warnings[0]
    assert "'price with tax' (C2, C3)" in warnings[0]


def test_excel_values_are_no_formula_warning(tmp_path):
    pd.DataFrame(ROWS, columns=["name", "price", "ram"]).to_excel(tmp_path / "c.xlsx", index=False)
    assert read_table(tmp_path / "c.xlsx")[1] == []


def test_zero_and_negative_prices_are_no_price_and_never_within_budget():
    data = "name,price\nA,₹-45000\nB,₹0\nC,₹30000\nD,₹60000\n".encode()
    catalog = load_catalog(data, name="neg.csv")
    assert catalog.raw["price"].tolist()[:2] == ["₹-45000", "₹0"]  # the file's text is kept
    assert catalog.prices.tolist()[2:] == [30000, 60000] and pd.isna(catalog.prices[:2]).all()
    assert any("2 product(s) have a price of zero or less" in w and "'₹-45000'" in w for w in catalog.warnings)
    ranking = Finder(catalog, semantic=False, learned=False).conversation().say("under 50000 rupees").ranking
    assert [item.name for item in ranking.items if item.matches_all] == ["C"]


def test_a_pipe_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(CatalogError, match="not a regular file"):
        load_catalog(tmp_path / "pipe.csv")


def test_a_folder_is_named_as_one(tmp_path):
    with pytest.raises(CatalogError, match="is a folder"):
        load_catalog(tmp_path)


def test_a_bad_json_lines_record_is_named_by_its_line():
    data = b'{"name": "A", "price": 1}\n{"name": "B", "price": 2}\n{"name": C}\n'
    with pytest.raises(CatalogError, match="not valid JSON Lines \\(line 3, column 10"):
        read_table(data, "shop.jsonl")


def test_a_json_list_of_no_products():
    with pytest.raises(CatalogError, match="no products in it"):
        read_table(b'{"products": []}', "shop.json")


def test_a_header_over_several_lines_with_too_many_fields():
    data = ('name,"price\nnote",' + ",".join(f"c{i}" for i in range(MAX_COLUMNS)) + "\nA,1\n").encode()
    with pytest.raises(CatalogError, match=f"{MAX_COLUMNS + 2:,} columns; the limit is {MAX_COLUMNS}"):
        read_table(data, "wide.csv")


def test_a_row_of_units_under_the_header_names_the_units_and_is_no_product():
    sheet = b"Model,Weight,Power,Price\n,kg,W,EUR\nA1,2.5,1200,199\nB2,3.1,1500,249\nC3,1.8,900,149\n"
    catalog = load_catalog(sheet, name="spec_sheet.csv")
    assert len(catalog.table) == 3  # the units row is not a product
    assert [(s.name, s.unit) for s in catalog.schema.columns if s.name != "Model"] == [
        ("Weight (kg)", "kg"),
        ("Power (W)", "W"),
        ("Price (EUR)", "EUR"),
    ]
    assert any("first row gives units (kg, W, EUR)" in w for w in catalog.warnings)
    plain = load_catalog(b"Model,Unit,Price\nA1,kg,199\nB2,kg,249\nC3,g,149\n", name="plain.csv")
    assert len(plain.table) == 3  # a column of unit words is data, not a units row
