"""The hybrid ranker on the built-in catalog: filters, degrees, explanations, near misses, relaxations."""

import numpy as np
import pandas as pd
import pytest

from recommender.catalog import load_catalog
from recommender.finder import Finder
from recommender.language.constraints import Constraint
from recommender.ranking.messages import NO_HISTORY, NO_SIGNALS
from recommender.ranking.scoring import degree

CLASSIC = "I need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000"


def ask(finder, *turns, top=5):
    conversation = finder.conversation()
    for text in turns:
        turn = conversation.say(text, top=top)
    return turn


def test_classic_query_gives_near_misses_with_reasons_and_relaxations(builtin_finder):
    turn = ask(builtin_finder, CLASSIC)
    ranking = turn.ranking
    assert ranking.matches == 0 and ranking.relaxed and len(ranking.items) == 5
    assert all(not item.matches_all and item.violations for item in ranking.items)
    assert any(abs(item.price - 40_000) <= 7_000 for item in ranking.items)  # near misses around the budget
    over = [v for item in ranking.items for v in item.violations if "over budget" in v]
    assert over and all(v.startswith("₹") for v in over)
    violations = [v for item in ranking.items for v in item.violations]
    assert "4 GB RAM, wanted 8 GB" in violations and "CPU is Core i3, wanted Core i5" in violations
    texts = [p.text for p in ranking.proposals]
    assert any(t.startswith("raise the budget to ₹") for t in texts) and all(p.matches > 0 for p in ranking.proposals)
    assert ranking.message.startswith("Nothing meets every need")
    costs = [item.miss_cost for item in ranking.items]
    assert costs[0] == min(costs)  # the nearest miss comes first


@pytest.mark.parametrize(
    "turns",
    [
        (CLASSIC,),
        ("gaming laptop under 80k",),
        ("phone with good camera", "cheaper"),
        ("not gaming, for college",),
        ("",),
    ],
)
def test_contributions_add_up_to_the_score(builtin_finder, turns):
    for item in ask(builtin_finder, *turns).ranking.items:
        assert sum(item.contributions.values()) == pytest.approx(item.score, abs=1e-9)
        assert set(item.contributions) == {"attribute", "semantic", "preference", "popularity", "feedback"}


def test_hard_needs_filter_and_are_checked_one_by_one(builtin_finder):
    turn = ask(builtin_finder, "HP laptop under 60k with 16GB RAM")
    table = builtin_finder.catalog.table
    for item in turn.ranking.items:
        row = table.iloc[item.row]
        assert item.matches_all and row["brand"] == "HP" and row["price"] <= 60_000 and row["ram"] >= 16
        assert all(check.satisfied for check in item.checks if check.hard)
        ram = next(check for check in item.checks if check.need.startswith("RAM"))
        assert ram.wanted == "at least 16 GB" and ram.offered.endswith("GB")


def test_explicit_sort_orders_the_matches(builtin_finder):
    prices = [item.price for item in ask(builtin_finder, "cheapest gaming laptop", top=8).ranking.items]
    assert prices == sorted(prices)


def test_cheaper_lowers_the_prices_shown(builtin_finder):
    conversation = builtin_finder.conversation()
    before = conversation.say("laptop with 16GB RAM").ranking
    after = conversation.say("cheaper").ranking
    assert np.mean([i.price for i in after.items]) < np.mean([i.price for i in before.items])
    assert all(i.price < min(j.price for j in before.items) for i in after.items if i.matches_all)


def test_results_are_diverse_model_lines(builtin_finder):
    names = [item.name.split(" (")[0] for item in ask(builtin_finder, "laptop").ranking.items]
    assert len(set(names)) == len(names)


def test_naming_a_model_line_keeps_its_variants_together(builtin_finder):
    names = [item.name.split(" (")[0] for item in ask(builtin_finder, "acer nitro v 15 laptop").ranking.items]
    assert names.count("Acer Nitro V 15") >= 2


def test_rank_change_since_the_previous_turn(builtin_finder):
    conversation = builtin_finder.conversation()
    first = conversation.say("laptop with 16GB RAM").ranking
    second = conversation.say("under 90k").ranking
    for item in second.items:
        expected = None if item.row not in first.rows else first.rows.index(item.row) + 1 - item.rank
        assert item.rank_change == expected


def test_preference_part_is_honestly_zero_without_history(builtin_finder, session_store):
    """With no model for the catalog, and with one but before the shopper reacted: 0, and the note says why."""
    without_model = Finder(builtin_finder.catalog, store=session_store, learned=False)
    ranking = ask(without_model, "laptop").ranking
    assert all(item.contributions["preference"] == 0 for item in ranking.items)
    assert NO_HISTORY in ranking.notes
    assert builtin_finder.model is not None  # the shipped model trained on simulated shoppers
    ranking = ask(builtin_finder, "laptop").ranking
    assert all(item.contributions["preference"] == 0 for item in ranking.items)
    assert NO_SIGNALS in ranking.notes


