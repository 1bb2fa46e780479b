"""The preference model as the rest of the finder uses it: ``fit(sequences) -> self``, ``score(history, items)``.

Item ids here are the caller's (for a catalog: data rows as strings); internal ids stay inside.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path

import numpy as np
import torch

from recommender.models import MODELS, build, checkpoint
from recommender.models.data import Sequences, from_lists, holdout_last, pad_left
from recommender.models.network import ModelConfig
from recommender.models.settings import LogShape, configure
from recommender.models.trainer import TrainConfig, TrainResult, seed_everything, train

log = logging.getLogger(__name__)


class PreferenceModel:
    """A trained sequence recommender over a known set of item ids.

    Parameters
    ----------
    model : one of :data:`recommender.models.MODELS`.
    settings : ModelConfig fields to override (``dim``, ``maxlen``, ...).
    training : how to train, taken as given; by default the registry's training for the model, chosen for
        the log's shape. Either way the network's settings are chosen for the log's shape under ``settings``
        (:func:`recommender.models.settings.configure`, as the benchmark trains).
    content : item content features for the hybrid, one row per item id in the order of ``fit``'s items,
        plus a leading padding row.
    """

    def __init__(
        self,
        model: str = "sasrec",
        settings: dict | None = None,
        training: TrainConfig | None = None,
        content: np.ndarray | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; choose from {', '.join(MODELS)}")
        self.model = model
        self.settings = settings or {}
        self.training = training
        self.content = content

    def fit(self, sequences: Sequences, report: Callable[[dict], None] | None = None) -> PreferenceModel:
        """Train on every history; each history's last item chooses the epoch."""
        unknown = set(self.settings) - {f.name for f in fields(ModelConfig)}
        if unknown:
            raise ValueError(f"unknown model settings {sorted(unknown)}")
        view = holdout_last(sequences)
        given = self.training.to_json() if self.training else None
        setup = configure(self.model, LogShape.of(view), self.settings, given)
        self.training_ = setup.training
        seed_everything(setup.training.seed)  # initial weights too, so a fit repeats exactly
        self.network_ = build(self.model, ModelConfig(n_items=sequences.n_items, **setup.settings), self.content)
        self.result_: TrainResult = train(self.network_, view, setup.training, report)
        self.item_ids_ = list(sequences.item_ids)
        self.index_ = {item: n for n, item in enumerate(self.item_ids_, start=1)}
        self.network_.eval().cpu()
        return self

    def score(self, history: Sequence, items: Sequence) -> np.ndarray:
        """Scores of ``items`` after ``history`` (both in the caller's ids); unknown items score lowest."""
        known = [self.index_.get(str(i), 0) for i in history]
        seqs = torch.as_tensor(
            pad_left([np.asarray([i for i in known if i], dtype=np.int64)], self.network_.config.maxlen)
        )
        candidates = torch.as_tensor([[self.index_.get(str(i), 0) for i in items]], dtype=torch.long)
        scores = self.network_.score(seqs, candidates)[0].numpy().astype(np.float64)
        scores[candidates[0].numpy() == 0] = -np.inf
        return scores

    def save(self, folder: str | Path, meta: dict | None = None) -> Path:
        extra = {"item_ids": self.item_ids_, "train": self.training_.to_json(), **(meta or {})}
        extra["result"] = {k: v for k, v in vars(self.result_).items() if k != "history"}
        return checkpoint.save(self.network_, self.model, folder, extra)

    @classmethod
    def load(cls, folder: str | Path) -> PreferenceModel:
        name, network, record = checkpoint.load(folder)
        ids = record.get("item_ids")
        if not isinstance(ids, list) or len(ids) != network.config.n_items:
            raise ValueError(f"{folder}: the saved item ids do not match the network's {network.config.n_items} items")
        self = cls(name)
        self.network_ = network
        self.item_ids_ = [str(i) for i in ids]
        self.index_ = {item: n for n, item in enumerate(self.item_ids_, start=1)}
        self.record_ = record
        return self


# ---- a catalog's preference model ---------------------------------------------------------------------

#: Models shipped with the code (trained on simulated shoppers), one folder per catalog.
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "models"


def catalog_model_folder(content_hash: str, home: Path | None = None) -> Path:
    """Where the model trained for a catalog (by content hash) is kept."""
    from recommender.home import default_home

    return (home or default_home()) / "models" / content_hash


def trained_model_stamp(content_hash: str, home: Path | None = None) -> str:
    """A text that changes whenever a model is trained for the catalog (the nanosecond mtime of its saved
    record), ``""`` while it has none: a cache key, so a finder built before the training is not reused."""
    try:
        return str((catalog_model_folder(content_hash, home) / checkpoint.CONFIG).stat().st_mtime_ns)
    except FileNotFoundError:  # none trained yet, or a new one being renamed into place this instant
        return ""


def active_model(content_hash: str, home: Path | None = None) -> PreferenceModel | None:
    """The catalog's own trained model if there is one, else a shipped one made for the same file, else None."""
    candidates = [catalog_model_folder(content_hash, home)]
    if SHIPPED.is_dir():
        candidates += sorted(p for p in SHIPPED.iterdir() if p.is_dir())
    for folder in candidates:
        record = folder / checkpoint.CONFIG
        if not record.is_file():
            continue
        try:
            if checkpoint.read_record(folder).get("catalog") != content_hash:
                continue
            return PreferenceModel.load(folder)
        except ValueError as exc:  # a damaged model is skipped: the finder works without one
            log.warning("skipped a preference model that cannot be used: %s", exc)
    return None


def rows_as_sequences(histories: dict[str, list[int]], n_rows: int) -> Sequences:
    """Session histories of catalog rows -> sequences whose item ids are every row of the catalog."""
    return from_lists(
        {user: [str(r) for r in rows] for user, rows in histories.items()}, [str(r) for r in range(n_rows)]
    )


def scorer(model: PreferenceModel) -> Callable[[Sequence[int], np.ndarray], np.ndarray]:
    """The ranker's preference part: scores of catalog rows after a session's rows, as percentiles in [0, 1]."""

    def score(history: Sequence[int], rows: np.ndarray) -> np.ndarray:
        raw = model.score([str(r) for r in history], [str(r) for r in rows])
        order = np.argsort(np.argsort(np.nan_to_num(raw, neginf=-1e30), kind="stable"), kind="stable")
        return order / max(1, len(rows) - 1)

    return score
