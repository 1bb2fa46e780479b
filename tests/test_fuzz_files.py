"""Hostile and careless catalog files, generated from fixed seeds: truncated, mutated, random, badly
encoded, deeply nested, oddly quoted, with huge cells and many columns, empty, one row, and Excel and
Parquet edge cases. Every one either loads or is refused with a message naming the file, through
``load_catalog`` and through ``python -m recommender inspect`` alike: never a traceback, never a hang.
"""

from __future__ import annotations

import csv
import io
import json
import random
import signal
import string
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from recommender.catalog import Catalog, load_catalog
from recommender.catalog.reader import MAX_CELL_CHARS, MAX_COLUMNS, MAX_DEPTH, MAX_HEADER_CHARS
from recommender.cli import main
from recommender.errors import CatalogError

#: A guard against a hung reader, not a speed check: each of these files reads in milliseconds.
HANG_GUARD_S = 120
#: No message, warning included, may grow with the file it is about.
MAX_MESSAGE_CHARS = 1_500

HEADER = ("name", "price", "ram", "weight", "description")
PRODUCTS = [
    ("Lenovo IdeaPad 3", "₹45,990", "8 GB", "1.6 kg", 'Thin, light; 15.6" FHD'),
    ("HP 15s", "₹38,490", "16 GB", "1.7 kg", "Fast SSD"),
    ("Dell Vostro", "₹52,000", "8 GB", "1.8 kg", "Café-ready, Noël edition"),
    ("Asus Vivobook", "₹61,990", "16 GB", "1.4 kg", "OLED"),
    ("Acer Aspire 7", "₹70,500", "32 GB", "2.1 kg", "RTX 4050 | 144 Hz"),
]


class Hung(Exception):
    """Raised by the hang guard."""


@contextmanager
def hang_guard() -> Iterator[None]:
    def stop(signum, frame):
        raise Hung(f"reading took over {HANG_GUARD_S} s: it hangs")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, HANG_GUARD_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check(data: bytes, name: str, folder: Path) -> Catalog | CatalogError:
    """Load the file both ways; return the catalog, or the error both ways agreed on."""
    with hang_guard():
        try:
            outcome: Catalog | CatalogError = load_catalog(data, name=name)
        except CatalogError as exc:
            outcome = exc
    if isinstance(outcome, CatalogError):
        message = str(outcome)
        assert repr(name) in message, message  # the message names the file ...
        assert len(message) - len(name) > 40 and len(message) < MAX_MESSAGE_CHARS, message  # ... and says more
    else:
        assert outcome.raw.shape[1] <= MAX_COLUMNS
        assert all(len(str(c)) <= MAX_HEADER_CHARS + 4 for c in outcome.raw.columns)
        texts = [outcome.raw[c] for c in outcome.raw.columns if pd.api.types.is_string_dtype(outcome.raw[c])]
        assert all((t.str.len().fillna(0) <= MAX_CELL_CHARS).all() for t in texts)
        assert all(len(w) < MAX_MESSAGE_CHARS for w in outcome.warnings), max(outcome.warnings, key=len)
        if outcome.prices is not None:
            assert not (outcome.prices <= 0).any()  # never 'within budget' at a price of zero or less
    path = folder / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with hang_guard(), redirect_stdout(out), redirect_stderr(err):
        code = main(["inspect", str(path)])  # an exception here is the traceback a user would see
    if isinstance(outcome, CatalogError):
        assert code == 2 and err.getvalue() == f"error: {outcome}\n", err.getvalue()
    else:
        assert code == 0 and err.getvalue() == "", err.getvalue()
        assert len(out.getvalue()) < 200 * (outcome.raw.shape[1] + len(outcome.warnings) + 10)
    return outcome


def csv_bytes(rows=PRODUCTS, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([HEADER, *rows])
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows=PRODUCTS, header=HEADER) -> bytes:
    book = Workbook()
    for row in [header, *rows]:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parquet_bytes(table: pa.Table) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def valid_files() -> dict[str, bytes]:
    records = [dict(zip(HEADER, row, strict=True)) for row in PRODUCTS]
    euros = [[cell.replace("₹", "€") for cell in row] for row in PRODUCTS]  # Windows-1252 has no rupee sign
    return {
        "shop.csv": csv_bytes(),
        "shop.tsv": csv_bytes(delimiter="\t"),
        "shop-semicolon.csv": csv_bytes(euros, delimiter=";", encoding="cp1252"),
        "shop-utf16.csv": csv_bytes(encoding="utf-16"),
        "shop.json": json.dumps(records, ensure_ascii=False).encode(),
        "shop.jsonl": "\n".join(json.dumps(r) for r in records).encode(),
        "shop.xlsx": xlsx_bytes(),
        "shop.parquet": parquet_bytes(pa.Table.from_pylist(records)),
    }


