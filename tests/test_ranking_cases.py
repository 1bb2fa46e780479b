"""End-to-end ranking cases (tests/ranking_cases): precision@5 over conversations, target >= 0.95."""

from benchmarks.parser import CATALOGS
from benchmarks.ranking import check_case, load_cases
from recommender.catalog import load_catalog
from recommender.finder import Finder


def test_precision_at_5(session_store):
    finders: dict[str, Finder] = {}
    scores, misses = [], []
    for case in load_cases():
        if case["catalog"] not in finders:
            finders[case["catalog"]] = Finder(load_catalog(CATALOGS[case["catalog"]]), store=session_store)
        score, reason = check_case(case, finders[case["catalog"]])
        scores.append(score)
        if score < 1:
            misses.append((case["id"], reason))
    assert len(scores) >= 25
    assert sum(scores) / len(scores) >= 0.95, misses
