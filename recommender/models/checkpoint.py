"""Saving and loading trained networks: safetensors weights plus a JSON config, never pickle."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from safetensors.torch import load_file, save_file

from recommender.models.network import ModelConfig, SequenceRecommender

WEIGHTS = "model.safetensors"
CONFIG = "model.json"
FORMAT = 1


def save(model: SequenceRecommender, name: str, folder: str | Path, meta: dict | None = None) -> Path:
    """Write ``model.safetensors`` and ``model.json`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {key: value.detach().cpu().contiguous() for key, value in model.state_dict().items()}
    save_file(tensors, str(folder / WEIGHTS))
    record = {"format": FORMAT, "model": name, "config": model.config.to_json(), **(meta or {})}
    (folder / CONFIG).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return folder


def load(folder: str | Path) -> tuple[str, SequenceRecommender, dict]:
    """The model name, the network (in eval mode, on the CPU) and the JSON record saved with it."""
    from recommender.models import build  # the registry imports every network; load it only when needed

    folder = Path(folder)
    try:
        record = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
        state = load_file(str(folder / WEIGHTS))
    except FileNotFoundError as exc:
        raise ValueError(f"{folder} is not a saved model: {Path(exc.filename).name} is missing") from None
    except (json.JSONDecodeError, OSError) as exc:
        raise ValueError(f"{folder}: the saved model cannot be read ({exc})") from None
    if record.get("format") != FORMAT:
        raise ValueError(f"{folder}: saved model format {record.get('format')!r}, this version reads {FORMAT}")
    config = ModelConfig(**record["config"])
    content = np.zeros((config.n_items + 1, config.content_dim), dtype=np.float32) if config.content_dim else None
    model = build(record["model"], config, content)
    model.load_state_dict(state)
    model.eval()
    return record["model"], model, record