VALID = valid_files()


def test_the_valid_files_read(folder):
    for name, data in VALID.items():
        catalog = check(data, name, folder)
        assert isinstance(catalog, Catalog) and len(catalog) == len(PRODUCTS), name
        assert catalog.schema.price_column == "price", name


@pytest.mark.parametrize("name", sorted(VALID))
def test_truncated_files(name, folder):
    data, rng = VALID[name], random.Random(f"truncate {name}")
    for cut in sorted({rng.randrange(len(data)) for _ in range(20)} | {0, 1, 2, 4, len(data) - 1}):
        check(data[:cut], name, folder)


@pytest.mark.parametrize("name", sorted(VALID))
def test_mutated_files(name, folder):
    """Flipped bits, dropped, repeated and inserted bytes, and swapped blocks in each kind of file."""
    data, rng = VALID[name], random.Random(f"mutate {name}")
    for _ in range(20):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(mutated))
            kind = rng.choice(("flip", "drop", "repeat", "insert", "swap"))
            if kind == "flip":
                mutated[at] ^= 1 << rng.randrange(8)
            elif kind == "drop":
                del mutated[at : at + rng.randint(1, 64)]
            elif kind == "repeat":
                mutated[at:at] = mutated[at : at + rng.randint(1, 64)] * rng.randint(2, 50)
            elif kind == "insert":
                mutated[at:at] = rng.choice((b'"', b"\x00", b"\r", b"\n", b"\xff", b"\xd8\x00", b",", b"{", b"["))
            else:
                other = rng.randrange(len(mutated))
                mutated[at : at + 16], mutated[other : other + 16] = mutated[other : other + 16], mutated[at : at + 16]
        check(bytes(mutated), name, folder)


def test_random_bytes_and_magic_numbers(folder):
    rng = random.Random("random bytes")
    prefixes = (b"", b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"[", b"{")
    for i in range(60):
        body = rng.randbytes(rng.choice((1, 7, 100, 5_000, 70_000)))
        name = rng.choice(("c.csv", "c.json", "c.xlsx", "c.parquet", "c.txt", "upload"))
        outcome = check(prefixes[i % len(prefixes)] + body, name, folder)
        assert isinstance(outcome, CatalogError) or len(outcome) >= 1


@pytest.mark.parametrize(
    "data",
    [b"", b" ", b"\n\n\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"name", b"name\n", b"name,price\n", b"a\nb\n", b",\n,\n"],
)
def test_empty_and_nearly_empty(data, folder):
    check(data, "tiny.csv", folder)


def test_one_row_in_every_format(folder):
    row = PRODUCTS[:1]
    record = dict(zip(HEADER, row[0], strict=True))
    files = {
        "one.csv": csv_bytes(row),
        "one.json": json.dumps([record]).encode(),
        "one-object.json": json.dumps(record).encode(),
        "one.xlsx": xlsx_bytes(row),
        "one.parquet": parquet_bytes(pa.Table.from_pylist([record])),
    }
    for name, data in files.items():
        catalog = check(data, name, folder)
        assert isinstance(catalog, Catalog) and len(catalog) == 1, name


@pytest.mark.parametrize("depth", [MAX_DEPTH - 2, MAX_DEPTH, MAX_DEPTH + 1, 100, 1_000, 20_000])
@pytest.mark.parametrize("shape", ["lists", "objects", "field", "lines"])
def test_deep_json(depth, shape, folder):
    if shape == "lists":
        text = "[" * depth + "]" * depth
    elif shape == "objects":
        text = '{"a": ' * depth + "1" + "}" * depth
    elif shape == "field":  # one deep field in an otherwise plain record list (2 levels)
        inner = depth - 2
        text = '[{"name": "A", "price": 5, "x": ' + "[" * inner + "]" * inner + "}]"
    else:
        inner = depth - 1
        text = '{"name": "A", "price": 5}\n{"name": "B", "x": ' + "[" * inner + "]" * inner + "}\n"
    outcome = check(text.encode(), "deep.json", folder)
    if depth > MAX_DEPTH:
        assert isinstance(outcome, CatalogError) and f"more than {MAX_DEPTH} levels deep" in str(outcome)
    elif shape == "lists":  # empty lists nested within the limit: read, and no product in them
        assert isinstance(outcome, CatalogError) and "is JSON but not a list of products" in str(outcome)
    else:
        assert isinstance(outcome, Catalog) and len(outcome) == (2 if shape == "lines" else 1)


CELL = st.text(alphabet=string.ascii_letters + string.digits + " ,;|\t\"'\n\r.-₹€éü\\#=", max_size=12)


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=7), min_size=0, max_size=8),
    delimiter=st.sampled_from(",;\t|"),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_generated_delimited_text(rows, delimiter, encoding, newline, tmp_path_factory):
    """Raw joined cells (no quoting applied, so quotes and delimiters land anywhere)."""
    text = newline.join(delimiter.join(r) for r in rows)
    data = text.encode(encoding, errors="replace")
    check(data, "generated.csv", tmp_path_factory.getbasetemp())


