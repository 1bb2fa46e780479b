"""Property-based tests: whatever the file or cell, the loader answers or raises its own CatalogError."""

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommender.catalog import load_catalog
from recommender.catalog.cells import to_bool, to_money, to_quantity
from recommender.catalog.composites import extractors
from recommender.errors import CatalogError

SPEC_WORDS = ["8GB", "1TB HDD", "₹40,000", "Rs. 1,20,000", "$499", "Yes", "No", "i5", "2.5GHz", "1.37kg", "N/A", ""]
cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPEC_WORDS),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**12), 10**12).map(str),
)
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True)
settings.load_profile("ci")


@given(st.text(max_size=200))
def test_cell_readers_never_raise(text):
    to_quantity(text), to_money(text), to_bool(text)
    for extractor in extractors().values():
        extractor.parse(text)


@st.composite
def tables(draw):
    n_columns = draw(st.integers(1, 6))
    n_rows = draw(st.integers(0, 12))
    header = [draw(st.text(max_size=12)) for _ in range(n_columns)]
    rows = [[draw(cells) for _ in range(draw(st.integers(0, n_columns + 1)))] for _ in range(n_rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t", "|"])))
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])), errors="replace")


def _check(data: bytes, name: str) -> None:
    try:
        catalog = load_catalog(data, name=name)
    except CatalogError as exc:
        assert str(exc)  # a message a person can read
        return
    assert len(catalog) == len(catalog.raw) == len(catalog.labels)
    assert all(c.role != "ignored" for c in catalog.schema.columns if c.name in catalog.table)


@given(tables())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_malformed_tables_load_or_raise_catalog_error(data):
    _check(data, "generated.csv")


@given(st.binary(max_size=600), st.sampled_from(["junk.csv", "junk.json", "junk.xlsx", "junk.parquet", "junk"]))
def test_random_bytes_load_or_raise_catalog_error(data, name):
    _check(data, name)


@given(st.lists(st.dictionaries(st.text(max_size=8), cells, max_size=4), max_size=8))
def test_json_records_load_or_raise_catalog_error(records):
    _check(json.dumps(records).encode(), "records.json")
