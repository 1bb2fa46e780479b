"""Hostile and careless turns: nothing misread, nothing unbounded reaches the ranking or the event log."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.language.parser import Parser


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser(load_catalog(BUILTIN_CATALOG))


def bounds(parsed) -> dict[str, object]:
    return {c.attribute: c.value for c in parsed.constraints}


@pytest.mark.parametrize(
    ("text", "said"),
    [("under -5 rupees", "-5 rupees"), ("RAM -8GB", "-8GB"), ("a laptop, price: -₹500", "-₹500")],
)
def test_a_minus_sign_is_never_dropped_into_a_positive_need(parser, text, said):
    parsed = parser.parse(text)
    assert "price" not in bounds(parsed) and "ram" not in bounds(parsed)
    assert any(said in note and "negative" in note for note in parsed.notes), parsed.notes


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("RAM-8GB laptop", ("ram", 8.0)),  # a dash that joins a word and its value
        ("8-16gb ram", ("ram", (8.0, 16.0))),
        ("between 40k -60k", ("price", (40000.0, 60000.0))),  # a sloppy range
        ("ram 8gb - 16gb", ("ram", (8.0, 16.0))),
    ],
)
def test_dashes_that_are_no_minus_keep_their_meaning(parser, text, need):
    assert bounds(parser.parse(text))[need[0]] == need[1]


def test_a_number_too_long_for_any_quantity_is_left_out_with_a_note(parser):
    parsed = parser.parse("under " + "9" * 400 + " rupees")
    assert "price" not in bounds(parsed)
    assert any("too long" in note for note in parsed.notes)
    assert all(len(note) < 200 for note in parsed.notes)  # the note quotes the number cut short


def test_an_attribute_named_alone_is_asked_about_not_guessed(builtin_finder):
    turn = builtin_finder.conversation().say("RAM")
    assert turn.state.constraints == []  # not 'storage = 512 GB' by meaning
    assert any("RAM" in note and "how much" in note for note in turn.state.notes)


class _Log:
    """Stands in for the event recorder: keeps what the conversation would store."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def turn(self, index, text, constraints, rows) -> None:
        self.texts.append(text)


def test_a_pasted_ten_megabytes_reach_neither_the_ranking_nor_the_log(builtin_finder):
    log = _Log()
    limit = builtin_finder.conversation().dialogue.parser.max_chars
    turn = builtin_finder.conversation(log).say("laptop " * 1_500_000)
    assert len(turn.text) <= limit and len(turn.state.text) <= limit and len(log.texts[0]) <= limit
    assert [c.source for c in turn.state.constraints] == ["laptop"]  # one mention, not 285 joined
    assert any("only the first" in note for note in turn.state.notes)


def test_a_cut_message_ends_at_a_word_boundary(parser):
    parsed = parser.parse("word " * 1000)
    assert parsed.text.endswith("word")


numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text("0123456789-−–.,", min_size=1, max_size=30),
)
words = st.sampled_from(["under", "over", "ram", "gb", "rupees", "₹", "-", "between", "and", "not", "laptop", "k"])


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.one_of(numbers, words), max_size=40))
def test_every_numeric_need_read_is_finite_and_never_negative(parser, tokens):
    parsed = parser.parse(" ".join(tokens))
    for c in parsed.constraints:
        values = c.value if isinstance(c.value, tuple) else (c.value,)
        for value in values:
            if isinstance(value, float):
                assert math.isfinite(value) and value >= 0, (tokens, c)


def test_the_shopper_reads_why_a_number_was_left_out(capsys):
    from recommender.cli import main

    assert main(["recommend", "--catalog", str(BUILTIN_CATALOG), "--query", "laptop under -5 rupees"]) == 0
    assert "note: Left out '-5 rupees': amounts and sizes cannot be negative." in capsys.readouterr().out
