"""Conversational product finder: catalogs, language, ranking, preference models and feedback.

``recommender`` never imports streamlit; the app in ``streamlit_app.py`` only draws what it returns.
"""

import os

# Idle OpenMP threads sleep at once instead of spinning. Set before torch is first imported (its OpenMP
# runtime reads it once). Spinning fights any other process for the 2 cores: beside a busy neighbour a
# SASRec epoch took 3.1-3.7x its quiet time spinning 3 ms or forever, and 3-12x with 200 us to 1 ms spins,
# against at most 2.4x sleeping. What sleeping costs alone, a wake-up for every operation two threads
# share, the trainer avoids: each core's worker thread trains its own part of a step on one thread
# (models/workers.py; docs/BENCHMARKS.md, "A shared CPU").
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
