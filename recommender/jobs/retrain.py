"""Retraining: a catalog's interactions (event store or uploaded CSV) -> its active preference model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recommender.catalog import Catalog, CatalogStore
from recommender.errors import DatasetError
from recommender.events.interactions import read_interactions_csv
from recommender.events.store import EventStoreError, read_events, wanted
from recommender.models.preference import PreferenceModel, catalog_model_folder, rows_as_sequences
from recommender.models.trainer import TrainConfig
from recommender.ranking.features import content_features
from recommender.ranking.semantic import CatalogVectors

#: The model a catalog gets by default: self-attention with content, so products nobody touched yet
#: still get a sensible score.
DEFAULT_MODEL = "hybrid"
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Histories:
    """Per session (or user), the catalog rows they wanted, in order; and what reading them noticed."""

    sequences: dict[str, list[int]]
    warnings: tuple[str, ...] = ()

    @property
    def events(self) -> int:
        return sum(len(rows) for rows in self.sequences.values())


def read_histories(source: str | Path, catalog: Catalog) -> Histories:
    """From an event database (SQLite, only read: never changed) or an interaction CSV
    (``user_id,item_id,timestamp[,event]``)."""
    path = Path(source)
    if not path.is_file():
        raise DatasetError(f"{path}: no such file; give the event database or an interaction CSV")
    with path.open("rb") as handle:
        is_sqlite = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    if is_sqlite:
        try:
            events, warnings = read_events(path, catalog.content_hash)
        except EventStoreError as exc:
            raise DatasetError(str(exc)) from None
        return Histories(wanted(events), warnings)
    try:
        read = read_interactions_csv(path, len(catalog))
    except ValueError as exc:
        raise DatasetError(str(exc)) from None
    return Histories(read.sequences, tuple(read.warnings))


def catalog_training(time_budget: float | None = None, progress: bool = True) -> TrainConfig:
    """How a catalog's own model trains: its logs are small, so short epochs and little patience."""
    return TrainConfig(epochs=60, patience=6, batch_size=64, lr=2e-3, time_budget=time_budget, progress=progress)


def catalog_content(
    catalog: Catalog, store: CatalogStore | None = None, progress: Callable[[int, int], None] | None = None
) -> np.ndarray:
    """Content features per internal item id (row + 1), with the padding row 0 first."""
    vectors = CatalogVectors(catalog, store, progress)
    features = content_features(catalog, vectors.vectors.astype(np.float32)[vectors.row_text])
    return np.vstack([np.zeros((1, features.shape[1]), dtype=np.float32), features])


def train_for_catalog(
    catalog: Catalog,
    histories: Histories,
    *,
    model: str = DEFAULT_MODEL,
    training: TrainConfig | None = None,
    store: CatalogStore | None = None,
    out: Path | None = None,
    trained_on: str = "",
    report: Callable[[dict], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[PreferenceModel, Path]:
    """Train ``model`` on ``histories`` and save it as the catalog's active model (or into ``out``)."""
    kept = {user: rows for user, rows in histories.sequences.items() if rows}
    if not any(len(rows) >= 2 for rows in kept.values()):
        raise DatasetError("no session wanted two or more products, so there is no sequence to learn from")
    content = catalog_content(catalog, store, progress) if model == "hybrid" else None
    training = training or catalog_training()
    fitted = PreferenceModel(model, training=training, content=content).fit(
        rows_as_sequences(kept, len(catalog)), report=report
    )
    folder = out or catalog_model_folder(catalog.content_hash)
    fitted.save(
        folder,
        {"catalog": catalog.content_hash, "trained_on": trained_on, "sessions": len(kept), "events": histories.events},
    )
    return fitted, folder
