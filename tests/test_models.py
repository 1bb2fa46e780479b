"""Preference models: known answers on tiny sequences, metrics by hand, batch = single, save/load, bad input."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import load_file
from torch.nn import functional as F

from recommender.cli import main
from recommender.errors import DatasetError
from recommender.models import MODELS, benchmark, build, coldstart, search, softmax
from recommender.models.data import from_lists, leave_one_out, pad_left, read_sequences, token_runs
from recommender.models.dropout import Dropout
from recommender.models.evaluation import evaluate, sample_negatives
from recommender.models.metrics import hit_rate, ndcg, target_ranks
from recommender.models.network import ModelConfig
from recommender.models.preference import PreferenceModel
from recommender.models.settings import LogShape, Setup, choose
from recommender.models.softmax import cross_entropy_all
from recommender.models.threads import on_one_thread
from recommender.models.trainer import TrainConfig, TrainResult
from recommender.models.workers import StepWorkers, worker_count

SEQUENCE_MODELS = [name for name in MODELS if name not in ("popularity", "hybrid")]
TINY = {"dim": 16, "maxlen": 8, "dropout": 0.0, "negatives": 32, "window": 3, "horizontal": 4, "vertical": 2}


def cyclic_log(groups: int = 4, size: int = 6, users_per_group: int = 24) -> dict[str, list[int]]:
    """Users walk through their group's items in a fixed cycle from different starts: the next item is known."""
    log = {}
    for g in range(groups):
        items = [g * size + k + 1 for k in range(size)]
        for u in range(users_per_group):
            start = u % size
            log[f"g{g}u{u}"] = [items[(start + k) % size] for k in range(size)]
    return log


def fitted(name: str, log: dict, content: np.ndarray | None = None) -> PreferenceModel:
    training = TrainConfig(epochs=60, batch_size=16, lr=0.01, patience=60, seed=3, progress=False, device="cpu")
    return PreferenceModel(name, settings=TINY, training=training, content=content).fit(from_lists(log))


# -- metrics ------------------------------------------------------------------------------------------


def test_metrics_match_hand_computed_values():
    ranks = np.array([0, 1, 9, 10, 50])
    assert hit_rate(ranks) == pytest.approx(3 / 5)
    assert ndcg(ranks) == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(11)) / 5)
    assert ndcg(np.array([0, 2]), k=2) == pytest.approx(0.5)


def test_ties_count_against_the_target():
    scores = np.array([[0.5, 0.5, 0.1], [0.9, 0.5, 0.1], [0.1, 0.2, 0.3]])
    assert target_ranks(scores).tolist() == [1, 0, 2]


def test_cheap_dropout_keeps_the_expectation_and_is_seeded():
    x = torch.ones(200, 50, 64)
    drop = Dropout(0.3)
    torch.manual_seed(0)
    first = drop(x)
    kept = (first > 0).float().mean().item()
    assert kept == pytest.approx(1 - 77 / 256, abs=0.01)  # p rounds to 77/256
    assert first.mean().item() == pytest.approx(1.0, abs=0.01)
    torch.manual_seed(0)
    assert torch.equal(drop(x), first)
    assert torch.equal(drop.eval()(x), x)
    with pytest.raises(ValueError, match="dropout"):
        Dropout(1.0)


