"""What a hostile or careless turn costs next to a normal one, on the built-in catalog.

    python -m benchmarks.hostile_turns [--repeats 5] [--json OUT]

Each turn is said in a fresh conversation (parse + rank + explain), ``--repeats`` times; the figure is
the median per turn. Hostile turns: a pasted 10 MB, 2,000 characters of numbers, of numbers with units,
of comparator and attribute words, of symbols, a 400-digit number, negative amounts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from recommender.catalog import BUILTIN_CATALOG, load_catalog
from recommender.finder import Finder

NORMAL = [
    "a laptop with 16gb ram under 60000",
    "phone with a good camera and 5000mah battery",
    "i need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000",
    "something light for travel, not gaming",
]


def hostile(seed: int = 3) -> dict[str, str]:
    rng = random.Random(seed)
    units = ["gb", "kg", "mah", "inch", "hz", "tb", "mp", "w"]
    vocabulary = ["not", "no", "under", "over", "ram", "gb", "between", "and", "or", "laptop", "1", "cheap", "-"]
    return {
        "10 MB pasted": "laptop " * (10_000_000 // 7),
        "2,000 chars of numbers": " ".join(str(rng.randint(1, 99_999)) for _ in range(400))[:2000],
        "2,000 chars of numbers with units": " ".join(f"{rng.randint(1, 999)}{rng.choice(units)}" for _ in range(300))[
            :2000
        ],
        "2,000 chars of comparators and words": " ".join(rng.choice(vocabulary) for _ in range(600))[:2000],
        "2,000 chars of symbols": "<>[](){}*_~`|" * 160,
        "a 400-digit number": "under " + "9" * 400 + " rupees",
        "negative amounts": "under -5 rupees with RAM -8GB",
    }


def median_ms(finder: Finder, text: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        finder.conversation().say(text)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    finder = Finder(load_catalog(BUILTIN_CATALOG), learned=False)
    for text in NORMAL:  # the language model and the caches are loaded before anything is timed
        finder.conversation().say(text)
    normal = {text: round(median_ms(finder, text, args.repeats), 1) for text in NORMAL}
    attacks = {name: round(median_ms(finder, text, args.repeats), 1) for name, text in hostile().items()}
    slowest_normal, worst = max(normal.values()), max(attacks, key=attacks.get)
    out = {
        "normal_ms": normal,
        "hostile_ms": attacks,
        "worst_hostile": worst,
        "worst_over_slowest_normal": round(attacks[worst] / slowest_normal, 2),
    }
    for name, ms in [*normal.items(), *attacks.items()]:
        print(f"{ms:8.1f} ms  {name[:60]}")
    ratio = out["worst_over_slowest_normal"]
    print(f"worst hostile turn ({worst}): {attacks[worst]:.1f} ms, {ratio}x the slowest normal")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
