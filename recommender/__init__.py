"""Conversational product finder: catalogs, language, ranking, preference models and feedback.

``recommender`` never imports streamlit; the app in ``streamlit_app.py`` only draws what it returns.
"""

import os

# Idle OpenMP threads sleep at once instead of spinning. Set before torch is first imported (its OpenMP
# runtime reads it once). torch's default spins about 3 ms and fights any other process for the 2 cores: a
# SASRec epoch beside a torch neighbour took 4.6x its quiet time, against 1.7x sleeping. A short spin (2,000
# spins, about 20 us) makes GRU/LSTM epochs a third shorter alone but doubles them beside that neighbour,
# and leaves SASRec, which the app trains, no faster alone (docs/BENCHMARKS.md, "A shared CPU").
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
