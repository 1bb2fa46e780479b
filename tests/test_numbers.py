"""Numbers said in words are read as the digits they say, and nothing else is."""

import pytest

from recommender.language.numbers import spoken_numbers


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("under forty francs", "under 40 francs"),
        ("a hundred and twenty", "120"),
        ("one point five kilos", "1.5 kilos"),
        ("point five", "0.5"),
        ("thirty-six volts", "36 volts"),
        ("thirty six volts", "36 volts"),
        ("fifteen hundred kronor", "1500 kronor"),
        ("two thousand and five", "2005"),
        ("two million three hundred thousand", "2300000"),
        ("a twenty fifteen bordeaux", "a 2015 bordeaux"),
        ("nineteen ninety nine", "1999"),
        ("twenty oh five", "2005"),
        ("twenty twenty three model", "2023 model"),
        ("between three hundred and eight hundred zloty", "between 300 and 800 zloty"),
        ("between twenty and fifty", "between 20 and 50"),
        ("between one and two kilos", "between 1 and 2 kilos"),
        ("nine hundred ninety nine thousand nine hundred ninety nine point nine", "999999.9"),
        ("minus forty francs", "-40 francs"),
        ("minus 5 rupees", "-5 rupees"),
    ],
)
def test_spoken_numbers_become_digits(said, read):
    assert spoken_numbers(said) == read


@pytest.mark.parametrize(
    "text",
    [
        "the lightest one",
        "one with a big battery",
        "i want a white",
        "a bosch",
        "someone",
        "often",
        "tone",
        "nonetheless",
    ],
)
def test_words_that_only_look_like_numbers_stay(text):
    assert spoken_numbers(text) == text


def test_two_numbers_side_by_side_stay_two_and_punctuation_parts_them():
    assert spoken_numbers("five five") == "5 5"
    assert spoken_numbers("ten, twenty") == "10, 20"
    assert spoken_numbers("Under Forty") == "Under 40"


def test_number_words_in_the_catalogs_own_values_stay_words():
    assert spoken_numbers("nine west boots under fifty", keep={"nine"}) == "nine west boots under 50"