@pytest.mark.parametrize("rows", [1, 6, 7], ids=["one row", "whole blocks", "blocks and a remainder"])
def test_the_blockwise_full_softmax_has_the_loss_and_gradients_of_plain_cross_entropy(rows, monkeypatch):
    monkeypatch.setattr(softmax, "ROWS", 3)
    torch.manual_seed(0)
    hidden, table = torch.randn(rows, 8, dtype=torch.float64), torch.randn(50, 8, dtype=torch.float64)
    bias, weights = torch.randn(50, dtype=torch.float64), torch.rand(rows, dtype=torch.float64)
    targets = torch.randint(0, 50, (rows,))

    def loss_and_gradients(loss_fn):
        inputs = [t.clone().requires_grad_() for t in (hidden, table, bias)]
        loss = loss_fn(*inputs)
        return [loss.detach(), *torch.autograd.grad(2 * loss, inputs)]

    blockwise = loss_and_gradients(lambda h, w, b: cross_entropy_all(h, w, b, targets, weights))
    losses = lambda h, w, b: F.cross_entropy(h @ w.T + b, targets, reduction="none")  # noqa: E731
    plain = loss_and_gradients(lambda h, w, b: (losses(h, w, b) * weights).sum() / weights.sum())
    for mine, reference in zip(blockwise, plain, strict=True):
        torch.testing.assert_close(mine, reference, rtol=1e-12, atol=1e-12)
    with torch.no_grad():  # scoring without gradients gives the same loss
        torch.testing.assert_close(cross_entropy_all(hidden, table, bias, targets, weights), plain[0])


def _outputs_and_gradients(net: torch.nn.Module, encode, seqs: torch.Tensor) -> list[torch.Tensor]:
    out = encode(seqs)
    return [
        out.detach(),
        *torch.autograd.grad(
            (out * torch.linspace(-1, 1, out.numel()).view_as(out)).sum(),
            list(net.parameters()),
            allow_unused=True,
            materialize_grads=True,
        ),
    ]


def _histories() -> torch.Tensor:
    """Left-padded histories of every length from empty to full, ids 1..30."""
    torch.manual_seed(0)
    seqs = torch.randint(1, 31, (13, 12), dtype=torch.int64)
    return seqs * (torch.arange(12)[None, :] >= torch.arange(13)[:, None] - 1)


def test_caser_along_the_history_computes_what_its_per_window_convolutions_compute():
    net = build("caser", ModelConfig(n_items=30, **{**TINY, "maxlen": 12, "window": 4})).double()

    def per_window(seqs):  # the paper's layers, applied to each position's window of W items
        b, length = seqs.shape
        w, d = net.config.window, net.config.dim
        x = net.items(F.pad(seqs, (w - 1, 0)).unfold(1, w, 1)).reshape(b * length, 1, w, d)
        pooled = [F.relu(conv(x)).squeeze(3).amax(dim=2) for conv in net.horizontal]
        z = torch.cat([*pooled, net.vertical(x).reshape(b * length, -1)], dim=1)
        return F.relu(net.project(z)).reshape(b, length, d)

    seqs = _histories()
    for mine, reference in zip(
        _outputs_and_gradients(net, net.encode, seqs), _outputs_and_gradients(net, per_window, seqs), strict=True
    ):
        torch.testing.assert_close(mine, reference, rtol=1e-12, atol=1e-12)


def test_sasrec_scores_a_history_from_its_last_position_alone_as_from_the_whole_pass():
    net = build("sasrec", ModelConfig(n_items=30, **{**TINY, "maxlen": 12, "heads": 2})).double().eval()
    seqs = _histories()
    torch.testing.assert_close(net.last_state(seqs), net.encode(seqs)[:, -1], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["gru4rec", "lstm"])
def test_a_recurrent_network_unpacked_computes_what_it_computes_on_packed_histories(name):
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    net = build(name, ModelConfig(n_items=30, **{**TINY, "maxlen": 12})).double()

    def packed(seqs):  # each history stepped through alone, no padding seen by the cell
        length = seqs.shape[1]
        lengths = (seqs > 0).sum(dim=1).clamp(min=1)
        right = seqs.gather(1, (torch.arange(length)[None, :] + (length - lengths)[:, None]) % length)
        x = pack_padded_sequence(net.items(right), lengths, batch_first=True, enforce_sorted=False)
        out = pad_packed_sequence(net.rnn(x)[0], batch_first=True, total_length=length)[0]
        back = (torch.arange(length)[None, :] - (length - lengths)[:, None]) % length
        return net.norm(out.gather(1, back.unsqueeze(-1).expand(-1, -1, out.shape[-1])))

    seqs = _histories()
    for mine, reference in zip(
        _outputs_and_gradients(net, net.encode, seqs), _outputs_and_gradients(net, packed, seqs), strict=True
    ):
        torch.testing.assert_close(mine, reference, rtol=1e-12, atol=1e-12)


