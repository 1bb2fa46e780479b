"""Saving and loading trained networks: safetensors weights plus a JSON config, never pickle.

A model is written whole into a new folder next to its place and then renamed into it, so a save that
crashes half-way leaves the model saved before untouched. Loading a folder that is not a sound model raises
``ValueError`` naming what is wrong, whatever the damage.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path

import numpy as np
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from recommender.models.network import ModelConfig, SequenceRecommender

WEIGHTS = "model.safetensors"
CONFIG = "model.json"
FORMAT = 1


def save(model: SequenceRecommender, name: str, folder: str | Path, meta: dict | None = None) -> Path:
    """Write ``model.safetensors`` and ``model.json`` as ``folder``, replacing the model saved there before."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file; give a folder to save the model into")
    if folder.is_dir():
        others = sorted(p.name for p in folder.iterdir() if p.name not in (WEIGHTS, CONFIG))
        if others:  # replacing the folder would delete them
            raise ValueError(
                f"{folder} holds other files than a saved model ({', '.join(others[:3])}); "
                "save into a new or empty folder"
            )
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(f".{folder.name}.saving-{secrets.token_hex(4)}")
    staging.mkdir()
    try:
        tensors = {key: value.detach().cpu().contiguous() for key, value in model.state_dict().items()}
        save_file(tensors, str(staging / WEIGHTS))
        record = {"format": FORMAT, "model": name, "config": model.config.to_json(), **(meta or {})}
        (staging / CONFIG).write_text(json.dumps(record, indent=1), encoding="utf-8")
        for file in (WEIGHTS, CONFIG):  # on disk before the rename makes them the model
            _fsync(staging / file)
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def read_record(folder: str | Path) -> dict:
    """The JSON record saved with a model (its name, config and what the caller added)."""
    path = Path(folder) / CONFIG
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path.parent} is not a saved model: {CONFIG} is missing") from None
    except (OSError, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
        raise ValueError(f"{path}: the saved model cannot be read ({exc}); train it again") from None
    if not isinstance(record, dict) or not isinstance(record.get("config"), dict):
        raise ValueError(f"{path} is not a saved model's record (no object with a config); train it again")
    if record.get("format") != FORMAT:
        raise ValueError(f"{path.parent}: saved model format {record.get('format')!r}, this version reads {FORMAT}")
    return record


def load(folder: str | Path) -> tuple[str, SequenceRecommender, dict]:
    """The model name, the network (in eval mode, on the CPU) and the JSON record saved with it."""
    from recommender.models import build  # the registry imports every network; load it only when needed

    folder = Path(folder)
    record = read_record(folder)
    try:
        state = load_file(str(folder / WEIGHTS))
        config = ModelConfig(**record["config"])
        content = np.zeros((config.n_items + 1, config.content_dim), dtype=np.float32) if config.content_dim else None
        model = build(record["model"], config, content)
        model.load_state_dict(state)
    except FileNotFoundError:
        raise ValueError(f"{folder} is not a saved model: {WEIGHTS} is missing") from None
    # What damaged weights or a config that does not fit them make safetensors, the config or torch raise:
    except (SafetensorError, OSError, KeyError, TypeError, ValueError, RuntimeError) as exc:
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise ValueError(f"{folder}: the saved model cannot be read ({detail}); train it again") from None
    model.eval()
    return record["model"], model, record


def _swap_in(new: Path, folder: Path) -> None:
    """Put the folder ``new`` in ``folder``'s place: the old one is renamed away, the new one in, and the old
    one removed; a reader finds the old model or the new one, never a mix (between the two renames, none)."""
    old = new.with_name(new.name.replace(".saving-", ".old-"))
    replacing = folder.exists()
    if replacing:
        os.replace(folder, old)
    try:
        os.replace(new, folder)
    except BaseException:
        if replacing:
            os.replace(old, folder)
        raise
    if replacing:
        shutil.rmtree(old, ignore_errors=True)


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
