"""Reading single cells: units, money and yes/no as shops write them."""

import pytest

from recommender.catalog.cells import find_quantities, to_bool, to_money, to_number, to_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 GB", (8.0, "GB")),
        ("8GB", (8.0, "GB")),
        ("1TB", (1.0, "TB")),
        ("1.37kg", (1.37, "kg")),
        ("2.2 lbs", (2.2, "lb")),
        ('15.6"', (15.6, "inch")),
        ("15.6 inch", (15.6, "inch")),
        ("2.3GHz", (2.3, "GHz")),
        ("5000 mAh", (5000.0, "mAh")),
        ("4 stars", (4.0, "stars")),
        ("up to 9 hours", (9.0, "hours")),
        ("195 g", (195.0, "g")),
        ("120 Hz", (120.0, "Hz")),
        ("42", (42.0, None)),
        ("3.6 m²", (3.6, "m²")),
        ("15 bar", (15.0, "bar")),
        ("10'", (10.0, "ft")),
        ("8' 3\"", (8.25, "ft")),
        ("5 ft 6 in", (5.5, "ft")),
        ("2 x 12 W", (24.0, "W")),  # speakers, RAM sticks, batteries: the total
        ("2x8GB", (16.0, "GB")),
    ],
)
def test_quantities_with_units(text, expected):
    assert to_quantity(text) == expected


@pytest.mark.parametrize("text", ["eight gigs", "8 parsecs", "Intel Core i5", "4 x 4 m", "x" * 100_000])
def test_non_quantities_are_refused(text):
    assert to_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("₹40,000", (40000.0, "INR")),
        ("Rs. 1,20,000", (120000.0, "INR")),
        ("Rs 40000/-", (40000.0, "INR")),
        ("$499", (499.0, "USD")),
        ("€1,339.69", (1339.69, "EUR")),
        ("1339.69 EUR", (1339.69, "EUR")),
        ("1.5 lakh", (150000.0, None)),
        ("40k", (40000.0, None)),
        ("54999.0", (54999.0, None)),
    ],
)
def test_money(text, expected):
    assert to_money(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yes", True), ("no", False), ("True", True), ("FALSE", False), ("○", True), ("×", False), ("なし", False)],
)
def test_booleans(text, expected):
    assert to_bool(text) is expected


def test_indian_grouping_and_plain_numbers():
    assert to_number("1,20,000") == 120000.0
    assert to_number("abc") is None


def test_quantities_inside_text():
    found = [(v, u) for v, u, _, _ in find_quantities("Intel Core i5 7200U 2.5GHz, 128GB SSD +  1TB HDD")]
    assert found == [(2.5, "GHz"), (128.0, "GB"), (1.0, "TB")]