class _ThreadProbe(torch.autograd.Function):
    """Identity that notes how many intra-op threads its forward and backward passes ran on."""

    @staticmethod
    def forward(ctx, x, seen):
        ctx.seen = seen
        seen.append(("forward", torch.get_num_threads()))
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        ctx.seen.append(("backward", torch.get_num_threads()))
        return grad, None


@pytest.fixture
def two_threads():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)


def test_work_too_small_to_share_runs_on_one_thread_and_every_thread_comes_back(two_threads):
    seen = []
    x = torch.randn(3, requires_grad=True)
    y = on_one_thread(lambda t: _ThreadProbe.apply(t, seen), x * 2)
    assert seen == [("forward", 1)] and torch.get_num_threads() == 2
    y.sum().backward()
    assert seen == [("forward", 1), ("backward", 1)] and torch.get_num_threads() == 2
    torch.testing.assert_close(x.grad, torch.full((3,), 2.0))
    # A backward pass that asks for the function's own weight alone never reaches its input.
    weight = torch.randn(3, requires_grad=True)
    y = on_one_thread(lambda t: _ThreadProbe.apply(t * weight, seen), x * 2)
    (grad,) = torch.autograd.grad(y.sum(), [weight])
    assert seen[-1] == ("backward", 1) and torch.get_num_threads() == 2
    torch.testing.assert_close(grad, x.detach() * 2)


@pytest.mark.parametrize("name", ["gru4rec", "lstm"])
def test_a_recurrent_network_steps_on_one_thread_and_trains_on_every_thread(name, two_threads):
    net = build(name, ModelConfig(n_items=30, **{**TINY, "maxlen": 12}))
    seen = []
    net.rnn.register_forward_pre_hook(lambda *_: seen.append(("forward", torch.get_num_threads())))
    net.rnn.register_full_backward_hook(lambda *_: seen.append(("backward", torch.get_num_threads())))
    seqs = _histories()
    net(seqs, seqs.roll(-1, dims=1) * (seqs > 0)).backward()
    assert seen == [("forward", 1), ("backward", 1)] and torch.get_num_threads() == 2
    assert all(p.grad is not None for p in net.rnn.parameters())


@pytest.mark.parametrize("name", ["caser", "gru4rec", "lstm", "sasrec"])
def test_a_step_split_over_worker_threads_has_the_whole_batchs_loss_and_gradients(name):
    settings = {**TINY, "maxlen": 12, "negatives": 0, "recency": 0.8}  # nothing random: full softmax, no dropout
    net = build(name, ModelConfig(n_items=30, **settings)).double()
    seqs = _histories()[1:]  # every history has a target
    targets = seqs.roll(-1, dims=1) * (seqs > 0) * (seqs.roll(-1, dims=1) > 0)
    whole = net(seqs, targets)
    whole.backward()
    expected = {n: p.grad.clone() for n, p in net.named_parameters()}
    net.zero_grad(set_to_none=True)
    with StepWorkers(3) as workers:
        loss = workers.backward(net, net, seqs, targets)
    assert loss == pytest.approx(whole.item(), rel=1e-12)
    for n, p in net.named_parameters():
        torch.testing.assert_close(p.grad, expected[n], rtol=1e-12, atol=1e-12, msg=n)


def test_a_worker_per_core_unless_idle_threads_spin(monkeypatch, two_threads):
    monkeypatch.setenv("OMP_WAIT_POLICY", "PASSIVE")
    assert worker_count(torch.device("cpu")) == 2 and worker_count(torch.device("cuda")) == 1
    monkeypatch.setenv("OMP_WAIT_POLICY", "active")
    assert worker_count(torch.device("cpu")) == 1


