"""Conversational product finder: catalogs, language, ranking, preference models and feedback.

``recommender`` never imports streamlit; the app in ``streamlit_app.py`` only draws what it returns.
"""

import os

# Idle OpenMP threads must sleep, not spin. Set before torch is first imported (its OpenMP runtime reads
# it once): spinning threads fight any other process for the 2 cores, and a training epoch beside one
# busy process took 5x its quiet time instead of about 2x (docs/BENCHMARKS.md, "A shared CPU").
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
