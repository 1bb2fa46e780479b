"""Preparing catalogs for matching by meaning: speed, quality kept, and a fresh start of the app.

    python -m benchmarks.preparation [--sizes 20000 100000] [--quality-sample 600] [--json OUT]

- **Speed**: catalogs of N rows resampled from the built-in one with a distinct name per row (so every
  row has its own product text), read and embedded from an empty cache: seconds to the first answer and
  product texts per second, on the fast path (longest first, fixed chunks, bfloat16 where the CPU has
  it) and, on a sample of the same texts, the way embedding worked before (file order, batches of 64,
  float32).
- **Quality**: for free-text queries on the built-in catalog and every shared real catalog, the top 10
  by meaning of the fast path against the top 10 of float32 MiniLM over the same full texts (overlap@10,
  averaged); catalogs are sampled to ``--quality-sample`` distinct texts to keep the float32 side short.
- **Fresh start**: seconds from starting the app (Streamlit's AppTest, empty cache) to a chat box.
- **End to end** (``--end-to-end N``): a catalog of N rows resampled from the built-in one (names kept,
  so rows share product texts as variants of one model do), from file to first answer with an empty
  cache, then a few turns; seconds per stage and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.inspect_scale import build
from benchmarks.parser import CATALOGS
from recommender import embeddings
from recommender.catalog import BUILTIN_CATALOG, Catalog, CatalogStore, load_catalog
from recommender.finder import Conversation, Finder
from recommender.ranking.semantic import product_texts

ROOT = Path(__file__).resolve().parents[1]
QUERIES = {
    "builtin": [
        "a laptop for my kid's online classes",
        "phone for video calls and netflix",
        "light for travel",
        "gaming beast",
        "business laptop for spreadsheets",
        "selfie phone",
        "simple phone for my parents",
        "video editing machine",
        "phone with a battery that lasts",
        "thin laptop with a great screen",
    ],
    "kaggle": [
        "gaming laptop",
        "ultrabook for travel",
        "workstation for 3d",
        "cheap student notebook",
        "touchscreen convertible",
        "macbook",
        "business thinkpad",
        "big screen laptop",
        "light netbook",
        "laptop with nvidia graphics",
    ],
    "flipkart": [
        "gaming laptop",
        "thin and light",
        "student laptop",
        "laptop for office work",
        "oled laptop",
        "laptop with long battery",
        "creator laptop",
        "chromebook",
        "2 in 1 laptop",
        "budget laptop",
    ],
    "phones": [
        "camera phone",
        "gaming phone",
        "phone with big battery",
        "compact phone",
        "5g flagship",
        "budget phone",
        "phone for seniors",
        "fast charging phone",
        "phone with amoled display",
        "iphone",
    ],
    "cameras": [
        "compact travel camera",
        "camera with a big zoom",
        "professional dslr",
        "cheap point and shoot",
        "waterproof camera",
        "camera for wildlife",
        "slim pocket camera",
        "camera for my kids",
        "high resolution camera",
        "canon powershot",
    ],
    "cars": [
        "family suv",
        "small city car",
        "diesel sedan",
        "automatic hatchback",
        "luxury car",
        "car with good mileage",
        "seven seater",
        "sporty car",
        "first car for a student",
        "honda city",
    ],
    "furniture": [
        "sofa for a small flat",
        "bed for a child",
        "outdoor chairs",
        "tv bench",
        "desk for home office",
        "storage for toys",
        "bookcase",
        "wardrobe with mirror",
        "bar stool",
        "dining table for six",
    ],
}


# ---- speed --------------------------------------------------------------------------------------------
def preparation_speed(rows: int, baseline_sample: int) -> dict[str, Any]:
    """Seconds from file to first answer with an empty cache, and texts/s, fast path vs the old way."""
    path = build(BUILTIN_CATALOG, rows, seed=13, unique_names=True)
    embeddings.encoder()  # the model load is the same for both ways: measured apart
    with tempfile.TemporaryDirectory() as home:
        catalog, finder, _, seconds = _first_answer(path, Path(home), "a light laptop for college")
    distinct = len(finder.ranker.vectors.vectors)
    texts = [str(t) for t in pd.unique(product_texts(catalog))][:baseline_sample]
    before = time.perf_counter()
    _old_way(texts)
    old_rate = len(texts) / (time.perf_counter() - before)
    fast_rate = distinct / seconds["prepare_s"]
    return {
        "rows": rows,
        "distinct_texts": distinct,
        "read_s": round(seconds["read_s"], 2),
        "embed_s": round(seconds["prepare_s"], 2),
        "first_answer_s": round(seconds["first_answer_s"], 2),
        "fast_texts_per_s": round(fast_rate, 1),
        "old_texts_per_s": round(old_rate, 1),
        "speedup": round(fast_rate / old_rate, 2),
    }


def _first_answer(path: Path, home: Path, text: str) -> tuple[Catalog, Finder, Conversation, dict[str, float]]:
    """Read ``path``, prepare it in an empty cache ``home`` and answer ``text``: the catalog, the finder, the
    conversation and the seconds of each stage (``read_s``, ``prepare_s``, ``first_answer_s`` from the start)."""
    started = time.perf_counter()
    catalog = load_catalog(path)
    loaded = time.perf_counter()
    finder = Finder(catalog, store=CatalogStore(home), learned=False)
    ready = time.perf_counter()
    talk = finder.conversation()
    talk.say(text)
    answered = time.perf_counter()
    seconds = {"read_s": loaded - started, "prepare_s": ready - loaded, "first_answer_s": answered - started}
    return catalog, finder, talk, seconds


def _old_way(texts: list[str]) -> np.ndarray:
    """How embedding worked before: file order, batches of 64, float32."""
    model = embeddings.encoder()
    out = [model.encode(texts[i : i + 64], batch_size=64, normalize_embeddings=True) for i in range(0, len(texts), 64)]
    return np.vstack(out)


def end_to_end(rows: int) -> dict[str, Any]:
    """File to first answer with an empty cache for ``rows`` resampled rows, a few turns, peak memory."""
    path = build(BUILTIN_CATALOG, rows, seed=7, unique_names=False)
    turns = ["a light laptop for college", "under 60000", "with 16gb ram", "a phone with a good camera"]
    with tempfile.TemporaryDirectory() as home:
        _, finder, talk, seconds = _first_answer(path, Path(home), turns[0])
        latencies = []
        for text in turns[1:]:
            before = time.perf_counter()
            talk.say(text)
            latencies.append(time.perf_counter() - before)
    return {
        "rows": rows,
        "distinct_texts": len(finder.ranker.vectors.vectors),
        **{stage: round(value, 2) for stage, value in seconds.items()},
        "later_turn_median_ms": round(1000 * statistics.median(latencies), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


# ---- quality ------------------------------------------------------------------------------------------
def quality(sample: int) -> dict[str, float]:
    """overlap@10 of the fast path with float32 MiniLM over the same full texts, per catalog."""
    out = {}
    for name, queries in QUERIES.items():
        if not Path(CATALOGS[name]).is_file():
            continue
        texts = [str(t) for t in pd.unique(product_texts(load_catalog(CATALOGS[name])))][:sample]
        fast = embeddings.embed(texts).astype(np.float16).astype(np.float32)  # as cached: float16
        exact = _old_way(texts)
        query_vectors = _old_way(queries)
        overlaps = []
        for q in query_vectors:
            a, b = set(np.argsort(-(fast @ q))[:10]), set(np.argsort(-(exact @ q))[:10])
            overlaps.append(len(a & b) / 10)
        out[name] = round(float(np.mean(overlaps)), 3)
    out["mean"] = round(float(np.mean(list(out.values()))), 3)
    return out


# ---- fresh start --------------------------------------------------------------------------------------
def fresh_start(repeats: int = 3) -> dict[str, float]:
    """Seconds from starting a new process with the app (Streamlit's AppTest, empty cache) to a page with
    a chat box, interpreter start included."""
    script = (
        "from streamlit.testing.v1 import AppTest\n"
        f"app = AppTest.from_file({str(ROOT / 'streamlit_app.py')!r}, default_timeout=600).run()\n"
        "assert len(app.chat_input) == 1 and not app.exception, app.exception\n"
    )
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as home:
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PRODUCT_FINDER_HOME": home}, check=True
            )
            times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 2), "repeats": repeats}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000])
    parser.add_argument("--baseline-sample", type=int, default=600, help="texts embedded the old way, for the ratio")
    parser.add_argument("--quality-sample", type=int, default=600)
    parser.add_argument("--end-to-end", type=int, metavar="ROWS", help="only the end-to-end run of ROWS rows")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.end_to_end:
        result = end_to_end(args.end_to_end)
        print(json.dumps(result))
        if args.json:
            args.json.write_text(json.dumps(result, indent=2))
        return
    out: dict[str, Any] = {"bfloat16": embeddings.bfloat16()}
    out["fresh_start"] = fresh_start()
    print(f"fresh start to a chat box (empty cache): median {out['fresh_start']['median_s']:.2f} s")
    out["speed"] = []
    for rows in args.sizes:
        result = preparation_speed(rows, args.baseline_sample)
        out["speed"].append(result)
        print(
            f"{rows:>9,} rows ({result['distinct_texts']:,} texts): first answer {result['first_answer_s']:.1f} s "
            f"(read {result['read_s']:.1f} s, embed {result['embed_s']:.1f} s); {result['fast_texts_per_s']:.0f} "
            f"texts/s vs {result['old_texts_per_s']:.0f} the old way ({result['speedup']:.1f}x)"
        )
    out["quality"] = quality(args.quality_sample)
    print("overlap@10 with float32 MiniLM:", json.dumps(out["quality"]))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