def test_scoring_on_worker_threads_gives_the_same_figures(two_threads):
    view, test = leave_one_out(from_lists(cyclic_log()))
    net = build("sasrec", ModelConfig(n_items=view.n_items, **TINY))
    users, negatives = sample_negatives(view.train, test.users, view.n_items, 20, seed=1)
    args = (net, view.train, test.test, users, negatives)
    with StepWorkers(2) as workers:
        assert evaluate(*args, full=True, batch_size=7, workers=workers) == evaluate(*args, full=True, batch_size=7)


def test_training_on_worker_threads_gives_the_same_weights_from_the_same_seed(two_threads):
    settings = {**TINY, "dropout": 0.3, "item_swap": 0.2}  # dropout masks, swaps and sampled negatives
    training = TrainConfig(epochs=3, batch_size=16, patience=3, seed=5, progress=False, device="cpu")
    weights = []
    for _ in range(2):
        model = PreferenceModel("sasrec", settings=settings, training=training).fit(from_lists(cyclic_log()))
        weights.append(model.network_.state_dict())
        assert torch.get_num_threads() == 2
    for key, value in weights[0].items():
        torch.testing.assert_close(weights[1][key], value, rtol=0, atol=0, msg=key)


# -- known answers --------------------------------------------------------------------------------------


def test_recency_weighs_the_loss_towards_the_end_of_each_history():
    seqs = torch.tensor([[0, 1, 2, 3], [4, 5, 6, 7]])
    targets = torch.tensor([[0, 2, 3, 4], [5, 6, 7, 8]])  # left-padded: every history ends in the last column
    last_only = torch.zeros_like(targets)
    last_only[:, -1] = targets[:, -1]

    def loss(recency: float, targets: torch.Tensor) -> float:
        torch.manual_seed(0)  # the same sampled negatives for each call
        return build("sasrec", ModelConfig(n_items=10, **{**TINY, "recency": recency}))(seqs, targets).item()

    net = build("sasrec", ModelConfig(n_items=10, **{**TINY, "recency": 0.5}))
    assert net.recency_weights(targets)[0].tolist() == [0.125, 0.25, 0.5, 1.0]
    assert loss(1e-9, targets) == pytest.approx(loss(1.0, last_only), rel=1e-6)
    assert loss(1.0, targets) != pytest.approx(loss(1.0, last_only), rel=1e-3)


@pytest.mark.parametrize("name", SEQUENCE_MODELS)
def test_every_sequence_model_ranks_the_deterministic_next_item_first(name):
    log = cyclic_log()
    model = fitted(name, log)
    for g in range(4):
        items = [g * 6 + k + 1 for k in range(6)]
        history = items[:5] if name == "bpr" else items[1:5]  # BPR ignores order: give it all but the answer
        answer = items[5]
        candidates = [i for i in range(1, 25) if i not in history]
        scores = model.score(history, candidates)
        assert candidates[int(np.argmax(scores))] == answer, (name, g)


@pytest.mark.parametrize("loss", [{"negatives": 0}, {"loss": "gbce"}], ids=["full softmax", "gbce"])
def test_sasrec_learns_the_next_item_with_every_loss(loss):
    log = cyclic_log()
    training = TrainConfig(epochs=60, batch_size=16, lr=0.01, patience=60, seed=3, progress=False, device="cpu")
    model = PreferenceModel("sasrec", settings={**TINY, **loss}, training=training).fit(from_lists(log))
    for g in range(4):
        items = [g * 6 + k + 1 for k in range(6)]
        candidates = [i for i in range(1, 25) if i not in items[1:5]]
        assert candidates[int(np.argmax(model.score(items[1:5], candidates)))] == items[5], (loss, g)


def test_popularity_ranks_the_most_frequent_item_first():
    log = {f"u{u}": [7, 1 + u % 5, 7, 2] for u in range(20)}
    model = fitted("popularity", log)
    scores = model.score([], list(range(1, 8)))
    assert int(np.argmax(scores)) + 1 == 7


