"""Run by tests/test_models.py under torchrun: train on a tiny log, save this rank's final weights."""

import sys
from pathlib import Path

import torch.distributed as dist
from safetensors.torch import save_file

from recommender.models import build
from recommender.models.data import from_lists, holdout_last
from recommender.models.network import ModelConfig
from recommender.models.trainer import TrainConfig, train


def main(out: str) -> None:
    histories = {f"u{u}": [1 + (u + k) % 12 for k in range(6)] for u in range(64)}
    sequences = from_lists(histories)
    model = build("sasrec", ModelConfig(n_items=sequences.n_items, dim=16, maxlen=8))
    train(
        model, holdout_last(sequences), TrainConfig(epochs=3, batch_size=8, patience=10, device="cpu", progress=False)
    )
    rank = dist.get_rank() if dist.is_initialized() else 0
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(Path(out) / f"rank{rank}.safetensors"))


if __name__ == "__main__":
    main(sys.argv[1])
