"""Ranking quality and speed.

Quality: the end-to-end cases of tests/ranking_cases (see its README) give precision@5.

Speed, per turn, excluding the one-time catalog load and embedding: catalogs of 1k, 10k, 100k and 1M
rows resampled from the built-in catalog (seed 11; each row keeps its product's text, so they share the
built-in catalog's ~1.4k distinct texts, and the price moves ±10%). For each size we replay a fixed set
of shopper turns and time ``Conversation.say`` (parse + retrieve + score + explain), and, in the same
run, a plain pandas boolean mask plus sort of the same hard constraints, for the ratio. We also time
embedding the built-in catalog (rows/s) and a cache hit, and the worst case for semantic scoring: a
dot product against one million distinct 384-d vectors.

    python -m benchmarks.ranking [--sizes 1000 10000 100000 1000000] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.inspect_scale import build
from benchmarks.parser import CATALOGS
from recommender import embeddings
from recommender.catalog import BUILTIN_CATALOG, CatalogStore, load_catalog
from recommender.finder import Finder
from recommender.ranking.semantic import CatalogVectors

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "ranking_cases"
TURNS = [
    "laptop with 16GB RAM under 70k",
    "I need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000",
    "gaming laptop, not HP",
    "phone under 20k with 5g",
    "cheapest thin and light laptop",
    "lenovo or dell with 512gb ssd",
    "a laptop for my kid's online classes, nothing flashy",  # free text: one query embedding
    "phone that is good for video calls and netflix under 25k",
]


# ---- quality ------------------------------------------------------------------------------------------
def load_cases() -> list[dict[str, Any]]:
    """Every case of tests/ranking_cases/*.jsonl whose catalog is present on this machine."""
    lines = [line for path in sorted(CASES.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
    cases = [json.loads(line) for line in lines if line.strip()]
    return [case for case in cases if Path(CATALOGS[case["catalog"]]).is_file()]


def check_case(case: dict[str, Any], finder: Finder) -> tuple[float, str]:
    """(score in [0, 1], reason) for one case."""
    conversation = finder.conversation()
    answers = [conversation.say(text).ranking for text in case["turns"]]
    ranking, table = answers[-1], finder.catalog.table
    rows = ranking.rows
    if case.get("cheaper"):
        before = np.mean([i.price for i in answers[-2].items])
        after = np.mean([i.price for i in ranking.items])
        return float(after < before), f"mean price {before:,.0f} -> {after:,.0f}"
    satisfying = set(np.flatnonzero(table.eval(case["predicate"], engine="python").to_numpy(dtype=bool)))
    if case.get("order"):
        attribute, order = case["order"]
        shown = [table[attribute].iloc[i.row] for i in ranking.items if i.matches_all]
        ordered = shown == sorted(shown, reverse=order == "desc")
        hits = sum(row in satisfying for row in rows[:5]) / max(min(5, len(satisfying)), 1)
        return float(ordered) * min(hits, 1.0), f"ordered={ordered}, {len(satisfying)} satisfy"
    if not satisfying:
        near = all(not i.matches_all and i.violations for i in ranking.items) and bool(ranking.proposals)
        return float(near and bool(ranking.items)), "none satisfy: near misses with relaxations"
    wanted = min(5, len(satisfying))
    hits = sum(row in satisfying for row in rows[:wanted])
    return hits / wanted, f"{hits}/{wanted} of the top satisfy ({len(satisfying)} in the catalog)"


def precision_at_5(store: CatalogStore) -> dict[str, Any]:
    finders: dict[str, Finder] = {}
    scores, failures = [], []
    for case in load_cases():
        name = case["catalog"]
        if name not in finders:
            finders[name] = Finder(load_catalog(CATALOGS[name]), store=store)
        score, reason = check_case(case, finders[name])
        scores.append(score)
        if score < 1:
            failures.append({"id": case["id"], "turns": case["turns"], "score": score, "reason": reason})
    return {"cases": len(scores), "precision_at_5": round(float(np.mean(scores)), 4), "failures": failures}


# ---- speed --------------------------------------------------------------------------------------------
def scaled_catalog(rows: int) -> Path:
    """The built-in catalog resampled to ``rows`` rows (product texts kept, prices moved by up to ±10%)."""
    return build(BUILTIN_CATALOG, rows, seed=11, unique_names=False)


def pandas_baseline(finder: Finder, text: str) -> float:
    """Milliseconds for a plain pandas mask of the same hard constraints, then a sort by price."""
    state = finder.conversation().dialogue.say(text)
    table = finder.catalog.table
    start = time.perf_counter()
    mask = pd.Series(True, index=table.index)
    for c in state.constraints:
        if c.hard:
            column = table[c.attribute]
            if c.op in ("==", "in"):
                mask &= column.isin(c.value if isinstance(c.value, tuple) else [c.value])
            elif c.op in ("!=", "not_in"):
                mask &= ~column.isin(c.value if isinstance(c.value, tuple) else [c.value])
            elif c.op in ("<=", "<"):
                mask &= column <= c.value
            elif c.op in (">=", ">"):
                mask &= column >= c.value
            elif c.op == "between":
                mask &= column.between(*c.value)
    table[mask].sort_values(finder.catalog.schema.price_column).head(5)
    return (time.perf_counter() - start) * 1000


def latency(rows: int, store: CatalogStore, repeats: int = 10) -> dict[str, Any]:
    catalog = load_catalog(scaled_catalog(rows), store=store)
    finder = Finder(catalog, store=store)
    times, structured, baseline = [], [], []
    for _ in range(repeats):
        for text in TURNS:
            conversation = finder.conversation()
            embeddings.embed_query.cache_clear()  # every turn pays for its own query embedding
            turn = conversation.say(text)
            times.append(turn.timing_ms["total"])
            if not turn.state.soft_text and not turn.state.avoid_text:
                structured.append(turn.timing_ms["total"])  # no model call needed
            baseline.append(pandas_baseline(finder, text))
    return {
        "rows": rows,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(_p95(times), 1),
        "structured_p95_ms": round(_p95(structured), 1),
        "pandas_p50_ms": round(statistics.median(baseline), 2),
        "ratio_p50": round(statistics.median(times) / statistics.median(baseline), 1),
        "rss_mb": _rss_mb(),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _rss_mb() -> int:
    """Resident memory of this process now (the catalog, its table and vectors, the model)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return -1


def embedding_speed(store_root: Path) -> dict[str, float]:
    catalog = load_catalog(BUILTIN_CATALOG)
    store = CatalogStore(store_root)
    start = time.perf_counter()
    vectors = CatalogVectors(catalog, store)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    CatalogVectors(catalog, store)
    warm = time.perf_counter() - start
    unique = len(vectors.vectors)
    return {
        "texts": unique,
        "rows_per_s": round(unique / cold, 1),
        "cold_s": round(cold, 1),
        "cache_hit_ms": round(warm * 1000, 1),
    }


def million_texts_dot() -> float:
    """Milliseconds for the semantic score's worst case: one query against 1M distinct vectors."""
    million = np.random.default_rng(0).standard_normal((1_000_000, 384), dtype=np.float32)
    start = time.perf_counter()
    for _ in range(5):
        million @ million[0]
    return round((time.perf_counter() - start) / 5 * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = CatalogStore(Path(tmp) / "catalogs")
        out: dict[str, Any] = {"embedding": embedding_speed(Path(tmp) / "cold")}
        e = out["embedding"]
        print(
            f"embedding: {e['texts']} texts in {e['cold_s']} s ({e['rows_per_s']} texts/s), cache hit "
            f"{e['cache_hit_ms']} ms"
        )
        quality = precision_at_5(store)
        out["quality"] = quality
        print(f"precision@5 over {quality['cases']} cases: {quality['precision_at_5']:.3f}")
        for failure in quality["failures"]:
            print("  miss:", json.dumps(failure, ensure_ascii=False))
        header = ("rows", "p50 ms", "p95 ms", "p95 no-model", "pandas ms", "ratio", "RSS MB")
        print("{:>10} {:>8} {:>8} {:>13} {:>10} {:>6} {:>8}".format(*header))
        out["latency"] = []
        for size in args.sizes:
            result = latency(size, store)
            out["latency"].append(result)
            print(
                f"{result['rows']:>10,} {result['p50_ms']:>8} {result['p95_ms']:>8} {result['structured_p95_ms']:>13} "
                f"{result['pandas_p50_ms']:>10} "
                f"{result['ratio_p50']:>6} {result['rss_mb']:>8}",
                flush=True,
            )
        out["dot_1m_ms"] = million_texts_dot()
        print(f"worst case for semantic scoring, 1M distinct texts: {out['dot_1m_ms']} ms per query")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
