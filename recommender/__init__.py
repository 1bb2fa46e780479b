"""Conversational product finder: catalogs, language, ranking, preference models and feedback.

``recommender`` never imports streamlit; the app in ``streamlit_app.py`` only draws what it returns.
"""

import os

# Idle OpenMP threads spin a moment, then sleep. Set before torch is first imported (its OpenMP runtime
# reads it once). torch's default spins about 3 ms (GNU OpenMP: 300,000 spins) and fights any other process
# for the 2 cores; sleeping at once (OMP_WAIT_POLICY=PASSIVE) pays a wake-up between every two of a training
# step's short parallel regions, about 15% slower alone. 2,000 spins (some 20 microseconds, about the gap
# between two operators) keeps most of the speed alone and a training epoch within 3x its quiet time beside
# a busy neighbour (docs/BENCHMARKS.md, "A shared CPU"). A wait policy the user sets is kept.
if "OMP_WAIT_POLICY" not in os.environ:
    os.environ.setdefault("GOMP_SPINCOUNT", "2000")  # GNU OpenMP, which torch's Linux wheels use
    os.environ.setdefault("KMP_BLOCKTIME", "0")  # LLVM/Intel OpenMP (macOS wheels): milliseconds, so sleep at once
