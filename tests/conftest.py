"""Shared fixtures: the real catalogs in ../shared (skipped when absent) and an isolated catalog store."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.catalog import CatalogStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_file(relative: str) -> Path:
    """A file from ../shared, or skip the test with the reason when it is not there."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{relative} not found: ../shared is absent on this machine")
    return path


@pytest.fixture
def store(tmp_path: Path) -> CatalogStore:
    return CatalogStore(tmp_path / "catalogs")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's caches out of the real home folder."""
    monkeypatch.setenv("PRODUCT_FINDER_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def session_store(tmp_path_factory: pytest.TempPathFactory) -> CatalogStore:
    """One store for the whole run, so a catalog is embedded once, not once per test."""
    return CatalogStore(tmp_path_factory.mktemp("store") / "catalogs")


@pytest.fixture(scope="session")
def builtin_finder(session_store: CatalogStore):
    from recommender.catalog import BUILTIN_CATALOG, load_catalog
    from recommender.finder import Finder

    return Finder(load_catalog(BUILTIN_CATALOG), store=session_store)


@pytest.fixture
def held_preparation(monkeypatch: pytest.MonkeyPatch):
    """Product texts are not embedded until the test sets the returned event: a preparation in progress."""
    import threading

    from recommender import embeddings

    release = threading.Event()
    real = embeddings.embed_chunk

    def held(texts, batch_size=32):
        assert release.wait(timeout=120), "the test never released the preparation"
        return real(texts, batch_size)

    monkeypatch.setattr(embeddings, "embed_chunk", held)
    yield release
    release.set()
