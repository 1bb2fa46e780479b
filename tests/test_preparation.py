"""Preparing a catalog for matching by meaning: shipped vectors for the built-in catalog, one shared
background job per catalog, resuming after a crash, and a chat that works while it runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recommender import embeddings
from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.finder import Finder
from recommender.ranking import semantic
from recommender.ranking.preparation import VectorJob, load_vectors
from recommender.ranking.semantic import (
    CatalogVectors,
    product_texts,
    recipe_key,
    shipped_path,
    vectors_folder,
)


def _texts(catalog) -> list[str]:
    return [str(t) for t in pd.unique(product_texts(catalog))]


def test_the_built_in_catalog_ships_its_vectors_for_its_recipe(monkeypatch):
    catalog = load_catalog(BUILTIN_CATALOG)
    texts = _texts(catalog)
    shipped = load_vectors(shipped_path(catalog, recipe_key(texts)), len(texts))
    assert shipped is not None, "rebuild with: python -m recommender prepare data/products.csv --ship"
    # they are this recipe's vectors: a few texts embedded afresh point the same way
    sample = [0, len(texts) // 2, len(texts) - 1]
    fresh = embeddings.embed([texts[i] for i in sample])
    assert np.all(np.sum(fresh * shipped[sample].astype(np.float32), axis=1) > 0.99)
    # a changed recipe has another key, so stale vectors are never read
    monkeypatch.setattr(semantic, "TEXT_VERSION", semantic.TEXT_VERSION + "-changed")
    assert load_vectors(shipped_path(catalog, recipe_key(texts)), len(texts)) is None


def test_a_fresh_start_on_the_built_in_catalog_embeds_nothing(store, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the built-in catalog's product texts were embedded on a fresh start")

    monkeypatch.setattr(embeddings, "embed_chunk", refuse)
    vectors = CatalogVectors(load_catalog(BUILTIN_CATALOG), store)
    assert vectors.ready and vectors.cache_hit


def test_the_built_in_catalog_resaved_with_new_prices_embeds_nothing(tmp_path, store, monkeypatch):
    raw = load_catalog(BUILTIN_CATALOG).raw.copy()
    price = load_catalog(BUILTIN_CATALOG).schema.price_column
    raw[price] = [f"₹{40000 + 7 * i:,}" for i in range(len(raw))]
    path = tmp_path / "products-repriced.csv"
    raw.to_csv(path, index=False)
    catalog = load_catalog(path)
    assert catalog.content_hash != load_catalog(BUILTIN_CATALOG).content_hash

    def refuse(*args, **kwargs):
        raise AssertionError("identical product texts were embedded again")

    monkeypatch.setattr(embeddings, "embed_chunk", refuse)
    assert CatalogVectors(catalog, store).ready


def test_an_uploaded_catalog_uploaded_again_with_new_prices_reuses_its_vectors(tmp_path, store, monkeypatch):
    first = _small_catalog(tmp_path)
    CatalogVectors(first, store)
    raw = first.raw.copy()
    raw["price"] = raw["price"].astype(float) * 1.1
    path = tmp_path / "widgets-v2.csv"
    raw.to_csv(path, index=False)
    monkeypatch.setattr(embeddings, "embed_chunk", lambda *a, **k: pytest.fail("re-embedded the same texts"))
    assert CatalogVectors(load_catalog(path), store).ready


def _small_catalog(tmp_path, n: int = 18):
    rows = [{"name": f"Widget {i} for {['kitchen', 'garden', 'office'][i % 3]}", "price": 10 + i} for i in range(n)]
    path = tmp_path / "widgets.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return load_catalog(path)


def test_two_sessions_asking_for_one_catalog_share_one_job(tmp_path, store):
    catalog = _small_catalog(tmp_path)
    texts = _texts(catalog)
    folder = vectors_folder(store)
    first = VectorJob.shared(texts, recipe_key(texts), folder)
    second = VectorJob.shared(list(texts), recipe_key(texts), folder)
    assert first is second


def test_a_job_killed_half_way_resumes_to_the_same_vectors(tmp_path):
    catalog = _small_catalog(tmp_path)
    texts = _texts(catalog)
    key = recipe_key(texts)

    class Killed(Exception):
        pass

    def kill_after_two_chunks(done, total):
        if done >= 8:
            raise Killed

    interrupted = VectorJob(texts, key, tmp_path / "a", chunk=4)
    with pytest.raises(Killed):
        interrupted.run(kill_after_two_chunks)
    status = VectorJob(texts, key, tmp_path / "a", chunk=4).status()
    assert status.done == 8 and status.total == len(texts) and not status.finished  # survives a restart
    resumed = VectorJob(texts, key, tmp_path / "a", chunk=4).run()
    whole = VectorJob(texts, key, tmp_path / "b", chunk=4).run()
    assert np.array_equal(resumed, whole)
    assert not list((tmp_path / "a").glob("*.part*.npy"))  # the pieces are gone once the whole is saved


def test_the_chat_works_while_the_catalog_is_prepared_and_says_so(tmp_path, store, held_preparation):
    catalog = _small_catalog(tmp_path)
    finder = Finder(catalog, store=store, learned=False, wait=False)
    turn = finder.conversation().say("widget under 15")
    assert turn.ranking.items and all(item.price <= 15 for item in turn.ranking.items if item.matches_all)
    assert any("still being prepared" in note for note in turn.ranking.notes)
    held_preparation.set()
    finder.ranker.vectors.job._thread.join(timeout=120)
    later = finder.conversation().say("something for the garden")
    assert not any("still being prepared" in note for note in later.ranking.notes)
    assert later.ranking.items[0].contributions["semantic"] > 0
