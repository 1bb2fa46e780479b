"""A shop teaches the finder what its columns mean: the lesson is saved with the catalog, applied at once
and shown by ``inspect``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from recommender.catalog import load_catalog
from recommender.catalog.schema import Overrides
from recommender.language.dialogue import Dialogue

ROOT = Path(__file__).resolve().parents[1]

CSV = "name,price,Zorp,Blip\n" + "".join(
    f"Model {i},{10000 + 1000 * i},{[4, 8, 16][i % 3]} GB,{20 + 5 * (i % 4)}\n" for i in range(12)
)


def _needs(catalog, text):
    return {(c.attribute, c.op, c.value) for c in Dialogue(catalog).say(text).constraints}


def test_an_unknown_header_means_nothing_until_the_shop_says_what_it_is(tmp_path, store):
    path = tmp_path / "shop.csv"
    path.write_text(CSV)
    untaught = load_catalog(path, store=store)
    assert ("Zorp", ">=", 8.0) not in _needs(untaught, "8gb ram")
    assert not any(a == "Blip" for a, _, _ in _needs(untaught, "range of at least 30"))

    lesson = Overrides(columns={"Zorp": {"concept": "RAM"}, "Blip": {"words": "range, km per charge"}})
    taught = load_catalog(path, overrides=lesson, store=store)
    assert taught.schema.column("Zorp").concept == "ram"
    assert ("Zorp", ">=", 8.0) in _needs(taught, "8gb ram")
    assert ("Blip", ">=", 30.0) in _needs(taught, "km per charge of at least 30")
    # remembered for this content: a later load without overrides gets the same lesson
    again = load_catalog(path, store=store)
    assert ("Zorp", ">=", 8.0) in _needs(again, "8gb ram")


def test_a_lesson_naming_nothing_known_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"concept 'flux' for 'Zorp' is not known; use one of .*ram"):
        Overrides(columns={"Zorp": {"concept": "flux"}})
    with pytest.raises(ValueError, match="comma-separated"):
        Overrides(columns={"Zorp": {"words": " , "}})


def test_inspect_takes_and_shows_the_lesson(tmp_path):
    path = tmp_path / "shop.csv"
    path.write_text(CSV)
    env = {"PRODUCT_FINDER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "recommender", "inspect", str(path), "--concept", "Zorp=ram"]
    shown = subprocess.run([*command, "--words", "Blip=range"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert "taught: Blip: words 'range'" in shown.stdout and "taught: Zorp: concept 'ram'" in shown.stdout
    report = json.loads(
        subprocess.run([*command[:5], "--json"], cwd=ROOT, env=env, capture_output=True, text=True).stdout
    )
    assert report["overrides"]["columns"] == {"Zorp": {"concept": "ram"}, "Blip": {"words": "range"}}
