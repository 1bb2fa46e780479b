"""Server time per turn of the real app: one script run of ``streamlit_app.py`` per shopper action.

The app is driven through its widgets with streamlit's ``AppTest`` on the built-in catalog, the way a
browser drives it: every shopper action (a chat message, removing a need's chip, taking a relaxation,
starting over) is one ``at.run()``, which runs the whole script on the server (including a rerun the
action asks for) and builds every element the browser will draw: cards, chips, buttons, plotly figures.
We time each ``at.run()`` wall to wall. The first load (reading the catalog, loading the language model,
embedding or finding the catalog's vectors) is timed apart; then a scripted conversation of 30 varied
actions is replayed ``--repeats`` times, each repeat in a fresh session (the process-wide caches stay
warm, as on a running server). The browser's own drawing and the network are not included.

    python -m benchmarks.app_turn [--repeats 3] [--json OUT] [--profile OUT.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import threading
import time
from pathlib import Path
from typing import Any

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from benchmarks.ranking import _p95

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")

#: (action, argument): "say" a message, remove the "chip" whose label starts with the argument (or the
#: first chip when empty), take the first "relax" proposal, "compare" the first two products side by side,
#: "like" the second card, open the first card's "why" (its explanation dialog), or start a "new"
#: conversation.
SCRIPT: list[tuple[str, str]] = [
    ("say", "I need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000"),
    ("relax", ""),
    ("say", "make it 16gb ram"),
    ("relax", ""),
    ("chip", "price"),
    ("say", "not HP"),
    ("why", ""),
    ("compare", ""),
    ("say", "cheaper"),
    ("say", "with an SSD"),
    ("relax", ""),
    ("chip", ""),
    ("new", ""),
    ("say", "something for college under 45k, light"),
    ("say", "lenovo or dell"),
    ("like", ""),
    ("chip", ""),
    ("say", "gaming laptop with RTX graphics under 1 lakh"),
    ("compare", ""),
    ("new", ""),
    ("say", "phone with 8 gigs, not Samsung, under 20k"),
    ("say", "with 5g"),
    ("like", ""),
    ("why", ""),
    ("say", "under 15k"),
    ("chip", ""),
    ("say", "phone that is good for video calls and netflix under 25k"),
    ("new", ""),
    ("say", "a laptop for my kid's online classes, nothing flashy"),
    ("say", "with 32gb ram under 30k"),
    ("relax", ""),
    ("say", "lenovo or dell with 512gb ssd"),
    ("say", "16gb ram, under 60k"),
    ("compare", ""),
    ("chip", ""),
    ("say", "thin and light, i7"),
    ("relax", ""),
    ("say", "cheaper"),
]


def act(at: AppTest, action: str, argument: str) -> None:
    """Set up one shopper action on the app's widgets (the caller runs the script)."""
    if action == "say":
        at.chat_input[0].set_value(argument)
    elif action == "new":
        at.sidebar.button(key="reset").click()
    elif action == "compare":
        picker = at.main.multiselect[0]
        picker.set_value(picker.options[:2])
    else:
        key = {"chip": "chip-", "relax": "relax-", "like": "like-", "why": "why-"}[action]
        buttons = [b for b in at.main.button if (b.key or "").startswith(key) and b.label.startswith(argument)]
        if not buttons:
            raise ValueError(f"no {action} button labelled {argument!r}… among {[b.key for b in at.main.button]}")
        buttons[1 if action == "like" and len(buttons) > 1 else 0].click()


def share_script_cache() -> None:
    """Compile the app once, as the server does: AppTest otherwise compiles it on every run (~25 ms)."""
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def replay(at: AppTest) -> list[dict[str, Any]]:
    """Milliseconds of server time for each scripted action, in a session that has loaded once."""
    times = []
    for action, argument in SCRIPT:
        act(at, action, argument)
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(f"{action} {argument!r} raised: {at.exception[0].value}")
        times.append({"action": action, "argument": argument, "ms": elapsed})
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the script runs of the replays")
    args = parser.parse_args()
    share_script_cache()

    start = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=600).run()
    first_load = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the first load raised: {at.exception[0].value}")
    print(f"first load (catalog, language model, vectors): {first_load:.1f} s", flush=True)

    profile = cProfile.Profile() if args.profile else None
    runs: list[dict[str, Any]] = []
    for _ in range(args.repeats):
        at = AppTest.from_file(APP, default_timeout=600).run()  # a fresh session: the start page
        if profile:  # the script runs in its own thread: profile the threads started from now on
            threading.setprofile(lambda *_: profile.enable())
        runs.extend(replay(at))
        threading.setprofile(None)
    if profile:
        profile.dump_stats(args.profile)

    times = [r["ms"] for r in runs]
    by_action = {
        action: round(statistics.median(r["ms"] for r in runs if r["action"] == action), 1)
        for action in dict.fromkeys(a for a, _ in SCRIPT)
    }
    out = {
        "first_load_s": round(first_load, 1),
        "actions": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(_p95(times), 1),
        "max_ms": round(max(times), 1),
        "median_ms_by_action": by_action,
        "slowest": sorted(runs, key=lambda r: -r["ms"])[:5],
    }
    print(
        f"{len(times)} actions ({len(SCRIPT)} × {args.repeats}): p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, "
        f"max {out['max_ms']} ms"
    )
    print("median by action:", ", ".join(f"{a} {ms} ms" for a, ms in by_action.items()))
    for r in out["slowest"]:
        print(f"  slow: {r['action']} {r['argument']!r} {r['ms']:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