def test_a_stray_quote_never_loses_rows_silently(folder):
    """A quote dropped anywhere into a clean file: every row is read, or a warning names the lines."""
    rng = random.Random("stray quotes")
    rows = [(f"Laptop {i}", f"₹{30_000 + 1_000 * i}", f"{8 * (1 + i % 3)} GB", "1.5 kg", "plain") for i in range(12)]
    clean = csv_bytes(rows).decode()
    for _ in range(40):
        at = rng.randrange(len(clean))
        data = (clean[:at] + '"' + clean[at:]).encode()
        outcome = check(data, "stray.csv", folder)
        assert isinstance(outcome, Catalog)
        if len(outcome) < len(rows):
            assert any("span several lines" in w or "never closed" in w for w in outcome.warnings), outcome.warnings


def test_lines_in_mixed_encodings_are_each_decoded(folder):
    rng = random.Random("encodings")
    names = ["Café", "Noël", "Zoë", "Über", "Ångström", "Señor", "Crème brûlée"]
    for _ in range(25):
        picked = [rng.choice(names) + f" {i}" for i in range(8)]
        encodings = [rng.choice(("utf-8", "cp1252")) for _ in picked]
        data = b"name,price\n" + b"".join(
            f"{n},{100 + i}\n".encode(e) for i, (n, e) in enumerate(zip(picked, encodings, strict=True))
        )
        catalog = check(data, "mixed.csv", folder)
        assert catalog.raw["name"].tolist() == picked
        mixed = [w for w in catalog.warnings if "mixes two text encodings" in w]
        assert bool(mixed) == (len(set(encodings)) == 2)
        if mixed:
            assert f"{encodings.count('cp1252')} line(s) are not UTF-8" in mixed[0]


def test_broken_utf16_and_utf32(folder):
    rng = random.Random("utf16")
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        data = bytearray(csv_bytes(encoding=encoding))
        for _ in range(12):
            broken = bytearray(data)
            at = rng.randrange(4, len(broken) - 2) & ~1
            broken[at : at + 2] = rng.choice((b"\x00\xd8", b"\xd8\x00", b"\x00\xdc", b"\xdc\x00", b"\xff"))
            outcome = check(bytes(broken), "wide.csv", folder)
            if isinstance(outcome, Catalog) and "\ufffd" in "".join(map(str, outcome.raw.to_numpy().ravel())):
                assert any("not valid UTF" in w for w in outcome.warnings)


@pytest.mark.parametrize("size", [MAX_CELL_CHARS, MAX_CELL_CHARS + 1, 300_000])
@pytest.mark.parametrize("column", ["name", "description", "price"])
def test_huge_cells(size, column, folder):
    rows = [list(r) for r in PRODUCTS]
    rows[2][HEADER.index(column)] = ("laptop, 16 GB; " * (size // 15 + 1))[:size]
    catalog = check(csv_bytes(rows), "huge.csv", folder)
    cut = [w for w in catalog.warnings if "cut to its first" in w]
    assert bool(cut) == (size > MAX_CELL_CHARS) and len(catalog) == len(PRODUCTS)
    if cut:
        assert f"{size:,} characters" in cut[0] and repr(column) in cut[0] and "product row 3" in cut[0]


@pytest.mark.parametrize("count", [MAX_COLUMNS, MAX_COLUMNS + 1, 10_000])
def test_many_columns(count, folder):
    header = ["name", "price", *(f"spec {i}" for i in range(count - 2))]
    rows = [[f"P{r}", f"₹{100 + r}", *(str((r * i) % 7) for i in range(count - 2))] for r in range(3)]
    text = "\n".join(",".join(r) for r in [header, *rows])
    outcome = check(text.encode(), "wide.csv", folder)
    if count > MAX_COLUMNS:
        assert isinstance(outcome, CatalogError) and f"the limit is {MAX_COLUMNS}" in str(outcome)
    else:
        assert isinstance(outcome, Catalog)


def test_long_and_hostile_headers(folder):
    rng = random.Random("headers")
    for _ in range(20):
        lengths = [rng.choice((0, 1, 50, 5_000)) for _ in range(4)]
        header = ["".join(rng.choice("ab ,;\"'\t[]{}#=:") for _ in range(n)) for n in lengths]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, ["A", "1", "2", "3"], ["B", "4", "5", "6"]])
        check(out.getvalue().encode(), "headers.csv", folder)


