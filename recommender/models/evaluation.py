"""The SASRec paper's evaluation: the held-out item against 100 sampled negatives, and against every item."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from recommender.models.data import pad_left, token_runs
from recommender.models.metrics import hit_rate, ndcg, target_ranks
from recommender.models.network import SequenceRecommender
from recommender.models.workers import StepWorkers

K = 10


def sample_negatives(
    exclude: Sequence[np.ndarray], users: np.ndarray, n_items: int, n: int = 100, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` items per user drawn uniformly (with replacement, as in the paper) from items not in ``exclude``.

    Returns the users that could be given negatives (a user who touched every item cannot) and their negatives.
    """
    rng = np.random.default_rng(seed)
    out = rng.integers(1, n_items + 1, size=(len(users), n))
    keep = np.ones(len(users), dtype=bool)
    for row, user in enumerate(users):
        seen = np.unique(exclude[user])
        if len(seen) >= n_items:
            keep[row] = False
            continue
        bad = np.isin(out[row], seen)
        while bad.any():
            out[row, bad] = rng.integers(1, n_items + 1, size=int(bad.sum()))
            bad = np.isin(out[row], seen)
    return users[keep], out[keep]


def evaluate(
    model: SequenceRecommender,
    inputs: Sequence[np.ndarray],
    targets: np.ndarray,
    users: np.ndarray,
    negatives: np.ndarray,
    full: bool = False,
    batch_size: int = 512,
    workers: StepWorkers | None = None,
) -> dict[str, float]:
    """HR@10 and NDCG@10 of each user's target against their sampled negatives (and over all items when ``full``).

    In the full ranking the items already in the user's input are removed from the candidates, as a
    shop would not suggest them again; the target always stays. With ``workers``, runs of users are
    scored on its threads.
    """
    model.eval()
    device = next(model.buffers(), next(model.parameters(), torch.empty(0))).device
    maxlen = model.config.maxlen
    # Users of similar history length share a batch, so little of it is padding.
    lengths = np.minimum([len(inputs[u]) for u in users], maxlen)
    order = np.argsort(lengths, kind="stable")

    @torch.no_grad()  # here, not on evaluate: a worker thread does not inherit the caller's grad mode
    def ranks(run: slice) -> tuple[np.ndarray, np.ndarray | None]:
        picked = order[run]
        batch = users[picked]
        seqs = torch.as_tensor(pad_left([inputs[u] for u in batch], maxlen), device=device)
        candidates = np.concatenate([targets[batch, None], negatives[picked]], axis=1)
        scores = model.score(seqs, torch.as_tensor(candidates, device=device)).float().cpu().numpy()
        if not full:
            return target_ranks(scores), None
        every = model.score_all(seqs).float().cpu().numpy()  # (B, n_items + 1)
        every[:, 0] = -np.inf
        for row, user in enumerate(batch):
            every[row, inputs[user]] = -np.inf
        target = scores[:, 0]
        every[np.arange(len(batch)), targets[batch]] = target
        return target_ranks(scores), (every >= target[:, None]).sum(axis=1) - 1  # ties count against the target

    runs = token_runs(lengths[order], batch_size)
    scored = workers.map(ranks, runs) if workers is not None else [ranks(run) for run in runs]
    sampled = [s for s, _ in scored]
    ranks_of = np.concatenate(sampled) if sampled else np.zeros(0, dtype=np.int64)
    out = {f"HR@{K}": hit_rate(ranks_of, K), f"NDCG@{K}": ndcg(ranks_of, K)}
    if full:
        whole = [w for _, w in scored]
        full_ranks = np.concatenate(whole) if whole else np.zeros(0, dtype=np.int64)
        out[f"full_HR@{K}"] = hit_rate(full_ranks, K)
        out[f"full_NDCG@{K}"] = ndcg(full_ranks, K)
    return out