def test_negated_words_push_look_alikes_down(builtin_finder):
    vectors = builtin_finder.ranker.vectors
    gaming = (builtin_finder.catalog.table["type"] == "Gaming").to_numpy()
    plain = vectors.similarity("laptop")
    negated = vectors.similarity("laptop", avoid="gaming")
    assert (plain[gaming] - negated[gaming]).mean() > (plain[~gaming] - negated[~gaming]).mean()


def test_a_need_gives_its_value_as_a_tuple_of_values():
    assert Constraint("brand", "in", ["HP", "Dell"]).values == ("HP", "Dell")
    assert Constraint("price", "between", (40_000, 60_000)).values == (40_000, 60_000)
    assert Constraint("ram", ">=", 8).values == (8,) and Constraint("brand", "==", "HP").values == ("HP",)


def test_soft_budget_degrades_with_the_size_of_the_miss(builtin_finder):
    catalog = builtin_finder.catalog
    budget = Constraint("price", "<=", 40_000, unit="INR", tolerance=0.1)
    d = degree(budget, catalog)
    prices = catalog.table["price"].to_numpy()
    near = d[(prices > 41_000) & (prices < 42_500)]
    far = d[(prices > 59_000) & (prices < 61_000)]
    assert near.min() > 0.5 > 0.01 > far.max()
    ram = degree(Constraint("ram", ">=", 16, unit="GB"), catalog)
    rams = catalog.table["ram"].to_numpy()
    assert ram[rams == 12].min() > ram[rams == 4].max()


def test_embeddings_are_cached_per_catalog(session_store, builtin_finder):
    again = Finder(builtin_finder.catalog, store=session_store)
    assert again.ranker.vectors.cache_hit
    other = load_catalog(b"name,price\nAlpha phone,$100\nBeta laptop,$900\n", name="tiny.csv")
    assert not Finder(other, store=session_store).ranker.vectors.cache_hit


# ---- bad input -----------------------------------------------------------------------------------------


def tiny_finder(csv: str, store) -> Finder:
    return Finder(load_catalog(csv.encode(), name="t.csv"), store=store)


def test_a_catalog_with_one_row(session_store):
    finder = tiny_finder("name,price,ram\nSolo Book,₹40000,8 GB\n", session_store)
    ranking = ask(finder, "16gb ram under 30k").ranking
    assert len(ranking.items) == 1 and not ranking.items[0].matches_all and ranking.items[0].violations


def test_all_prices_missing_and_an_all_empty_column(session_store):
    finder = tiny_finder("name,price,weight,ram\nA,,,8 GB\nB,,,16 GB\nC,,,4 GB\n", session_store)
    conversation = finder.conversation()
    first = conversation.say("16gb ram under 40k")
    assert first.state.notes == ["This catalog has no prices, so the budget cannot be checked."]
    turn = conversation.say("under 1.5 kg")
    assert turn.ranking.items and turn.ranking.items[0].name == "B"
    assert turn.state.notes == ["This catalog has nothing measured in kg for 'under 1.5 kg'."]


def test_a_query_that_matches_nothing_still_answers(builtin_finder):
    turn = ask(builtin_finder, "Apple laptop under 10k with 64GB RAM and 240Hz")
    assert turn.ranking.items and turn.ranking.matches == 0 and turn.ranking.proposals


@pytest.mark.parametrize(("top", "expected"), [(0, 0), (10_000, None)])
def test_k_of_zero_or_ten_thousand(builtin_finder, top, expected):
    ranking = ask(builtin_finder, "laptop", top=top).ranking
    assert len(ranking.items) == (expected if expected is not None else len(builtin_finder.catalog))


def test_table_is_not_changed_by_ranking(builtin_finder):
    before = builtin_finder.catalog.table.copy()
    ask(builtin_finder, CLASSIC, "cheaper", "like the second one but lighter")
    pd.testing.assert_frame_equal(before, builtin_finder.catalog.table)


def test_a_card_line_says_what_the_product_has_only_where_it_tells_more(builtin_finder):
    item = ask(builtin_finder, CLASSIC).ranking.items[0]
    lines = {check.need.split()[0]: check.line for check in item.checks}
    assert lines["category"] == "category = Laptop"  # not "category = Laptop: Laptop"
    assert lines["RAM"] == "RAM ≥ 8 GB: 8 GB" and lines["price"] == "price ≤ ₹40,000: ₹40,990"