def test_excel_edge_cases(folder):
    empty = Workbook()
    out = io.BytesIO()
    empty.save(out)
    header_only = xlsx_bytes(rows=[])
    formulas = xlsx_bytes(rows=[("A", "=1+1", "=B2*2", "1 kg", "x"), ("B", 200, "8 GB", "=NOW()", "y")])
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("products.csv", csv_bytes())
    files = {
        "empty.xlsx": out.getvalue(),
        "header-only.xlsx": header_only,
        "formulas.xlsx": formulas,
        "archive.xlsx": not_a_workbook.getvalue(),
        "hostile.xlsx": xlsx_bytes(header=('=HYPERLINK("http://x")', "price", "![i](http://x/p.png)", ":red[w]", "x")),
    }
    outcomes = {name: check(data, name, folder) for name, data in files.items()}
    assert isinstance(outcomes["empty.xlsx"], CatalogError) and isinstance(outcomes["archive.xlsx"], CatalogError)
    assert "no product rows" in str(outcomes["header-only.xlsx"])
    (warning,) = [w for w in outcomes["formulas.xlsx"].warnings if "formula" in w]
    assert "3 formula cell(s)" in warning and "'price' (B2)" in warning and "'weight' (D3)" in warning


def test_parquet_edge_cases(folder):
    deep = pa.int64()
    for _ in range(MAX_DEPTH + 3):
        deep = pa.list_(deep)
    names = pa.array(["A", "B"])
    tables = {
        "struct.parquet": pa.table({"name": names, "price": [1, 2], "s": [{"x": 1, "y": {"z": "a"}}, None]}),
        "list.parquet": pa.table({"name": names, "price": [1, 2], "l": [[1, 2], None]}),
        "map.parquet": pa.table(
            {"name": names, "price": [1, 2], "m": pa.array([[("k", 1)], []], pa.map_(pa.string(), pa.int64()))}
        ),
        "list-of-structs.parquet": pa.table({"name": names, "price": [1, 2], "r": [[{"a": 1}], [{"a": None}]]}),
        "binary.parquet": pa.table({"name": pa.array([b"A\xff", b"B"]), "price": [1.5, float("inf")]}),
        "dictionary.parquet": pa.table({"name": pa.array(["A", "B"]).dictionary_encode(), "price": [-1, 0]}),
        "nulls.parquet": pa.table({"name": pa.array([None, None], pa.null()), "price": pa.array([None, None])}),
        "deep.parquet": pa.table({"name": names, "x": pa.array([None, None], deep)}),
        "no-rows.parquet": pa.table({"name": pa.array([], pa.string())}),
        "decimal-and-time.parquet": pa.table(
            {
                "name": names,
                "price": pa.array([1, 2], pa.decimal128(10, 2)),
                "when": pa.array(np.array(["2024-01-01", "NaT"], dtype="datetime64[ns]")),
            }
        ),
    }
    outcomes = {name: check(parquet_bytes(table), name, folder) for name, table in tables.items()}
    assert "levels deep" in str(outcomes["deep.parquet"])
    assert "no product rows" in str(outcomes["no-rows.parquet"])
    assert list(outcomes["struct.parquet"].raw.columns) == ["name", "price", "s.x", "s.y.z"]
    assert outcomes["binary.parquet"].raw["name"].tolist() == ["A\ufffd", "B"]
    assert outcomes["list-of-structs.parquet"].raw["r"].tolist() == ['[{"a": 1}]', '[{"a": null}]']
