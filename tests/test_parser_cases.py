"""The parser on the labelled shopper turns of tests/parser_cases (cases on ../shared catalogs skip
without it). Targets from the issue: constraint F1 >= 0.95 and per-turn exact match >= 0.85."""

import pytest

from benchmarks.parser import SETS, evaluate, load_cases


@pytest.mark.parametrize("set_name", sorted(SETS))
def test_parser_meets_its_targets(set_name):
    labelled = load_cases(SETS[set_name], present_only=False)
    assert sum(len(case["turns"]) for case in labelled) >= 100  # turns labelled, wherever the suite runs
    cases = load_cases(SETS[set_name])  # those it can be run on here: some catalogs are in ../shared
    if not cases:
        pytest.skip(f"no {set_name} cases whose catalog is present")
    score = evaluate(cases)["all"]
    assert score.f1 >= 0.95, score.errors[:5]
    assert score.exact / score.turns >= 0.85, score.errors[:5]