def test_hybrid_scores_a_cold_item_by_its_content():
    """Item 25 never occurs in training, but its content equals item 6's: it follows item 5 like item 6 does."""
    log = cyclic_log()
    item_ids = list(range(1, 26))
    rng = np.random.default_rng(0)
    content = np.vstack([np.zeros(8), rng.normal(size=(24, 8)), np.zeros(8)]).astype(np.float32)
    content[25] = content[6]
    model = PreferenceModel(
        "hybrid",
        settings={**TINY, "id_dropout": 0.5},
        training=TrainConfig(epochs=60, batch_size=16, lr=0.01, patience=60, seed=3, progress=False),
        content=content,
    ).fit(from_lists(log, item_ids=item_ids))
    scores = model.score([2, 3, 4, 5], [1, 7, 13, 19, 25])
    assert int(np.argmax(scores)) == 4


# -- contract ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(MODELS))
def test_batch_scores_equal_one_by_one_scores(name):
    torch.manual_seed(0)
    content = np.random.default_rng(1).normal(size=(11, 5)).astype(np.float32) if name == "hybrid" else None
    model = build(name, ModelConfig(n_items=10, **TINY), content)
    histories = [np.array([3, 4, 5]), np.array([7]), np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])]
    model.prepare(histories, 10)
    model.eval()
    candidates = torch.arange(1, 11)
    together = model.score(torch.as_tensor(pad_left(histories, 8)), candidates.expand(3, -1))
    alone = torch.cat([model.score(torch.as_tensor(pad_left([h], 8)), candidates[None]) for h in histories])
    torch.testing.assert_close(together, alone, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("name", ["popularity", "caser", "sasrec", "hybrid"])
def test_saved_and_loaded_model_scores_identically(name, tmp_path):
    content = np.random.default_rng(1).normal(size=(25, 4)).astype(np.float32) if name == "hybrid" else None
    log = cyclic_log()
    training = TrainConfig(epochs=2, batch_size=16, progress=False)
    model = PreferenceModel(name, settings=TINY, training=training, content=content).fit(from_lists(log))
    model.save(tmp_path / name)
    assert not list((tmp_path / name).glob("*.pt")) and not list((tmp_path / name).glob("*.pkl"))
    again = PreferenceModel.load(tmp_path / name)
    for history in ([1, 2, 3], [8], []):
        np.testing.assert_array_equal(model.score(history, range(1, 25)), again.score(history, range(1, 25)))


def test_unknown_items_score_lowest():
    model = fitted("gru4rec", cyclic_log())
    scores = model.score([1, 2, 999], [3, 12345])
    assert scores[1] == -np.inf and np.isfinite(scores[0])


# -- protocol -----------------------------------------------------------------------------------------------


def write_log(path: Path, log: dict[str, list[int]]) -> Path:
    path.write_text("".join(f"{u} {i}\n" for u, items in enumerate(log.values(), 1) for i in items))
    return path


def test_leave_one_out_follows_the_paper():
    sequences = from_lists({"a": [1, 2, 3, 4], "b": [5, 6], "c": [7, 8, 9]})
    view, test = leave_one_out(sequences)
    assert [t.tolist() for t in view.train] == [[1, 2], [5, 6], [7]]
    assert view.valid.tolist() == [3, 0, 8] and test.test.tolist() == [4, 0, 9]


def test_scoring_runs_cover_every_history_once_within_the_position_budget():
    lengths = np.array([1, 2, 2, 3, 50, 60, 200, 200])
    runs = token_runs(lengths, most=3, tokens=120)
    assert [(r.start, r.stop) for r in runs] == [(0, 3), (3, 5), (5, 6), (6, 7), (7, 8)]  # a 200 runs alone
    assert all(r.stop - r.start == 1 or (r.stop - r.start) * lengths[r.stop - 1] <= 120 for r in runs)


def test_test_items_cannot_change_training_or_model_choice(tmp_path):
    """Two logs differing only in each user's last item train and choose identically."""
    log = cyclic_log(users_per_group=12)
    other = {u: [*items[:-1], items[0]] for u, items in log.items()}
    runs = [
        benchmark.run(write_log(tmp_path / f"{n}.txt", data), ["gru4rec"], maxlen=8, progress=False, log=lambda _: None)
        for n, data in (("a", log), ("b", other))
    ]
    first, second = (r["results"]["gru4rec"] for r in runs)
    assert first["valid_NDCG@10"] == second["valid_NDCG@10"] and first["best_epoch"] == second["best_epoch"]
    assert first["NDCG@10"] != second["NDCG@10"]


def test_the_settings_search_trains_the_better_half_twice_as_long_within_its_budget(monkeypatch):
    """Successive halving with a fake trainer whose validation score is known for each variant."""
    view, _ = leave_one_out(from_lists(cyclic_log(users_per_group=2)))
    setup = Setup({**TINY, "dropout": 0.2}, TrainConfig(lr=0.004, progress=False), [])
    by_lr = {0.004: 0.30, 0.002: 0.35, 0.008: 0.10}  # "dropout 0.5" keeps lr 0.004 but scores 0.32
    calls = []

    def fake_train(network, view, config, report=None):
        calls.append(config)
        score = 0.32 if network.config.dropout == 0.5 else by_lr[config.lr]
        return TrainResult(1, 1, config.time_budget / 2, {"NDCG@10": score}, "time budget")

    monkeypatch.setattr(search, "train", fake_train)
    found = search.successive_halving("sasrec", view, view.n_items, setup, budget=120.0)
    first_rung = ["as chosen", "learning rate 0.002", "learning rate 0.008", "dropout 0.5"]
    assert [t["variant"] for t in found.trials] == [*first_rung, "learning rate 0.002", "dropout 0.5"]
    assert found.winner.label == "learning rate 0.002" and found.winner.training == {"lr": 0.002}
    first, second = (t["budget_s"] for t in (found.trials[0], found.trials[4]))
    assert second == 2 * first and sum(c.time_budget for c in calls) == pytest.approx(120.0)
    assert "learning rate 0.002 won with NDCG@10 0.3500 against dropout 0.5 0.3200" in found.reason()


def test_the_settings_search_never_reads_test_items(tmp_path):
    """Two logs differing only in each user's last item search, choose and train identically."""
    log = cyclic_log(users_per_group=6)
    other = {u: [*items[:-1], items[0]] for u, items in log.items()}
    runs = [
        benchmark.run(
            write_log(tmp_path / f"{n}.txt", data),
            ["gru4rec"],
            maxlen=8,
            progress=False,
            log=lambda _: None,
            search=True,
        )["results"]["gru4rec"]
        for n, data in (("a", log), ("b", other))
    ]
    trials = [[{k: v for k, v in t.items() if k != "seconds"} for t in run["search"]["trials"]] for run in runs]
    assert trials[0] == trials[1]  # the same trials and validation scores; only the wall clock differs
    assert [t["rung"] for t in runs[0]["search"]["trials"]] == [0, 0, 0, 0, 1, 1]  # the losing half stopped
    assert runs[0]["settings"] == runs[1]["settings"] and runs[0]["training"] == runs[1]["training"]
    assert any(r.startswith("search on validation (6 trials") for r in runs[0]["chosen_because"])
    assert runs[0]["valid_NDCG@10"] == runs[1]["valid_NDCG@10"] and runs[0]["NDCG@10"] != runs[1]["NDCG@10"]


def test_the_settings_are_chosen_without_reading_test_items():
    """Every user's test item swapped for an item nobody else has: the id space grows, the choice does not."""
    log = {f"u{u}": [1 + (u + k) % 40 for k in range(36)] for u in range(30)}  # dense: 36 actions per user
    other = {u: [*items[:-1], 1000 + n] for n, (u, items) in enumerate(log.items())}
    (view_a, _), (view_b, _) = (leave_one_out(from_lists(data)) for data in (log, other))
    assert view_b.n_items > view_a.n_items and LogShape.of(view_a) == LogShape.of(view_b)
    for name in SEQUENCE_MODELS:
        assert choose(name, LogShape.of(view_a)) == choose(name, LogShape.of(view_b))


def test_the_games_log_keeps_the_settings_chosen_on_it_and_a_dense_log_gets_its_own():
    games = LogShape(users=31_013, items=23_715, actions=287_107 - 31_013)  # its shape without test items
    for name in MODELS:
        assert choose(name, games).settings == MODELS[name].settings, name
        assert choose(name, games).training == MODELS[name].training, name
    movielens = LogShape(users=943, items=1_682, actions=100_000 - 943)
    dense = choose("sasrec", movielens)
    assert dense.settings["dropout"] == 0.2 and dense.settings["item_swap"] == 0 and dense.settings["negatives"] == 0
    assert any("dense log" in r for r in dense.reasons) and any("full softmax" in r for r in dense.reasons)
    # 105 actions per user: 64 users make a step of about 8,000 actions; longer histories, smaller batches
    assert dense.training["batch_size"] == 64 and any("64 users per batch" in r for r in dense.reasons)
    assert choose("sasrec", LogShape(users=100, items=1_000, actions=40_000)).training["batch_size"] == 16


def test_a_preference_model_trains_with_the_registry_settings_chosen_for_its_log():
    """Without a TrainConfig, the model's registered training; its network settings chosen for the log's
    shape (24 items: a full softmax) under the caller's; a TrainConfig given is taken whole."""
    small = {"dim": 16, "maxlen": 8, "blocks": 1}
    model = PreferenceModel("sasrec", settings=small).fit(from_lists(cyclic_log(users_per_group=2)))
    assert model.training_ == TrainConfig(**MODELS["sasrec"].training)
    config = model.network_.config
    assert config.negatives == 0 and config.dropout == MODELS["sasrec"].settings["dropout"] and config.dim == 16
    given = TrainConfig(epochs=2, batch_size=16, progress=False)
    again = PreferenceModel("sasrec", settings={**small, "negatives": 8}, training=given)
    again.fit(from_lists(cyclic_log(users_per_group=2)))
    assert again.training_ == given and again.network_.config.negatives == 8


def test_cold_start_trains_as_a_preference_model_and_asks_with_the_trainings_negatives(monkeypatch):
    asked = []
    real = coldstart.sample_negatives

    def recorded(exclude, users, n_items, n, seed):
        asked.append((n, seed))
        return real(exclude, users, n_items, n, seed)

    monkeypatch.setattr(coldstart, "sample_negatives", recorded)
    sequences = from_lists(cyclic_log(users_per_group=3))
    content = np.random.default_rng(0).normal(size=(sequences.n_items + 1, 4)).astype(np.float32)
    training = TrainConfig(epochs=1, batch_size=16, eval_negatives=7, progress=False)
    report = coldstart.cold_start(sequences, content, training, fraction=0.2, seed=5)
    assert asked == [(7, 5 + coldstart.COLD_SEED_OFFSET)] and set(report["results"]) == {"sasrec", "hybrid"}
    assert all(result["epochs"] == 1 for result in report["results"].values())


def test_benchmark_command_writes_the_contract(tmp_path, capsys):
    data = write_log(tmp_path / "log.txt", cyclic_log(users_per_group=12))
    out = tmp_path / "out" / "bench.json"
    code = main(
        [
            "benchmark",
            "--data",
            str(data),
            "--models",
            "popularity,sasrec",
            "--maxlen",
            "8",
            "--time-budget",
            "20",
            "--json",
            str(out),
        ]
    )
    assert code == 0
    report = json.loads(out.read_text())
    assert report["protocol"]["negatives"] == 100 and report["dataset"]["users"] == 48
    for name in ("popularity", "sasrec"):
        r = report["results"][name]
        assert {"HR@10", "NDCG@10", "full_HR@10", "full_NDCG@10", "train_seconds", "epochs"} <= set(r)
    assert report["results"]["sasrec"]["NDCG@10"] > report["results"]["popularity"]["NDCG@10"]
    # a log that is not the paper's gets no paper figures beside it, and the table says why
    assert report["reference"] is None and all(r["paper"] is None for r in report["results"].values())
    printed = capsys.readouterr().out
    assert "paper NDCG" not in printed and "no published reference for this dataset" in printed


def test_the_table_shows_paper_figures_only_for_the_papers_dataset_and_full_ranking_first():
    row = {
        "family": "self-attention",
        "HR@10": 0.7,
        "NDCG@10": 0.5,
        "full_HR@10": 0.2,
        "full_NDCG@10": 0.1,
        "train_seconds": 60,
        "epochs": 9,
        "paper": {"HR@10": 0.741, "NDCG@10": 0.536},
    }
    games = benchmark.table({"reference": "Amazon Games", "results": {"sasrec": row}})
    header = games.splitlines()[0]
    assert header.index("full NDCG") < header.index("NDCG@10") < header.index("paper NDCG")
    assert "0.536" in games
    other = benchmark.table({"reference": None, "results": {"sasrec": {**row, "paper": None}}})
    assert "paper NDCG" not in other and "0.536" not in other


# -- bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no interactions"),
        ("1 5\n", "no user has 3 or more items"),
        ("1 5\n1 abc\n1 7\n", "ids must be whole numbers, got 'abc'"),
        ("user_id,item_id\n", "no interactions"),
        ("1\n", "expected 'user item'"),
    ],
)
def test_bad_logs_get_clear_messages(tmp_path, capsys, text, message):
    data = tmp_path / "log.txt"
    data.write_text(text)
    assert main(["benchmark", "--data", str(data), "--models", "popularity", "--json", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_awkward_but_valid_logs_work(tmp_path):
    """A header, commas, gaps in the ids, a one-item user and fewer users than a batch."""
    data = tmp_path / "log.csv"
    data.write_text("user_id,item_id\n10,500\n10,7\n10,90000\n10,500\n42,7\n99,90000\n99,500\n99,7\n5,1\n5,2\n")
    sequences = read_sequences(data)
    assert sequences.n_items == 5 and len(sequences.users) == 4
    report = benchmark.run(data, ["bpr", "lstm"], maxlen=4, progress=False, log=lambda _: None)
    assert report["dataset"]["evaluated_users"] == 2  # users 10 and 99; 42 and 5 are too short to test
    assert set(report["results"]) == {"bpr", "lstm"}


def test_unknown_models_and_missing_logs_are_refused(tmp_path, capsys):
    data = write_log(tmp_path / "log.txt", cyclic_log(users_per_group=2))
    out = str(tmp_path / "o.json")
    assert main(["benchmark", "--data", str(data), "--models", "transformer9", "--json", out]) == 2
    assert "unknown model(s) 'transformer9'; choose from all" in capsys.readouterr().err
    with pytest.raises(DatasetError, match="no such file"):
        read_sequences(tmp_path / "missing.txt")


# -- distributed ---------------------------------------------------------------------------------------------


def test_two_processes_under_torchrun_end_with_identical_weights(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "OMP_NUM_THREADS": "1"}
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--nproc_per_node=2",
        "--standalone",  # torchrun picks a free port itself: a port chosen here could be taken before it binds
        str(Path(__file__).parent / "ddp_worker.py"),
        str(tmp_path),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    first, second = (load_file(str(tmp_path / f"rank{r}.safetensors")) for r in (0, 1))
    assert first.keys() == second.keys()
    for key in first:
        torch.testing.assert_close(first[key], second[key], rtol=0, atol=0)
