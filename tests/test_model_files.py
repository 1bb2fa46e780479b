"""Model files: a save that fails or is killed half-way leaves the model saved before usable, and a damaged
model is skipped with a warning while the finder keeps answering."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors.torch import save_file

from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.cli import main
from recommender.models import build, checkpoint
from recommender.models.network import ModelConfig
from recommender.models.preference import PreferenceModel, active_model, catalog_model_folder, trained_model_stamp

CATALOG = "c0ffee" * 3
SMALL = {"dim": 8, "maxlen": 4, "blocks": 1, "negatives": 0}
ROOT = Path(__file__).resolve().parents[1]


def network(seed: int, n_items: int = 10):
    torch.manual_seed(seed)
    return build("sasrec", ModelConfig(n_items=n_items, **SMALL))


def save(folder: Path, seed: int, n_items: int = 10) -> dict[str, torch.Tensor]:
    """A model saved as a catalog's (item ids and catalog in its record); returns its weights."""
    model = network(seed, n_items)
    checkpoint.save(model, "sasrec", folder, {"catalog": CATALOG, "item_ids": [str(i) for i in range(n_items)]})
    return model.state_dict()


def same_weights(folder: Path, expected: dict[str, torch.Tensor]) -> bool:
    _, loaded, _ = checkpoint.load(folder)
    return all(torch.equal(loaded.state_dict()[k], v) for k, v in expected.items())


def test_a_save_that_fails_half_way_leaves_the_saved_model(tmp_path, monkeypatch):
    folder = tmp_path / "models" / CATALOG
    first = save(folder, seed=1)

    def disk_full(tensors, path):
        save_file(tensors, path)
        Path(path).write_bytes(Path(path).read_bytes()[:200])  # half written, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(checkpoint, "save_file", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save(folder, seed=2)
    assert same_weights(folder, first)
    assert sorted(p.name for p in folder.parent.iterdir()) == [CATALOG]  # nothing half-made left beside it
    monkeypatch.undo()
    second = save(folder, seed=2)  # and the next save replaces it
    assert same_weights(folder, second) and not same_weights(folder, first)


