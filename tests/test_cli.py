"""The ``inspect`` command's contract (GUIDE.md section 3), run as a shopper's tool would run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recommender.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache home for the module (the built-in catalog's vectors ship with the repository)."""
    return tmp_path_factory.mktemp("home")


#: A guard against a hung command, not a speed check: these commands take seconds (the built-in
#: catalog's vectors ship), also on a 2-core machine with another CPU-bound process beside them.
HANG_GUARD_S = 600


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRODUCT_FINDER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "recommender", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )


def test_inspect_json_contract(tmp_path, home):
    path = tmp_path / "shop.csv"
    path.write_text("Unnamed: 0,name,price,memory\n0,A,₹40000,128GB SSD + 1TB HDD\n1,B,₹45000,512GB SSD\n", "utf-8")
    out = run("inspect", str(path), "--json", home=home)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert {"rows", "columns", "price_column", "currency", "name_column", "errors", "warnings"} <= set(report)
    assert report["rows"] == 2 and report["price_column"] == "price" and report["currency"] == "INR"
    columns = {c["name"]: c for c in report["columns"]}
    assert columns["Unnamed: 0"]["role"] == "ignored"
    assert columns["hdd"] == {**columns["hdd"], "role": "numeric", "unit": "GB", "derived_from": "memory"}
    assert all({"name", "role", "unit", "parsed", "derived_from"} <= set(c) for c in report["columns"])


def test_inspect_readable_table(tmp_path, home):
    path = tmp_path / "shop.csv"
    path.write_text("name,price,weight\nA,$499,1.2 kg\nB,$599,1.4 kg\n", "utf-8")
    out = run("inspect", str(path), home=home)
    assert out.returncode == 0
    assert "price column: price" in out.stdout and "USD" in out.stdout and "kg" in out.stdout


def test_inspect_bad_file_is_a_clear_error_not_a_traceback(tmp_path, home):
    path = tmp_path / "broken.csv"
    path.write_bytes(bytes(range(256)) * 10)
    out = run("inspect", str(path), "--json", home=home)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    report = json.loads(out.stdout)
    assert report["rows"] == 0 and "binary" in report["errors"][0]
    plain = run("inspect", str(path), home=home)
    assert plain.returncode == 2 and plain.stderr.startswith("error: ") and "Traceback" not in plain.stderr


def test_inspect_override_is_remembered(tmp_path, home):
    path = tmp_path / "shop.csv"
    path.write_text("name,cost,rank\nA,100,1\nB,200,3\nC,300,2\n", "utf-8")
    first = json.loads(
        run("inspect", str(path), "--json", "--currency", "usd", "--role", "rank=categorical", home=home).stdout
    )
    assert first["currency"] == "USD"
    again = json.loads(run("inspect", str(path), "--json", home=home).stdout)
    assert again["currency"] == "USD" and {c["name"]: c["role"] for c in again["columns"]}["rank"] == "categorical"


def test_parse_prints_constraints_after_each_turn(tmp_path, home):
    out = run(
        "parse",
        "--catalog",
        "data/products.csv",
        "laptop with RAM 8GB under 60k",
        "forget the budget",
        "16",
        "--json",
        home=home,
    )
    assert out.returncode == 0, out.stderr
    turns = json.loads(out.stdout)["turns"]
    assert [t["text"] for t in turns] == ["laptop with RAM 8GB under 60k", "forget the budget", "16"]
    first = {c["attribute"]: c for c in turns[0]["constraints"]}
    assert first["ram"]["op"] == ">=" and first["ram"]["value"] == 8 and first["ram"]["unit"] == "GB"
    assert first["price"]["source"] == "under 60k" and first["price"]["turn"] == 1 and first["price"]["hard"]
    assert all(
        {"attribute", "op", "value", "unit", "hard", "source", "turn"} <= set(c) for c in turns[0]["constraints"]
    )
    assert "price" not in {c["attribute"] for c in turns[1]["constraints"]}
    assert turns[2]["clarification"]["options"]  # a bare 16: RAM or storage or screen?


def test_parse_with_a_missing_catalog_is_a_clear_error(tmp_path, home):
    out = run("parse", "--catalog", str(tmp_path / "missing.csv"), "hello", "--json", home=home)
    assert out.returncode == 2 and "does not exist" in json.loads(out.stdout)["errors"][0]


def test_recommend_json_contract(tmp_path, home):
    out = run(
        "recommend",
        "--catalog",
        "data/products.csv",
        "--query",
        "laptop with 16GB RAM",
        "--query",
        "under 60k",
        "--top",
        "3",
        "--json",
        home=home,
    )
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert {"constraints", "results", "relaxed", "message", "timing_ms"} <= set(answer)
    assert len(answer["results"]) == 3 and answer["timing_ms"]["total"] > 0
    for result in answer["results"]:
        assert {"row", "name", "price", "score", "matches_all", "violations", "contributions"} <= set(result)
        assert result["price"] <= 60_000 and sum(result["contributions"].values()) == pytest.approx(result["score"])
    rows = [r["row"] for r in answer["results"]]
    import csv

    with open(ROOT / "data" / "products.csv", encoding="utf-8") as handle:
        data = list(csv.DictReader(handle))
    assert all(answer["results"][i]["name"].startswith(data[row]["name"].split(" (")[0]) for i, row in enumerate(rows))


def test_recommend_batch_runs_every_good_line_and_reports_bad_ones(tmp_path, home):
    batch = tmp_path / "batch.jsonl"
    good = {"catalog": "data/products.csv", "turns": ["phone under 15k", "5g"], "top": 2}
    batch.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({"catalog": str(tmp_path / "missing.csv"), "turns": ["laptop"], "top": 2}),
                json.dumps({**good, "turns": ["gaming laptop"], "top": 0}),
            ]
        ),
        encoding="utf-8",
    )
    out = run("recommend", "--batch", str(batch), "--json", home=home)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 4
    assert len(lines[0]["results"]) == 2 and "error" in lines[1] and "does not exist" in lines[2]["error"]["message"]
    assert lines[3]["results"] == []
    single = run(
        "recommend",
        "--catalog",
        "data/products.csv",
        "--query",
        "phone under 15k",
        "--query",
        "5g",
        "--top",
        "2",
        "--json",
        home=home,
    )
    assert [r["row"] for r in json.loads(single.stdout)["results"]] == [r["row"] for r in lines[0]["results"]]


@pytest.mark.parametrize(
    "command",
    [["benchmark", "--data", "log.txt", "--json", "out.json"], ["train", "--catalog", "c.csv", "--events", "e.csv"]],
    ids=["benchmark", "train"],
)
@pytest.mark.parametrize("budget", ["0", "-5", "nan", "soon"])
def test_a_time_budget_that_is_not_positive_seconds_is_refused(command, budget, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--time-budget", budget])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    if budget == "soon":
        assert "argument --time-budget: expected a number of seconds, got 'soon'" in err
    else:
        assert (
            f"argument --time-budget: must be more than 0 seconds, got {float(budget):g}; omit it for no limit" in err
        )
