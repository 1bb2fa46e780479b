"""In-session learning, simulated shoppers and retraining, on the built-in catalog."""

from __future__ import annotations

import json

import numpy as np
import pytest

from recommender.cli import main
from recommender.events import EventStore
from recommender.events.interactions import read_interactions_csv
from recommender.finder import Finder
from recommender.jobs.retrain import Histories, read_histories, train_for_catalog
from recommender.jobs.simulator import (
    LOG_START,
    PERSONAS,
    Shopper,
    compare_learning,
    shop,
    simulate,
    summary,
    write_log,
)
from recommender.models.preference import active_model, scorer
from recommender.models.trainer import TrainConfig
from recommender.ranking.feedback import Feedback, adapt_weights

BROWSE = "I need a laptop under ₹80,000"


@pytest.fixture
def cached_home(session_store, monkeypatch):
    """Point the CLI at the session's store, where the built-in catalog is already embedded."""
    monkeypatch.setenv("PRODUCT_FINDER_HOME", str(session_store.root.parent))
    return session_store.root.parent


def thin_and_light(finder: Finder) -> np.ndarray:
    return (finder.catalog.table["type"] == "Thin and Light").to_numpy()


def batch(tmp_path, capsys, *requests: dict) -> list[dict]:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in requests))
    assert main(["recommend", "--batch", str(path), "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_liking_two_thin_and_light_laptops_ranks_more_of_them_higher(builtin_finder, cached_home, tmp_path, capsys):
    thin = thin_and_light(builtin_finder)
    cheap = builtin_finder.catalog.prices < 80000
    liked = [int(r) for r in np.flatnonzero(thin & cheap)[:2]]
    request = {"catalog": "data/products.csv", "turns": [BROWSE, "show me more"], "top": 10}
    feedback = [{"after_turn": 0, "row": r, "signal": "like"} for r in liked]
    without, with_likes = batch(tmp_path, capsys, request, {**request, "feedback": feedback})
    rows_without = [r["row"] for r in without["results"]]
    rows_with = [r["row"] for r in with_likes["results"]]
    assert sum(thin[rows_with]) > sum(thin[rows_without])
    first_thin = [next(i for i, r in enumerate(rows) if thin[r]) for rows in (rows_with, rows_without)]
    assert first_thin[0] < first_thin[1]
    assert all(r["contributions"]["feedback"] > 0 for r in with_likes["results"][:3])
    assert any("which you liked" in reason for r in with_likes["results"] for reason in r["reasons"])


def test_a_dislike_pushes_look_alikes_down(builtin_finder):
    conversation = builtin_finder.conversation()
    first = conversation.say(BROWSE, top=10)
    disliked = first.ranking.items[0]
    after = conversation.react(disliked.row, "dislike", top=10)
    # It and every look-alike leave the top 10: nothing shown there is held back by the dislike.
    assert disliked.row not in after.ranking.rows
    assert [i.rank for i in after.ranking.items if i.contributions["feedback"] < 0] == []
    everything = builtin_finder.conversation()
    everything.say(BROWSE, top=10)
    ranked = everything.react(disliked.row, "dislike", top=len(builtin_finder.catalog)).ranking.items
    assert next(i.reasons for i in ranked if i.row == disliked.row) == ["you disliked this one"]
    name = str(builtin_finder.catalog.labels.iloc[disliked.row])
    pushed = [i for i in ranked if i.contributions["feedback"] < 0 and i.reasons and i.row != disliked.row]
    assert pushed
    for item in pushed:  # those shown before that lost places say so
        moved = "moved down: " if item.rank_change is not None and item.rank_change < 0 else ""
        assert item.reasons == [f"{moved}like {name}, which you disliked"], item


def test_latest_signal_wins_and_history_keeps_positive_order():
    feedback = Feedback()
    for row, signal in [(3, "click"), (3, "like"), (5, "dislike"), (7, "shortlist"), (5, "like"), (3, "click")]:
        feedback.add(row, signal)
    assert feedback.weights == {3: 1.0, 5: 1.0, 7: 0.8}
    assert feedback.history == [3, 7, 5, 3]
    with pytest.raises(ValueError, match="unknown signal 'love'"):
        feedback.add(1, "love")


def test_blend_adapts_towards_what_the_shopper_reacts_to_and_keeps_its_total():
    defaults = {"attribute": 0.55, "semantic": 0.2, "popularity": 0.1}
    liked_popular = [({"attribute": 0.5, "semantic": 0.1, "popularity": 0.9}, 1.0)] * 3
    disliked_unpopular = [({"attribute": 0.5, "semantic": 0.1, "popularity": 0.1}, 0.0)] * 3
    adapted = adapt_weights(defaults, liked_popular + disliked_unpopular)
    assert adapted["popularity"] > defaults["popularity"]
    assert sum(adapted.values()) == pytest.approx(sum(defaults.values()))
    assert adapt_weights(defaults, []) == defaults


def test_bad_feedback_in_a_batch_names_the_problem(cached_home, tmp_path, capsys):
    request = {
        "catalog": "data/products.csv",
        "turns": [BROWSE],
        "feedback": [{"after_turn": 4, "row": 1, "signal": "like"}],
    }
    (out,) = batch(tmp_path, capsys, request)
    assert "after_turn 4 is not a turn index (0 to 0)" in out["error"]["message"]
    (out,) = batch(tmp_path, capsys, {**request, "feedback": [{"after_turn": 0, "row": 1, "signal": "love"}]})
    assert "unknown signal 'love'" in out["error"]["message"]


# -- simulated shoppers ---------------------------------------------------------------------------------


def test_every_persona_states_needs_the_parser_understands(builtin_finder):
    rng = np.random.default_rng(0)
    seen = set()
    while len(seen) < len(PERSONAS):
        shopper = Shopper.sample(builtin_finder.catalog, rng)
        seen.add(shopper.persona.name)
        conversation = builtin_finder.conversation()
        conversation.say(shopper.persona.opener)
        for need in shopper.needs:
            conversation.say(need.text)
        understood = {(c.attribute, c.op) for c in conversation.dialogue.state.constraints}
        for need in shopper.needs:
            assert (need.attribute, need.op) in understood, (shopper.persona.name, need.text)
        assert shopper.satisfied_by(builtin_finder.catalog.table).any()


def test_simulation_repeats_with_its_seed_and_reports_success(builtin_finder):
    first = simulate(builtin_finder, 6, seed=5)
    again = simulate(builtin_finder, 6, seed=5)
    assert [(o.persona, o.success, o.turns, o.events) for o in first] == [
        (o.persona, o.success, o.turns, o.events) for o in again
    ]
    report = summary(first)
    assert report["shoppers"] == 6 and 0 <= report["success_rate"] <= 1
    for outcome in first:
        if outcome.success:
            assert outcome.events[-1][1] == "purchase"


def test_a_simulated_log_holds_every_event_in_order_on_the_simulated_clock(builtin_finder, tmp_path):
    path = tmp_path / "log" / "interactions.csv"
    written = write_log(builtin_finder, path, 4, [1, 2])
    outcomes = {seed: simulate(builtin_finder, 4, seed) for seed in (1, 2)}
    expected = [
        (f"sim-{s}-{n}", row, signal) for s in (1, 2) for n, o in enumerate(outcomes[s]) for row, signal in o.events
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "user_id,item_id,timestamp,event" and written == len(expected) == len(lines) - 1
    rows = [line.split(",") for line in lines[1:]]
    assert [(user, int(row), signal) for user, row, _, signal in rows] == expected
    assert [int(clock) for _, _, clock, _ in rows] == list(range(LOG_START + 1, LOG_START + 1 + written))
    read = read_interactions_csv(path, len(builtin_finder.catalog))
    assert read.rows == written and not read.warnings


def test_learning_is_compared_on_the_same_shoppers_in_every_condition(builtin_finder, session_store):
    heard = []
    report = compare_learning(builtin_finder.catalog, 3, [4], store=session_store, report=heard.append)
    assert report["runs"] == heard and report["model"] == builtin_finder.model.record_["trained_on"]
    conditions = ["learning on", "feedback only (no learned preference)", "learning off"]
    assert [run["condition"] for run in heard] == conditions and {run["seed"] for run in heard} == {4}
    plain = Finder(builtin_finder.catalog, store=session_store, learned=False)
    assert heard[2] == {"seed": 4, "condition": "learning off", **summary(simulate(plain, 3, 4, learning=False))}


def test_a_shopper_without_learning_never_reaches_the_finder(builtin_finder):
    rng = np.random.default_rng(3)
    shopper = Shopper.sample(builtin_finder.catalog, rng)
    outcome = shop(builtin_finder, shopper, np.random.default_rng(3), learning=False)
    assert outcome.turns >= 1  # ran; the finder's own feedback stayed empty below
    conversation = builtin_finder.conversation()
    assert not conversation.feedback


# -- retraining ---------------------------------------------------------------------------------------


def test_training_from_a_csv_makes_the_active_model_and_feeds_the_ranking(builtin_finder, session_store, tmp_path):
    catalog = builtin_finder.catalog
    thin = np.flatnonzero(thin_and_light(builtin_finder))
    lines = ["user_id,item_id,timestamp,event"]
    clock = 1_700_000_000
    for user in range(60):
        for k in range(4):
            clock += 1
            lines.append(f"u{user},{thin[(user + k) % 12]},{clock},like")
    lines.append(f"u0,{len(catalog) + 5},{clock + 1},like")  # not in the catalog: counted, not fatal
    path = tmp_path / "events.csv"
    path.write_text("\n".join(lines))
    histories = read_histories(path, catalog)
    assert any("not in the catalog" in w for w in histories.warnings)
    training = TrainConfig(epochs=3, batch_size=16, progress=False)
    model, folder = train_for_catalog(catalog, histories, model="sasrec", training=training, store=session_store)
    assert (folder / "model.safetensors").is_file() and active_model(catalog.content_hash) is not None
    finder = Finder(catalog, store=session_store, preference=scorer(model))
    conversation = finder.conversation()
    before = conversation.say(BROWSE)
    assert all(i.contributions["preference"] == 0 for i in before.ranking.items)
    after = conversation.react(int(thin[0]), "like")
    assert any(i.contributions["preference"] > 0 for i in after.ranking.items)


def test_training_from_the_event_store(builtin_finder, tmp_path):
    store = EventStore(tmp_path / "events.sqlite3")
    catalog = builtin_finder.catalog
    for user in range(10):
        session = store.new_session()
        for row in (user, user + 1, user + 2):
            store.record_feedback(session, catalog.content_hash, row, "like")
    histories = read_histories(store.path, catalog)
    assert len(histories.sequences) == 10 and histories.events == 30


def test_nothing_to_learn_is_refused_clearly(builtin_finder):
    with pytest.raises(ValueError, match="no session wanted two or more products"):
        train_for_catalog(builtin_finder.catalog, Histories({"a": [1], "b": []}), model="sasrec")
