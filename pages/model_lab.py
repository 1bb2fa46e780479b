"""Model lab: the preference models compared on the SASRec benchmark, and training on a catalog's events.

A page module of the app: widgets and state only; the work is in ``recommender/``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from recommender import charts
from recommender.catalog import BUILTIN_CATALOG, CatalogStore, load_catalog
from recommender.errors import CatalogError
from recommender.events import EventStore, EventStoreError, read_interactions_csv
from recommender.formatting import plain
from recommender.jobs.retrain import Histories, catalog_training, train_for_catalog

RESULTS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks"
TRAIN_SECONDS = 120


def read_json(name: str) -> dict | None:
    try:
        return json.loads((RESULTS / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def benchmark_reports() -> list[dict]:
    """The ``models-*.json`` benchmark runs, merged per dataset (models may be run with different time
    budgets), the paper's own dataset first."""
    by_dataset: dict[str, dict] = {}
    for path in sorted(RESULTS.glob("models-*.json")):
        run = read_json(path.name)
        if not run:
            continue
        merged = by_dataset.setdefault(run["dataset"]["sha256"], {**run, "results": {}})
        merged["results"].update(run["results"])
    return sorted(by_dataset.values(), key=lambda r: not _published(r))


def _published(report: dict) -> bool:
    """Whether the paper's figures apply: the benchmark sets them only for the paper's own dataset."""
    return any(r.get("paper") for r in report["results"].values())


def benchmark() -> None:
    reports = benchmark_reports()
    if not reports:
        st.header("Sequence models")
        st.info(
            "No benchmark results yet. Run `python -m recommender benchmark --data FILE --models all --json "
            "docs/benchmarks/models-all.json`."
        )
        return
    for report in reports:
        benchmark_table(report)
    _cold_and_simulated()


def benchmark_table(report: dict) -> None:
    """One dataset's results: full-ranking figures first, the paper's beside them only on its dataset."""
    data = report["dataset"]
    published = _published(report)
    st.header(f"Sequence models on {plain(data['file'])}")
    st.caption(
        f"{data['users']:,} users, {data['items']:,} items, {data['actions']:,} actions · "
        f"{report['protocol']['name']}, {report['protocol']['negatives']} sampled negatives · "
        f"{report.get('machine', {}).get('threads', '?')} CPU threads"
        + ("" if published else " · no published reference for this dataset")
    )
    rows = []
    for name, r in report["results"].items():
        row = {"model": name, "family": r["family"], "full NDCG@10": r["full_NDCG@10"]}
        row |= {"full HR@10": r["full_HR@10"], "NDCG@10": r["NDCG@10"], "HR@10": r["HR@10"]}
        if published:
            paper = r.get("paper") or {}
            row |= {"paper NDCG@10": paper.get("NDCG@10"), "paper HR@10": paper.get("HR@10")}
        rows.append(row | {"train s": r["train_seconds"], "epochs": r["epochs"]})
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    reasons = [f"{name}: {reason}" for name, r in report["results"].items() for reason in r.get("chosen_because", [])]
    if reasons:
        with st.expander("How each model's settings were chosen for this log"):
            st.text("\n".join(reasons))
    key = f"model-comparison-{data['sha256'][:8]}"
    st.plotly_chart(charts.model_comparison(report["results"]), key=key, width="stretch")


def _cold_and_simulated() -> None:
    """The hybrid on products nobody touched, and simulated shoppers with learning on and off."""
    cold = read_json("cold_start.json")
    if cold:
        st.header("New products (cold start)")
        st.caption(
            f"{cold['held_out_items']} products held out of training; each ranked against 100 others "
            f"when a simulated shopper reached it ({cold['questions']} times)."
        )
        st.dataframe(pd.DataFrame(cold["results"]).T, key="cold-start")
    simulated = read_json("simulate.json")
    if simulated:
        st.header("Simulated shoppers: learning on vs off")
        st.caption(f"All of these are {simulated['label']}.")
        st.dataframe(pd.DataFrame(simulated["runs"]), hide_index=True, key="simulated")


def training() -> None:
    st.header("Train on the active catalog's events")
    catalog = st.session_state.get("catalog") or load_catalog(BUILTIN_CATALOG, store=CatalogStore())
    try:
        recorded = EventStore().sequences(catalog.content_hash)
    except (EventStoreError, OSError) as exc:
        st.warning(f"The event database cannot be read ({plain(exc)}); you can still upload an interaction file.")
        recorded = {}
    upload = st.file_uploader(
        "Or an interaction file (user_id,item_id,timestamp[,event]; item_id = 0-based row)",
        type=["csv"],
        key="interactions",
    )
    histories = Histories(recorded)
    if upload is not None:
        try:
            read = read_interactions_csv(upload.getvalue(), len(catalog))
        except ValueError as exc:
            st.error(f"{plain(exc)} Nothing was trained.")
            return
        histories = Histories(read.sequences, tuple(read.warnings))
        for warning in read.warnings:
            st.warning(plain(warning))
    source = "the uploaded file" if upload is not None else "chats saved for this catalog"
    counts = f"{len(histories.sequences):,} sessions, {histories.events:,} events from {source}."
    st.caption(f"{plain(catalog.name)}: {counts}")
    model = st.selectbox("Model", ["hybrid", "sasrec", "gru4rec", "lstm", "caser", "bpr"], key="lab-model")
    if st.button("Train", key="train", type="primary"):
        bar = st.progress(0.0, text="Training…")
        training = catalog_training(TRAIN_SECONDS, progress=False)

        def report(entry: dict) -> None:
            done = max(entry["epoch"] / training.epochs, entry["seconds"] / TRAIN_SECONDS)
            bar.progress(min(done, 1.0), text=f"epoch {entry['epoch']}: validation NDCG@10 {entry['NDCG@10']:.3f}")

        try:
            fitted, _ = train_for_catalog(
                catalog,
                histories,
                model=model,
                training=training,
                store=CatalogStore(),
                trained_on=source,
                report=report,
            )
        except (CatalogError, ValueError) as exc:
            st.error(plain(exc))
            return
        except Exception:  # the shopper must never see a traceback; the server log keeps it
            logging.getLogger(__name__).exception("training failed")
            st.error("Sorry, training failed (the details are in the server log). Try another model or file.")
            return
        bar.progress(1.0, text="Done")
        result = fitted.result_
        st.success(
            f"Trained {model} in {result.train_seconds:.0f} s (validation NDCG@10 "
            f"{result.valid.get('NDCG@10', 0):.3f}). New conversations on this catalog use it."
        )


st.title("Model lab")
benchmark()
st.divider()
training()