def test_a_killed_save_leaves_the_saved_model_usable(tmp_path):
    folder = tmp_path / "models" / CATALOG
    first = save(folder, seed=1)
    child = f"""
import sys
from collections.abc import Callable
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from tests.test_model_files import save
from recommender.models import checkpoint
real = checkpoint.save_file
def dies_here(tensors, path):
    real(tensors, path)
    Path(path).write_bytes(Path(path).read_bytes()[:200])
    print("half written", flush=True)
    sys.stdin.read()  # the parent kills the process here
checkpoint.save_file = dies_here
save(Path({str(folder)!r}), seed=2)
"""
    process = subprocess.Popen(
        [sys.executable, "-c", child], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert process.stdout.readline().strip() == "half written"
    finally:
        process.kill()
        process.wait(timeout=60)
    assert process.returncode == -9
    assert same_weights(folder, first)
    assert PreferenceModel.load(folder).score(["1"], ["2", "3"]).shape == (2,)
    second = save(folder, seed=2)  # what the killed save left beside it is in nobody's way
    assert same_weights(folder, second)


def test_saving_into_a_folder_with_other_files_is_refused_and_deletes_nothing(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match=r"mine holds other files than a saved model \(notes\.txt\)"):
        save(folder, seed=1)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def damage_truncated(folder: Path) -> None:
    weights = folder / checkpoint.WEIGHTS
    weights.write_bytes(weights.read_bytes()[:300])


def damage_record(value: object) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        (folder / checkpoint.CONFIG).write_text(json.dumps(value))

    return damage


def damage_config(**changes: object) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        record = json.loads((folder / checkpoint.CONFIG).read_text())
        record.update(changes)
        (folder / checkpoint.CONFIG).write_text(json.dumps(record))

    return damage


def damage_other_weights(folder: Path) -> None:
    """Weights of a network of another size under this record."""
    other = network(3, n_items=25)
    save_file({k: v.contiguous() for k, v in other.state_dict().items()}, str(folder / checkpoint.WEIGHTS))


DAMAGES = {
    "truncated weights": damage_truncated,
    "weights missing": lambda folder: (folder / checkpoint.WEIGHTS).unlink(),
    "weights of random bytes": lambda folder: (folder / checkpoint.WEIGHTS).write_bytes(bytes(range(256)) * 4),
    "weights of another size": damage_other_weights,
    "record is a list": damage_record([1, 2, 3]),
    "record is not JSON": lambda folder: (folder / checkpoint.CONFIG).write_text('{"format": 1,'),
    "record is not UTF-8": lambda folder: (folder / checkpoint.CONFIG).write_bytes(b'{"format": 1, "\xff": 1}'),
    "config missing": damage_config(config=None),
    "config without n_items": damage_config(config={"dim": 8}),
    "config with an unknown field": damage_config(config={"n_items": 10, **SMALL, "wings": 2}),
    "unknown model": damage_config(model="telepathy"),
    "item ids too few": damage_config(item_ids=["0", "1"]),
    "item ids not a list": damage_config(item_ids="0123456789"),
    "another format": damage_config(format=99),
}


def test_the_trained_model_stamp_changes_with_each_training(tmp_path):
    assert trained_model_stamp(CATALOG, tmp_path) == ""
    folder = catalog_model_folder(CATALOG, tmp_path)
    save(folder, seed=1)
    assert trained_model_stamp(CATALOG, tmp_path) == str((folder / checkpoint.CONFIG).stat().st_mtime_ns)
    save(folder, seed=2)  # a new folder renamed into place: the stamp is the new record's
    os.utime(folder / checkpoint.CONFIG, ns=(0, 123_456_789))  # a time of its own: no two saves in one tick
    assert trained_model_stamp(CATALOG, tmp_path) == "123456789"


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_model_is_skipped_with_a_warning(tmp_path, damage, caplog):
    folder = catalog_model_folder(CATALOG, tmp_path)
    save(folder, seed=1)
    assert active_model(CATALOG, tmp_path) is not None
    damage(folder)
    with pytest.raises(ValueError, match=str(folder)):
        PreferenceModel.load(folder)
    with caplog.at_level(logging.WARNING):
        assert active_model(CATALOG, tmp_path) is None
    assert f"skipped a preference model that cannot be used: {folder}" in caplog.text


@settings(max_examples=30, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from([checkpoint.WEIGHTS, checkpoint.CONFIG]),
    at=st.floats(0, 1),
    junk=st.binary(min_size=1, max_size=16),
    cut=st.booleans(),
)
def test_any_damage_to_a_model_file_is_a_value_error_or_harmless(tmp_path, file, at, junk, cut):
    folder = tmp_path / "model"
    save(folder, seed=1)
    path = folder / file
    data = path.read_bytes()
    where = int(at * (len(data) - 1))
    path.write_bytes(data[:where] if cut else data[:where] + junk + data[where + len(junk) :])
    try:
        model = PreferenceModel.load(folder)
    except ValueError as exc:
        assert str(folder) in str(exc)
    else:  # the damage hit nothing that matters (a float's low bits, say): it still scores every item
        assert model.score(["1"], [str(i) for i in range(10)]).shape == (10,)


def test_recommend_works_when_the_catalogs_own_model_is_damaged(tmp_path, capsys, caplog):
    """The built-in catalog's own trained model is damaged: the shipped one is used instead, with a warning."""
    catalog = load_catalog(BUILTIN_CATALOG)
    folder = catalog_model_folder(catalog.content_hash)
    folder.mkdir(parents=True)
    (folder / checkpoint.CONFIG).write_text("[]")  # the model.json of the issue: a list
    (folder / checkpoint.WEIGHTS).write_bytes(b"\x00" * 10)
    with caplog.at_level(logging.WARNING):
        assert main(["recommend", "--catalog", str(BUILTIN_CATALOG), "--query", "laptop under 50000", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert len(answer["results"]) == 5 and all(r["price"] <= 50000 for r in answer["results"])
    assert "skipped a preference model that cannot be used" in caplog.text and str(folder) in caplog.text
